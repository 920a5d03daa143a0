/* SPDX-License-Identifier: MIT */
/*
 * What the run's layers (the controller, its scheduler, a case's batches) report to the layer above, as one
 * enum instead of 0/-1/-2/-3 and exit statuses mixed. A case's outcome decides what the scheduler does with
 * the case; a run's outcome becomes the process exit status in one place, sb_outcome_exit (the statuses are
 * bench/lib/exit_codes.h's).
 */
#ifndef SB_OUTCOME_H
#define SB_OUTCOME_H

enum sb_outcome {
	SB_OUT_OK = 0,
	SB_OUT_CASE_FAILED,     /* the case ends in error (a worker failed, died or timed out); the run goes on */
	SB_OUT_CASE_REFUSED,    /* a whole batch spawned nothing: the kernel refuses the case; the run goes on */
	SB_OUT_PROBE_FAILED,    /* attaching the case's probes failed: the case ends in error; the run goes on */
	SB_OUT_INTERRUPTED,     /* a stop signal arrived: the run stops at this safe point */
	SB_OUT_CANNOT_RUN,      /* the run cannot start or go on: no spawnbench-worker, out of memory */
	SB_OUT_OUTPUT_FAILED,   /* the results could not be written */
};

/*
 * The exit status a run that ended so returns. A case's failure is recorded in the results, not in the
 * exit status: a run whose cases failed still exits 0.
 */
int sb_outcome_exit(enum sb_outcome o);

#endif
