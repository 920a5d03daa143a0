// SPDX-License-Identifier: MIT
/* Two-sample statistics for compare: bootstrap CI of the ratio of medians, Mann-Whitney U, verdict. */
#include "compare_stats.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* Any fixed value will do: it only has to be the same on every run so verdicts are reproducible. */
#define SB_COMPARE_SEED 0x5eedc0de2026ULL
/* Largest na * nb for the exact U distribution; beyond it the normal approximation is within 1e-3. */
#define SB_MWU_EXACT_MAX 1600

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

static double quantile7(const double *sorted, size_t n, double q)
{
	double h = (double)(n - 1) * q;
	size_t lo = (size_t)floor(h);
	if (lo + 1 >= n)
		return sorted[n - 1];
	return sorted[lo] + (h - (double)lo) * (sorted[lo + 1] - sorted[lo]);
}

static double *sorted_copy(const double *x, size_t n)
{
	double *s = malloc(n * sizeof(*s));
	if (!s)
		return NULL;
	memcpy(s, x, n * sizeof(*s));
	qsort(s, n, sizeof(*s), cmp_double);
	return s;
}

/*
 * Median of one bootstrap resample of sorted[0..n). A resample's median depends only on how many times
 * each rank was drawn, so counting draws per rank (counts[] is n long, zeroed here) replaces sorting the
 * resample: O(n) per resample instead of O(n log n).
 */
static double resample_median(const double *sorted, size_t n, unsigned *counts, uint64_t *rng)
{
	memset(counts, 0, n * sizeof(*counts));
	for (size_t i = 0; i < n; i++)
		counts[sm64_below(rng, n)]++;
	/* 0-based ranks of the middle pair in the resample (equal when n is odd). */
	size_t want_lo = (n - 1) / 2, want_hi = n / 2, seen = 0;
	double lo = NAN;
	for (size_t r = 0; r < n; r++) {
		seen += counts[r];
		if (isnan(lo) && seen > want_lo)
			lo = sorted[r];
		if (seen > want_hi)
			return (lo + sorted[r]) / 2;
	}
	return lo; /* not reached: seen ends at n */
}

int sb_bootstrap_ratio_ci(const double *a, size_t na, const double *b, size_t nb, unsigned B,
			  uint64_t seed, double conf, double *lo, double *hi)
{
	int ret = -1;
	double *sa = sorted_copy(a, na), *sb = sorted_copy(b, nb);
	double *ratios = malloc(B * sizeof(*ratios));
	unsigned *counts = malloc((na > nb ? na : nb) * sizeof(*counts));
	uint64_t rng = seed;
	unsigned k = 0;

	if (!sa || !sb || !ratios || !counts || B < 2)
		goto cleanup;
	for (unsigned i = 0; i < B; i++) {
		double ma = resample_median(sa, na, counts, &rng);
		double mb = resample_median(sb, nb, counts, &rng);
		/* A zero base median has no ratio; such resamples are left out rather than made infinite. */
		if (ma > 0)
			ratios[k++] = mb / ma;
	}
	if (k < 2)
		goto cleanup;
	qsort(ratios, k, sizeof(*ratios), cmp_double);
	*lo = quantile7(ratios, k, (1 - conf) / 2);
	*hi = quantile7(ratios, k, 1 - (1 - conf) / 2);
	ret = 0;
cleanup:
	free(sa);
	free(sb);
	free(ratios);
	free(counts);
	return ret;
}

struct tagged {
	double v;
	int from_a;
};

static int cmp_tagged(const void *a, const void *b)
{
	return cmp_double(&((const struct tagged *)a)->v, &((const struct tagged *)b)->v);
}

/*
 * Exact two-sided p of U = #{(x in a, y in b): x > y} without ties. c(i, j, u), the number of orderings
 * of i a's and j b's with U = u, obeys c(i, j, u) = c(i-1, j, u-j) + c(i, j-1, u): the largest of the
 * i + j values is either an a (beating all j b's) or a b (beating nothing). Counts only ever add, so
 * doubles keep them exact enough.
 */
static double mwu_exact_p(size_t na, size_t nb, double u_obs)
{
	size_t umax = na * nb, w = umax + 1;
	double *prev = calloc((nb + 1) * w, sizeof(double));
	double *cur = calloc((nb + 1) * w, sizeof(double));
	double p = NAN;

	if (!prev || !cur)
		goto cleanup;
	for (size_t j = 0; j <= nb; j++)
		prev[j * w] = 1; /* i = 0: one ordering, U = 0 */
	for (size_t i = 1; i <= na; i++) {
		memset(cur, 0, (nb + 1) * w * sizeof(double));
		cur[0] = 1; /* j = 0 */
		for (size_t j = 1; j <= nb; j++)
			for (size_t u = 0; u <= i * j; u++)
				cur[j * w + u] = (u >= j ? prev[j * w + u - j] : 0) + cur[(j - 1) * w + u];
		double *t = prev;
		prev = cur;
		cur = t;
	}
	double total = 0, le = 0, ge = 0;
	for (size_t u = 0; u <= umax; u++) {
		double c = prev[nb * w + u];
		total += c;
		if ((double)u <= u_obs)
			le += c;
		if ((double)u >= u_obs)
			ge += c;
	}
	p = fmin(1.0, 2 * fmin(le, ge) / total);
cleanup:
	free(prev);
	free(cur);
	return p;
}

double sb_mann_whitney_p(const double *a, size_t na, const double *b, size_t nb)
{
	size_t n = na + nb;
	struct tagged *t = malloc(n * sizeof(*t));
	double p = NAN, rank_sum_a = 0, tie_term = 0;
	int ties = 0;

	if (!t || !na || !nb)
		goto cleanup;
	for (size_t i = 0; i < na; i++)
		t[i] = (struct tagged){ a[i], 1 };
	for (size_t i = 0; i < nb; i++)
		t[na + i] = (struct tagged){ b[i], 0 };
	qsort(t, n, sizeof(*t), cmp_tagged);
	/* Mid-ranks: a run of equal values [i, j) all get the mean of ranks i+1 .. j. */
	for (size_t i = 0; i < n;) {
		size_t j = i + 1;
		while (j < n && t[j].v == t[i].v)
			j++;
		double mid = ((double)i + 1 + (double)j) / 2, len = (double)(j - i);
		for (size_t k = i; k < j; k++)
			if (t[k].from_a)
				rank_sum_a += mid;
		if (j - i > 1) {
			ties = 1;
			tie_term += len * len * len - len;
		}
		i = j;
	}
	double ua = rank_sum_a - (double)na * ((double)na + 1) / 2;
	if (!ties && na * nb <= SB_MWU_EXACT_MAX) {
		p = mwu_exact_p(na, nb, ua);
		goto cleanup;
	}
	double mean = (double)na * (double)nb / 2, N = (double)n;
	double var = (double)na * (double)nb / 12 * ((N + 1) - tie_term / (N * (N - 1)));
	if (var <= 0) {
		p = 1; /* every value equal: no evidence of any shift */
		goto cleanup;
	}
	/* Continuity correction: U moves in steps of 1/2 at most, the normal curve does not. */
	double z = fmax(0.0, fabs(ua - mean) - 0.5) / sqrt(var);
	p = fmin(1.0, erfc(z / M_SQRT2));
cleanup:
	free(t);
	return p;
}

static double median_of(const double *x, size_t n)
{
	double *s = sorted_copy(x, n);
	if (!s)
		return NAN;
	double m = quantile7(s, n, 0.5);
	free(s);
	return m;
}

/* The decision table of docs/statistics.md, "Verdicts". */
static int decide(const struct sb_verdict *v, double threshold, double alpha)
{
	int significant = v->p_value < alpha;
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

int sb_compare_metric(const double *base, size_t nb, const double *new_, size_t nn,
		      double threshold, double alpha, struct sb_verdict *out)
{
	*out = (struct sb_verdict){ NAN, NAN, NAN, NAN, SB_V_NOISE };
	if (nb < SB_COMPARE_MIN_SAMPLES || nn < SB_COMPARE_MIN_SAMPLES || !(threshold >= 0) ||
	    !(alpha > 0 && alpha < 1))
		return -1;
	double mb = median_of(base, nb), mn = median_of(new_, nn);
	if (!(mb > 0) || !(mn >= 0))
		return -1;
	struct sb_verdict v = { .ratio = mn / mb };
	v.p_value = sb_mann_whitney_p(base, nb, new_, nn);
	if (isnan(v.p_value) ||
	    sb_bootstrap_ratio_ci(base, nb, new_, nn, SB_COMPARE_BOOTSTRAP, SB_COMPARE_SEED, 0.95,
				  &v.ratio_low, &v.ratio_high))
		return -1;
	v.verdict = decide(&v, threshold, alpha);
	*out = v;
	return 0;
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
	}
	return "?";
}
