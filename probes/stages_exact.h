/* SPDX-License-Identifier: MIT */
/*
 * Shared by stages_exact.bpf.c and its loader: the functions inside copy_process that the exact backends
 * (fentry/fexit, kprobe/kretprobe) time. The order is the index into the per-stage totals; keep the table
 * in stages_exact.c in the same order.
 */
#ifndef SB_STAGES_EXACT_H
#define SB_STAGES_EXACT_H

#ifndef __VMLINUX_H__
#include <linux/types.h>
#endif

enum sb_exact_stage {
	SB_XS_COPY_PROCESS,   /* level 0: its exclusive time is "the rest" of copy_process */
	SB_XS_DUP_MMAP,
	SB_XS_COPY_PAGE_RANGE,
	SB_XS_COPY_NAMESPACES,
	SB_XS_COPY_NET_NS,
	SB_XS_COPY_MNT_NS,
	SB_XS_COPY_PID_NS,
	SB_XS_CREATE_USER_NS,
	SB_XS_COPY_UTSNAME,
	SB_XS_COPY_IPCS,
	SB_XS_COPY_CGROUP_NS,
	SB_XS_COPY_TIME_NS,
	SB_XS_COPY_CREDS,
	SB_XS_SCHED_FORK,
	SB_XS_DUP_FD,
	SB_XS_COPY_SEMUNDO,
	SB_XS_ALLOC_PID,
	SB_XS_COPY_THREAD,
	SB_XS_PERF_EVENT_INIT_TASK,
	SB_XS_CGROUP_CAN_FORK,
	SB_XS_SECURITY_TASK_ALLOC,
	SB_N_XS
};

#define SB_XS_MAX_DEPTH 8   /* nesting of timed functions: copy_process > copy_namespaces > copy_net_ns ... */

/* Per CPU, per stage: exclusive nanoseconds (callees that are stages themselves subtracted) and calls. */
struct sb_xs_total {
	__u64 ns;
	__u64 calls;
};

#endif
