// SPDX-License-Identifier: MIT
/*
 * Which cases an export, comparison or report covers (case_select.h). A case's key spells every axis as
 * "axis=value;...", so the axes a --where may name are exactly the key's tokens: no second list to keep.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "case_select.h"
#include "parse.h"

int sb_key_value(const char *key, const char *axis, char *buf, size_t len)
{
	size_t al = strlen(axis);
	for (const char *p = key; p && *p; p = strchr(p, ';') ? strchr(p, ';') + 1 : NULL) {
		if (!strncmp(p, axis, al) && p[al] == '=') {
			const char *v = p + al + 1;
			size_t vl = strcspn(v, ";");
			snprintf(buf, len, "%.*s", (int)vl, v);
			return 0;
		}
	}
	return -1;
}

int sb_select_option(struct sb_case_select *s, int opt, const char *arg, char *err, size_t errlen)
{
	if (opt == 'c') {
		if (s->nnames == SB_SELECT_MAX) {
			snprintf(err, errlen, "more than %d --case options", SB_SELECT_MAX);
			return -1;
		}
		s->names[s->nnames++] = arg;
		return 0;
	}
	const char *eq = strchr(arg, '=');
	if (!eq || eq == arg || !eq[1] || (size_t)(eq - arg) >= sizeof(s->where[0].axis)) {
		snprintf(err, errlen, "--where '%s': want AXIS=VALUE, e.g. method=fork or mem=64M", arg);
		return -1;
	}
	if (s->nwhere == SB_SELECT_MAX) {
		snprintf(err, errlen, "more than %d --where options", SB_SELECT_MAX);
		return -1;
	}
	struct sb_select_where *w = &s->where[s->nwhere++];
	*w = (struct sb_select_where){ .value = eq + 1 };
	snprintf(w->axis, sizeof(w->axis), "%.*s", (int)(eq - arg), arg);
	char perr[128];
	w->is_size = !sb_parse_size(w->value, &w->size, perr, sizeof(perr));
	return 0;
}

int sb_select_active(const struct sb_case_select *s)
{
	return s->nnames || s->nwhere;
}

static int value_matches(const struct sb_select_where *w, const char *v)
{
	if (!strcmp(v, w->value))
		return 1;
	uint64_t n;
	char perr[128];
	return w->is_size && !sb_parse_size(v, &n, perr, sizeof(perr)) && n == w->size;
}

int sb_select_note(struct sb_case_select *s, const char *key, const char *label)
{
	/* Files too old to have a key or a label still select by whichever they have. */
	key = key ? key : "";
	label = label ? label : key;
	if (!s->noted++) {
		/* The axes this file spells, for a message about an axis it lacks. */
		size_t o = 0;
		for (const char *p = key; p && *p && o < sizeof(s->axes) - 1; p = strchr(p, ';') ? strchr(p, ';') + 1 : NULL)
			o += (size_t)snprintf(s->axes + o, sizeof(s->axes) - o, "%s%.*s", o ? ", " : "",
					      (int)strcspn(p, "="), p);
	}
	if (s->nlabels < sizeof(s->labels) / sizeof(s->labels[0]))
		snprintf(s->labels[s->nlabels++], sizeof(s->labels[0]), "%s", label);
	int keep = !s->nnames;
	for (size_t i = 0; i < s->nnames; i++)
		if (!strcmp(s->names[i], label) || !strcmp(s->names[i], key)) {
			s->name_hits[i]++;
			keep = 1;
		}
	/* Per axis: any of the values given for it. */
	for (size_t i = 0; i < s->nwhere; i++) {
		int first = 1;
		for (size_t k = 0; k < i; k++)
			first &= !!strcmp(s->where[k].axis, s->where[i].axis);
		if (!first)
			continue;
		char v[256];
		int has = !sb_key_value(key, s->where[i].axis, v, sizeof(v)), any = 0;
		for (size_t k = i; k < s->nwhere; k++) {
			if (strcmp(s->where[k].axis, s->where[i].axis))
				continue;
			s->where[k].axis_seen |= has;
			any |= has && value_matches(&s->where[k], v);
		}
		keep &= any;
	}
	s->kept += keep;
	return keep;
}

int sb_select_verdict(const struct sb_case_select *s, char *err, size_t errlen)
{
	for (size_t i = 0; i < s->nwhere; i++)
		if (!s->where[i].axis_seen) {
			snprintf(err, errlen, "--where %s=%s: no case has the axis '%s' (axes: %s)", s->where[i].axis,
				 s->where[i].value, s->where[i].axis, s->axes);
			return -1;
		}
	for (size_t i = 0; i < s->nnames; i++)
		if (!s->name_hits[i]) {
			size_t o = (size_t)snprintf(err, errlen, "--case '%s': no case has that label or key (cases include ",
						    s->names[i]);
			for (size_t k = 0; k < s->nlabels && o < errlen; k++)
				o += (size_t)snprintf(err + o, errlen - o, "%s'%s'", k ? ", " : "", s->labels[k]);
			if (o < errlen)
				snprintf(err + o, errlen - o, "%s)", s->noted > s->nlabels ? ", ..." : "");
			return -1;
		}
	if (sb_select_active(s) && !s->kept) {
		snprintf(err, errlen, "no case matches every --case and --where given (%zu cases in the inputs)", s->noted);
		return -1;
	}
	return 0;
}

void sb_select_pool(struct sb_case_select *s, struct sb_pool *p)
{
	size_t out = 0;
	for (size_t i = 0; i < p->ncases; i++) {
		struct sb_pool_case *c = &p->cases[i];
		if (sb_select_note(s, c->key, c->label)) {
			p->cases[out++] = *c;
			continue;
		}
		sb_pool_case_free(c);
	}
	p->ncases = out;
	sb_pool_reindex(p);
}
