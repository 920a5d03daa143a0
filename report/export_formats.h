/* SPDX-License-Identifier: MIT */
/*
 * Writers of `spawnbench export`: pooled results (compare_pool.h) in other tools' formats. Each writes
 * the ok cases that measured the chosen metrics and returns 0, or -1 when writing or memory failed.
 */
#ifndef SB_EXPORT_FORMATS_H
#define SB_EXPORT_FORMATS_H
#include <stdio.h>

#include "compare_pool.h"
#include "stats.h"

struct sb_export_opts {
	const char *const *metrics; /* metric names; "all" alone means every metric a case has */
	size_t nmetrics;
};

/* hyperfine's --export-json layout: {"results": [{command, mean, stddev, median, user, system, min, max, times, exit_codes, parameters}]}, seconds. */
int sb_export_hyperfine(const struct sb_pool *p, const struct sb_export_opts *o, FILE *f);
/* github-action-benchmark's customSmallerIsBetter: [{name, unit, value, range, extra}]. */
int sb_export_gab(const struct sb_pool *p, const struct sb_export_opts *o, FILE *f);
/*
 * Bencher Metric Format: {"<case>": {"create-latency": {"value", "lower_value", "upper_value"}, ...,
 * "throughput": {...}}}: each *_ns metric as "<name>-latency" (median and 95% interval, ns) and the
 * spawns per second of all spawners together as "throughput".
 */
int sb_export_bencher(const struct sb_pool *p, const struct sb_export_opts *o, FILE *f);
/* One row per case and metric with the pooled statistics (RFC 4180 quoting). */
int sb_export_csv(const struct sb_pool *p, const struct sb_export_opts *o, FILE *f);

/* Iteration shared by the writers: calls fn for each (ok case, metric with samples) in order. */
typedef int (*sb_export_fn)(const struct sb_pool_case *c, const char *metric, const double *v, size_t n,
			    void *ctx);
int sb_export_each(const struct sb_pool *p, const struct sb_export_opts *o, sb_export_fn fn, void *ctx);
/* The name a case goes by in other tools: its label, or its key when another case shares the label. */
const char *sb_export_name(const struct sb_pool *p, const struct sb_pool_case *c);

/*
 * Statistics of a pooled metric (run i holding v[ends[i-1] .. ends[i]), k runs) and its 95% interval:
 * the median's CI, widened with several runs to hold the between-run interval (export_interval.c).
 */
int sb_export_interval(const double *v, size_t n, const size_t *ends, size_t k, struct sb_stats *s, double *lo,
		       double *hi);
/* A number in plain decimal, never with an exponent: "1129200", "12.500". */
void sb_export_decimal(double x, char *buf, size_t len);

#endif
