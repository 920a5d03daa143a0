// SPDX-License-Identifier: MIT
/* vfork(): the parent is suspended until the child execs or exits, so `create` includes the child's run. */
#include <errno.h>
#include <unistd.h>

#include "spawner.h"

#pragma GCC diagnostic ignored "-Wclobbered"

int spawn_vfork(struct spawn_ctx *x)
{
	struct sb_span sp;
	sb_call_begin(x);
	pid_t pid = vfork();
	if (pid == 0)
		sb_child_run(x); // NOLINT(clang-analyzer-unix.Vfork): async-signal-safe, ends in execve or _exit
	sb_call_end(&sp);
	if (pid < 0)
		return -errno;
	int rc = sb_reap_pid(x, pid, &sp);
	return rc ? rc : pid;
}
