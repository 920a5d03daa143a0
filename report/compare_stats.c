// SPDX-License-Identifier: MIT
/* Two-sample statistics for compare: bootstrap CI of the ratio of medians, Mann-Whitney U, verdict. */
#include "compare_stats.h"
#include "compare_welch.h"
#include "stats.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* Any fixed value will do: it only has to be the same on every run so verdicts are reproducible. */
#define SB_COMPARE_SEED 0x5eedc0de2026ULL

/* splitmix64: tiny, fast, passes BigCrush, and trivially seedable; quality far beyond what resampling needs. */
static uint64_t sm64_next(uint64_t *s)
{
	uint64_t z = (*s += 0x9e3779b97f4a7c15ULL);
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

/* Uniform in [0, n): multiply-shift; the bias is below n / 2^64, far under anything measurable. */
static size_t sm64_below(uint64_t *s, size_t n)
{
	return (size_t)(((unsigned __int128)sm64_next(s) * n) >> 64);
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return (x > y) - (x < y);
}

static double *sorted_copy(const double *x, size_t n)
{
	double *s = malloc(n * sizeof(*s));
	if (!s)
		return NULL;
	memcpy(s, x, n * sizeof(*s));
	sb_sort_doubles(s, n);
	return s;
}

/*
 * One side of a comparison: samples x[0..n) from k runs, run i holding x[ends[i-1] .. ends[i]) (ends[-1]
 * being 0). Prepared for resampling: the samples sorted, and for each run the sorted positions of its own
 * samples, so a resample only has to count how often each position was drawn.
 */
struct side {
	double *sorted;
	size_t n, k;
	size_t *pos;        /* run i's positions: pos[start[i] .. start[i+1]) */
	size_t *start;      /* k + 1 entries */
	unsigned *counts;   /* n draws counters */
};

struct vr {
	double v;
	size_t run;
};

static int cmp_vr(const void *a, const void *b)
{
	const struct vr *x = a, *y = b;
	int c = cmp_double(&x->v, &y->v);
	return c ? c : (x->run > y->run) - (x->run < y->run);
}

static void side_free(struct side *s)
{
	free(s->sorted);
	free(s->pos);
	free(s->start);
	free(s->counts);
}

static int side_init(struct side *s, const double *x, size_t n, const size_t *ends, size_t k)
{
	static const size_t one_end[1] = { 0 };
	struct vr *t = malloc(n * sizeof(*t));
	size_t *fill = NULL;
	int ret = -1;

	*s = (struct side){ .n = n, .k = k ? k : 1 };
	if (!k)
		ends = one_end;
	s->sorted = malloc(n * sizeof(*s->sorted));
	s->pos = malloc(n * sizeof(*s->pos));
	s->start = calloc(s->k + 1, sizeof(*s->start));
	s->counts = malloc(n * sizeof(*s->counts));
	fill = calloc(s->k, sizeof(*fill));
	if (!t || !s->sorted || !s->pos || !s->start || !s->counts || !fill)
		goto cleanup;
	if (s->k == 1) { /* one run: its positions are all of them, in order */
		memcpy(s->sorted, x, n * sizeof(*x));
		sb_sort_doubles(s->sorted, n);
		for (size_t i = 0; i < n; i++)
			s->pos[i] = i;
		s->start[1] = n;
		ret = 0;
		goto cleanup;
	}
	for (size_t r = 0, i = 0; i < n; i++) {
		while (k && r + 1 < s->k && i >= ends[r])
			r++;
		t[i] = (struct vr){ x[i], r };
	}
	qsort(t, n, sizeof(*t), cmp_vr);
	for (size_t i = 0; i < n; i++) {
		s->sorted[i] = t[i].v;
		s->start[t[i].run + 1]++;
	}
	for (size_t r = 0; r < s->k; r++)
		s->start[r + 1] += s->start[r];
	for (size_t i = 0; i < n; i++)
		s->pos[s->start[t[i].run] + fill[t[i].run]++] = i;
	ret = 0;
cleanup:
	free(t);
	free(fill);
	return ret;
}

/*
 * Sorted positions of the middle pair of one resample of a side: k runs drawn with replacement, then
 * within each drawn run as many samples as it holds, drawn with replacement (a two-level bootstrap, so
 * run-to-run variation widens the CI when there are several runs). A resample's median depends only on how
 * often each sorted position was drawn, so counting draws replaces sorting: O(n) per resample. The median
 * is (sorted[*lo] + sorted[*hi]) / 2 (the same position twice for an odd count). 0, or -1 for no draws.
 */
static int resample_median_positions(struct side *s, uint64_t *rng, size_t *lo, size_t *hi)
{
	/*
	 * Locals rather than s-> and *rng in the draw loop: the generator's state is a uint64_t like the
	 * size_t arrays, so through pointers the compiler must reload every one of them after each draw.
	 */
	size_t total = 0, k = s->k;
	unsigned *counts = s->counts;
	uint64_t state = *rng;
	memset(counts, 0, s->n * sizeof(*counts));
	for (size_t j = 0; j < k; j++) {
		size_t r = k > 1 ? sm64_below(&state, k) : 0;
		size_t len = s->start[r + 1] - s->start[r];
		const size_t *pos = s->pos + s->start[r];
		for (size_t i = 0; i < len; i++)
			counts[pos[sm64_below(&state, len)]]++;
		total += len;
	}
	*rng = state;
	if (!total)
		return -1;
	/* 0-based ranks of the middle pair in the resample (equal when total is odd). */
	size_t want_lo = (total - 1) / 2, want_hi = total / 2, seen = 0;
	int have_lo = 0;
	for (size_t p = 0; p < s->n; p++) {
		seen += counts[p];
		if (!have_lo && seen > want_lo) {
			*lo = p;
			have_lo = 1;
		}
		if (seen > want_hi) {
			*hi = p;
			return 0;
		}
	}
	return -1; /* not reached: seen ends at total */
}

/*
 * The draws of a whole bootstrap between two one-run sides, as sorted positions: for each resample i,
 * the middle pair of side a (pos[4i], pos[4i+1]) and of side b (pos[4i+2], pos[4i+3]). With one run a
 * side's positions are the identity, so these depend only on the two sample counts, B and the seed, never
 * on the values: compare of many cases of the same size draws them once and then only looks values up.
 * The resamples are exactly those resample_median_positions would draw case by case, so verdicts do not
 * change; only the time does (most of compare's time on a large file was drawing them again per case).
 */
struct draw_plan {
	size_t na, nb;
	unsigned B;
	uint64_t seed;
	uint32_t *pos;
};

/*
 * A few sizes at once: a results file rarely holds more than a handful of distinct sample counts. One
 * cache per thread, as compare compares rows on several (compare_run.c); a plan is cheap to draw again.
 */
#define SB_DRAW_PLANS 4
static _Thread_local struct draw_plan plans[SB_DRAW_PLANS];
static _Thread_local unsigned plans_next;

void sb_compare_release_plans(void)
{
	for (unsigned i = 0; i < SB_DRAW_PLANS; i++) {
		free(plans[i].pos);
		plans[i] = (struct draw_plan){ 0 };
	}
	plans_next = 0;
}

static int identity_side(struct side *s, size_t n)
{
	*s = (struct side){ .n = n, .k = 1 };
	s->pos = malloc(n * sizeof(*s->pos));
	s->start = malloc(2 * sizeof(*s->start));
	s->counts = malloc(n * sizeof(*s->counts));
	if (!s->pos || !s->start || !s->counts)
		return -1;
	for (size_t i = 0; i < n; i++)
		s->pos[i] = i;
	s->start[0] = 0;
	s->start[1] = n;
	return 0;
}

static int draw_plan_fill(struct draw_plan *p)
{
	struct side a, b;
	uint64_t rng = p->seed;
	int ret = -1;
	int ea = identity_side(&a, p->na), eb = identity_side(&b, p->nb);
	p->pos = (ea || eb || p->na > UINT32_MAX || p->nb > UINT32_MAX) ? NULL : malloc((size_t)p->B * 4 * sizeof(*p->pos));
	if (!p->pos)
		goto cleanup;
	for (unsigned i = 0; i < p->B; i++) {
		size_t v[4];
		if (resample_median_positions(&a, &rng, &v[0], &v[1]) ||
		    resample_median_positions(&b, &rng, &v[2], &v[3]))
			goto cleanup;
		for (int j = 0; j < 4; j++)
			p->pos[4 * (size_t)i + j] = (uint32_t)v[j];
	}
	ret = 0;
cleanup:
	if (ret) {
		free(p->pos);
		p->pos = NULL;
	}
	side_free(&a);
	side_free(&b);
	return ret;
}

static const uint32_t *draw_plan_get(size_t na, size_t nb, unsigned B, uint64_t seed)
{
	for (unsigned i = 0; i < SB_DRAW_PLANS; i++) {
		struct draw_plan *p = &plans[i];
		if (p->pos && p->na == na && p->nb == nb && p->B == B && p->seed == seed)
			return p->pos;
	}
	struct draw_plan *p = &plans[plans_next++ % SB_DRAW_PLANS];
	free(p->pos);
	*p = (struct draw_plan){ .na = na, .nb = nb, .B = B, .seed = seed };
	return draw_plan_fill(p) ? NULL : p->pos;
}

/* sb_quantile_sorted of x[0..n) without sorting it all: the two order statistics it needs, by selection. */
static double quantile7_select(double *x, size_t n, double q)
{
	double h = (double)(n - 1) * q;
	size_t lo = (size_t)floor(h);
	sb_select_doubles(x, n, lo);
	if (lo + 1 >= n)
		return x[lo];
	double next = x[lo + 1];
	for (size_t i = lo + 2; i < n; i++)
		if (x[i] < next)
			next = x[i];
	return x[lo] + (h - (double)lo) * (next - x[lo]);
}

static int bootstrap_ci(struct side *a, struct side *b, unsigned B, uint64_t seed, double conf, double *lo,
			double *hi)
{
	double *ratios = malloc((B ? B : 1) * sizeof(*ratios));
	const uint32_t *plan = (a->k == 1 && b->k == 1) ? draw_plan_get(a->n, b->n, B, seed) : NULL;
	uint64_t rng = seed;
	unsigned k = 0;
	int ret = -1;

	if (!ratios || B < 2)
		goto cleanup;
	for (unsigned i = 0; i < B; i++) {
		size_t v[4];
		if (plan) {
			for (int j = 0; j < 4; j++)
				v[j] = plan[4 * (size_t)i + j];
		} else if (resample_median_positions(a, &rng, &v[0], &v[1]) ||
			   resample_median_positions(b, &rng, &v[2], &v[3])) {
			continue;
		}
		double ma = (a->sorted[v[0]] + a->sorted[v[1]]) / 2, mb = (b->sorted[v[2]] + b->sorted[v[3]]) / 2;
		/* A zero base median has no ratio; such resamples are left out rather than made infinite. */
		if (ma > 0)
			ratios[k++] = mb / ma;
	}
	if (k < 2)
		goto cleanup;
	*lo = quantile7_select(ratios, k, (1 - conf) / 2);
	*hi = quantile7_select(ratios, k, 1 - (1 - conf) / 2);
	ret = 0;
cleanup:
	free(ratios);
	return ret;
}

int sb_bootstrap_ratio_ci(const double *a, size_t na, const double *b, size_t nb, unsigned B,
			  uint64_t seed, double conf, double *lo, double *hi)
{
	struct side sa, sb;
	int ea = side_init(&sa, a, na, NULL, 0), eb = side_init(&sb, b, nb, NULL, 0), ret = -1;
	if (!ea && !eb)
		ret = bootstrap_ci(&sa, &sb, B, seed, conf, lo, hi);
	side_free(&sa);
	side_free(&sb);
	return ret;
}

double sb_compare_median(const double *x, size_t n)
{
	double *s = n ? sorted_copy(x, n) : NULL;
	if (!s)
		return NAN;
	double m = sb_quantile_sorted(s, n, 0.5);
	free(s);
	return m;
}

/* The decision table of docs/statistics.md, "Verdicts". */
static int decide(const struct sb_verdict *v, double threshold, double alpha)
{
	int significant = v->p_value < alpha;
	/*
	 * An interval that holds both a change beyond -T and one beyond +T says nothing about the direction,
	 * whatever the test says of the medians: -4.4% [-92.5%, +389.8%] is not "no change".
	 */
	if (v->ratio_low < 1 - threshold && v->ratio_high > 1 + threshold)
		return SB_V_INCONCLUSIVE;
	if (significant && v->ratio > 1 + threshold && v->ratio_low > 1)
		return SB_V_REGRESSION;
	if (significant && v->ratio < 1 - threshold && v->ratio_high < 1)
		return SB_V_IMPROVEMENT;
	if (significant && fabs(v->ratio - 1) <= threshold)
		return SB_V_NO_CHANGE; /* real but smaller than what matters */
	/* Not significant (or test and CI disagree): no change only if the CI rules out anything that matters. */
	if (!significant && v->ratio_low >= 1 - threshold && v->ratio_high <= 1 + threshold)
		return SB_V_NO_CHANGE;
	return SB_V_NOISE;
}

int sb_compare_runs(const double *base, size_t nb, const size_t *base_ends, size_t kb, const double *new_,
		    size_t nn, const size_t *new_ends, size_t kn, double threshold, double alpha,
		    struct sb_verdict *out)
{
	struct side sa = { 0 }, sn = { 0 };
	int ret = -1;

	*out = (struct sb_verdict){ NAN, NAN, NAN, NAN, SB_V_NOISE };
	if (nb < SB_COMPARE_MIN_SAMPLES || nn < SB_COMPARE_MIN_SAMPLES || !(threshold >= 0) ||
	    !(alpha > 0 && alpha < 1))
		return -1;
	double mb = sb_compare_median(base, nb), mn = sb_compare_median(new_, nn);
	if (!(mb > 0) || !(mn >= 0))
		return -1;
	struct sb_verdict v = { .ratio = mn / mb };
	v.p_value = sb_mann_whitney_p(base, nb, new_, nn);
	if (isnan(v.p_value) || side_init(&sa, base, nb, base_ends, kb) || side_init(&sn, new_, nn, new_ends, kn) ||
	    bootstrap_ci(&sa, &sn, SB_COMPARE_BOOTSTRAP, SB_COMPARE_SEED, 0.95, &v.ratio_low, &v.ratio_high))
		goto cleanup;
	/*
	 * A bootstrap over 2-5 runs underestimates run-to-run spread (it can only recombine the few levels it
	 * saw). With several runs per side the CI is widened to also hold the run-level Welch interval.
	 */
	double wlo, whi;
	if (kb >= 2 && kn >= 2 && !sb_welch_run_ratio_ci(base, base_ends, kb, new_, new_ends, kn, &wlo, &whi)) {
		v.ratio_low = fmin(v.ratio_low, wlo);
		v.ratio_high = fmax(v.ratio_high, whi);
	}
	v.verdict = decide(&v, threshold, alpha);
	*out = v;
	ret = 0;
cleanup:
	side_free(&sa);
	side_free(&sn);
	return ret;
}

int sb_compare_metric(const double *base, size_t nb, const double *new_, size_t nn,
		      double threshold, double alpha, struct sb_verdict *out)
{
	return sb_compare_runs(base, nb, NULL, 0, new_, nn, NULL, 0, threshold, alpha, out);
}

const char *sb_verdict_name(int verdict)
{
	switch (verdict) {
	case SB_V_NO_CHANGE:
		return "no change";
	case SB_V_REGRESSION:
		return "regression";
	case SB_V_IMPROVEMENT:
		return "improvement";
	case SB_V_NOISE:
		return "noise";
	case SB_V_INCONCLUSIVE:
		return "inconclusive";
	}
	return "?";
}
