// SPDX-License-Identifier: MIT
/*
 * pthread_create + pthread_join: the NPTL reference every clone flag set is measured against.
 *
 * What a pthread case measures: pthread_create with the case's attribute (glibc takes the stack from its
 * cache of joined threads' stacks, as a program creating threads in a loop gets it; the attribute carries
 * only a stack size or, for --placement cross, a CPU mask), the thread's start, a thread function that
 * stamps (unless --no-start) and notes its own id, its exit, and pthread_join.
 *
 * The id is for joining the spawn with probe data. gettid(2) in the thread would add a system call to its
 * short life (about 1% of a spawn, pinned on the development VM); NPTL already keeps the id in the thread's
 * descriptor, and pthread_getcpuclockid() hands it out in the kernel's CPU-clock encoding
 * (clock = (~tid << 3) | 6, decoded by the kernel as ~(clock >> 3)). That encoding is checked once against
 * gettid(2); where it does not hold, the thread asks the kernel.
 */
#include <pthread.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#include "spawner.h"

static int tid_from_clock = -1;   /* -1 not checked yet, 0 no, 1 yes */

static pid_t own_tid(void)
{
	clockid_t clk;
	if (tid_from_clock > 0 && !pthread_getcpuclockid(pthread_self(), &clk))
		return (pid_t)~(clk >> 3);
	return (pid_t)syscall(SYS_gettid);
}

static void check_tid_from_clock(void)
{
	clockid_t clk;
	tid_from_clock = !pthread_getcpuclockid(pthread_self(), &clk) && (pid_t)~(clk >> 3) == (pid_t)syscall(SYS_gettid);
}

static void *thread_main(void *arg)
{
	struct spawn_ctx *x = arg;
	sb_child_stamp(x);
	x->ptid = own_tid();
	return NULL;
}

int spawn_pthread(struct spawn_ctx *x)
{
	if (tid_from_clock < 0)
		check_tid_from_clock();
	pthread_t th;
	struct sb_span sp;
	sb_call_begin(x);
	int err = pthread_create(&th, &x->thread_attr, thread_main, x);
	sb_call_end(&sp);
	if (err)
		return -err;
	err = pthread_join(th, NULL);
	sb_reaped(x, &sp);
	if (err)
		return -err;
	return x->ptid;
}
