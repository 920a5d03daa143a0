/* SPDX-License-Identifier: MIT */
/*
 * Where the spawner and its children run (--placement), and what each case records of it. The worker reads
 * its CPU just before every call and the child reads its own in its first instruction (bench/worker/
 * cpu_now.h); per case that becomes "placement": {same_cpu_share, parent_cpus, child_cpus}.
 *
 *   same  (default) each worker is pinned to one CPU and its children inherit that single-CPU mask: every
 *         child starts where its parent called. A cross-CPU wake-up costs tens of microseconds on a VM and
 *         the scheduler chooses it by load (a big parent's child is more often sent away), so leaving it free
 *         makes a size axis measure the scheduler; see docs/methodology.md.
 *   cross each worker pinned to one CPU, each child put on another before it runs. Only pthread can do that
 *         honestly (NPTL applies the attribute's mask before the thread runs user code); a process child
 *         inherits the parent's mask at fork, and changing the parent's around the call moves the parent too.
 *   any   nothing pinned (unless --cpu): where children run is the scheduler's choice, and recorded.
 *
 * The scheduling policy is not changed (SCHED_BATCH was measured: it does not decide who runs first after a
 * fork, and it keeps vfork-style parents from preempting their child); each case records the one it had.
 */
#ifndef SB_PLACEMENT_H
#define SB_PLACEMENT_H
#include <jansson.h>
#include <stddef.h>

#include "cases.h"

enum sb_placement { SB_PLACE_SAME, SB_PLACE_CROSS, SB_PLACE_ANY };

/* "same", "cross", "any" -> *out. 0 or SB_EXIT_USAGE with err set. */
int sb_placement_parse(const char *arg, int *out, char *err, size_t errlen);
const char *sb_placement_name(int p);
/* Before the run: the CPUs to use, the stamp mode of every case, and refusals (cross where it cannot be done). */
int sb_placement_configure(struct sb_run_config *cfg, char *err, size_t errlen);
/* The CPU of the next worker (and, for cross, of its children), round robin. */
void sb_placement_assign(const struct sb_run_config *cfg, size_t *next, struct sb_case_wire *w);
/* Share of the case's spawns whose child first ran on the parent's CPU; -1 when no spawn recorded both. */
double sb_placement_same_share(const struct sb_case *c);
/* "normal", "batch", "idle", "fifo", "rr", "deadline", "other" for a sched_getscheduler() value; NULL for -1. */
const char *sb_placement_policy_name(int policy);
/* The case's "placement" object (new reference), NULL when nothing was recorded. */
json_t *sb_placement_json(const struct sb_run_config *cfg, const struct sb_case *c);
/* After the run: warn "changed-cpu" when most children started on another CPU than their parent's call. */
void sb_placement_check(const struct sb_run_config *cfg, struct sb_case *c);

#endif
