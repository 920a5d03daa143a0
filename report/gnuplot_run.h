/* SPDX-License-Identifier: MIT */
/* Running gnuplot on the generated scripts, a few at a time, with its own words kept for errors. */
#ifndef SB_GNUPLOT_RUN_H
#define SB_GNUPLOT_RUN_H
#include <signal.h>

#include "report.h"

/* Set by report's signal handler: a gnuplot being waited for is killed and the wait ends. */
extern volatile sig_atomic_t sb_gp_stop;

/* Start gnuplot on SCRIPT (a file name inside r->dir). Waits first when all CPUs are busy. 0 or -1. */
int sb_gp_start(struct sb_report *r, const char *script);
/* 0 when the program runs at all (gnuplot --version), else -1 with the reason in r->err. */
int sb_gp_check(struct sb_report *r);

#endif
