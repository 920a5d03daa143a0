// SPDX-License-Identifier: MIT
/* clone(): glibc's wrapper, with the case's flags, exit signal, stack, TLS and tid pointers. */
#include <errno.h>
#include <linux/sched.h>
#include <sched.h>

#include "spawner.h"

int spawn_clone(struct spawn_ctx *x)
{
	uint64_t flags = x->c->clone_flags;
	x->ptid = 0;
	x->ctid = -1;   /* non-zero until the kernel clears it at the thread's exit */
	struct sb_span sp;
	sb_call_begin(x);
	int id = clone(sb_child_entry, x->stack_top, (int)flags | x->c->exit_signal, x,
		       (pid_t *)&x->ptid, x->tls, (pid_t *)&x->ctid);
	sb_call_end(&sp);
	if (id < 0)
		return -errno;
	int rc;
	if (flags & CLONE_THREAD)
		rc = sb_reap_thread(x, &sp);
	else if (flags & CLONE_PIDFD)
		rc = sb_reap_pidfd(x, x->ptid, &sp);   /* clone() stores the pidfd through parent_tid */
	else
		rc = sb_reap_pid(x, id, &sp);
	return rc ? rc : id;
}
