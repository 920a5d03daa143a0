/* SPDX-License-Identifier: MIT */
/*
 * A case's warnings: whatever makes its figures harder to compare (children that changed CPU, a series
 * that never settled, too few stage samples). Each is a stable code and a sentence; the results carry them
 * as "warnings": [{"code", "message"}] (always present), the table marks the case and prints them below.
 */
#ifndef SB_WARNINGS_H
#define SB_WARNINGS_H
#include <jansson.h>
#include <stdio.h>

#include "cases.h"

/* Add (or replace: one warning per code) a warning. Silently drops it when the case's list is full. */
void sb_case_warn(struct sb_case *c, const char *code, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
int sb_case_has_warning(const struct sb_case *c, const char *code);
/* The case's "warnings" array (new reference, possibly empty). */
json_t *sb_warnings_json(const struct sb_case *c);
/* The table's footnotes: "[!1] label: code: message" lines for every warned case; the marker of case i. */
void sb_warnings_table_footer(FILE *f, const struct sb_run_config *cfg);
const char *sb_warnings_marker(const struct sb_run_config *cfg, size_t i, char *buf, size_t len);

#endif
