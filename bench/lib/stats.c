// SPDX-License-Identifier: MIT
#include "stats.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

static void swap_d(double *a, double *b)
{
	double t = *a;
	*a = *b;
	*b = t;
}

static void insertion_sort(double *v, size_t n)
{
	for (size_t i = 1; i < n; i++) {
		double x = v[i];
		size_t j = i;
		for (; j > 0 && v[j - 1] > x; j--)
			v[j] = v[j - 1];
		v[j] = x;
	}
}

static void sift_down(double *v, size_t root, size_t n)
{
	for (size_t child; (child = 2 * root + 1) < n; root = child) {
		if (child + 1 < n && v[child + 1] > v[child])
			child++;
		if (!(v[child] > v[root]))
			return;
		swap_d(&v[root], &v[child]);
	}
}

static void heap_sort(double *v, size_t n)
{
	for (size_t i = n / 2; i-- > 0;)
		sift_down(v, i, n);
	for (size_t end = n; end-- > 1;) {
		swap_d(&v[0], &v[end]);
		sift_down(v, 0, end);
	}
}

/*
 * Hoare partition of v[0..n) (n > 2) around the median of its first, middle and last values: returns k with
 * v[0..k) <= pivot <= v[k..n), 0 < k < n.
 */
static size_t partition(double *v, size_t n)
{
	size_t mid = n / 2;
	if (v[mid] < v[0])
		swap_d(&v[mid], &v[0]);
	if (v[n - 1] < v[0])
		swap_d(&v[n - 1], &v[0]);
	if (v[n - 1] < v[mid])
		swap_d(&v[n - 1], &v[mid]);
	double pivot = v[mid];
	size_t i = 0, j = n - 1;
	for (;;) {
		while (v[i] < pivot)
			i++;
		while (v[j] > pivot)
			j--;
		if (i >= j)
			return j + 1;
		swap_d(&v[i++], &v[j--]);
	}
}

/* Quicksort down to small runs, heapsort past a depth budget: O(n log n) for any input. */
static void intro_sort(double *v, size_t n, unsigned depth)
{
	while (n > 16) {
		if (!depth--) {
			heap_sort(v, n);
			return;
		}
		/* Recurse into the smaller part, loop on the larger. */
		size_t left = partition(v, n);
		if (left < n - left) {
			intro_sort(v, left, depth);
			v += left;
			n -= left;
		} else {
			intro_sort(v + left, n - left, depth);
			n = left;
		}
	}
	insertion_sort(v, n);
}

void sb_sort_doubles(double *v, size_t n)
{
	unsigned depth = 0;
	for (size_t m = n; m > 1; m >>= 1)
		depth += 2;
	intro_sort(v, n, depth);
}

void sb_select_doubles(double *v, size_t n, size_t k)
{
	size_t lo = 0, hi = n; /* v[k] lies in [lo, hi) */
	while (hi - lo > 16) {
		size_t left = lo + partition(v + lo, hi - lo);
		if (k < left)
			hi = left;
		else
			lo = left;
	}
	insertion_sort(v + lo, hi - lo);
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
	/*
	 * Every case of a run has about as many samples as the next, and a results file is checked case by
	 * case: the last answer (per thread: compare reads its two sides on two) saves the lgamma sums.
	 */
	static _Thread_local size_t last_n, last_lo, last_hi;
	static _Thread_local double last_conf;
	if (n && n == last_n && conf == last_conf) {
		*lo = last_lo;
		*hi = last_hi;
		return 0;
	}
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
	*lo = last_lo = k;
	*hi = last_hi = n + 1 - k;
	last_n = n;
	last_conf = conf;
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
	sb_sort_doubles(v, n);

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
