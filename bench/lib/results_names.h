/* SPDX-License-Identifier: MIT */
/*
 * The words of the results file declared once: the schema id, the metric names (the keys of a case's
 * "samples" and "stats") and the case statuses. The driver writes with these tables and report/ reads
 * with them, so a name cannot drift between the two sides. The metric enum itself is the worker
 * protocol's (wire.h): a metric is what the worker measures.
 */
#ifndef SB_RESULTS_NAMES_H
#define SB_RESULTS_NAMES_H

#include "wire.h"

#define SB_SCHEMA_ID "spawnbench/1"

/* A case's status in the driver; the results file knows ok, skipped, error and interrupted (pending is
 * never written). SB_ST_INTERRUPTED: a signal stopped the run while the case was being measured; it keeps
 * its samples. */
enum sb_status { SB_ST_PENDING, SB_ST_OK, SB_ST_SKIPPED, SB_ST_ERROR, SB_ST_INTERRUPTED, SB_N_STATUS };

extern const char *const sb_metric_names[SB_N_METRICS];   /* "create_ns", ...: keys in the results file */
extern const char *const sb_metric_short[SB_N_METRICS];   /* "create", ...: table headers, --metric */
extern const char *const sb_metric_about[SB_N_METRICS];   /* "create latency (from ... )": prose */

/* The metric named "create_ns" (or its short form "create"), or -1. */
int sb_metric_by_name(const char *name);
/* "ok", "skipped", "error", "interrupted"; a case still pending is written as skipped (it never ran). */
const char *sb_status_name(enum sb_status s);

#endif
