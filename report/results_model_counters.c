// SPDX-License-Identifier: MIT
/*
 * A case's "counters" into the model (results_model_parts.h): each libpfm4 event with its scope and
 * status, its per-spawn values and statistics, and for an event that could not be counted the reason and
 * errno (docs/results-schema.md, "counters"). Every field read is type-checked; counters.derived, which
 * no reader shows, is left out.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include "results_fields.h"
#include "results_model_parts.h"

static int read_event(struct sb_rcounter *e, const json_t *j, size_t i, const struct sb_fctx *x)
{
	char pre[48], field[64];
	const json_t *samples, *stats;
	snprintf(pre, sizeof(pre), "counters.events[%zu]", i);
	if (!json_is_object(j))
		return sb_fail(x, "%s is not an object", pre);
	if (sb_field_str(x, j, pre, "name", &e->name) || sb_field_str(x, j, pre, "scope", &e->scope) ||
	    sb_field_str(x, j, pre, "status", &e->status) || sb_field_str(x, j, pre, "reason", &e->reason) ||
	    sb_field_str(x, j, pre, "encoding", &e->encoding) || sb_field_num(x, j, pre, "errno", &e->errno_value) ||
	    sb_field_bool(x, j, pre, "multiplexed", &e->multiplexed) ||
	    sb_field_bool(x, j, pre, "user_space_only", &e->user_space_only) ||
	    sb_field_array(x, j, pre, "samples", &samples) || sb_field_object(x, j, pre, "stats", &stats))
		return -1;
	snprintf(field, sizeof(field), "%s.samples", pre);
	if (samples && sb_field_numbers(x, samples, field, &e->v, &e->n))
		return -1;
	snprintf(field, sizeof(field), "%s.stats", pre);
	e->stats_fields = json_object_size(stats);
	return sb_field_stats(x, stats, field, &e->s);
}

void sb_rcounters_free(struct sb_rcounters *c)
{
	if (!c)
		return;
	for (size_t i = 0; i < c->nevents; i++)
		free(c->events[i].v);
	free(c->events);
	free(c);
}

int sb_rcounters_read(const json_t *j, struct sb_rcounters **out, const char *where, char *err, size_t errlen)
{
	const struct sb_fctx x = { where, err, errlen };
	struct sb_rcounters *c = calloc(1, sizeof(*c));
	const json_t *events, *e;
	size_t i;
	*out = NULL;
	if (!c)
		return sb_fail(&x, "out of memory");
	if (!json_is_object(j)) {
		sb_fail(&x, "\"counters\" is not an object");
		goto fail;
	}
	if (sb_field_array(&x, j, "counters", "events", &events))
		goto fail;
	if (!(c->events = calloc(json_array_size(events) + 1, sizeof(*c->events)))) {
		sb_fail(&x, "out of memory");
		goto fail;
	}
	json_array_foreach(events, i, e) {
		/* Counted before it is read, so a failure frees what it had taken. */
		c->nevents++;
		if (read_event(&c->events[i], e, i, &x))
			goto fail;
	}
	*out = c;
	return 0;
fail:
	sb_rcounters_free(c);
	return -1;
}
