// SPDX-License-Identifier: MIT
/*
 * Where a change went (compare_explain.h). Phases are compared on their raw per-spawn values with the
 * same test and bootstrap as compare's metrics; stages are compared as estimates, share x copy_process
 * median, each with a 95% interval propagated from the share's Wilson interval and the median's
 * order-statistic interval (docs/statistics.md, "Where the change went"); counters on their per-spawn
 * values. Returns 0 or -1 as the header says; every "cannot tell" lands in why / stage_note / note.
 */
#include "compare_explain.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "compare_stats.h"
#include "stats.h"

/* Phases that are sums of others: left out of the one-line summary, which names the part that moved. */
static const char *const aggregate_phases[] = { "syscall_ns", "call_to_return_ns", "syscall_to_child_run_ns",
						"syscall_to_exec_ns" };

static int is_aggregate(const char *name)
{
	for (size_t i = 0; i < sizeof(aggregate_phases) / sizeof(aggregate_phases[0]); i++)
		if (!strcmp(name, aggregate_phases[i]))
			return 1;
	return 0;
}

/* The phases that partition a metric's span, for the metrics a spawn is timed by. */
static const char *const create_phases[] = { "call_to_syscall_ns", "syscall_to_copy_done_ns",
					     "copy_done_to_fork_event_ns", "fork_event_to_wakeup_ns",
					     "wakeup_to_return_ns", "return_to_caller_ns", NULL };
static const char *const start_phases[] = { "call_to_syscall_ns", "syscall_to_copy_done_ns",
					    "copy_done_to_fork_event_ns", "fork_event_to_wakeup_ns",
					    "wakeup_to_child_run_ns", NULL };
static const char *const syscall_phases[] = { "syscall_to_copy_done_ns", "copy_done_to_fork_event_ns",
					      "fork_event_to_wakeup_ns", "wakeup_to_return_ns", NULL };

int sb_xp_phase_in_metric(const char *metric, const char *phase)
{
	const char *const *set = !strcmp(metric, "create_ns") ? create_phases
				 : !strcmp(metric, "start_ns")  ? start_phases
				 : !strcmp(metric, "syscall_ns") ? syscall_phases
								 : NULL;

	if (is_aggregate(phase))
		return 0;
	if (!set)
		return 1; /* total_ns, exec_ns: the whole life of the spawn */
	for (; *set; set++)
		if (!strcmp(*set, phase))
			return 1;
	return 0;
}

static double num(const json_t *o, const char *k)
{
	const json_t *v = json_object_get(o, k);
	return json_is_number(v) ? json_number_value(v) : NAN;
}

/* A JSON array of numbers as doubles (malloc'd), or NULL (absent, empty, not numbers, no memory). */
static double *doubles(const json_t *a, size_t *n)
{
	size_t i, len = json_array_size(a);
	double *v = len ? malloc(len * sizeof(*v)) : NULL;
	const json_t *e;

	*n = 0;
	if (!v)
		return NULL;
	json_array_foreach(a, i, e) {
		if (!json_is_number(e)) {
			free(v);
			return NULL;
		}
		v[i] = json_number_value(e);
	}
	*n = len;
	return v;
}

/*
 * new - base of two estimates, each with its own 95% interval: the half-widths toward each side add in
 * quadrature, as for independent, roughly normal errors (docs/statistics.md).
 */
static void diff_interval(double b, double blo, double bhi, double n, double nlo, double nhi, double *lo,
			  double *hi)
{
	*lo = (n - b) - hypot(n - nlo, bhi - b);
	*hi = (n - b) + hypot(nhi - n, b - blo);
}

static struct sb_xp_change *slot(struct sb_xp_change *arr, size_t *n, size_t max, const char *name)
{
	struct sb_xp_change *c;

	if (*n == max)
		return NULL;
	c = &arr[(*n)++];
	*c = (struct sb_xp_change){ .base = NAN, .new_ = NAN, .delta = NAN, .lo = NAN, .hi = NAN, .ratio = NAN,
				    .ratio_lo = NAN, .ratio_hi = NAN, .p = NAN, .carry = NAN, .base_share = NAN,
				    .new_share = NAN, .verdict = -1 };
	snprintf(c->name, sizeof(c->name), "%s", name);
	return c;
}

static void set_carry(struct sb_xp_change *c, double change)
{
	c->carry = change != 0 && isfinite(change) ? c->delta / change : NAN;
}

/* One phase from raw values when both sides have them, else from the stats objects (no test then). */
static int one_phase(struct sb_explain *x, const json_t *bp, const json_t *np, const char *name,
		     double threshold, double alpha)
{
	const json_t *bs = json_object_get(json_object_get(bp, "phases"), name);
	const json_t *ns = json_object_get(json_object_get(np, "phases"), name);
	size_t nb = 0, nn = 0;
	double *b = doubles(json_object_get(json_object_get(bp, "phase_samples"), name), &nb);
	double *n = doubles(json_object_get(json_object_get(np, "phase_samples"), name), &nn);
	struct sb_stats sb, sn;
	struct sb_xp_change *c;
	int ret = 0;

	if (!json_is_object(ns) && !nn)
		goto out; /* the phase exists in base only (e.g. exec): nothing to compare */
	c = slot(x->phase, &x->nphases, SB_XP_MAX_PHASES, name);
	if (!c)
		goto out;
	if (b && n) {
		struct sb_verdict v;

		if (sb_stats_compute(b, nb, &sb) || sb_stats_compute(n, nn, &sn)) {
			ret = -1;
			goto out;
		}
		if (!sb_compare_metric(b, nb, n, nn, threshold, alpha, &v)) {
			c->ratio = v.ratio;
			c->ratio_lo = v.ratio_low;
			c->ratio_hi = v.ratio_high;
			c->p = v.p_value;
			c->verdict = v.verdict;
		}
	} else {
		/* Files from before phase_samples: medians and their intervals only. */
		sb = (struct sb_stats){ .median = num(bs, "median"), .ci95_low = num(bs, "ci95_low"),
					.ci95_high = num(bs, "ci95_high") };
		sn = (struct sb_stats){ .median = num(ns, "median"), .ci95_low = num(ns, "ci95_low"),
					.ci95_high = num(ns, "ci95_high") };
	}
	c->base = sb.median;
	c->new_ = sn.median;
	c->delta = sn.median - sb.median;
	diff_interval(sb.median, sb.ci95_low, sb.ci95_high, sn.median, sn.ci95_low, sn.ci95_high, &c->lo, &c->hi);
	if (sb_xp_phase_in_metric(x->metric, name))
		set_carry(c, x->change);
out:
	free(b);
	free(n);
	return ret;
}

static int explain_phases(struct sb_explain *x, const json_t *bp, const json_t *np, double threshold,
			  double alpha)
{
	const char *name;
	const json_t *v;

	json_object_foreach((json_t *)json_object_get(bp, "phases"), name, v) {
		if (one_phase(x, bp, np, name, threshold, alpha))
			return -1;
	}
	return 0;
}

/* Wilson score interval of k in n at 95% (as the probes compute it for the shares they write). */
static void wilson(double k, double n, double *lo, double *hi)
{
	const double z = 1.959964;
	double p = k / n, z2n = z * z / n;
	double mid = (p + z2n / 2) / (1 + z2n);
	double half = z * sqrt(p * (1 - p) / n + z2n / (4 * n)) / (1 + z2n);

	*lo = fmax(0, mid - half);
	*hi = fmin(1, mid + half);
}

struct side_stages {
	const json_t *stages;
	double total;            /* stage_samples_total */
	double cp, cp_lo, cp_hi; /* copy_process median and its 95% interval, ns */
};

static const json_t *find_stage(const json_t *stages, const char *name)
{
	size_t i;
	const json_t *e;

	json_array_foreach(stages, i, e) {
		if (!strcmp(json_string_value(json_object_get(e, "name")) ?: "", name))
			return e;
	}
	return NULL;
}

/*
 * One side's estimate of a stage: share x copy_process median, with the interval from the share's
 * (Wilson) and the median's intervals combined in quadrature on the relative scale.
 */
static void estimate(const struct side_stages *s, const char *name, int exact, double *share, double *samples,
		     double *est, double *lo, double *hi)
{
	const json_t *e = find_stage(s->stages, name);
	double sh = e ? num(e, "share") : 0, slo, shi;

	*samples = e ? num(e, "samples") : 0;
	*share = sh;
	if (exact) {
		/* Exact backends record the mean exclusive time per copy_process call, with no spread. */
		*est = e ? num(e, "est_ns") : 0;
		*lo = *hi = NAN;
		return;
	}
	if (e && isfinite(num(e, "share_ci95_low"))) {
		slo = num(e, "share_ci95_low");
		shi = num(e, "share_ci95_high");
	} else {
		wilson(*samples, s->total, &slo, &shi);
	}
	*est = sh * s->cp;
	if (sh > 0) {
		double rl = hypot((sh - slo) / sh, (s->cp - s->cp_lo) / s->cp);
		double rh = hypot((shi - sh) / sh, (s->cp_hi - s->cp) / s->cp);

		*lo = fmax(0, *est * (1 - rl));
		*hi = *est * (1 + rh);
	} else {
		/* No sample: the stage may still hold up to the Wilson bound of the time. */
		*lo = 0;
		*hi = shi * s->cp_hi;
	}
}

static int side_of(const json_t *probe, struct side_stages *s)
{
	const json_t *cp = json_object_get(json_object_get(probe, "phases"), "syscall_to_copy_done_ns");

	s->stages = json_object_get(probe, "stages");
	s->total = num(probe, "stage_samples_total");
	s->cp = num(cp, "median");
	s->cp_lo = num(cp, "ci95_low");
	s->cp_hi = num(cp, "ci95_high");
	return json_is_array(s->stages) && isfinite(s->cp) && s->cp > 0 ? 0 : -1;
}

static int is_exact(const char *backend)
{
	return !strcmp(backend, "fentry") || !strcmp(backend, "kprobe");
}

static double rank_key(const struct sb_xp_change *c, double change)
{
	return change < 0 ? -c->delta : c->delta;
}

/* Most of the change first (the largest rise for a regression, the largest fall for an improvement). */
static void rank_stages(struct sb_explain *x)
{
	for (size_t i = 1; i < x->nstages; i++) {
		struct sb_xp_change t = x->stage[i];
		size_t j = i;

		for (; j > 0 && rank_key(&x->stage[j - 1], x->change) < rank_key(&t, x->change); j--)
			x->stage[j] = x->stage[j - 1];
		x->stage[j] = t;
	}
}

static void add_stage(struct sb_explain *x, const struct side_stages *b, const struct side_stages *n,
		      const char *name)
{
	struct sb_xp_change *c;
	double bs, ns, blo, bhi, nlo, nhi;

	for (size_t i = 0; i < x->nstages; i++)
		if (!strcmp(x->stage[i].name, name))
			return;
	c = slot(x->stage, &x->nstages, SB_XP_MAX_STAGES, name);
	if (!c)
		return;
	estimate(b, name, x->exact, &c->base_share, &bs, &c->base, &blo, &bhi);
	estimate(n, name, x->exact, &c->new_share, &ns, &c->new_, &nlo, &nhi);
	c->base_samples = (uint64_t)bs;
	c->new_samples = (uint64_t)ns;
	c->delta = c->new_ - c->base;
	if (!x->exact)
		diff_interval(c->base, blo, bhi, c->new_, nlo, nhi, &c->lo, &c->hi);
	set_carry(c, x->change);
}

static void explain_stages(struct sb_explain *x, const json_t *bp, const json_t *np)
{
	struct side_stages b, n;
	size_t i;
	const json_t *e;

	if (!json_object_get(bp, "stages") || !json_object_get(np, "stages")) {
		snprintf(x->stage_note, sizeof(x->stage_note), "no stage data on %s (probe level phases): stages not compared",
			 !json_object_get(bp, "stages") && !json_object_get(np, "stages") ? "either side"
			 : !json_object_get(bp, "stages") ? "base" : "new");
		return;
	}
	if (is_exact(x->base_backend) != is_exact(x->new_backend)) {
		snprintf(x->stage_note, sizeof(x->stage_note),
			 "stage backends differ (%s in base, %s in new): exact times and sampled shares are not compared",
			 x->base_backend, x->new_backend);
		return;
	}
	x->exact = is_exact(x->base_backend);
	if (side_of(bp, &b) || side_of(np, &n)) {
		snprintf(x->stage_note, sizeof(x->stage_note), "no copy_process median on a side: stages not compared");
		return;
	}
	if (!x->exact && (!(b.total >= SB_XP_MIN_STAGE_SAMPLES) || !(n.total >= SB_XP_MIN_STAGE_SAMPLES))) {
		snprintf(x->stage_note, sizeof(x->stage_note),
			 "too few stage samples (%.0f in base, %.0f in new; %d needed per side): stages not compared",
			 isfinite(b.total) ? b.total : 0, isfinite(n.total) ? n.total : 0, SB_XP_MIN_STAGE_SAMPLES);
		return;
	}
	json_array_foreach(b.stages, i, e)
		add_stage(x, &b, &n, json_string_value(json_object_get(e, "name")) ?: "?");
	json_array_foreach(n.stages, i, e)
		add_stage(x, &b, &n, json_string_value(json_object_get(e, "name")) ?: "?");
	rank_stages(x);
}

static const json_t *find_counter(const json_t *events, const char *name, const char *scope)
{
	size_t i;
	const json_t *e;

	json_array_foreach(events, i, e) {
		if (!strcmp(json_string_value(json_object_get(e, "name")) ?: "", name) &&
		    !strcmp(json_string_value(json_object_get(e, "scope")) ?: "", scope) &&
		    !strcmp(json_string_value(json_object_get(e, "status")) ?: "", "ok"))
			return e;
	}
	return NULL;
}

static int explain_counters(struct sb_explain *x, const json_t *bc, const json_t *nc)
{
	const json_t *be = json_object_get(bc, "events"), *ne = json_object_get(nc, "events"), *e;
	size_t i;

	json_array_foreach(be, i, e) {
		const char *name = json_string_value(json_object_get(e, "name"));
		const char *scope = json_string_value(json_object_get(e, "scope"));
		const json_t *o = name && scope ? find_counter(ne, name, scope) : NULL;
		size_t nb, nn;
		double *b, *n;
		struct sb_stats sb, sn;
		struct sb_xp_change *c;
		char label[64];
		int bad;

		if (!o || !find_counter(be, name, scope))
			continue;
		b = doubles(json_object_get(e, "samples"), &nb);
		n = doubles(json_object_get(o, "samples"), &nn);
		snprintf(label, sizeof(label), "%s (%s)", name, scope);
		c = b && n ? slot(x->counter, &x->ncounters, SB_XP_MAX_COUNTERS, label) : NULL;
		bad = c && (sb_stats_compute(b, nb, &sb) || sb_stats_compute(n, nn, &sn));
		if (c && !bad) {
			c->base = sb.median;
			c->new_ = sn.median;
			c->delta = sn.median - sb.median;
			diff_interval(sb.median, sb.ci95_low, sb.ci95_high, sn.median, sn.ci95_low, sn.ci95_high,
				      &c->lo, &c->hi);
			c->p = sb_mann_whitney_p(b, nb, n, nn);
		}
		free(b);
		free(n);
		if (bad)
			return -1;
	}
	return 0;
}

static void copy_backend(char *dst, size_t len, const json_t *probe)
{
	snprintf(dst, len, "%s", json_string_value(json_object_get(probe, "backend")) ?: "?");
}

int sb_explain_cases(const json_t *base, const json_t *new_, const char *metric, double change,
		     double threshold, double alpha, struct sb_explain *x)
{
	const json_t *bp = json_object_get(base, "probe"), *np = json_object_get(new_, "probe");
	const json_t *bc = json_object_get(base, "counters"), *nc = json_object_get(new_, "counters");

	memset(x, 0, sizeof(*x));
	x->change = change;
	snprintf(x->metric, sizeof(x->metric), "%s", metric);
	if (bp && np) {
		copy_backend(x->base_backend, sizeof(x->base_backend), bp);
		copy_backend(x->new_backend, sizeof(x->new_backend), np);
		if (explain_phases(x, bp, np, threshold, alpha))
			goto oom;
		explain_stages(x, bp, np);
	} else if (bp || np) {
		snprintf(x->note, sizeof(x->note), "only %s carries probe data (%s was run without --probe): "
			 "phases and stages not compared", bp ? "base" : "new", bp ? "new" : "base");
	} else {
		snprintf(x->note, sizeof(x->note), "no probe data on either side: phases and stages not compared");
	}
	if (bc && nc && explain_counters(x, bc, nc))
		goto oom;
	x->have = x->nphases || x->nstages || x->ncounters;
	if (!x->have) {
		if (bp && np)
			snprintf(x->why, sizeof(x->why), "no explanation possible: the probe data hold no phase both sides measured");
		else if (bp || np)
			snprintf(x->why, sizeof(x->why), "no explanation possible: %s", x->note);
		else
			snprintf(x->why, sizeof(x->why), "no explanation possible: neither side carries probe data or "
				 "counters (run with --probe phases,stages as root, or --counters)");
	}
	return 0;
oom:
	snprintf(x->why, sizeof(x->why), "no explanation: out of memory");
	x->have = 0;
	return -1;
}

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
