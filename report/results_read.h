/* SPDX-License-Identifier: MIT */
/* Loading a results file, the first step of the model's reader (results_model.h): what a readable file is. */
#ifndef SB_RESULTS_READ_H
#define SB_RESULTS_READ_H
#include <jansson.h>
#include <stddef.h>

#include "results_names.h"
#include "results_parse.h"

/*
 * Read and parse one results file: its document, and its cases' samples as arrays beside it
 * (results_parse.h). 0, or -1 with a one-line message naming the file and what is wrong in err:
 * missing/unreadable, over the size bound, not JSON (with line and column), truncated, wrong or missing
 * "schema", no "cases" array (out is then empty). What the cases hold is checked by the model's reader
 * (results_model.h), which every command reads through; free out with sb_parsed_free() otherwise.
 */
int sb_results_parse_file(const char *path, struct sb_parsed *out, char *err, size_t errlen);

/* Accessors that tolerate absent fields and values of another type, for the model's reader (results_model.c). */
const char *sb_json_str(const json_t *obj, const char *key, const char *fallback);
double sb_json_num(const json_t *obj, const char *key, double fallback);

#endif
