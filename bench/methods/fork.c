// SPDX-License-Identifier: MIT
/* fork(): glibc's wrapper, atfork handlers and all, as a program calling fork() gets it. */
#include <errno.h>
#include <unistd.h>

#include "spawner.h"

int spawn_fork(struct spawn_ctx *x)
{
	struct sb_span sp;
	sb_call_begin(x);
	pid_t pid = fork();
	if (pid == 0)
		sb_child_run(x);
	sb_call_end(&sp);
	if (pid < 0)
		return -errno;
	int rc = sb_reap_pid(x, pid, &sp);
	return rc ? rc : pid;
}
