// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * The phases of each spawn, from tracepoints only (they exist wherever BPF does): the spawning syscall's
 * entry and return, task_newtask (copy_process done), sched_process_fork, sched_wakeup_new, the child's
 * first switch-in, its exec and exit, and the reap; then, until its next followed call, each time the
 * caller comes back to user space (its page faults, libc's calls after the spawn, a switch back in), for
 * the part of the driver's create that follows the syscall. One record per spawn goes to user space when
 * the spawn is over, so the cost per event is a few stores into the spawn's slot, not a ring-buffer write.
 *
 * Most of these hooks fire for every task of the machine, inside the very spawns being timed, so each
 * leaves as early and as cheaply as it can: the spawn and in-flight tables are arrays (an inlined
 * lookup), task fields are read straight through the BTF pointers the raw tracepoints pass (no
 * probe-read helper call), and sched_switch and the kmem hooks first read a counter that is 0 whenever
 * nothing they care about is pending. The scheduler and kmem hooks are raw (BTF) tracepoints: they need
 * no tracefs and skip the perf buffer a classic tracepoint program is handed. The syscall boundaries are
 * the exception (see the loader): per-syscall classic events fire only for the six calls followed.
 */
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>
#include <bpf/bpf_core_read.h>

#include "spawn_maps.bpf.h"

char LICENSE[] SEC("license") = "Dual MIT/GPL";

/* Filled by the loader: syscall numbers (per arch; -1 = none), options. */
const volatile __s32 nr[SB_N_SYS] = { -1, -1, -1, -1, -1, -1 };
const volatile __u32 follow_children; /* trace mode: children of a followed process are followed too */
const volatile __u32 match_comm;      /* trace --comm: also follow any process with this name */
const volatile char comm_filter[SB_COMM_LEN];
/* Something reads the count of threads inside copy_process (kmem, a stage backend): keep it. */
const volatile __u32 count_copying;
/* sched_switch is loaded (SB_PROBE_SCHED_SWITCH=1): keep its count of children not yet run. */
const volatile __u32 use_switch;
/*
 * SB_PROBE_HOOKS_ONLY=1: every program returns at once. What is left of the probes' cost is the kernel's
 * (calling into BPF, the syscall-tracing slow path), a floor no program body can go below.
 */
const volatile __u32 hooks_only;

/* Read by the loader through the skeleton's bss. */
__u64 lost_events;   /* ring buffer full or spawns table full: a spawn that was not recorded */
__u64 spawns_seen;
/* Recorded children that have not run yet: while 0, sched_switch (if loaded) returns at once. */
__s64 awaiting_first_run;
/* Threads in their `after` window: while 0, the page-fault and libc-syscall hooks return at once. */
__s64 returning;

/*
 * child pid % SB_MAX_SPAWNS -> its record, from task_newtask until the reap (the slot is owned while
 * child_pid matches). The record is written in place: no copy through the stack or a scratch map.
 */
struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, SB_MAX_SPAWNS);
	__type(key, __u32);
	__type(value, struct sb_spawn_event);
} spawns SEC(".maps");

/*
 * tid % SB_MAX_INFLIGHT -> the spawn whose call this thread has just returned from, until the thread's next
 * followed call. Between the two, each time it comes back to user space from the kernel (a page fault,
 * one of libc's calls after the spawn) is noted in that spawn's record: the driver's clock read after
 * the call comes after the last of these that precede it, so the spawn's create is covered up to there.
 */
struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, SB_MAX_INFLIGHT);
	__type(key, __u32);
	__type(value, struct sb_after);
} after SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_RINGBUF);
	__uint(max_entries, SB_RINGBUF_BYTES);
} events SEC(".maps");

/* The record of child pid, or NULL if it is not a followed spawn. */
static __always_inline struct sb_spawn_event *spawn_of(__u32 pid)
{
	__u32 key = pid & (SB_MAX_SPAWNS - 1);
	struct sb_spawn_event *ev = bpf_map_lookup_elem(&spawns, &key);

	return ev && ev->child_pid == pid && pid ? ev : NULL;
}

static __always_inline int is_thread(const struct sb_spawn_event *ev)
{
	return !!(ev->clone_flags & 0x00010000 /* CLONE_THREAD */);
}

/* The thread leaves copy_process (task_newtask, or the syscall failed before it). */
static __always_inline void leave_copy(struct sb_inflight *f)
{
	__s64 *n;

	if (!f->in_copy)
		return;
	f->in_copy = 0;
	if (!count_copying)
		return;
	n = copying_count();
	if (n)
		__sync_fetch_and_add(n, -1);
}

static __always_inline int comm_matches(void)
{
	char comm[SB_COMM_LEN];

	bpf_get_current_comm(comm, sizeof(comm));
	for (int i = 0; i < SB_COMM_LEN; i++) {
		if (comm[i] != comm_filter[i])
			return 0;
		if (!comm[i])
			break;
	}
	return 1;
}

static __always_inline int is_tracked(__u32 tgid)
{
	if (bpf_map_lookup_elem(&tracked, &tgid))
		return 1;
	return match_comm && comm_matches();
}

static __always_inline int sys_index(long id)
{
	for (int i = 0; i < SB_N_SYS; i++)
		if (nr[i] >= 0 && id == nr[i])
			return i;
	return -1;
}

/*
 * The spawn is over: its record goes to user space and the slot is freed. No wake-up: user space reads
 * the ring after every batch (and polls it in trace mode), and a wake-up from here is an irq_work
 * self-interrupt in the middle of the benchmark, a few microseconds on a VM.
 */
static __always_inline void emit(struct sb_spawn_event *ev)
{
	if (use_switch && !ev->t_first_run)
		__sync_fetch_and_add(&awaiting_first_run, -1);
	if (bpf_ringbuf_output(&events, ev, sizeof(*ev), BPF_RB_NO_WAKEUP))
		__sync_fetch_and_add(&lost_events, 1);
	ev->child_pid = 0;
}

/* The thread's spawning call returned with this child: open its window (see `after`). */
static __always_inline void open_window(__u32 tid, __u32 child)
{
	__u32 key = tid & (SB_MAX_INFLIGHT - 1);
	struct sb_after *a = bpf_map_lookup_elem(&after, &key);

	if (!a)
		return;
	if (!a->tid)
		__sync_fetch_and_add(&returning, 1);
	a->tid = tid;   /* a colliding tid's window is taken over: it was counted once */
	a->child = child;
}

static __always_inline void close_window(struct sb_after *a)
{
	a->tid = 0;
	__sync_fetch_and_add(&returning, -1);
}

/* Is ev's creator still in the window after the call that made it? */
static __always_inline int window_open_on(const struct sb_spawn_event *ev)
{
	__u32 key = ev->parent_tid & (SB_MAX_INFLIGHT - 1);
	struct sb_after *a = bpf_map_lookup_elem(&after, &key);

	return a && a->tid == ev->parent_tid && a->child == ev->child_pid;
}

/*
 * Thread tid is on its way back to user space (a page fault ended, a call returned, it was switched back
 * in): if it is in the window after a spawn, the time goes into that spawn's record. Costs one global
 * read elsewhere.
 */
static __always_inline void back_to_user_of(__u32 tid)
{
	if (returning <= 0)
		return;
	__u32 key = tid & (SB_MAX_INFLIGHT - 1);
	struct sb_after *a = bpf_map_lookup_elem(&after, &key);
	struct sb_spawn_event *ev;
	__u32 n;

	if (!a || !tid || a->tid != tid)   /* (a free slot's tid is 0: the idle task's) */
		return;
	ev = spawn_of(a->child);
	if (!ev) {
		close_window(a);   /* the record is gone (reaped) */
		return;
	}
	n = ev->n_back;
	if (n < SB_N_BACK)
		ev->t_back[n & (SB_N_BACK - 1)] = bpf_ktime_get_ns();
	ev->n_back = n + 1;
	/* a thread that exited while its creator was away: its record waited for this (see sb_exit) */
	if (is_thread(ev) && ev->t_exit) {
		close_window(a);
		emit(ev);
	}
}

static __always_inline void back_to_user(void)
{
	back_to_user_of((__u32)bpf_get_current_pid_tgid());
}

/* A spawn or wait syscall of a followed process starts: remember it for its return. */
static __always_inline int on_enter(int sys, __u64 waitid_infop)
{
	__u64 id_tgid = bpf_get_current_pid_tgid();
	__u32 tid = (__u32)id_tgid, key = tid & (SB_MAX_INFLIGHT - 1);
	struct sb_inflight *f;
	__s64 *n;

	if (sys < 0 || !is_tracked(id_tgid >> 32))
		return 0;
	struct sb_after *a = bpf_map_lookup_elem(&after, &key);

	if (a && a->tid == tid) {
		/* its next call: the previous spawn's create is long over */
		struct sb_spawn_event *prev = spawn_of(a->child);

		close_window(a);
		if (prev && is_thread(prev) && prev->t_exit)
			emit(prev);
	}
	f = bpf_map_lookup_elem(&inflight, &key);
	if (!f)
		return 0;
	if (f->tid && f->tid != tid) {
		/* another thread with a colliding tid is still inside its call: it loses its slot */
		__sync_fetch_and_add(&lost_events, 1);
		leave_copy(f);
	}
	f->tid = tid;
	f->t_enter = bpf_ktime_get_ns();
	f->sys = sys;
	f->user_ptr = sys == SB_SYS_WAITID ? waitid_infop : 0;
	f->child = 0;
	f->pages = 0;
	f->slabs = 0;
	f->in_copy = 0;
	if (sys < SB_SYS_WAIT4) {
		f->in_copy = 1;
		n = count_copying ? copying_count() : NULL;
		if (n)
			__sync_fetch_and_add(n, 1);
	}
	return 0;
}

/*
 * Two ways to see syscalls. The generic raw tracepoint fires for every syscall of the machine (a
 * posix_spawn child alone makes dozens before its exec), so where tracefs offers per-syscall events the
 * loader uses those instead and disables these two; the generic pair is the fallback.
 */
SEC("tp_btf/sys_enter")
int BPF_PROG(sb_sys_enter, struct pt_regs *regs, long id)
{
	if (hooks_only)
		return 0;
	int sys = sys_index(id);

	if (sys < 0)
		return 0;
	return on_enter(sys, sys == SB_SYS_WAITID ? (__u64)PT_REGS_PARM3_CORE_SYSCALL(regs) : 0);
}

/* wait4 returns the reaped pid; waitid writes it into the caller's siginfo (si_pid). */
static __always_inline void on_reap(struct sb_inflight *f, long ret, __u64 now)
{
	__u32 pid = 0;

	if (f->sys == SB_SYS_WAIT4 && ret > 0)
		pid = ret;
	else if (f->sys == SB_SYS_WAITID && ret == 0 && f->user_ptr) {
		/* siginfo: three ints, padding to 8 on 64-bit, then _sigchld.si_pid */
		bpf_probe_read_user(&pid, sizeof(pid), (void *)(f->user_ptr + 4 * sizeof(int)));
	}
	if (!pid)
		return;
	struct sb_spawn_event *ev = spawn_of(pid);

	if (!ev)
		return;
	ev->t_reap = now;
	emit(ev);
}

/* The number of the syscall that is returning, read from the saved registers. */
static __always_inline long exiting_syscall(struct pt_regs *regs)
{
#if defined(__TARGET_ARCH_x86)
	return regs->orig_ax;
#elif defined(__TARGET_ARCH_arm64)
	return regs->syscallno;
#else
	return -1;   /* unknown: fall through to the map lookup */
#endif
}

static __always_inline int on_exit(long ret);

SEC("tp_btf/sys_exit")
int BPF_PROG(sb_sys_exit, struct pt_regs *regs, long ret)
{
	if (hooks_only)
		return 0;
	/* Leave at once unless it is one of the spawn or wait calls, before any map lookup. */
	long id = exiting_syscall(regs);

	if (id >= 0 && sys_index(id) < 0) {
		back_to_user();   /* any call after a spawn (the generic hook sees them all anyway) */
		return 0;
	}
	return on_exit(ret);
}

/* A spawn or wait syscall returns: note the return, or the reap. */
static __always_inline int on_exit(long ret)
{
	__u32 tid = (__u32)bpf_get_current_pid_tgid();
	struct sb_inflight *f = inflight_of(tid);
	struct sb_spawn_event *ev;
	__u64 now;

	if (!f) {
		/*
		 * Also fires in the new child: its first return to user space (ret_from_fork ends in the
		 * syscall exit path). That is the child's first run, a few hundred ns after its first
		 * switch-in, and it spares a program on every context switch of the machine.
		 */
		ev = spawn_of(tid);
		if (ev && !ev->t_first_run) {
			ev->t_first_run = bpf_ktime_get_ns();
			if (use_switch)
				__sync_fetch_and_add(&awaiting_first_run, -1);
		}
		return 0;
	}
	now = bpf_ktime_get_ns();
	if (f->sys >= SB_SYS_WAIT4) {
		on_reap(f, ret, now);
	} else if (f->child) {
		ev = spawn_of(f->child);
		if (ev) {
			ev->ret = ret;
			ev->t_return = now;
			/*
			 * Its creator comes back to user space after this (a thread that already exited
			 * waits for that, see sb_exit).
			 */
			open_window(tid, f->child);
		}
	}
	leave_copy(f);
	f->tid = 0;
	return 0;
}

SEC("tp_btf/task_newtask")
int BPF_PROG(sb_task_newtask, struct task_struct *task, u64 clone_flags)
{
	if (hooks_only)
		return 0;
	__u64 id_tgid = bpf_get_current_pid_tgid();
	__u32 tid = (__u32)id_tgid, pid, key;
	struct sb_inflight *f = inflight_of(tid);
	struct sb_spawn_event *ev;

	if (!f || !f->in_copy)
		return 0;
	pid = task->pid;
	key = pid & (SB_MAX_SPAWNS - 1);
	ev = bpf_map_lookup_elem(&spawns, &key);
	if (!ev)
		return 0;
	if (ev->child_pid) {
		/* an unreaped spawn whose pid collides: its record is given up */
		__sync_fetch_and_add(&lost_events, 1);
		if (use_switch && !ev->t_first_run)
			__sync_fetch_and_add(&awaiting_first_run, -1);
	}
	__builtin_memset(ev, 0, sizeof(*ev));
	ev->t_newtask = bpf_ktime_get_ns();
	ev->t_enter = f->t_enter;
	ev->clone_flags = clone_flags;
	ev->parent_tid = tid;
	ev->parent_tgid = id_tgid >> 32;
	ev->child_tgid = task->tgid;
	ev->sys = f->sys;
	ev->pages = f->pages;
	ev->slabs = f->slabs;
	ev->child_pid = pid;
	leave_copy(f);
	f->child = pid;
	__sync_fetch_and_add(&spawns_seen, 1);
	if (use_switch)
		__sync_fetch_and_add(&awaiting_first_run, 1);
	if (follow_children && !is_thread(ev)) {
		__u32 tgid = ev->child_tgid;
		__u8 one = 1;

		bpf_map_update_elem(&tracked, &tgid, &one, BPF_ANY);
	}
	return 0;
}

SEC("tp_btf/sched_process_fork")
int BPF_PROG(sb_process_fork, struct task_struct *parent, struct task_struct *child)
{
	if (hooks_only)
		return 0;
	struct sb_spawn_event *ev = spawn_of(child->pid);

	if (ev && !ev->t_fork)
		ev->t_fork = bpf_ktime_get_ns();
	return 0;
}

SEC("tp_btf/sched_wakeup_new")
int BPF_PROG(sb_wakeup_new, struct task_struct *p)
{
	if (hooks_only)
		return 0;
	struct sb_spawn_event *ev = spawn_of(p->pid);

	if (ev && !ev->t_wakeup)
		ev->t_wakeup = bpf_ktime_get_ns();
	return 0;
}

/*
 * The child's first switch-in, exactly. Not loaded unless SB_PROBE_SCHED_SWITCH=1 (the loader): it
 * runs on every context switch of the machine, several inside each timed spawn, while the child's
 * syscall exit (above) marks its first run for free. Kept to check that the two agree.
 */
SEC("tp_btf/sched_switch")
int BPF_PROG(sb_switch, bool preempt, struct task_struct *prev, struct task_struct *next)
{
	if (hooks_only)
		return 0;
	if (awaiting_first_run <= 0)
		return 0;
	struct sb_spawn_event *ev = spawn_of(next->pid);

	if (ev && !ev->t_first_run) {
		ev->t_first_run = bpf_ktime_get_ns();
		__sync_fetch_and_add(&awaiting_first_run, -1);
	}
	return 0;
}

/*
 * A thread in its window after a spawn is switched back in: it was preempted on its way out of a call
 * (the child it just woke, say, ran first on its CPU) and now returns to user space. Every context switch
 * of the machine runs this while it is attached; it leaves after one global read unless a window is open.
 */
SEC("tp_btf/sched_switch")
int BPF_PROG(sb_switch_back, bool preempt, struct task_struct *prev, struct task_struct *next)
{
	if (hooks_only || returning <= 0)
		return 0;
	back_to_user_of(next->pid);
	return 0;
}

SEC("tp_btf/sched_process_exec")
int BPF_PROG(sb_exec, struct task_struct *p, pid_t old_pid)
{
	if (hooks_only)
		return 0;
	struct sb_spawn_event *ev = spawn_of(p->pid);

	if (ev && !ev->t_exec)
		ev->t_exec = bpf_ktime_get_ns();
	return 0;
}

SEC("tp_btf/sched_process_exit")
int BPF_PROG(sb_exit, struct task_struct *p)
{
	if (hooks_only)
		return 0;
	struct sb_spawn_event *ev = spawn_of(p->pid);

	if (!ev)
		return 0;
	ev->t_exit = bpf_ktime_get_ns();
	/*
	 * A thread is never waited for: its record is complete once both its exit and its creator's way
	 * back to user space are in, and on two CPUs either can come first (on one, the thread often runs
	 * first and its creator is switched back in after the thread has exited). While its creator is in
	 * the window after clone (see `after`), the creator's next way back emits the record; after that,
	 * this does. Each side writes its time, then emits if the other's is there. Should both see both,
	 * the record goes out twice and user space uses one copy; should neither, sched_process_free emits
	 * it a little later.
	 */
	if (is_thread(ev) && ev->t_return && !window_open_on(ev))
		emit(ev);
	return 0;
}

/* Reaped some other way (pidfd, SIGCHLD ignored, an untracked waiter): emit what was seen. */
SEC("tp_btf/sched_process_free")
int BPF_PROG(sb_free, struct task_struct *p)
{
	if (hooks_only)
		return 0;
	struct sb_spawn_event *ev = spawn_of(p->pid);

	if (ev)
		emit(ev);
	return 0;
}

SEC("tp_btf/mm_page_alloc")
int BPF_PROG(sb_page_alloc, struct page *page, unsigned int order)
{
	if (hooks_only)
		return 0;
	struct sb_inflight *f = in_copy_process();

	if (f)
		f->pages += 1u << (order & 31);
	return 0;
}

SEC("tp_btf/kmem_cache_alloc")
int BPF_PROG(sb_cache_alloc)
{
	if (hooks_only)
		return 0;
	struct sb_inflight *f = in_copy_process();

	if (f)
		f->slabs++;
	return 0;
}

SEC("tp_btf/kmalloc")
int BPF_PROG(sb_kmalloc)
{
	if (hooks_only)
		return 0;
	struct sb_inflight *f = in_copy_process();

	if (f)
		f->slabs++;
	return 0;
}

/*
 * Where the kernel admits BPF trampolines, the boundaries come from fentry/fexit instead of syscall
 * tracepoints, and that matters: once any syscall tracepoint is enabled, every syscall of every task
 * takes the kernel's tracing slow path, and a posix_spawn child makes about 125 before its exec. The
 * spawn is kernel_clone (every spawning syscall ends up there; fork and vfork have no syscall function in
 * BTF), its kind read from the syscall number in the task's saved registers; the waits are the syscall
 * functions (the loader names them: __x64_sys_wait4, __arm64_sys_wait4, ...); the child's first run is
 * schedule_tail, which every new task runs first, in its own context.
 */
SEC("fentry/kernel_clone")
int BPF_PROG(sb_fentry_kernel_clone, struct kernel_clone_args *args)
{
	if (hooks_only)
		return 0;
	int sys = sys_index(exiting_syscall((struct pt_regs *)bpf_task_pt_regs(bpf_get_current_task_btf())));

	if (sys < 0 || sys >= SB_SYS_WAIT4)
		return 0;   /* a kernel thread, or a spawn outside the four syscalls */
	return on_enter(sys, 0);
}

SEC("fexit/kernel_clone")
int BPF_PROG(sb_fexit_kernel_clone, struct kernel_clone_args *args, pid_t ret)
{
	if (hooks_only)
		return 0;
	return on_exit(ret);
}

/* The wait syscalls' functions; the loader sets each target (the name differs per architecture). */
#define SB_FENTRY_WAIT(name, sys, infop)                                        \
	SEC("fentry")                                                           \
	int BPF_PROG(sb_fentry_##name, struct pt_regs *regs)                    \
	{                                                                       \
		return hooks_only ? 0 : on_enter(sys, infop);                   \
	}                                                                       \
	SEC("fexit")                                                            \
	int BPF_PROG(sb_fexit_##name, struct pt_regs *regs, long ret)           \
	{                                                                       \
		return hooks_only ? 0 : on_exit(ret);                           \
	}

SB_FENTRY_WAIT(wait4, SB_SYS_WAIT4, 0)
SB_FENTRY_WAIT(waitid, SB_SYS_WAITID, (__u64)PT_REGS_PARM3_CORE_SYSCALL(regs))

/*
 * The calls libc makes after the spawning one, before its wrapper returns: posix_spawn unmaps its
 * child's stack and restores the signal mask. Their return is a time the caller came back to user space
 * (see `after`); the loader sets each target, and the tracepoint variant below has their exit events.
 */
#define SB_FEXIT_AFTER(name)                                                    \
	SEC("fexit")                                                            \
	int BPF_PROG(sb_fexit_##name, struct pt_regs *regs, long ret)           \
	{                                                                       \
		if (!hooks_only)                                                \
			back_to_user();                                         \
		return 0;                                                       \
	}

SB_FEXIT_AFTER(munmap)
SB_FEXIT_AFTER(rt_sigprocmask)

/*
 * A page fault of the current task ended: the software event "minor-faults" (and "major-faults") is
 * counted at the end of handle_mm_fault (mm_account_fault), in the faulting task, on every kernel since
 * 5.9. The loader opens one per CPU, period 1. After fork the parent's first writes are copy-on-write
 * faults (its stack, in libc's wrapper), inside the driver's create and after the syscall's return.
 */
SEC("perf_event")
int sb_fault_done(void *ctx)
{
	if (!hooks_only)
		back_to_user();
	return 0;
}

SEC("fentry/schedule_tail")
int BPF_PROG(sb_fentry_schedule_tail, struct task_struct *prev)
{
	if (hooks_only)
		return 0;
	struct sb_spawn_event *ev = spawn_of((__u32)bpf_get_current_pid_tgid());

	if (ev && !ev->t_first_run) {
		ev->t_first_run = bpf_ktime_get_ns();
		if (use_switch)
			__sync_fetch_and_add(&awaiting_first_run, -1);
	}
	return 0;
}

/* Per-syscall tracepoints (tracefs syscall events): they fire only for these six calls. */
#define SB_SYSCALL_EVENTS(name, sys, infop)                                     \
	SEC("tracepoint/syscalls/sys_enter_" #name)                             \
	int sb_enter_##name(struct trace_event_raw_sys_enter *ctx)              \
	{                                                                       \
		return hooks_only ? 0 : on_enter(sys, infop);                   \
	}                                                                       \
	SEC("tracepoint/syscalls/sys_exit_" #name)                              \
	int sb_exit_##name(struct trace_event_raw_sys_exit *ctx)                \
	{                                                                       \
		return hooks_only ? 0 : on_exit(ctx->ret);                      \
	}

SB_SYSCALL_EVENTS(clone, SB_SYS_CLONE, 0)
SB_SYSCALL_EVENTS(clone3, SB_SYS_CLONE3, 0)
SB_SYSCALL_EVENTS(fork, SB_SYS_FORK, 0)
SB_SYSCALL_EVENTS(vfork, SB_SYS_VFORK, 0)
SB_SYSCALL_EVENTS(wait4, SB_SYS_WAIT4, 0)
SB_SYSCALL_EVENTS(waitid, SB_SYS_WAITID, ctx->args[2])

#define SB_SYSCALL_EXIT_AFTER(name)                                             \
	SEC("tracepoint/syscalls/sys_exit_" #name)                              \
	int sb_exit_after_##name(struct trace_event_raw_sys_exit *ctx)          \
	{                                                                       \
		if (!hooks_only)                                                \
			back_to_user();                                         \
		return 0;                                                       \
	}

SB_SYSCALL_EXIT_AFTER(munmap)
SB_SYSCALL_EXIT_AFTER(rt_sigprocmask)
