/* SPDX-License-Identifier: MIT */
/*
 * The numbers of a results file, checked once on read for report, compare and export alike: every sample
 * of a duration metric is a non-negative integer number of nanoseconds below 2^53 (exact as a double, a
 * hundred days); every statistic is a finite number; and the statistics of each metric with samples are
 * recomputed from them, so that report (which reads stats) and compare (which reads samples) cannot tell
 * two stories about one file. The model reader (results_model.c) calls these on every case it reads.
 */
#ifndef SB_RESULTS_CHECK_H
#define SB_RESULTS_CHECK_H
#include <jansson.h>
#include <stddef.h>

/* Largest sample accepted, in ns: 2^53, the last integer a double holds exactly. */
#define SB_SAMPLE_MAX_NS 9007199254740992.0

/*
 * Check the numbers of one array: samples.<metric> (durations), or throughput.spawns_per_s when rate is set
 * (positive rates). *out gets them as doubles (malloc'd, caller frees; NULL for an empty array). 0, or -1
 * with "WHERE: samples.total_ns[3] = -5 is negative" in err.
 */
int sb_check_values(const json_t *arr, int rate, const char *metric, const char *where, double **out, size_t *n,
		    char *err, size_t errlen);
/* The same for values already read as numbers (a parsed file's series): x[0..n) are not copied. */
int sb_check_numbers(const double *x, size_t n, int rate, const char *metric, const char *where, char *err,
		     size_t errlen);
/* A metric's statistics object: every field a finite number. 0, or -1 naming stats.<metric>.<field>. */
int sb_check_stats(const json_t *st, const char *metric, const char *where, char *err, size_t errlen);
/* Whether a metric name is a duration in ns (its samples are checked as such). */
int sb_is_duration(const char *metric);

#endif
