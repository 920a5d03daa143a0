/* SPDX-License-Identifier: MIT */
/* libpfm4 counters around each spawn: the controller's side (naming, encoding, results). */
#ifndef SB_COUNTERS_H
#define SB_COUNTERS_H
#include <jansson.h>
#include <stddef.h>
#include <stdio.h>

#include "cases.h"

/* Encode cfg->counters into every case's wire events. 0, or SB_EXIT_USAGE with err set. */
int sb_counters_prepare(struct sb_run_config *cfg, char *err, size_t errlen);
/* The case's "counters" object (new reference), or NULL when no counters were asked for. */
json_t *sb_counters_case_json(const struct sb_run_config *cfg, const struct sb_case *c);
/* A short text for the table ("page-faults 12"), or NULL. */
const char *sb_counters_case_summary(const struct sb_run_config *cfg, const struct sb_case *c, char *buf, size_t len);
/* CSV: the counter columns' header (",name_parent_median,...") and one case's cells; nothing without --counters. */
void sb_counters_csv_header(FILE *f, const struct sb_run_config *cfg);
void sb_counters_csv_row(FILE *f, const struct sb_run_config *cfg, const struct sb_case *c);
/* "API 4.0" (libpfm4 at run time) or "none". */
const char *sb_counters_libpfm_version(void);
int sb_list_counters(void);
int sb_doctor_counters(void (*line)(const char *what, int ok, const char *detail));

#endif
