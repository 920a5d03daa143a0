// SPDX-License-Identifier: MIT
#include "timer.h"

#include <stdlib.h>

static int cmp_u64(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
	return (x > y) - (x < y);
}

double sb_timer_overhead_ns(void)
{
	/* 101 rounds of 100 calls each: the median round is robust to a preemption in a few of them. */
	enum { ROUNDS = 101, CALLS = 100 };
	uint64_t per[ROUNDS];
	for (int r = 0; r < ROUNDS; r++) {
		uint64_t t0 = sb_now_ns();
		for (int i = 0; i < CALLS; i++)
			(void)sb_now_ns();
		per[r] = sb_now_ns() - t0;
	}
	qsort(per, ROUNDS, sizeof(per[0]), cmp_u64);
	return (double)per[ROUNDS / 2] / (CALLS + 1);
}

uint64_t sb_timer_resolution_ns(void)
{
	struct timespec ts;
	if (clock_getres(CLOCK_MONOTONIC, &ts))
		return 0;
	return (uint64_t)ts.tv_sec * 1000000000ull + (uint64_t)ts.tv_nsec;
}
