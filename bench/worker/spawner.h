/* SPDX-License-Identifier: MIT */
/*
 * Inside the worker: what one spawn method needs and how it reports. Each method lives in its own file in
 * bench/methods/ and is one function that makes one child, times it with sb_call_begin/sb_call_end/
 * sb_reaped, and waits for it. The child side runs only async-signal-safe code: it may share the
 * spawner's memory (CLONE_VM, vfork) and run on a borrowed stack.
 */
#ifndef SB_SPAWNER_H
#define SB_SPAWNER_H
#include <pthread.h>
#include <spawn.h>
#include <stdint.h>
#include <sys/types.h>

#include "cpu_now.h"
#include "timer.h"
#include "wire.h"

/* Child-side code must not be instrumented: it can run on a stack the sanitizer does not know. */
#define SB_CHILD_CODE __attribute__((no_sanitize_address, noinline))

struct spawn_ctx {
	const struct sb_case_wire *c;
	struct sb_stamp *stamp;      /* shared page (memfd): the child's first instruction and exec'd main stamp it */
	int stamp_private;           /* --no-start without exec'd stamper or --ns-path: a private page, no memfd */
	char *exec_argv[4];          /* NULL when the case does not exec */
	char *exec_envp[2];
	char stamp_fd_arg[16];

	void *stack_base;            /* lowest usable byte (above the guard page) */
	size_t stack_size;
	void *stack_top;             /* 16-byte aligned top, for clone() */
	void *tls;                   /* a TCB for CLONE_SETTLS children */
	int cgroup_fd;               /* CLONE_INTO_CGROUP target, -1 */
	posix_spawn_file_actions_t fa;
	int devnull_fd, spare_fd;    /* posix_spawn-fa: what the file actions dup2 and close */
	pthread_attr_t thread_attr;

	volatile pid_t ptid;         /* CLONE_PARENT_SETTID target (and the pidfd for clone() with CLONE_PIDFD) */
	volatile pid_t ctid;         /* CLONE_CHILD_SETTID / CHILD_CLEARTID target: 0 once the thread is gone */

	void *nspath;                /* state of nsenter.c for --ns-path unshare/setns */

	uint32_t stamp_mode;         /* enum sb_stamp_mode of the batch being run */
	int32_t parent_cpu;          /* the CPU the call was made from */
	uint64_t t_call, t_return, t_reaped;
	struct sb_sample *cur;       /* the sample being taken, for the counter hooks */
};

/*
 * The parent's end of one call: its return time and the counter group read there. It lives in the
 * spawning function's frame until the child is reaped. Stored into x or the sample at once, it would be
 * the parent's first write to their pages after a fork, while the child still maps them: a copy-on-write
 * fault (a page allocated and copied, the TLB flushed) inside `total` that a bare fork/_exit/waitpid loop
 * never pays. The stack page is copied by fork()'s own return anyway. After the reap the pages have one
 * user again, and the stores come after the last timestamp.
 */
struct sb_span {
	uint64_t t_return;
	int have_group;
	uint64_t group[3 + SB_MAX_EVENTS];   /* the group read as read(2) returned it */
};

/* Counter hooks (counters_worker.c): around the call in the parent, and after the reap for the child. */
int sb_wcounters_open(struct spawn_ctx *x, struct sb_ready *ready);
void sb_wcounters_call_begin(struct spawn_ctx *x);
void sb_wcounters_call_end(struct sb_span *sp);
void sb_wcounters_reaped(struct spawn_ctx *x, const struct sb_span *sp);

static inline __attribute__((always_inline)) void sb_call_begin(struct spawn_ctx *x)
{
	x->stamp->start_ns = 0;
	x->stamp->exec_ns = 0;
	x->stamp->start_cpu = -1;
	x->parent_cpu = sb_cpu_now();   /* outside the timed span, and before the counters start */
	sb_wcounters_call_begin(x);
	x->t_call = sb_now_ns();
}

static inline __attribute__((always_inline)) void sb_call_end(struct sb_span *sp)
{
	sp->t_return = sb_now_ns();
	sb_wcounters_call_end(sp);
}

static inline void sb_reaped(struct spawn_ctx *x, const struct sb_span *sp)
{
	uint64_t t = sb_now_ns();
	sb_wcounters_reaped(x, sp);
	x->t_reaped = t;
	x->t_return = sp->t_return;
}

/*
 * --ns-path unshare/setns (nsenter.c): set-up once per worker, and one spawn through the path: enter the
 * namespaces (timing that step into x->cur->m[SB_MET_NSENTER]) and call spawn(x). Returns what spawn returns.
 */
int sb_nspath_setup(struct spawn_ctx *x, struct sb_ready *ready);
int sb_nspath_spawn(struct spawn_ctx *x, int (*spawn)(struct spawn_ctx *));

/* The child's first instruction: its start time and CPU into the shared page, as the batch's mode asks. */
static inline __attribute__((always_inline, no_sanitize_address)) void sb_child_stamp(struct spawn_ctx *x)
{
	if (x->stamp_mode == SB_STAMP_NONE)
		return;
	x->stamp->start_ns = sb_now_ns();
	if (x->stamp_mode == SB_STAMP_TIME_CPU)
		x->stamp->start_cpu = sb_cpu_now();
}

/* The child's side: stamp, then exec or exit. Never returns. */
void sb_child_run(struct spawn_ctx *x) __attribute__((noreturn));
/* The same for children that exit by returning from a clone()/clone3() entry function. */
int sb_child_entry(void *ctx);

/*
 * Wait for a child process (any exit signal: __WALL), then record the span (sb_reaped) with the return time
 * sb_call_end gave. 0, or -errno / -ECHILD-style when it did not exit 0.
 */
int sb_reap_pid(struct spawn_ctx *x, pid_t pid, const struct sb_span *sp);
int sb_reap_pidfd(struct spawn_ctx *x, int pidfd, const struct sb_span *sp);
/* Wait for a CLONE_THREAD child through CLONE_CHILD_CLEARTID and a futex. */
int sb_reap_thread(struct spawn_ctx *x, const struct sb_span *sp);

/* One function per method (bench/methods/). Each returns the child's id (> 0) or -errno. */
int spawn_fork(struct spawn_ctx *x);
int spawn_vfork(struct spawn_ctx *x);
int spawn_clone(struct spawn_ctx *x);
int spawn_clone3(struct spawn_ctx *x);
int spawn_posix_spawn(struct spawn_ctx *x);
int spawn_pthread(struct spawn_ctx *x);

#endif
