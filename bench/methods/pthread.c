// SPDX-License-Identifier: MIT
/* pthread_create + pthread_join: the NPTL reference every clone flag set is measured against. */
#include <pthread.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "spawner.h"

static void *thread_main(void *arg)
{
	struct spawn_ctx *x = arg;
	sb_child_stamp(x);
	x->ptid = (pid_t)syscall(SYS_gettid);
	return NULL;
}

int spawn_pthread(struct spawn_ctx *x)
{
	pthread_t th;
	sb_call_begin(x);
	int err = pthread_create(&th, &x->thread_attr, thread_main, x);
	sb_call_end(x);
	if (err)
		return -err;
	err = pthread_join(th, NULL);
	sb_reaped(x);
	if (err)
		return -err;
	return x->ptid;
}
