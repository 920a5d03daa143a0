// SPDX-License-Identifier: MIT
/*
 * posix_spawn(): glibc's clone(CLONE_VM|CLONE_VFORK) + exec. The call returns once the exec has happened,
 * so `create` includes the exec and there is no `start` stamp (no code of ours runs in the child before
 * exec). posix_spawn-fa adds file actions: three dup2 onto stdin/stdout/stderr and a close.
 */
#include <errno.h>
#include <spawn.h>

#include "spawner.h"

int spawn_posix_spawn(struct spawn_ctx *x)
{
	pid_t pid;
	const posix_spawn_file_actions_t *fa = x->c->method == SB_M_POSIX_SPAWN_FA ? &x->fa : NULL;
	struct sb_span sp;
	sb_call_begin(x);
	int err = posix_spawn(&pid, x->exec_argv[0], fa, NULL, x->exec_argv, x->exec_envp);
	sb_call_end(&sp);
	if (err)
		return -err;
	int rc = sb_reap_pid(x, pid, &sp);
	return rc ? rc : pid;
}
