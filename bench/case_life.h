/* SPDX-License-Identifier: MIT */
/*
 * A case in flight: its workers (its own, or those of a sibling that differs only in probe level), the
 * time its batches took, and its end (status, reason with a hint at the limit behind its errors, workers
 * stopped once the last case using them ends).
 */
#ifndef SB_CASE_LIFE_H
#define SB_CASE_LIFE_H
#include <stddef.h>

#include "cases.h"
#include "outcome.h"
#include "worker_life.h"

struct sb_running {
	struct sb_case *c;
	size_t index;               /* in cfg->cases: the probes' case index */
	struct sb_worker *w;
	int n_workers;
	double measured_s;
	int active;
	struct sb_running *owner;   /* whose workers these are: itself, or the sibling it shares them with */
	int users;                  /* on the owner: active cases using its workers */
	size_t others, other_cases; /* workers of the other cases of its group alive with it, and those cases */
};

/*
 * Start the case's `concurrency` workers, each placed by --placement. SB_OUT_OK (active, its own owner),
 * SB_OUT_CASE_FAILED with the case's status and reason set, or SB_OUT_INTERRUPTED.
 */
enum sb_outcome sb_case_start(struct sb_run_config *cfg, const char *worker_path, struct sb_running *r,
			      size_t *next_cpu);
/*
 * Cases that differ only in their probe level run on the same workers: 1 when run[i] found an active
 * sibling among run[0..i) and shares its workers (it is then active), 0 when it needs its own.
 */
int sb_case_share_workers(struct sb_running *run, size_t i);
/* End the case: why it stopped, its final status and reason; stop its workers if no other case uses them. */
void sb_case_finish(struct sb_running *r, const char *stop_reason);
/* A worker failed mid-batch: the case's reason from the worker's exit status, unless one is set already. */
void sb_case_worker_failed(struct sb_running *r);
/* Free the workers array of each case of run[0..n) that owns one. */
void sb_case_free_workers(struct sb_running *run, size_t n);

#endif
