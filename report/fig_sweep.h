/* SPDX-License-Identifier: MIT */
/* Line figures over one swept axis (stack size, spawners): one line per group, CI as error bars. */
#ifndef SB_FIG_SWEEP_H
#define SB_FIG_SWEEP_H
#include "report.h"
#include "report_group.h"

struct sb_sweep {
	const char *stem;     /* file name stem, e.g. fig6-stack */
	const char *title;    /* figure title */
	const char *xlabel, *ylabel; /* ylabel gets " (unit)" appended when duration */
	unsigned axis;        /* SB_AX_STACK or SB_AX_CONC */
	sb_case_filter keep;
	double (*x)(const struct sb_rcase *c);
	const char *stat;     /* the stats metric drawn: NULL = r->metric */
	int duration;         /* the metric is in ns: pick a unit */
	int logx;             /* log base of the x axis, 0 = linear */
	int logy;             /* log y axis: for values spanning orders of magnitude */
};

/*
 * Draw the sweep for every run that has a group with two or more x values. *drawn counts figures.
 * fig_title and caption are copied into each figure (run name added when several).
 */
int sb_sweep_draw(struct sb_report *r, const struct sb_sweep *s, const char *fig_title, const char *caption,
		  int *drawn);

#endif
