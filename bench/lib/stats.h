/* SPDX-License-Identifier: MIT */
/* Descriptive statistics of one metric's samples, as docs/results-schema.md defines them. */
#ifndef SB_STATS_H
#define SB_STATS_H
#include <stddef.h>

struct sb_stats {
	size_t n;
	double min, max, median, ci95_low, ci95_high, mean, stddev, p90, p99;
	size_t outliers;
};

/* Computes every field from x[0..n) (x is not modified). n == 0 leaves *s zeroed. Returns 0 or -1 (no memory). */
int sb_stats_compute(const double *x, size_t n, struct sb_stats *s);
/* Quantile q in [0,1] of sorted[0..n), linear interpolation between order statistics (R type 7). */
double sb_quantile_sorted(const double *sorted, size_t n, double q);
/*
 * Sort v[0..n) ascending in place, without NaNs (the callers hold checked durations). The one sort of
 * samples everywhere: a results file holds tens of thousands of them to sort on every read, where qsort's
 * comparator call per step and its scratch allocation were a tenth of compare's time.
 */
void sb_sort_doubles(double *v, size_t n);
/*
 * Quickselect with the same partition, k < n: afterwards v[k] holds the value sorting would put there,
 * smaller or equal ones before it and greater or equal ones after.
 */
void sb_select_doubles(double *v, size_t n, size_t k);
/*
 * 1-based ranks (lo, hi) of the order statistics bounding a distribution-free CI of the median with
 * coverage >= conf, from the exact binomial(n, 1/2) distribution. Returns -1 when n is too small.
 */
int sb_median_ci_ranks(size_t n, double conf, size_t *lo, size_t *hi);
/* Relative half-width of the median's CI: (hi - lo) / 2 / median, or INFINITY when undefined. */
double sb_stats_rel_halfwidth(const struct sb_stats *s);

#endif
