/* SPDX-License-Identifier: MIT */
/* trace -- CMD: start the command held at a gate, so no spawn happens before the probes follow it. */
#ifndef SB_TRACE_TARGET_H
#define SB_TRACE_TARGET_H
#include <sys/types.h>

struct sb_target {
	pid_t pid;
	int gate;   /* write end: closing it lets the command exec */
};

/* Forks; the child waits at the gate, then execvp(argv). Returns 0 or -errno. */
int sb_target_start(struct sb_target *t, char **argv);
void sb_target_release(struct sb_target *t);
/* 1 when the command has exited (status in *status), 0 when still running. */
int sb_target_done(struct sb_target *t, int *status);
/* SIGTERM, then reap: used when trace itself is interrupted. */
void sb_target_stop(struct sb_target *t);

#endif
