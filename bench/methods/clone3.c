// SPDX-License-Identifier: MIT
/*
 * clone3(): the raw system call (glibc exports no wrapper). The child starts on the case's stack, so the
 * call goes through a few lines of assembly that call the entry function there and exit the task.
 */
#include <errno.h>
#include <linux/sched.h>
#include <string.h>

#include "spawner.h"

#ifndef CLONE_INTO_CGROUP
#define CLONE_INTO_CGROUP 0x200000000ULL
#endif

/* bench/worker/clone3_<arch>.S: returns the child's id, or -errno. */
long sb_clone3_raw(struct clone_args *args, size_t size, int (*fn)(void *), void *arg);

int spawn_clone3(struct spawn_ctx *x)
{
	uint64_t flags = x->c->clone_flags;
	int pidfd = -1;
	struct clone_args args;
	memset(&args, 0, sizeof(args));
	args.flags = flags;
	args.exit_signal = (uint64_t)x->c->exit_signal;
	args.stack = (uint64_t)(uintptr_t)x->stack_base;
	args.stack_size = x->stack_size;
	args.tls = (uint64_t)(uintptr_t)x->tls;
	args.parent_tid = (uint64_t)(uintptr_t)&x->ptid;
	args.child_tid = (uint64_t)(uintptr_t)&x->ctid;
	args.pidfd = (uint64_t)(uintptr_t)&pidfd;
	if (flags & CLONE_INTO_CGROUP)
		args.cgroup = (uint64_t)x->cgroup_fd;
	x->ptid = 0;
	x->ctid = -1;
	struct sb_span sp;
	sb_call_begin(x);
	long id = sb_clone3_raw(&args, sizeof(args), sb_child_entry, x);
	sb_call_end(&sp);
	if (id < 0)
		return (int)id;
	int rc;
	if (flags & CLONE_THREAD)
		rc = sb_reap_thread(x, &sp);
	else if (flags & CLONE_PIDFD)
		rc = sb_reap_pidfd(x, pidfd, &sp);
	else
		rc = sb_reap_pid(x, (pid_t)id, &sp);
	return rc ? rc : (int)id;
}
