/* SPDX-License-Identifier: MIT */
/*
 * One figure = one gnuplot script in the output directory that draws its PNG, then replots the same
 * picture to SVG and PDF. The script only names files beside it, so an author can edit and rerun it.
 */
#ifndef SB_GNUPLOT_SCRIPT_H
#define SB_GNUPLOT_SCRIPT_H
#include <stdio.h>

#include "report.h"

/*
 * Open NAME.gp and write the style and the PNG terminal. w and h are the screen size in pixels; the
 * paper style keeps their ratio at one column's width. Returns the stream for the figure's body.
 */
FILE *sb_gp_begin(struct sb_report *r, const char *name, int w, int h);
/* Write the SVG and PDF replots, close the script and run gnuplot on it. 0 or -1 (r->err says why). */
int sb_gp_end(struct sb_report *r, FILE *f, const char *name);
/* Wait for every gnuplot still running. 0, or -1 with the first failure (and gnuplot's message) in r->err. */
int sb_gp_wait_all(struct sb_report *r);
/* The fill style of bar series i: colour on screen, hatching on paper so it survives grey printing. */
const char *sb_gp_fill(const struct sb_report *r, int i, char *buf, size_t len);
/* The figure's title on screen; none on paper, where the caption names the figure. */
void sb_gp_title(const struct sb_report *r, FILE *f, const char *title);
/* A legend beside the plot on screen; above it on paper, where a column has no width to spare. */
const char *sb_gp_key_outside(const struct sb_report *r);
/*
 * Set one axis (axis 'x' or 'y') to [lo, hi] with at least three labelled ticks, whatever the range. Asked
 * for a log axis (log_base 2 or 10) over a span that holds three powers of the base, it is one with
 * gnuplot's own ticks; over a narrower span it keeps the log scale with 1-2-5 ticks (base 10) when three
 * of them fall inside, and otherwise becomes linear, where the ticks are 1-2-5 steps chosen here.
 * Returns 1 when the axis is logarithmic, 0 when linear (captions say which).
 */
int sb_gp_axis(FILE *f, char axis, double lo, double hi, int log_base);
/* Number of distinct line styles the preamble defines. */
#define SB_GP_STYLES 8

#endif
