/* SPDX-License-Identifier: MIT */
/* The report's "what the probes cost" table, for runs made with a --probe list (probe_cost.c). */
#ifndef SB_PROBE_COST_H
#define SB_PROBE_COST_H
#include <stddef.h>
#include <stdio.h>

#include "report_page.h"

/* One row per probed case of this run that has an "off" twin; returns the rows written (0: no table). */
int sb_probe_cost_table(FILE *f, const struct sb_page_ops *o, const struct sb_report *r, size_t run);

#endif
