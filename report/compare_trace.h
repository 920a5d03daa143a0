/* SPDX-License-Identifier: MIT */
/*
 * compare reads trace profiles too (`spawnbench trace --json`), so a real program's spawns before and
 * after a change are judged and explained like a benchmark's. A profile becomes a results document in
 * memory: one case per spawn kind it saw ("fork (process)", ...) plus "all spawns" (the only one with
 * copy_process stages), each timed by its syscall_ns phase. The conversion lives here, on the report
 * side, because probes/ must not depend on report/ (docs/ci.md, "Comparing two trace profiles").
 */
#ifndef SB_COMPARE_TRACE_H
#define SB_COMPARE_TRACE_H
#include <jansson.h>
#include <stddef.h>

#include "compare_pool.h"
#include "results_model.h"

#define SB_TRACE_SCHEMA "spawnbench-trace/1"
/* The metric a trace profile's cases are timed by: syscall entry -> return in the parent. */
#define SB_TRACE_METRIC "syscall_ns"

/*
 * A results file read into its model (results_model.h), or a trace profile converted to one. 0, or -1 with
 * a one-line message in err as sb_results_read() gives it (a file that is neither says it is not a
 * results file); r is then empty.
 */
int sb_compare_read(const char *path, struct sb_results *r, char *err, size_t errlen);
/* 1 when every file of both pools is a trace profile, 0 when none is, -1 (err says so) when mixed. */
int sb_trace_pools(const struct sb_pool *base, const struct sb_pool *new_, char *err, size_t errlen);

#endif
