/* SPDX-License-Identifier: MIT */
/* Run-level interval for pooled repeated runs: each run reduced to its median, compared on the log scale. */
#ifndef SB_COMPARE_WELCH_H
#define SB_COMPARE_WELCH_H
#include <stddef.h>

/*
 * 95% interval of the ratio new / base from the per-run medians (run i of a side holds x[ends[i-1] ..
 * ends[i])), by Welch's t on their logarithms. Needs at least 2 runs per side. Few runs give few degrees
 * of freedom and so a wide interval, which is the point: it is honest about how little k runs can say.
 * Returns 0 or -1 (too few runs, a median not positive, no memory).
 */
int sb_welch_run_ratio_ci(const double *base, const size_t *base_ends, size_t kb, const double *new_,
			  const size_t *new_ends, size_t kn, double *lo, double *hi);
/* Two-sided 97.5% quantile of Student's t with df degrees of freedom (df >= 1). */
double sb_t975(double df);

#endif
