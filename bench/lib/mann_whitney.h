/* SPDX-License-Identifier: MIT */
/*
 * The two-sided Mann-Whitney U test, on its own: compare (report/compare_stats.c) judges two runs with it
 * and the driver (bench/steady.c) tests whether a case's first and last samples come from one distribution.
 * Plain C and libm only, so both sides can use it.
 */
#ifndef SB_MANN_WHITNEY_H
#define SB_MANN_WHITNEY_H
#include <stddef.h>

/* Two-sided Mann-Whitney U p-value: exact when both sides are small and untied, else normal with tie correction. */
double sb_mann_whitney_p(const double *a, size_t na, const double *b, size_t nb);

#endif
