// SPDX-License-Identifier: MIT
/* sb_run_all: the run from the first group of cases to the last child reaped; see controller.h. */
#include "controller.h"

#include <stdio.h>
#include <sys/prctl.h>

#include "scheduler.h"
#include "stamp_cost.h"
#include "worker_life.h"

enum sb_outcome sb_run_all(struct sb_run_config *cfg, struct sb_probe_session *probe)
{
	char worker_path[SB_PATH_MAX];
	if (sb_find_helper("spawnbench-worker", worker_path, sizeof(worker_path))) {
		fprintf(stderr, "spawnbench: cannot find spawnbench-worker beside the binary (set SPAWNBENCH_LIBEXEC)\n");
		return SB_OUT_CANNOT_RUN;
	}
	/* Whatever a worker leaves behind (an exec'd program that forked) comes back to be reaped. */
	prctl(PR_SET_CHILD_SUBREAPER, 1);
	char why[128];
	uint64_t budget = sb_memory_budget(why, sizeof(why));
	struct sb_schedule sched;
	sb_schedule_init(&sched, cfg);
	enum sb_outcome o = SB_OUT_OK;

	/* Cases are interleaved within groups whose memory fits the budget together, in plan order. */
	for (size_t first = 0, end; first < cfg->n_cases && o == SB_OUT_OK; first = end) {
		if (sb_stop_signal) {   /* arrived during set-up */
			o = SB_OUT_INTERRUPTED;
			break;
		}
		end = sb_budget_group_end(cfg, first, budget);
		o = sb_schedule_group(&sched, cfg, worker_path, probe, first, end);
	}
	sb_schedule_progress_end(cfg);
	/* After the cases, so it delays no measurement; an interrupted run goes without it. */
	if (o == SB_OUT_OK && !sb_stop_signal)
		sb_stamp_cost_measure(cfg, worker_path);
	sb_reap_all_children();
	if (o == SB_OUT_INTERRUPTED)
		sb_cases_mark_unbegun(cfg);
	return o;
}
