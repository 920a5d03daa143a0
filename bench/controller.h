/* SPDX-License-Identifier: MIT */
/* Running the cases: workers, interleaved rounds, adaptive stopping, and cleaning up after all of it. */
#ifndef SB_CONTROLLER_H
#define SB_CONTROLLER_H
#include <signal.h>
#include <stdint.h>

#include "cases.h"
#include "probe_session.h"

/* Set by SIGINT/SIGTERM/SIGHUP: the run stops at the next safe point. */
extern volatile sig_atomic_t sb_stop_signal;
void sb_install_stop_handlers(void);

/* Memory the run may make resident at once: 80% of MemAvailable (and of the cgroup's headroom). */
uint64_t sb_memory_budget(char *why, size_t len);

/*
 * Run every pending case. Returns 0; SB_EXIT_RUNTIME when it cannot start (no spawnbench-worker beside
 * the binary, out of memory), before any case ran; or SB_EXIT_INTERRUPTED when a signal stopped it (cases
 * left unfinished are marked "interrupted", those not begun are skipped). Never leaves a child behind:
 * workers and anything reparented to this process are killed and reaped before it returns.
 */
int sb_run_all(struct sb_run_config *cfg, struct sb_probe_session *probe);

/* Kill and reap every child of this process (including orphans it inherited as subreaper). */
void sb_reap_all_children(void);

#endif
