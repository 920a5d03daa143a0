/* SPDX-License-Identifier: MIT */
/*
 * Running the cases: the controller finds the worker program, becomes the child subreaper, splits the cases
 * into groups that fit the memory budget (memory_budget.h) and has the scheduler measure each group
 * (scheduler.h: rounds, stop rules; batch.h: one batch; case_life.h and worker_life.h: cases and workers
 * started and ended). It includes interrupted.h and memory_budget.h for `run`, which installs the stop
 * handlers and refuses cases larger than the budget before anything runs.
 */
#ifndef SB_CONTROLLER_H
#define SB_CONTROLLER_H

#include "cases.h"
#include "interrupted.h"
#include "memory_budget.h"
#include "outcome.h"
#include "probe_session.h"

/*
 * Run every pending case. SB_OUT_OK; SB_OUT_CANNOT_RUN when it cannot start (no spawnbench-worker beside
 * the binary) or go on (out of memory); or SB_OUT_INTERRUPTED when a signal stopped it (cases left
 * unfinished are marked "interrupted", those not begun are skipped). A case's failure is in its status,
 * not in the outcome. Never leaves a child behind: workers and anything reparented to this process are
 * killed and reaped before it returns.
 */
enum sb_outcome sb_run_all(struct sb_run_config *cfg, struct sb_probe_session *probe);

#endif
