// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * Stages inside copy_process, timed exactly: backend "fentry" (BPF trampolines) or, where those are
 * refused, backend "kprobe" (kprobe/kretprobe). Both attach the same bodies; the loader turns off the
 * programs of the other backend and of functions this kernel does not have (or has inlined).
 */
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>

#include "spawn_maps.bpf.h"
#include "stages_exact.h"

char LICENSE[] SEC("license") = "Dual MIT/GPL";

/* The timed functions a thread is inside, innermost last. */
struct frames {
	__u32 depth;
	__u32 stage[SB_XS_MAX_DEPTH];
	__u64 start[SB_XS_MAX_DEPTH];
	__u64 callee_ns[SB_XS_MAX_DEPTH]; /* time spent in timed callees, to make each stage exclusive */
};

struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, SB_MAX_INFLIGHT);
	__type(key, __u32);
	__type(value, struct frames);
} stacks_by_tid SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_PERCPU_ARRAY);
	__uint(max_entries, SB_N_XS);
	__type(key, __u32);
	__type(value, struct sb_xs_total);
} totals SEC(".maps");

__u64 depth_overflow;   /* calls not timed because SB_XS_MAX_DEPTH was exceeded */

_Static_assert((SB_XS_MAX_DEPTH & (SB_XS_MAX_DEPTH - 1)) == 0, "SB_XS_MAX_DEPTH must be a power of 2");

/*
 * An index into the frames, bounded where the verifier can see it. A range test on fr->depth is not
 * enough: the compiler may test one copy of the value and index with another, and 6.1's verifier then
 * rejects the access ("R3 unbounded memory access"). A mask on the very register used to index is
 * understood by every verifier; the empty asm keeps the compiler from dropping the mask as redundant
 * after the caller's own test (callers test first, so the mask never changes the value).
 */
static __always_inline __u32 frame_index(__u32 d)
{
	asm volatile("" : "+r"(d));
	return d & (SB_XS_MAX_DEPTH - 1);
}

static __always_inline int stage_enter(__u32 stage)
{
	__u32 tid = (__u32)bpf_get_current_pid_tgid();
	struct frames *fr = bpf_map_lookup_elem(&stacks_by_tid, &tid);
	__u32 d;

	if (!fr) {
		/* Only copy_process of a followed spawn opens a stack; every other stage nests in one. */
		static const struct frames empty;

		if (stage != SB_XS_COPY_PROCESS || !in_copy_process())
			return 0;
		if (bpf_map_update_elem(&stacks_by_tid, &tid, &empty, BPF_NOEXIST))
			return 0;
		fr = bpf_map_lookup_elem(&stacks_by_tid, &tid);
		if (!fr)
			return 0;
	}
	d = fr->depth;
	if (d >= SB_XS_MAX_DEPTH) {
		__sync_fetch_and_add(&depth_overflow, 1);
		return 0;
	}
	d = frame_index(d);
	fr->stage[d] = stage;
	fr->start[d] = bpf_ktime_get_ns();
	fr->callee_ns[d] = 0;
	fr->depth = d + 1;
	return 0;
}

static __always_inline int stage_exit(__u32 stage)
{
	__u32 tid = (__u32)bpf_get_current_pid_tgid();
	struct frames *fr = bpf_map_lookup_elem(&stacks_by_tid, &tid);
	struct sb_xs_total *t;
	__u64 dur;
	__u32 d;

	if (!fr)
		return 0;
	d = fr->depth;
	if (d == 0 || d > SB_XS_MAX_DEPTH)
		return 0;
	d = frame_index(d - 1);
	if (fr->stage[d] != stage) /* entered while the stack was full: not ours to pop */
		return 0;
	dur = bpf_ktime_get_ns() - fr->start[d];
	t = bpf_map_lookup_elem(&totals, &stage);
	if (t) {
		t->ns += dur > fr->callee_ns[d] ? dur - fr->callee_ns[d] : 0;
		t->calls++;
	}
	fr->depth = d;
	if (d > 0)
		fr->callee_ns[frame_index(d - 1)] += dur;
	else
		bpf_map_delete_elem(&stacks_by_tid, &tid);
	return 0;
}

/* One pair per backend per function; the same two bodies behind all of them. */
#define SB_STAGE(fn, idx)							\
	SEC("fentry/" #fn) int BPF_PROG(fentry_##fn) { return stage_enter(idx); } \
	SEC("fexit/" #fn) int BPF_PROG(fexit_##fn) { return stage_exit(idx); } \
	SEC("kprobe/" #fn) int BPF_KPROBE(kprobe_##fn) { return stage_enter(idx); } \
	SEC("kretprobe/" #fn) int BPF_KRETPROBE(kretprobe_##fn) { return stage_exit(idx); }

SB_STAGE(copy_process, SB_XS_COPY_PROCESS)
SB_STAGE(dup_mmap, SB_XS_DUP_MMAP)
SB_STAGE(copy_page_range, SB_XS_COPY_PAGE_RANGE)
SB_STAGE(copy_namespaces, SB_XS_COPY_NAMESPACES)
SB_STAGE(copy_net_ns, SB_XS_COPY_NET_NS)
SB_STAGE(copy_mnt_ns, SB_XS_COPY_MNT_NS)
SB_STAGE(copy_pid_ns, SB_XS_COPY_PID_NS)
SB_STAGE(create_user_ns, SB_XS_CREATE_USER_NS)
SB_STAGE(copy_utsname, SB_XS_COPY_UTSNAME)
SB_STAGE(copy_ipcs, SB_XS_COPY_IPCS)
SB_STAGE(copy_cgroup_ns, SB_XS_COPY_CGROUP_NS)
SB_STAGE(copy_time_ns, SB_XS_COPY_TIME_NS)
SB_STAGE(copy_creds, SB_XS_COPY_CREDS)
SB_STAGE(sched_fork, SB_XS_SCHED_FORK)
SB_STAGE(dup_fd, SB_XS_DUP_FD)
SB_STAGE(copy_semundo, SB_XS_COPY_SEMUNDO)
SB_STAGE(alloc_pid, SB_XS_ALLOC_PID)
SB_STAGE(copy_thread, SB_XS_COPY_THREAD)
SB_STAGE(perf_event_init_task, SB_XS_PERF_EVENT_INIT_TASK)
SB_STAGE(cgroup_can_fork, SB_XS_CGROUP_CAN_FORK)
SB_STAGE(security_task_alloc, SB_XS_SECURITY_TASK_ALLOC)
