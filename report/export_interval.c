// SPDX-License-Identifier: MIT
/*
 * The interval an export puts beside a pooled median. One run: the distribution-free 95% CI of the median
 * (stats.h). Several runs of the same case: that CI is widened to hold the between-run interval, a 95%
 * Student t interval of the runs' medians on the log scale, as `spawnbench compare` widens its ratio CI
 * (compare_welch.h). Pooling 2000 samples from five runs as one run would give a CI a few hundred
 * nanoseconds wide while the runs' medians differ by far more; the run-level interval says so.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "compare_stats.h"
#include "compare_welch.h"
#include "export_formats.h"

int sb_export_interval(const double *v, size_t n, const size_t *ends, size_t k, struct sb_stats *s, double *lo,
		       double *hi)
{
	if (sb_stats_compute(v, n, s))
		return -1;
	*lo = s->ci95_low;
	*hi = s->ci95_high;
	if (k < 2 || !ends)
		return 0;
	double sum = 0, sum2 = 0;
	for (size_t r = 0, start = 0; r < k; start = ends[r], r++) {
		double m = sb_compare_median(v + start, ends[r] - start);
		if (!(m > 0))
			return 0; /* a run without a positive median: keep the pooled CI */
		sum += log(m);
		sum2 += log(m) * log(m);
	}
	double mean = sum / (double)k, var = fmax(0.0, (sum2 - sum * sum / (double)k) / ((double)k - 1));
	double half = sb_t975((double)k - 1) * sqrt(var / (double)k);
	*lo = fmin(*lo, exp(mean - half));
	*hi = fmax(*hi, exp(mean + half));
	return 0;
}

void sb_export_decimal(double x, char *buf, size_t len)
{
	/* Nanoseconds and spawns per second: whole numbers read best; small values keep three decimals. */
	if (!isfinite(x))
		snprintf(buf, len, "null");
	else if (fabs(x) >= 100)
		snprintf(buf, len, "%.0f", x);
	else
		snprintf(buf, len, "%.3f", x);
}
