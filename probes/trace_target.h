/* SPDX-License-Identifier: MIT */
/* trace -- CMD: start the command held at a gate, so no spawn happens before the probes follow it. */
#ifndef SB_TRACE_TARGET_H
#define SB_TRACE_TARGET_H
#include <stddef.h>
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
/* 0 when execvp would find cmd (an executable file), else -1 with why in err. */
int sb_target_findable(const char *cmd, char *err, size_t errlen);
/*
 * -p PID: a handle on a process that is not our child, to end the trace when it exits. Returns a pidfd (or
 * -2 where the kernel has none: sb_target_gone falls back to kill(pid, 0)), or -1 when no such process.
 */
int sb_target_watch(pid_t pid);
/* 1 once the process watched has exited. */
int sb_target_gone(int watch, pid_t pid);

#endif
