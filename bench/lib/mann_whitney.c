// SPDX-License-Identifier: MIT
/* The Mann-Whitney U p-value (see mann_whitney.h): exact for small untied samples, normal approximation otherwise. */
#include "mann_whitney.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* Largest na * nb for the exact U distribution; beyond it the normal approximation is within 1e-3. */
#define SB_MWU_EXACT_MAX 1600

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return (x > y) - (x < y);
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
