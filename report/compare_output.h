/* SPDX-License-Identifier: MIT */
/* The two faces of a comparison: Markdown for people (PR comments, $GITHUB_STEP_SUMMARY), JSON for tools. */
#ifndef SB_COMPARE_OUTPUT_H
#define SB_COMPARE_OUTPUT_H
#include <jansson.h>
#include <stdio.h>

#include "compare_run.h"

/* Schema name of the JSON document; docs/ci.md describes its fields. */
#define SB_COMPARE_SCHEMA "spawnbench-compare/1"

/* Both return 0, or -1 when writing failed (errno set). */
int sb_cmp_write_markdown(const struct sb_cmp *c, FILE *f);
int sb_cmp_write_json(const struct sb_cmp *c, FILE *f);
/* The JSON form as text, without the final newline (caller frees it), or NULL when out of memory. */
char *sb_cmp_json_text(const struct sb_cmp *c);
/* Write that text (NULL: memory ran out making it) and a newline. 0, or -1 (errno set). */
int sb_cmp_write_json_text(const char *text, FILE *f);
/* The JSON document (caller json_decref()s it), or NULL when out of memory. */
json_t *sb_cmp_to_json(const struct sb_cmp *c);

#endif
