/* SPDX-License-Identifier: MIT */
/*
 * Two-sample comparison of one metric: ratio of medians with a bootstrap 95% CI, Mann-Whitney U p-value,
 * and a verdict. Used by `spawnbench compare` and by `spawnbench report` (trend figure). docs/statistics.md
 * explains every step in plain words.
 */
#ifndef SB_COMPARE_STATS_H
#define SB_COMPARE_STATS_H
#include <stddef.h>
#include <stdint.h>

#include "mann_whitney.h"

enum sb_verdict_kind {
	SB_V_NO_CHANGE = 0,  /* no shift beyond the threshold: either none detected with a tight CI, or a small real one */
	SB_V_REGRESSION,     /* new is slower: significant, ratio above 1 + threshold, CI above 1 */
	SB_V_IMPROVEMENT,    /* new is faster: significant, ratio below 1 - threshold, CI below 1 */
	SB_V_NOISE,          /* the data cannot tell: CI too wide to rule out a change beyond the threshold */
	SB_V_INCONCLUSIVE,   /* the CI reaches past the threshold on both sides: it allows a regression and an improvement alike */
};
#define SB_V_KINDS 5

struct sb_verdict {
	double ratio, ratio_low, ratio_high, p_value;
	int verdict; /* enum sb_verdict_kind */
};

/* Fewest samples per side sb_compare_metric accepts. */
#define SB_COMPARE_MIN_SAMPLES 5
/* Bootstrap resamples for the CI of the ratio of medians. */
#define SB_COMPARE_BOOTSTRAP 2000

/*
 * Compare new_ against base (smaller is better, e.g. nanoseconds). threshold is the relative change that
 * matters (0.05 = 5%), alpha the significance level of the two-sided Mann-Whitney U test (0.05). The
 * bootstrap uses a fixed-seed PRNG, so the same inputs always give the same output. Inputs are not
 * modified. Returns 0, or -1 when either side has fewer than SB_COMPARE_MIN_SAMPLES samples, a median is
 * not positive, or memory ran out (*out is then filled with NANs and SB_V_NOISE).
 */
int sb_compare_metric(const double *base, size_t nb, const double *new_, size_t nn,
		      double threshold, double alpha, struct sb_verdict *out);

/*
 * The same for pooled repeated runs: run i of a side holds samples [ends[i-1], ends[i]) (ends[k-1] == n).
 * The CI then comes from a two-level bootstrap (runs, then samples within runs), so run-to-run variation,
 * which one run cannot show, widens it. k == 0 (ends NULL) means one run. The p-value stays the
 * Mann-Whitney U of the pooled samples; the verdict needs both (docs/statistics.md).
 */
int sb_compare_runs(const double *base, size_t nb, const size_t *base_ends, size_t kb, const double *new_,
		    size_t nn, const size_t *new_ends, size_t kn, double threshold, double alpha,
		    struct sb_verdict *out);

/*
 * Free the calling thread's cache of bootstrap draws (kept between calls: compare draws them once for
 * every case of the same sample counts). A thread that compared must call it before it ends.
 */
void sb_compare_release_plans(void);

/* Building blocks, exposed for tests. */

/* sb_mann_whitney_p (mann_whitney.h): the U test compare's p-value comes from. */
/* Median of x[0..n) (the mean of the middle two for even n), NAN when n is 0 or memory runs out. */
double sb_compare_median(const double *x, size_t n);

/* Percentile bootstrap CI (conf, e.g. 0.95) of median(b) / median(a), B resamples, seeded. Returns 0 or -1. */
int sb_bootstrap_ratio_ci(const double *a, size_t na, const double *b, size_t nb, unsigned B,
			  uint64_t seed, double conf, double *lo, double *hi);
/* "regression", "improvement", "no change", "noise", "inconclusive". */
const char *sb_verdict_name(int verdict);

#endif
