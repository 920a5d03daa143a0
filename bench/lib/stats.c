// SPDX-License-Identifier: MIT
#include "stats.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return (x > y) - (x < y);
}

double sb_quantile_sorted(const double *s, size_t n, double q)
{
	if (!n)
		return NAN;
	double h = (double)(n - 1) * q;
	size_t lo = (size_t)floor(h);
	if (lo + 1 >= n)
		return s[n - 1];
	return s[lo] + (h - (double)lo) * (s[lo + 1] - s[lo]);
}

/* log of the binomial(n, 1/2) probability of exactly k successes. */
static double log_binom_half(size_t n, size_t k)
{
	return lgamma((double)n + 1) - lgamma((double)k + 1) - lgamma((double)(n - k) + 1) - (double)n * log(2.0);
}

int sb_median_ci_ranks(size_t n, double conf, size_t *lo, size_t *hi)
{
	/*
	 * The interval [x_(k), x_(n+1-k)] covers the median with probability 1 - 2 P(B <= k-1), B ~ Bin(n, 1/2).
	 * Take the largest k that keeps the coverage >= conf.
	 */
	double tail = 0, alpha_half = (1 - conf) / 2;
	size_t k = 0;
	for (size_t j = 0; j < n; j++) {
		tail += exp(log_binom_half(n, j));
		if (tail > alpha_half)
			break;
		k = j + 1;
	}
	if (k == 0)
		return -1;
	*lo = k;
	*hi = n + 1 - k;
	return 0;
}

int sb_stats_compute(const double *x, size_t n, struct sb_stats *s)
{
	memset(s, 0, sizeof(*s));
	if (!n)
		return 0;
	double *v = malloc(n * sizeof(*v));
	if (!v)
		return -1;
	memcpy(v, x, n * sizeof(*v));
	qsort(v, n, sizeof(*v), cmp_double);

	s->n = n;
	s->min = v[0];
	s->max = v[n - 1];
	s->median = sb_quantile_sorted(v, n, 0.5);
	s->p90 = sb_quantile_sorted(v, n, 0.90);
	s->p99 = sb_quantile_sorted(v, n, 0.99);

	size_t lo, hi;
	if (sb_median_ci_ranks(n, 0.95, &lo, &hi) == 0) {
		s->ci95_low = v[lo - 1];
		s->ci95_high = v[hi - 1];
	} else {
		s->ci95_low = s->min;
		s->ci95_high = s->max;
	}

	/* Welford: stable for the large, close values nanosecond timings are. */
	double mean = 0, m2 = 0;
	for (size_t i = 0; i < n; i++) {
		double d = v[i] - mean;
		mean += d / (double)(i + 1);
		m2 += d * (v[i] - mean);
	}
	s->mean = mean;
	s->stddev = n > 1 ? sqrt(m2 / (double)(n - 1)) : 0;

	double q1 = sb_quantile_sorted(v, n, 0.25), q3 = sb_quantile_sorted(v, n, 0.75);
	double iqr = q3 - q1, lo_fence = q1 - 1.5 * iqr, hi_fence = q3 + 1.5 * iqr;
	for (size_t i = 0; i < n; i++)
		s->outliers += v[i] < lo_fence || v[i] > hi_fence;
	free(v);
	return 0;
}

double sb_stats_rel_halfwidth(const struct sb_stats *s)
{
	if (s->n < 6 || s->median <= 0)
		return INFINITY;
	return (s->ci95_high - s->ci95_low) / 2 / s->median;
}
