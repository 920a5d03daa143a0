/* SPDX-License-Identifier: MIT */
/*
 * The numbers of a results file, checked once on read for report, compare and export alike: every sample
 * of a duration metric is a non-negative integer number of nanoseconds below 2^53 (exact as a double, a
 * hundred days); every statistic is a finite number; and the statistics of each metric with samples are
 * recomputed from them, so that report (which reads stats) and compare (which reads samples) cannot tell
 * two stories about one file.
 */
#ifndef SB_RESULTS_CHECK_H
#define SB_RESULTS_CHECK_H
#include <jansson.h>
#include <stddef.h>

#include "results_parse.h"

/* Largest sample accepted, in ns: 2^53, the last integer a double holds exactly. */
#define SB_SAMPLE_MAX_NS 9007199254740992.0

/* 0, or -1 with "PATH: case N (LABEL): samples.total_ns[3] = -5 is negative" in err. Rewrites the stats. */
int sb_results_check(struct sb_parsed *p, const char *path, char *err, size_t errlen);

#endif
