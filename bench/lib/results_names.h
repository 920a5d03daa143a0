/* SPDX-License-Identifier: MIT */
/*
 * The words of the results file declared once: the schema id, the metric names (the keys of a case's
 * "samples" and "stats") and the case statuses. The driver writes with these tables and report/ reads
 * with them, so a name cannot drift between the two sides. The metric enum itself is the worker
 * protocol's (wire.h): a metric is what the worker measures.
 */
#ifndef SB_RESULTS_NAMES_H
#define SB_RESULTS_NAMES_H

#include <stddef.h>

#include "stats.h"
#include "wire.h"

#define SB_SCHEMA_ID "spawnbench/1"

/* A case's status in the driver; the results file knows ok, skipped, error and interrupted (pending is
 * never written). SB_ST_INTERRUPTED: a signal stopped the run while the case was being measured; it keeps
 * its samples. */
enum sb_status { SB_ST_PENDING, SB_ST_OK, SB_ST_SKIPPED, SB_ST_ERROR, SB_ST_INTERRUPTED, SB_N_STATUS };

extern const char *const sb_metric_names[SB_N_METRICS];   /* "create_ns", ...: keys in the results file */
extern const char *const sb_metric_short[SB_N_METRICS];   /* "create", ...: table headers, --metric */
extern const char *const sb_metric_about[SB_N_METRICS];   /* "create latency (from ... )": prose */

/* The statistics of a metric ("stats.<metric>.<field>"), in the order the writer lists them. */
enum sb_stat_field {
	SB_SF_N, SB_SF_MIN, SB_SF_MAX, SB_SF_MEDIAN, SB_SF_CI95_LOW, SB_SF_CI95_HIGH, SB_SF_MEAN, SB_SF_STDDEV,
	SB_SF_P90, SB_SF_P99, SB_SF_OUTLIERS, SB_N_STAT_FIELDS
};
extern const char *const sb_stat_field_names[SB_N_STAT_FIELDS];
/* Whether the field is a count (written as an integer) rather than a real. */
int sb_stat_field_is_count(enum sb_stat_field f);
double sb_stat_get(const struct sb_stats *s, enum sb_stat_field f);
void sb_stat_set(struct sb_stats *s, enum sb_stat_field f, double v);
/* The field named so, or -1. */
int sb_stat_field_by_name(const char *name);

/* Spawns per second of a case's rounds: the key of "throughput" and of its statistics in "stats". */
#define SB_RATE_NAME "spawns_per_s"

/* The metric named "create_ns" (or its short form "create"), or -1. */
int sb_metric_by_name(const char *name);
/* "ok", "skipped", "error", "interrupted"; a case still pending is written as skipped (it never ran). */
const char *sb_status_name(enum sb_status s);
/* The status a results file names ("ok", ...), or -1 for a word it never writes. */
int sb_status_by_name(const char *name);

#endif
