/* SPDX-License-Identifier: MIT */
/* Loading a results file, the first step of the model's reader (results_model.h): what a readable file is. */
#ifndef SB_RESULTS_READ_H
#define SB_RESULTS_READ_H
#include <jansson.h>
#include <stddef.h>

#include "results_names.h"

/*
 * Load one results file. Returns the document (caller json_decref()s it), or NULL with a one-line
 * message naming the file and what is wrong in err: missing/unreadable, not JSON (with line and column),
 * truncated, wrong or missing "schema", no "cases" array. What the cases hold is checked by the model's
 * reader (results_model.h), which every command reads through.
 */
json_t *sb_results_load(const char *path, char *err, size_t errlen);

/* Accessors that tolerate absent fields, for the reader and the free-form parts (results_model.h). */
const char *sb_json_str(const json_t *obj, const char *key, const char *fallback);
double sb_json_num(const json_t *obj, const char *key, double fallback);

#endif
