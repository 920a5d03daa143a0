/* SPDX-License-Identifier: MIT */
/* libpfm4 counters around each spawn: the controller's side (naming, encoding, results). */
#ifndef SB_COUNTERS_H
#define SB_COUNTERS_H
#include <jansson.h>
#include <stddef.h>

#include "cases.h"

/* Encode cfg->counters into every case's wire events. 0, or SB_EXIT_USAGE with err set. */
int sb_counters_prepare(struct sb_run_config *cfg, char *err, size_t errlen);
/* The case's "counters" object (new reference), or NULL when no counters were asked for. */
json_t *sb_counters_case_json(const struct sb_run_config *cfg, const struct sb_case *c);
/* A short text for the table ("page-faults 12"), or NULL. */
const char *sb_counters_case_summary(const struct sb_run_config *cfg, const struct sb_case *c, char *buf, size_t len);

#endif
