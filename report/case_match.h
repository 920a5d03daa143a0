/* SPDX-License-Identifier: MIT */
/*
 * The same case across results files, for the figures that compare runs (fig_runs.c, fig_trend.c):
 * matched by key, and judged by the two-sample comparison `spawnbench compare` uses.
 */
#ifndef SB_CASE_MATCH_H
#define SB_CASE_MATCH_H
#include "compare_stats.h"
#include "report.h"

#define SB_MATCH_THRESHOLD 0.05   /* relative change a figure marks */
#define SB_MATCH_ALPHA 0.05

/* The case's key (its label in files too old to have one). */
const char *sb_case_key(const struct sb_rcase *c);
/* The case with this key in run, usable for the report's metric, or NULL. */
const struct sb_rcase *sb_case_in_run(const struct sb_report *r, int run, const char *key);
/* c against base on the raw samples of the report's metric: 0, or -1 when the samples are too few. */
int sb_case_verdict(const struct sb_report *r, const struct sb_rcase *base, const struct sb_rcase *c,
		    struct sb_verdict *v);

#endif
