// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * The phases of each spawn, from tracepoints only (they exist wherever BPF does): the spawning syscall's
 * entry and return, task_newtask (copy_process done), sched_process_fork, sched_wakeup_new, the child's
 * first switch-in, its exec and exit, and the reap. One record per spawn goes to user space when the
 * spawn is over, so the cost per event is a map update, not a ring-buffer write.
 *
 * Raw (BTF) tracepoints are used throughout: they need no tracefs and skip the perf buffer copy a
 * classic tracepoint program pays for, which keeps the hot ones (sys_enter, sched_switch, kmem) cheap.
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

/* Read by the loader through the skeleton's bss. */
__u64 lost_events;   /* ring buffer full or spawns table full: a spawn that was not recorded */
__u64 spawns_seen;
/* Recorded children that have not run yet: while 0, sched_switch returns before any map lookup. */
__s64 awaiting_first_run;

/* child pid -> its record, from task_newtask until the reap. */
struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, SB_MAX_SPAWNS);
	__type(key, __u32);
	__type(value, struct sb_spawn_event);
} spawns SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_RINGBUF);
	__uint(max_entries, SB_RINGBUF_BYTES);
} events SEC(".maps");

/* A spawn record the stack can't hold (it is bigger than BPF's 512 bytes would like to copy twice). */
struct {
	__uint(type, BPF_MAP_TYPE_PERCPU_ARRAY);
	__uint(max_entries, 1);
	__type(key, __u32);
	__type(value, struct sb_spawn_event);
} scratch SEC(".maps");

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

static __always_inline void emit(struct sb_spawn_event *ev, __u32 pid)
{
	if (!ev->t_first_run)
		__sync_fetch_and_add(&awaiting_first_run, -1);
	if (bpf_ringbuf_output(&events, ev, sizeof(*ev), 0))
		__sync_fetch_and_add(&lost_events, 1);
	bpf_map_delete_elem(&spawns, &pid);
}

/* A spawn or wait syscall of a followed process starts: remember it for its return. */
static __always_inline int on_enter(int sys, __u64 waitid_infop)
{
	__u64 id_tgid = bpf_get_current_pid_tgid();
	__u32 tid = (__u32)id_tgid;
	struct sb_inflight f = {};

	if (sys < 0 || !is_tracked(id_tgid >> 32))
		return 0;
	f.t_enter = bpf_ktime_get_ns();
	f.sys = sys;
	if (sys == SB_SYS_WAITID)
		f.user_ptr = waitid_infop;
	f.in_copy = sys < SB_SYS_WAIT4;
	bpf_map_update_elem(&inflight, &tid, &f, BPF_ANY);
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
	struct sb_spawn_event *ev = bpf_map_lookup_elem(&spawns, &pid);
	if (!ev)
		return;
	ev->t_reap = now;
	emit(ev, pid);
}

/* The number of the syscall that is returning, read from the saved registers. */
static __always_inline long exiting_syscall(struct pt_regs *regs)
{
#if defined(__TARGET_ARCH_x86)
	return BPF_CORE_READ(regs, orig_ax);
#elif defined(__TARGET_ARCH_arm64)
	return BPF_CORE_READ(regs, syscallno);
#else
	return -1;   /* unknown: fall through to the map lookup */
#endif
}

static __always_inline int on_exit(long ret);

SEC("tp_btf/sys_exit")
int BPF_PROG(sb_sys_exit, struct pt_regs *regs, long ret)
{
	/* Leave at once unless it is one of the spawn or wait calls, before any map lookup. */
	long id = exiting_syscall(regs);

	if (id >= 0 && sys_index(id) < 0)
		return 0;
	return on_exit(ret);
}

/* A spawn or wait syscall returns: note the return, or the reap. */
static __always_inline int on_exit(long ret)
{
	__u32 tid = (__u32)bpf_get_current_pid_tgid();
	struct sb_inflight *f = bpf_map_lookup_elem(&inflight, &tid);
	__u64 now;

	/* Also fires in the new child returning from fork: its tid is not in flight. */
	if (!f)
		return 0;
	now = bpf_ktime_get_ns();
	if (f->sys >= SB_SYS_WAIT4) {
		on_reap(f, ret, now);
	} else if (f->child) {
		__u32 child = f->child;
		struct sb_spawn_event *ev = bpf_map_lookup_elem(&spawns, &child);

		if (ev) {
			ev->t_return = now;
			ev->ret = ret;
		}
	}
	bpf_map_delete_elem(&inflight, &tid);
	return 0;
}

SEC("tp_btf/task_newtask")
int BPF_PROG(sb_task_newtask, struct task_struct *task, u64 clone_flags)
{
	__u64 id_tgid = bpf_get_current_pid_tgid();
	__u32 tid = (__u32)id_tgid, zero = 0;
	struct sb_inflight *f = bpf_map_lookup_elem(&inflight, &tid);
	struct sb_spawn_event *ev;
	__u32 pid;

	if (!f || !f->in_copy)
		return 0;
	ev = bpf_map_lookup_elem(&scratch, &zero);
	if (!ev)
		return 0;
	__builtin_memset(ev, 0, sizeof(*ev));
	pid = BPF_CORE_READ(task, pid);
	ev->t_newtask = bpf_ktime_get_ns();
	ev->t_enter = f->t_enter;
	ev->clone_flags = clone_flags;
	ev->parent_tid = tid;
	ev->parent_tgid = id_tgid >> 32;
	ev->child_pid = pid;
	ev->child_tgid = BPF_CORE_READ(task, tgid);
	ev->sys = f->sys;
	ev->pages = f->pages;
	ev->slabs = f->slabs;
	bpf_get_current_comm(ev->comm, sizeof(ev->comm));
	f->in_copy = 0;
	f->child = pid;
	__sync_fetch_and_add(&spawns_seen, 1);
	if (bpf_map_update_elem(&spawns, &pid, ev, BPF_ANY)) {
		__sync_fetch_and_add(&lost_events, 1);
		return 0;
	}
	__sync_fetch_and_add(&awaiting_first_run, 1);
	if (follow_children && !(clone_flags & 0x00010000 /* CLONE_THREAD */)) {
		__u32 tgid = ev->child_tgid;
		__u8 one = 1;

		bpf_map_update_elem(&tracked, &tgid, &one, BPF_ANY);
	}
	return 0;
}

SEC("tp_btf/sched_process_fork")
int BPF_PROG(sb_process_fork, struct task_struct *parent, struct task_struct *child)
{
	__u32 pid = BPF_CORE_READ(child, pid);
	struct sb_spawn_event *ev = bpf_map_lookup_elem(&spawns, &pid);

	if (ev && !ev->t_fork)
		ev->t_fork = bpf_ktime_get_ns();
	return 0;
}

SEC("tp_btf/sched_wakeup_new")
int BPF_PROG(sb_wakeup_new, struct task_struct *p)
{
	__u32 pid = BPF_CORE_READ(p, pid);
	struct sb_spawn_event *ev = bpf_map_lookup_elem(&spawns, &pid);

	if (ev && !ev->t_wakeup)
		ev->t_wakeup = bpf_ktime_get_ns();
	return 0;
}

SEC("tp_btf/sched_switch")
int BPF_PROG(sb_switch, bool preempt, struct task_struct *prev, struct task_struct *next)
{
	if (awaiting_first_run <= 0)
		return 0;
	__u32 pid = BPF_CORE_READ(next, pid);
	struct sb_spawn_event *ev = bpf_map_lookup_elem(&spawns, &pid);

	if (ev && !ev->t_first_run) {
		ev->t_first_run = bpf_ktime_get_ns();
		__sync_fetch_and_add(&awaiting_first_run, -1);
	}
	return 0;
}

SEC("tp_btf/sched_process_exec")
int BPF_PROG(sb_exec, struct task_struct *p, pid_t old_pid)
{
	__u32 pid = BPF_CORE_READ(p, pid);
	struct sb_spawn_event *ev = bpf_map_lookup_elem(&spawns, &pid);

	if (ev && !ev->t_exec)
		ev->t_exec = bpf_ktime_get_ns();
	return 0;
}

SEC("tp_btf/sched_process_exit")
int BPF_PROG(sb_exit, struct task_struct *p)
{
	__u32 pid = BPF_CORE_READ(p, pid);
	struct sb_spawn_event *ev = bpf_map_lookup_elem(&spawns, &pid);

	if (!ev)
		return 0;
	ev->t_exit = bpf_ktime_get_ns();
	/* A thread is never waited for: its record is complete now. */
	if (ev->clone_flags & 0x00010000 /* CLONE_THREAD */)
		emit(ev, pid);
	return 0;
}

/* Reaped some other way (pidfd, SIGCHLD ignored, an untracked waiter): emit what was seen. */
SEC("tp_btf/sched_process_free")
int BPF_PROG(sb_free, struct task_struct *p)
{
	__u32 pid = BPF_CORE_READ(p, pid);
	struct sb_spawn_event *ev = bpf_map_lookup_elem(&spawns, &pid);

	if (ev)
		emit(ev, pid);
	return 0;
}

SEC("tp_btf/mm_page_alloc")
int BPF_PROG(sb_page_alloc, struct page *page, unsigned int order)
{
	struct sb_inflight *f = in_copy_process();

	if (f)
		f->pages += 1u << (order & 31);
	return 0;
}

SEC("tp_btf/kmem_cache_alloc")
int BPF_PROG(sb_cache_alloc)
{
	struct sb_inflight *f = in_copy_process();

	if (f)
		f->slabs++;
	return 0;
}

SEC("tp_btf/kmalloc")
int BPF_PROG(sb_kmalloc)
{
	struct sb_inflight *f = in_copy_process();

	if (f)
		f->slabs++;
	return 0;
}

/* Per-syscall tracepoints (tracefs syscall events): they fire only for these six calls. */
SEC("tracepoint/syscalls/sys_enter_clone")
int sb_enter_clone(struct trace_event_raw_sys_enter *ctx)
{
	return on_enter(SB_SYS_CLONE, 0);
}

SEC("tracepoint/syscalls/sys_enter_clone3")
int sb_enter_clone3(struct trace_event_raw_sys_enter *ctx)
{
	return on_enter(SB_SYS_CLONE3, 0);
}

SEC("tracepoint/syscalls/sys_enter_fork")
int sb_enter_fork(struct trace_event_raw_sys_enter *ctx)
{
	return on_enter(SB_SYS_FORK, 0);
}

SEC("tracepoint/syscalls/sys_enter_vfork")
int sb_enter_vfork(struct trace_event_raw_sys_enter *ctx)
{
	return on_enter(SB_SYS_VFORK, 0);
}

SEC("tracepoint/syscalls/sys_enter_wait4")
int sb_enter_wait4(struct trace_event_raw_sys_enter *ctx)
{
	return on_enter(SB_SYS_WAIT4, 0);
}

SEC("tracepoint/syscalls/sys_enter_waitid")
int sb_enter_waitid(struct trace_event_raw_sys_enter *ctx)
{
	return on_enter(SB_SYS_WAITID, BPF_CORE_READ(ctx, args[2]));
}

SEC("tracepoint/syscalls/sys_exit_clone")
int sb_exit_clone(struct trace_event_raw_sys_exit *ctx)
{
	return on_exit(BPF_CORE_READ(ctx, ret));
}

SEC("tracepoint/syscalls/sys_exit_clone3")
int sb_exit_clone3(struct trace_event_raw_sys_exit *ctx)
{
	return on_exit(BPF_CORE_READ(ctx, ret));
}

SEC("tracepoint/syscalls/sys_exit_fork")
int sb_exit_fork(struct trace_event_raw_sys_exit *ctx)
{
	return on_exit(BPF_CORE_READ(ctx, ret));
}

SEC("tracepoint/syscalls/sys_exit_vfork")
int sb_exit_vfork(struct trace_event_raw_sys_exit *ctx)
{
	return on_exit(BPF_CORE_READ(ctx, ret));
}

SEC("tracepoint/syscalls/sys_exit_wait4")
int sb_exit_wait4(struct trace_event_raw_sys_exit *ctx)
{
	return on_exit(BPF_CORE_READ(ctx, ret));
}

SEC("tracepoint/syscalls/sys_exit_waitid")
int sb_exit_waitid(struct trace_event_raw_sys_exit *ctx)
{
	return on_exit(BPF_CORE_READ(ctx, ret));
}
