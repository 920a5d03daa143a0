/* SPDX-License-Identifier: MIT */
/*
 * A case's warnings as the report and compare show them: the case's own "warnings" list (placement,
 * steady state, stage samples; see docs/results-schema.md), and the one that only appears when two cases
 * are put side by side: their children's same-CPU shares differ by more than SB_PLACEMENT_GAP, so a
 * difference between them may be where the children ran rather than how they were made.
 */
#ifndef SB_CASE_WARNINGS_H
#define SB_CASE_WARNINGS_H
#include <stdio.h>

#include "compare_run.h"
#include "report_page.h"

#define SB_PLACEMENT_GAP 0.2

/* The report's "Warnings" section: every warned case, and every figure line whose cases' placement differs. */
void sb_page_warnings(FILE *f, const struct sb_page_ops *o, struct sb_report *r);
/* compare's Markdown: a line per warned case, and per case whose placement differs between base and new. */
void sb_cmp_write_warnings(const struct sb_cmp *c, FILE *f);

#endif
