/* SPDX-License-Identifier: MIT */
/*
 * One batch of a case: every worker of the case spawns at once, each answers with a header and one
 * sb_sample per spawn. The samples are kept on the case, its throughput gets one value, and with probes
 * the batch's samples of all workers are joined to the kernel's records once (the records of every
 * worker come through one ring, so a join per worker would drop the others').
 */
#ifndef SB_BATCH_H
#define SB_BATCH_H

#include "case_life.h"
#include "outcome.h"
#include "probe_session.h"

/*
 * Run one batch on every worker of r. SB_OUT_OK; SB_OUT_CASE_FAILED when a worker failed or timed out (the
 * reason is set when known); SB_OUT_PROBE_FAILED when the probes would not attach (status and reason set);
 * SB_OUT_CASE_REFUSED when nothing spawned (the kernel refuses the case); SB_OUT_INTERRUPTED.
 */
enum sb_outcome sb_batch_run(const struct sb_run_config *cfg, struct sb_running *r, struct sb_probe_session *probe);

#endif
