/* SPDX-License-Identifier: MIT */
/* Running the cases: workers, interleaved rounds, adaptive stopping, and cleaning up after all of it. */
#ifndef SB_CONTROLLER_H
#define SB_CONTROLLER_H
#include <signal.h>
#include <stdint.h>
#include <sys/types.h>

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

/* One worker for case w, outside any case (stamp_cost.c). 0 or -errno with msg set; stop it in any case. */
int sb_worker_start(const char *path, const struct sb_case_wire *w, double spawn_timeout_s, pid_t *pid, int *fd,
		    char *msg, size_t len);
void sb_worker_stop(pid_t pid, int fd);

/* Kill and reap every child of this process (including orphans it inherited as subreaper). */
void sb_reap_all_children(void);

#endif
