/* SPDX-License-Identifier: MIT */
/*
 * Steady state and enough stage samples: the two reasons a case that met its stop rule goes on.
 *
 * Steady state: a case's series (the --stop-metric) is split in thirds and the first third tested against
 * the last with the Mann-Whitney U test. A series whose thirds differ (p < 0.01) by more than 10% in median
 * is not stationary: a freshly populated parent's first spawns, a CPU's frequency ramp. Its first third is
 * then dropped as further warm-up and the case measures on to refill it, at most three times and at most as
 * many spawns as the case's own iterations; a series still moving then carries the warning "not-steady".
 * Cases with probes are never trimmed (their kernel data is already joined spawn by spawn), only warned.
 *
 * Stage samples: a --probe stages case spawns on until the stack sampler put --stage-samples samples inside
 * copy_process, or its time budget (--max-time, else 10 s of spawning) is spent; with fewer, the warning
 * "few-stage-samples", and the table prints no shares.
 */
#ifndef SB_STEADY_H
#define SB_STEADY_H
#include "cases.h"

/* A case met stop rule `stop`: returns stop to end it, or NULL to keep measuring. */
const char *sb_steady_gate(const struct sb_run_config *cfg, struct sb_case *c, const char *stop);
const char *sb_stage_quota_gate(const struct sb_run_config *cfg, struct sb_case *c, struct sb_probe_session *probe,
				size_t index, const char *stop, double measured_s);
/* 1 when the first and last thirds of v[0..n) differ (exposed for tests). */
int sb_series_moves(const double *v, size_t n, double *p_out, double *shift_out);

#endif
