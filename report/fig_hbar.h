/* SPDX-License-Identifier: MIT */
/* Horizontal bars with CI whiskers: long case labels stay readable on the y axis. */
#ifndef SB_FIG_HBAR_H
#define SB_FIG_HBAR_H
#include "report.h"

struct sb_hbar {
	char label[160];
	double med, lo, hi; /* nanoseconds */
	int series;         /* colour/hatching; legend from series names */
	char mark[16];      /* text drawn after the bar, e.g. a verdict; "" for none */
};

/*
 * Draw n bars top to bottom in the given order. series may be NULL (one series, no legend). logx draws
 * a log value axis, the bars starting below the smallest value, for data spanning orders of magnitude.
 */
int sb_hbar_draw(struct sb_report *r, struct sb_fig *fig, const struct sb_hbar *b, size_t n,
		 const char *xlabel, const char *title, const char *const *series, int nseries, int logx);

#endif
