/* SPDX-License-Identifier: MIT */
/* The one clock every figure is taken with: CLOCK_MONOTONIC, read through the vDSO. */
#ifndef SB_TIMER_H
#define SB_TIMER_H
#include <stdint.h>
#include <time.h>

static inline uint64_t sb_now_ns(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000ull + (uint64_t)ts.tv_nsec;
}

/* Median cost of one sb_now_ns() call over many back-to-back calls, in ns. */
double sb_timer_overhead_ns(void);
/* clock_getres(CLOCK_MONOTONIC) in ns. */
uint64_t sb_timer_resolution_ns(void);

#endif
