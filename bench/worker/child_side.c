// SPDX-License-Identifier: MIT
/* What every spawned child runs, and how the spawner waits for it. */
#include <errno.h>
#include <linux/futex.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include "shape.h"
#include "spawner.h"

/* --child-writes: one byte per page, so every page of the parent's memory is copied on write. */
SB_CHILD_CODE static void write_parent_memory(void)
{
	for (size_t r = 0; r < sb_n_regions; r++)
		for (size_t off = 0; off < sb_regions[r].len; off += 4096)
			sb_regions[r].base[off]++;
}

SB_CHILD_CODE void sb_child_run(struct spawn_ctx *x)
{
	sb_child_stamp(x);
	if (x->c->child_writes)
		write_parent_memory();
	if (x->exec_argv[0]) {
		execve(x->exec_argv[0], x->exec_argv, x->exec_envp);
		_exit(127);
	}
	_exit(0);
}

SB_CHILD_CODE int sb_child_entry(void *arg)
{
	struct spawn_ctx *x = arg;
	sb_child_stamp(x);
	if (x->c->child_writes)
		write_parent_memory();
	if (x->exec_argv[0]) {
		execve(x->exec_argv[0], x->exec_argv, x->exec_envp);
		return 127;
	}
	/* Returning ends only this task (the clone()/clone3() entry calls exit, not exit_group). */
	return 0;
}

static int exit_status_err(const siginfo_t *si)
{
	if (si->si_code == CLD_EXITED && si->si_status == 0)
		return 0;
	if (si->si_code == CLD_EXITED && si->si_status == 127)
		return -ENOEXEC;    /* exec failed in the child */
	return -ECHILD;             /* killed or non-zero exit: not a clean spawn */
}

int sb_reap_pid(struct spawn_ctx *x, pid_t pid, const struct sb_span *sp)
{
	siginfo_t si = { 0 };
	while (waitid(P_PID, (id_t)pid, &si, WEXITED | __WALL) < 0)
		if (errno != EINTR)
			return -errno;
	sb_reaped(x, sp);
	return exit_status_err(&si);
}

int sb_reap_pidfd(struct spawn_ctx *x, int pidfd, const struct sb_span *sp)
{
	siginfo_t si = { 0 };
	int rc = 0;
	while (waitid(P_PIDFD, (id_t)pidfd, &si, WEXITED | __WALL) < 0) {
		if (errno != EINTR) {
			rc = -errno;
			break;
		}
	}
	close(pidfd);
	sb_reaped(x, sp);
	return rc ? rc : exit_status_err(&si);
}

int sb_reap_thread(struct spawn_ctx *x, const struct sb_span *sp)
{
	/* The kernel zeroes ctid and wakes this futex when the thread's mm is released at exit. */
	for (;;) {
		pid_t v = x->ctid;
		if (!v)
			break;
		long r = syscall(SYS_futex, &x->ctid, FUTEX_WAIT, v, NULL, NULL, 0);
		if (r < 0 && errno != EAGAIN && errno != EINTR)
			return -errno;
	}
	sb_reaped(x, sp);
	return 0;
}
