/* SPDX-License-Identifier: MIT */
/*
 * The report's content, written once and rendered twice: report.md and report.html each supply these
 * operations (escaping plain text their own way); report_page.c decides what is said.
 */
#ifndef SB_REPORT_PAGE_H
#define SB_REPORT_PAGE_H
#include <stdio.h>

#include "report.h"

struct sb_page_ops {
	void (*heading)(FILE *f, int level, const char *text);
	void (*para)(FILE *f, const char *text);
	void (*list_begin)(FILE *f);
	void (*item)(FILE *f, const char *text);
	void (*list_end)(FILE *f);
	/* align: one letter per column, 'l' text or 'r' numbers. */
	void (*table_begin)(FILE *f, const char *const *head, const char *align, int ncols);
	void (*table_row)(FILE *f, const char *const *cells, int ncols);
	void (*table_end)(FILE *f);
	/* 0, or -1 when the figure's PNG could not be read (HTML embeds it). */
	int (*figure)(struct sb_report *r, FILE *f, const struct sb_fig *fig, int number);
};

/* Write the whole report to f. 0 or -1 (r->err says why). */
int sb_page_write(struct sb_report *r, FILE *f, const struct sb_page_ops *ops);

#endif
