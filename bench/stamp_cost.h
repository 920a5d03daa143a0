/* SPDX-License-Identifier: MIT */
/*
 * What the child's stamp costs, measured once per run, after the cases: one fork worker, pinned, runs batches with no stamp,
 * a time stamp, and a time-and-CPU stamp (the default) in a shuffled order each round. The per-round
 * difference of batch medians (total, default stamp minus none) gives cfg->stamp_ns: median and a
 * distribution-free 95% CI; the time-and-CPU minus time-only difference is what reading the CPU adds.
 * The stamp's first write faults in the shared page (fork does not copy a shared mapping's page tables),
 * which is most of the cost. About 1,500 spawns (a tenth of a second or so); a run that cannot start the worker records nothing.
 */
#ifndef SB_STAMP_COST_H
#define SB_STAMP_COST_H
#include <jansson.h>

#include "cases.h"

void sb_stamp_cost_measure(struct sb_run_config *cfg, const char *worker_path);
/* The run's "stamp_ns" object (new reference), null when it could not be measured. */
json_t *sb_stamp_cost_json(const struct sb_run_config *cfg);

#endif
