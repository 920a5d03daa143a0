// SPDX-License-Identifier: MIT
/*
 * Where a change went (compare_explain.h): the numbers; compare_explain_fmt.c puts them in words and JSON.
 * Phases are compared on their raw per-spawn values with the same test and bootstrap as compare's
 * metrics; stages are compared as estimates, share x copy_process median, each with a 95% interval
 * propagated from the share's Wilson interval and the median's order-statistic interval
 * (docs/statistics.md, "Where the change went"); counters on their per-spawn values. Returns 0 or -1 as
 * the header says; every "cannot tell" lands in why / stage_note / note.
 */
#include "compare_explain.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "compare_stats.h"
#include "stats.h"

/*
 * Phases that are sums of others, or a finer split of one (return_to_user + user_to_caller =
 * return_to_caller, which files written before the split also have): left out of the one-line summary,
 * which names the part that moved, and of the metrics' partitions.
 */
static const char *const aggregate_phases[] = { "syscall_ns", "call_to_return_ns", "syscall_to_child_run_ns",
						"syscall_to_exec_ns", "call_to_user_ns", "return_to_user_ns",
						"user_to_caller_ns" };

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

/* The phase of a probe by name, or NULL. */
static const struct sb_rphase *phase_of(const struct sb_rprobe *p, const char *name)
{
	for (size_t i = 0; i < p->nphases; i++)
		if (!strcmp(p->phases[i].name, name))
			return &p->phases[i];
	return NULL;
}

/* A statistic of a phase as the file gives it, or NAN when absent. */
static double phase_stat(const struct sb_rphase *ph, enum sb_stat_field f)
{
	return ph && (ph->s.have & (1u << f)) ? sb_stat_get(&ph->s.st, f) : NAN;
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

/* One phase from raw values when both sides have them, else from the statistics (no test then). */
static int one_phase(struct sb_explain *x, const struct sb_rprobe *bp, const struct sb_rprobe *np, const char *name,
		     double threshold, double alpha)
{
	const struct sb_rphase *bs = phase_of(bp, name), *ns = phase_of(np, name);
	size_t nb = bs ? bs->n : 0, nn = ns ? ns->n : 0;
	const double *b = nb ? bs->v : NULL, *n = nn ? ns->v : NULL;
	struct sb_stats sb, sn;
	struct sb_xp_change *c;

	if (!(ns && ns->in_phases) && !nn)
		return 0; /* the phase exists in base only (e.g. exec): nothing to compare */
	c = slot(x->phase, &x->nphases, SB_XP_MAX_PHASES, name);
	if (!c)
		return 0;
	if (b && n) {
		struct sb_verdict v;

		if (sb_stats_compute(b, nb, &sb) || sb_stats_compute(n, nn, &sn))
			return -1;
		if (!sb_compare_metric(b, nb, n, nn, threshold, alpha, &v)) {
			c->ratio = v.ratio;
			c->ratio_lo = v.ratio_low;
			c->ratio_hi = v.ratio_high;
			c->p = v.p_value;
			c->verdict = v.verdict;
		}
	} else {
		/* Files from before phase_samples: medians and their intervals only. */
		sb = (struct sb_stats){ .median = phase_stat(bs, SB_SF_MEDIAN), .ci95_low = phase_stat(bs, SB_SF_CI95_LOW),
					.ci95_high = phase_stat(bs, SB_SF_CI95_HIGH) };
		sn = (struct sb_stats){ .median = phase_stat(ns, SB_SF_MEDIAN), .ci95_low = phase_stat(ns, SB_SF_CI95_LOW),
					.ci95_high = phase_stat(ns, SB_SF_CI95_HIGH) };
	}
	c->base = sb.median;
	c->new_ = sn.median;
	c->delta = sn.median - sb.median;
	diff_interval(sb.median, sb.ci95_low, sb.ci95_high, sn.median, sn.ci95_low, sn.ci95_high, &c->lo, &c->hi);
	if (sb_xp_phase_in_metric(x->metric, name))
		set_carry(c, x->change);
	return 0;
}

static int explain_phases(struct sb_explain *x, const struct sb_rprobe *bp, const struct sb_rprobe *np,
			  double threshold, double alpha)
{
	for (size_t i = 0; i < bp->nphases; i++)
		if (bp->phases[i].in_phases && one_phase(x, bp, np, bp->phases[i].name, threshold, alpha))
			return -1;
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
	const struct sb_rprobe *p;
	double total;            /* stage_samples_total */
	double cp, cp_lo, cp_hi; /* copy_process median and its 95% interval, ns */
};

static const struct sb_rstage *find_stage(const struct sb_rprobe *p, const char *name)
{
	for (size_t i = 0; i < p->nstages; i++)
		if (!strcmp(p->stages[i].name ? p->stages[i].name : "", name))
			return &p->stages[i];
	return NULL;
}

/*
 * One side's estimate of a stage: share x copy_process median, with the interval from the share's
 * (Wilson) and the median's intervals combined in quadrature on the relative scale.
 */
static void estimate(const struct side_stages *s, const char *name, int exact, double *share, double *samples,
		     double *est, double *lo, double *hi)
{
	const struct sb_rstage *e = find_stage(s->p, name);
	double sh = e ? e->share : 0, slo, shi;

	*samples = e ? e->samples : 0;
	*share = sh;
	if (exact) {
		/* Exact backends record the mean exclusive time per copy_process call, with no spread. */
		*est = e ? e->est_ns : 0;
		*lo = *hi = NAN;
		return;
	}
	if (e && isfinite(e->share_ci95_low)) {
		slo = e->share_ci95_low;
		shi = e->share_ci95_high;
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

static int side_of(const struct sb_rprobe *probe, struct side_stages *s)
{
	const struct sb_rphase *cp = phase_of(probe, "syscall_to_copy_done_ns");

	s->p = probe;
	s->total = probe->stage_samples_total;
	s->cp = phase_stat(cp && cp->in_phases ? cp : NULL, SB_SF_MEDIAN);
	s->cp_lo = phase_stat(cp && cp->in_phases ? cp : NULL, SB_SF_CI95_LOW);
	s->cp_hi = phase_stat(cp && cp->in_phases ? cp : NULL, SB_SF_CI95_HIGH);
	return isfinite(s->cp) && s->cp > 0 ? 0 : -1;
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

static void explain_stages(struct sb_explain *x, const struct sb_rprobe *bp, const struct sb_rprobe *np)
{
	struct side_stages b, n;

	if (!bp->has_stages || !np->has_stages) {
		snprintf(x->stage_note, sizeof(x->stage_note), "no stage data on %s (probe level phases): stages not compared",
			 !bp->has_stages && !np->has_stages ? "either side" : !bp->has_stages ? "base" : "new");
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
	for (size_t i = 0; i < bp->nstages; i++)
		add_stage(x, &b, &n, bp->stages[i].name ? bp->stages[i].name : "?");
	for (size_t i = 0; i < np->nstages; i++)
		add_stage(x, &b, &n, np->stages[i].name ? np->stages[i].name : "?");
	rank_stages(x);
}

static int same(const char *a, const char *b)
{
	return !strcmp(a ? a : "", b);
}

static const struct sb_rcounter *find_counter(const struct sb_rcounters *c, const char *name, const char *scope)
{
	for (size_t i = 0; i < c->nevents; i++) {
		const struct sb_rcounter *e = &c->events[i];

		if (same(e->name, name) && same(e->scope, scope) && same(e->status, "ok"))
			return e;
	}
	return NULL;
}

static int explain_counters(struct sb_explain *x, const struct sb_rcounters *bc, const struct sb_rcounters *nc)
{
	for (size_t i = 0; i < bc->nevents; i++) {
		const struct sb_rcounter *e = &bc->events[i];
		const char *name = e->name, *scope = e->scope;
		const struct sb_rcounter *o = name && scope ? find_counter(nc, name, scope) : NULL;
		struct sb_stats sb, sn;
		struct sb_xp_change *c;
		char label[64];

		if (!o || !find_counter(bc, name, scope))
			continue;
		snprintf(label, sizeof(label), "%s (%s)", name, scope);
		c = e->n && o->n ? slot(x->counter, &x->ncounters, SB_XP_MAX_COUNTERS, label) : NULL;
		if (!c)
			continue;
		if (sb_stats_compute(e->v, e->n, &sb) || sb_stats_compute(o->v, o->n, &sn))
			return -1;
		c->base = sb.median;
		c->new_ = sn.median;
		c->delta = sn.median - sb.median;
		diff_interval(sb.median, sb.ci95_low, sb.ci95_high, sn.median, sn.ci95_low, sn.ci95_high, &c->lo, &c->hi);
		c->p = sb_mann_whitney_p(e->v, e->n, o->v, o->n);
	}
	return 0;
}

static void copy_backend(char *dst, size_t len, const struct sb_rprobe *probe)
{
	snprintf(dst, len, "%s", probe->backend ? probe->backend : "?");
}

int sb_explain_cases(const struct sb_result_case *base, const struct sb_result_case *new_, const char *metric,
		     double change, double threshold, double alpha, struct sb_explain *x)
{
	const struct sb_rprobe *bp = base->probe, *np = new_->probe;
	const struct sb_rcounters *bc = base->counters, *nc = new_->counters;

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
