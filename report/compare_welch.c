// SPDX-License-Identifier: MIT
#include "compare_welch.h"
#include "stats.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

double sb_t975(double df)
{
	/* Rounding df down only widens the interval. Up to 10 from the table; beyond, the Cornish-Fisher
	 * expansion around the normal quantile is within 0.05%. */
	static const double table[] = { 12.7062, 4.3027, 3.1824, 2.7764, 2.5706,
					2.4469, 2.3646, 2.3060, 2.2622, 2.2281 };
	double d = floor(df), z = 1.959963984540054;
	if (d < 1)
		d = 1;
	if (d <= 10)
		return table[(size_t)d - 1];
	double z3 = z * z * z, z5 = z3 * z * z, z7 = z5 * z * z;
	return z + (z3 + z) / (4 * d) + (5 * z5 + 16 * z3 + 3 * z) / (96 * d * d) +
	       (3 * z7 + 19 * z5 + 17 * z3 - 15 * z) / (384 * d * d * d);
}

/* Mean and variance (n-1) of the logs of the per-run medians of one side. */
static int log_run_medians(const double *x, const size_t *ends, size_t k, double *mean, double *var)
{
	double sum = 0, sum2 = 0;
	for (size_t r = 0, start = 0; r < k; start = ends[r], r++) {
		size_t n = ends[r] - start;
		double *s = malloc((n ? n : 1) * sizeof(*s));
		if (!s || !n) {
			free(s);
			return -1;
		}
		memcpy(s, x + start, n * sizeof(*s));
		sb_sort_doubles(s, n);
		double m = n % 2 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
		free(s);
		if (!(m > 0))
			return -1;
		sum += log(m);
		sum2 += log(m) * log(m);
	}
	*mean = sum / (double)k;
	*var = fmax(0.0, (sum2 - sum * sum / (double)k) / ((double)k - 1));
	return 0;
}

int sb_welch_run_ratio_ci(const double *base, const size_t *base_ends, size_t kb, const double *new_,
			  const size_t *new_ends, size_t kn, double *lo, double *hi)
{
	double mb, vb, mn, vn;
	if (kb < 2 || kn < 2 || log_run_medians(base, base_ends, kb, &mb, &vb) ||
	    log_run_medians(new_, new_ends, kn, &mn, &vn))
		return -1;
	double qb = vb / (double)kb, qn = vn / (double)kn, se = sqrt(qb + qn);
	/* Welch-Satterthwaite degrees of freedom; identical run medians (se 0) leave the interval a point. */
	double df = se > 0 ? (qb + qn) * (qb + qn) /
				     (qb * qb / ((double)kb - 1) + qn * qn / ((double)kn - 1))
			   : 1;
	double half = sb_t975(df) * se;
	*lo = exp(mn - mb - half);
	*hi = exp(mn - mb + half);
	return 0;
}
