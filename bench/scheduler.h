/* SPDX-License-Identifier: MIT */
/*
 * What runs when. The controller hands the scheduler groups of cases whose workers fit the memory budget
 * together; the scheduler starts a group's workers (siblings that differ only in probe level share them),
 * then runs rounds: each round, every case still measuring gets one batch, in a seeded shuffled order
 * (so drift hits all cases alike), grouped by probe level when --probe is a list. A case stops at the
 * iteration cap, when its --stop-metric's CI is tight enough (--target-ci), or at --max-time, then only
 * once its stage samples and steady state allow (steady.c).
 */
#ifndef SB_SCHEDULER_H
#define SB_SCHEDULER_H
#include <stddef.h>
#include <stdint.h>

#include "cases.h"
#include "outcome.h"
#include "probe_session.h"

/* What the scheduler carries from one group to the next. */
struct sb_schedule {
	uint64_t seed;             /* the shuffles' state: --seed, or a fixed one */
	size_t probe_levels[3];    /* the order of the probe levels in a round, shuffled once per run */
	size_t round;              /* rounds so far: the probe levels' order turns every other round */
	size_t next_cpu;           /* --placement's round robin over the CPUs */
	size_t done;               /* cases finished, for the progress line */
};

void sb_schedule_init(struct sb_schedule *s, const struct sb_run_config *cfg);
/*
 * Measure the cases [first, end) of cfg interleaved, until each stopped. SB_OUT_OK; SB_OUT_INTERRUPTED
 * (cases in flight are marked interrupted); SB_OUT_CANNOT_RUN when out of memory.
 */
enum sb_outcome sb_schedule_group(struct sb_schedule *s, struct sb_run_config *cfg, const char *worker_path,
				  struct sb_probe_session *probe, size_t first, size_t end);
/* Clear the progress line, if there is one. */
void sb_schedule_progress_end(const struct sb_run_config *cfg);

#endif
