/* SPDX-License-Identifier: MIT */
/*
 * A worker's life, the controller's side: started with posix_spawn on one end of a socket pair (its own
 * process group, stdin on /dev/null, the controller's pid for its parent-death signal), sent its case,
 * waited for while it shapes itself and warms up; stopped with QUIT, then SIGKILL if it does not go; its
 * death explained from its exit status. sb_reap_all_children is the last resort of every path: the
 * controller is a child subreaper, so whatever a worker left behind comes back to it to be killed.
 */
#ifndef SB_WORKER_LIFE_H
#define SB_WORKER_LIFE_H
#include <stddef.h>
#include <sys/types.h>

#include "wire.h"

struct sb_worker {
	pid_t pid;   /* -1: none, or reaped */
	int fd;      /* the controller's end of the socket, -1 when closed */
};

/*
 * Start a worker (the program at path) for case w and wait until it is ready (set up and warmed up, at
 * most a time that grows with the case's memory and spawn_timeout_s). 0 with *ready filled, or -errno
 * with msg set; -EINTR when a stop signal arrived. out is set even on failure: stop it in any case.
 */
int sb_worker_start(const char *path, const struct sb_case_wire *w, double spawn_timeout_s, struct sb_worker *out,
		    struct sb_ready *ready, char *msg, size_t len);
/* Ask the worker to quit, close its socket and reap it (SIGKILL after ~0.2 s). Leaves pid -1 and fd -1. */
void sb_worker_stop(struct sb_worker *w);
/*
 * Why worker pid went away, from its exit status (SIGKILL under a memory limit is the OOM killer): 1 with the
 * text in buf, 0 when it has not ended (within ~100 ms) or is not ours to wait for. Reaps it.
 */
int sb_worker_death(pid_t pid, char *buf, size_t len);

/* Kill and reap every child of this process (including orphans it inherited as subreaper). */
void sb_reap_all_children(void);

#endif
