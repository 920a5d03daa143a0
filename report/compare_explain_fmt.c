// SPDX-License-Identifier: MIT
/*
 * An explanation (compare_explain.c) in words and as JSON: the one line under a regression or improvement,
 * and the "explanation" object of compare's JSON (docs/ci.md lists its fields).
 */
#include "compare_explain.h"

#include <math.h>
#include <string.h>

#include "compare_stats.h"

void sb_xp_fmt_delta(char *buf, size_t len, double ns)
{
	double a = fabs(ns);

	if (isnan(ns))
		snprintf(buf, len, "?");
	else if (a < 1e3)
		snprintf(buf, len, "%+.0f ns", ns);
	else if (a < 1e6)
		snprintf(buf, len, "%+.0f µs", ns / 1e3);
	else if (a < 1e9)
		snprintf(buf, len, "%+.2f ms", ns / 1e6);
	else
		snprintf(buf, len, "%+.3f s", ns / 1e9);
}

/* "[+820, +960]" in the unit sb_xp_fmt_delta chose for the change itself, or "" when there is no interval. */
static void fmt_interval(char *buf, size_t len, const struct sb_xp_change *c)
{
	double a = fabs(c->delta), div = a < 1e3 ? 1 : a < 1e6 ? 1e3 : a < 1e9 ? 1e6 : 1e9;
	int prec = div == 1e6 ? 2 : div == 1e9 ? 3 : 0;

	if (!isfinite(c->lo) || !isfinite(c->hi) || !isfinite(c->delta))
		buf[0] = 0;
	else
		snprintf(buf, len, " [%+.*f, %+.*f]", prec, c->lo / div, prec, c->hi / div);
}

#define APPEND(...) (void)(used < len && (used += snprintf(buf + used, len - used, __VA_ARGS__)))

void sb_explain_line(const struct sb_explain *x, char *buf, size_t len)
{
	size_t used = 0;
	double covered = 0;
	const char *sep = "";
	char d[32], iv[48];

	buf[0] = 0;
	if (!x->have) {
		APPEND("%s", x->why);
		return;
	}
	/* The stages that carry the change: the first, and more while they add up to less than 90% of it. */
	for (size_t i = 0; i < x->nstages && i < 3; i++) {
		const struct sb_xp_change *c = &x->stage[i];

		if (i && (covered >= 0.9 || !(fabs(c->carry) >= 0.05)))
			break;
		sb_xp_fmt_delta(d, sizeof(d), c->delta);
		fmt_interval(iv, sizeof(iv), c);
		APPEND("%s%s %s%s", sep, c->name, d, iv);
		if (isfinite(c->carry))
			APPEND(" (%.0f%% of it)", c->carry * 100);
		covered += isfinite(c->carry) ? c->carry : 0;
		sep = ", ";
	}
	/* The phase inside the metric's span that moved most (sums of other phases left out). */
	const struct sb_xp_change *top = NULL;
	for (size_t i = 0; i < x->nphases; i++)
		if (sb_xp_phase_in_metric(x->metric, x->phase[i].name) && isfinite(x->phase[i].delta) &&
		    (!top || fabs(x->phase[i].delta) > fabs(top->delta)))
			top = &x->phase[i];
	if (top) {
		size_t l = strlen(top->name);

		sb_xp_fmt_delta(d, sizeof(d), top->delta);
		/* Phase names end in _ns in the files; the line reads better without it. */
		APPEND("%s%.*s %s", sep, (int)(l > 3 && !strcmp(top->name + l - 3, "_ns") ? l - 3 : l), top->name, d);
		fmt_interval(iv, sizeof(iv), top);
		APPEND("%s", iv);
		if (isfinite(top->carry))
			APPEND(" (%.0f%% of it", top->carry * 100);
		if (isfinite(top->p))
			APPEND(top->p < 0.001 ? "%sp<0.001" : "%sp=%.3f", isfinite(top->carry) ? ", " : " (", top->p);
		if (isfinite(top->carry) || isfinite(top->p))
			APPEND(")");
		sep = ", ";
	}
	if (x->stage_note[0])
		APPEND("%s%s", sep, x->stage_note);
	else if (x->note[0])
		APPEND("%s%s", sep, x->note);
	for (size_t i = 0; i < x->ncounters; i++)
		APPEND("%s%s %+.4g", i ? ", " : used ? "; " : "", x->counter[i].name, x->counter[i].delta);
}

static void set_num(json_t *o, const char *k, double v)
{
	if (isfinite(v))
		json_object_set_new(o, k, json_real(v));
}

static json_t *change_json(const struct sb_xp_change *c, int stage)
{
	json_t *o = json_pack("{s:s}", "name", c->name);

	if (!o)
		return NULL;
	set_num(o, "base", c->base);
	set_num(o, "new", c->new_);
	set_num(o, "delta", c->delta);
	set_num(o, "delta_ci95_low", c->lo);
	set_num(o, "delta_ci95_high", c->hi);
	set_num(o, "ratio", c->ratio);
	set_num(o, "ratio_ci95_low", c->ratio_lo);
	set_num(o, "ratio_ci95_high", c->ratio_hi);
	set_num(o, "p_value", c->p);
	set_num(o, "carry", c->carry);
	if (c->verdict >= 0)
		json_object_set_new(o, "verdict", json_string(sb_verdict_name(c->verdict)));
	if (stage) {
		set_num(o, "base_share", c->base_share);
		set_num(o, "new_share", c->new_share);
		json_object_set_new(o, "base_samples", json_integer((json_int_t)c->base_samples));
		json_object_set_new(o, "new_samples", json_integer((json_int_t)c->new_samples));
	}
	return o;
}

static json_t *list_json(const struct sb_xp_change *c, size_t n, int stage)
{
	json_t *a = json_array();

	for (size_t i = 0; a && i < n; i++)
		json_array_append_new(a, change_json(&c[i], stage));
	return a;
}

json_t *sb_explain_json(const struct sb_explain *x)
{
	char line[1024];
	json_t *o;

	sb_explain_line(x, line, sizeof(line));
	o = json_pack("{s:b, s:s, s:s}", "available", x->have, "metric", x->metric, "summary", line);
	if (!o)
		return NULL;
	set_num(o, "change", x->change);
	if (!x->have) {
		json_object_set_new(o, "reason", json_string(x->why));
		return o;
	}
	if (x->base_backend[0])
		json_object_set_new(o, "backends", json_pack("{s:s, s:s}", "base", x->base_backend, "new", x->new_backend));
	json_object_set_new(o, "stages_exact", json_boolean(x->exact && x->nstages));
	json_object_set_new(o, "phases", list_json(x->phase, x->nphases, 0));
	json_object_set_new(o, "stages", list_json(x->stage, x->nstages, 1));
	json_object_set_new(o, "counters", list_json(x->counter, x->ncounters, 0));
	if (x->stage_note[0])
		json_object_set_new(o, "stage_note", json_string(x->stage_note));
	if (x->note[0])
		json_object_set_new(o, "note", json_string(x->note));
	return o;
}
