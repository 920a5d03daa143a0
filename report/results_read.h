/* SPDX-License-Identifier: MIT */
/* Loading results files for report, compare and export: one place that knows what a readable file is. */
#ifndef SB_RESULTS_READ_H
#define SB_RESULTS_READ_H
#include <jansson.h>
#include <stddef.h>

#include "results_names.h"
#include "results_parse.h"

#define SB_SCHEMA SB_SCHEMA_ID

/*
 * Read and check one results file. Returns the document (caller json_decref()s it), or NULL with a
 * one-line message naming the file and what is wrong in err: missing/unreadable, not JSON (with line and
 * column), truncated, wrong or missing "schema", no "cases" array, a sample or a statistic that is not a
 * duration (results_check.h: the statistics are recomputed from the samples).
 */
json_t *sb_results_load(const char *path, char *err, size_t errlen);
/*
 * The same checks, keeping the samples as arrays of doubles beside the document (results_parse.h) instead
 * of putting them back into it: what compare and export read. 0, or -1 with the message; free with
 * sb_parsed_free().
 */
int sb_results_read(const char *path, struct sb_parsed *out, char *err, size_t errlen);

/* Number of cases with status "ok" and at least one sample of some metric. */
size_t sb_results_usable_cases(const json_t *doc);

/* Convenience accessors that tolerate absent fields. */
const char *sb_json_str(const json_t *obj, const char *key, const char *fallback);
double sb_json_num(const json_t *obj, const char *key, double fallback);
/* stats.<metric>.<field> of a case, or NAN when absent. */
double sb_case_stat(const json_t *c, const char *metric, const char *field);

#endif
