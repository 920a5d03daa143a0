// SPDX-License-Identifier: MIT
/*
 * A case's "probe" into the model (results_model_parts.h): the backend and level, what was joined and
 * lost, each phase's statistics and raw values (probe.phases, probe.phase_samples), and the copy_process
 * stages with their shares, Wilson intervals, sample counts and estimates (docs/results-schema.md,
 * "probe"). Every field read is type-checked; probe.kmem and the sampling details no reader shows are
 * left out.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "results_fields.h"
#include "results_model_parts.h"

static struct sb_rphase *phase_named(struct sb_rprobe *p, const char *name)
{
	for (size_t i = 0; i < p->nphases; i++)
		if (p->phases[i].name && !strcmp(p->phases[i].name, name))
			return &p->phases[i];
	return NULL;
}

static int read_phases(struct sb_rprobe *p, const json_t *j, const struct sb_fctx *x)
{
	const json_t *phases, *raw, *v;
	const char *name;
	char field[200];
	if (sb_field_object(x, j, "probe", "phases", &phases) || sb_field_object(x, j, "probe", "phase_samples", &raw))
		return -1;
	if (!(p->phases = calloc(json_object_size(phases) + json_object_size(raw) + 1, sizeof(*p->phases))))
		return sb_fail(x, "out of memory");
	json_object_foreach((json_t *)phases, name, v) {
		struct sb_rphase *ph = &p->phases[p->nphases++];
		snprintf(field, sizeof(field), "probe.phases.%.100s", name);
		*ph = (struct sb_rphase){ .name = name, .in_phases = 1 };
		if (!json_is_object(v))
			return sb_fail(x, "%s is not an object", field);
		if (sb_field_stats(x, v, field, &ph->s))
			return -1;
	}
	json_object_foreach((json_t *)raw, name, v) {
		struct sb_rphase *ph = phase_named(p, name);
		if (!ph) {
			ph = &p->phases[p->nphases++];
			*ph = (struct sb_rphase){ .name = name };
		}
		snprintf(field, sizeof(field), "probe.phase_samples.%.100s", name);
		if (sb_field_numbers(x, v, field, &ph->v, &ph->n))
			return -1;
	}
	return 0;
}

static int read_stage(struct sb_rstage *s, const json_t *e, size_t i, const struct sb_fctx *x)
{
	char pre[48];
	snprintf(pre, sizeof(pre), "probe.stages[%zu]", i);
	if (!json_is_object(e))
		return sb_fail(x, "%s is not an object", pre);
	return sb_field_str(x, e, pre, "name", &s->name) || sb_field_num(x, e, pre, "share", &s->share) ||
			       sb_field_num(x, e, pre, "share_ci95_low", &s->share_ci95_low) ||
			       sb_field_num(x, e, pre, "share_ci95_high", &s->share_ci95_high) ||
			       sb_field_num(x, e, pre, "samples", &s->samples) ||
			       sb_field_num(x, e, pre, "est_ns", &s->est_ns)
		       ? -1
		       : 0;
}

static int read_stages(struct sb_rprobe *p, const json_t *j, const struct sb_fctx *x)
{
	const json_t *stages, *e;
	size_t i;
	if (sb_field_array(x, j, "probe", "stages", &stages))
		return -1;
	p->has_stages = stages != NULL;
	if (!stages)
		return 0;
	if (!(p->stages = calloc(json_array_size(stages) + 1, sizeof(*p->stages))))
		return sb_fail(x, "out of memory");
	json_array_foreach(stages, i, e) {
		if (read_stage(&p->stages[i], e, i, x))
			return -1;
		p->nstages++;
	}
	return 0;
}

void sb_rprobe_free(struct sb_rprobe *p)
{
	if (!p)
		return;
	for (size_t i = 0; i < p->nphases; i++)
		free(p->phases[i].v);
	free(p->phases);
	free(p->stages);
	free(p);
}

int sb_rprobe_read(const json_t *j, struct sb_rprobe **out, const char *where, char *err, size_t errlen)
{
	const struct sb_fctx x = { where, err, errlen };
	struct sb_rprobe *p = calloc(1, sizeof(*p));
	*out = NULL;
	if (!p)
		return sb_fail(&x, "out of memory");
	if (!json_is_object(j)) {
		sb_fail(&x, "\"probe\" is not an object");
		goto fail;
	}
	if (sb_field_str(&x, j, "probe", "backend", &p->backend) || sb_field_str(&x, j, "probe", "level", &p->level) ||
	    sb_field_str(&x, j, "probe", "reason", &p->reason) ||
	    sb_field_num(&x, j, "probe", "spawns_joined", &p->spawns_joined) ||
	    sb_field_num(&x, j, "probe", "spawns_unjoined", &p->spawns_unjoined) ||
	    sb_field_num(&x, j, "probe", "lost_events", &p->lost_events) ||
	    sb_field_num(&x, j, "probe", "stage_samples_total", &p->stage_samples_total) || read_phases(p, j, &x) ||
	    read_stages(p, j, &x))
		goto fail;
	*out = p;
	return 0;
fail:
	sb_rprobe_free(p);
	return -1;
}
