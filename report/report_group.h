/* SPDX-License-Identifier: MIT */
/* Cases of one run that differ only in the swept axes, gathered into the lines or bars of a figure. */
#ifndef SB_REPORT_GROUP_H
#define SB_REPORT_GROUP_H
#include "report.h"

struct sb_group {
	char ident[512];
	char label[160];
	size_t *idx; /* indices into r->cases, in plan order */
	size_t n;
};

struct sb_groups {
	struct sb_group *g;
	size_t n;
};

typedef int (*sb_case_filter)(const struct sb_report *r, const struct sb_rcase *c);

/* Group the usable cases of run (keep() decides which) by identity without the skip axes. 0 or -1. */
int sb_group_cases(const struct sb_report *r, int run, unsigned skip, sb_case_filter keep,
		   struct sb_groups *out);
void sb_groups_free(struct sb_groups *g);
/* Sort a group's members by a number derived from each case. */
void sb_group_sort(const struct sb_report *r, struct sb_group *g, double (*key)(const struct sb_rcase *c));
/* The case has the drawn metric's median and CI: the minimum a figure needs. */
int sb_case_has_metric(const struct sb_report *r, const struct sb_rcase *c);
/* Runs that hold at least one case keep() accepts. */
int sb_run_has(const struct sb_report *r, int run, sb_case_filter keep);

#endif
