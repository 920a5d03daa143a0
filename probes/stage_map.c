// SPDX-License-Identifier: MIT
#include <string.h>

#include "stage_map.h"

/*
 * kernel function -> stage. Functions of the issue that are inlined on common kernels (dup_mm,
 * copy_files, copy_fs, copy_sighand, copy_signal, dup_task_struct) are found through callees that are not.
 * DIRECT entries are generic helpers that only say something as copy_process's own callee (the kernel
 * stack's vmalloc is dup_task_struct's, the BPF trampoline is ours). REFINE entries name a part of an
 * outer stage and win over it (copy_net_ns inside copy_namespaces, copy_page_range inside dup_mmap).
 */
enum { ANY, DIRECT, REFINE };

static const struct {
	const char *fn, *stage;
	int kind;
} stage_fns[] = {
	{ "dup_mm", "dup_mmap", ANY },
	{ "dup_mmap", "dup_mmap", ANY },
	{ "copy_page_range", "copy_page_range", REFINE },
	/* 6.12 (Debian's backports) inlines copy_mm, dup_mm and dup_mmap into copy_process: their callees */
	{ "mm_init", "dup_mmap", DIRECT },
	{ "vm_area_dup", "dup_mmap", DIRECT },
	{ "vma_dup_policy", "dup_mmap", DIRECT },
	{ "anon_vma_fork", "dup_mmap", DIRECT },
	{ "__mt_dup", "dup_mmap", DIRECT },
	{ "mas_store", "dup_mmap", DIRECT },
	{ "flush_tlb_mm_range", "dup_mmap", DIRECT },
	{ "copy_namespaces", "copy_namespaces", ANY },
	{ "create_new_namespaces", "copy_namespaces", ANY },
	{ "copy_net_ns", "copy_net_ns", REFINE },
	{ "copy_mnt_ns", "copy_mnt_ns", REFINE },
	{ "copy_pid_ns", "copy_pid_ns", REFINE },
	{ "create_user_ns", "create_user_ns", REFINE },
	{ "copy_utsname", "copy_utsname", REFINE },
	{ "copy_ipcs", "copy_ipcs", REFINE },
	{ "copy_cgroup_ns", "copy_cgroup_ns", REFINE },
	{ "copy_time_ns", "copy_time_ns", REFINE },
	{ "copy_creds", "copy_creds", ANY },
	{ "sched_fork", "sched_fork", ANY },
	{ "sched_cgroup_fork", "sched_fork", ANY },
	{ "sched_post_fork", "sched_fork", ANY },
	{ "sched_autogroup_fork", "sched_fork", ANY },
	{ "copy_files", "copy_files", ANY },
	{ "dup_fd", "copy_files", ANY },
	{ "copy_fs", "copy_fs", ANY },
	{ "copy_fs_struct", "copy_fs", ANY },
	{ "copy_sighand", "copy_sighand", ANY },
	{ "copy_signal", "copy_signal", ANY },
	{ "dup_task_struct", "dup_task_struct", ANY },
	{ "arch_dup_task_struct", "dup_task_struct", ANY },
	{ "alloc_thread_stack_node", "dup_task_struct", ANY },
	{ "memcg_charge_kernel_stack", "dup_task_struct", DIRECT },
	{ "account_kernel_stack", "dup_task_struct", DIRECT },
	{ "__vmalloc_node_noprof", "dup_task_struct", DIRECT },
	{ "__vmalloc_node", "dup_task_struct", DIRECT },
	{ "__vmalloc_node_range_noprof", "dup_task_struct", DIRECT },
	{ "__vmalloc_node_range", "dup_task_struct", DIRECT },
	{ "alloc_pid", "alloc_pid", ANY },
	{ "copy_thread", "copy_thread", ANY },
	{ "perf_event_init_task", "perf_event", ANY },
	{ "perf_event_fork", "perf_event", ANY },
	{ "cgroup_fork", "cgroup", ANY },
	{ "cgroup_can_fork", "cgroup", ANY },
	{ "cgroup_post_fork", "cgroup", ANY },
	{ "cgroup_cancel_fork", "cgroup", ANY },
	{ "security_task_alloc", "security", ANY },
	{ "security_cred_alloc_blank", "security", ANY },
	{ "security_prepare_creds", "security", ANY },
	{ "copy_semundo", "copy_semundo", ANY },
	{ "copy_io", "copy_io", ANY },
	{ "audit_alloc", "audit", ANY },
	{ "copy_seccomp", "copy_seccomp", ANY },
	{ "uprobe_copy_process", "uprobe_copy_process", ANY },
	{ "proc_fork_connector", "proc_fork_connector", ANY },
	/* tracepoints inside copy_process run our own programs: the probe effect, shown, not hidden */
	{ "bpf_trace_run1", "bpf_probes", DIRECT },
	{ "bpf_trace_run2", "bpf_probes", DIRECT },
	{ "bpf_trace_run3", "bpf_probes", DIRECT },
	{ "__bpf_trace_run", "bpf_probes", DIRECT },
};

#define N_FNS (sizeof(stage_fns) / sizeof(stage_fns[0]))

static int lookup(const char *fn)
{
	if (!fn)
		return -1;
	for (size_t i = 0; i < N_FNS; i++)
		if (!strcmp(fn, stage_fns[i].fn))
			return i;
	return -1;
}

const char *sb_stage_of_stack(const char *const *frames, size_t n)
{
	const char *stage = NULL;
	size_t cp = n, i;
	int k;

	/* the outermost copy_process: a spawn inside copy_process (kernel threads) is not ours */
	for (i = n; i-- > 0;) {
		if (frames[i] && !strcmp(frames[i], "copy_process")) {
			cp = i;
			break;
		}
	}
	if (cp == n)
		return NULL;
	if (cp == 0)
		return SB_STAGE_SELF;
	/* copy_process's own callee first, then the outermost known frame inside it */
	k = lookup(frames[cp - 1]);
	if (k >= 0) {
		stage = stage_fns[k].stage;
		i = cp - 1;
	} else {
		for (i = cp; i-- > 0;) {
			k = lookup(frames[i]);
			if (k >= 0 && stage_fns[k].kind != DIRECT) {
				stage = stage_fns[k].stage;
				break;
			}
		}
	}
	if (!stage)
		return SB_STAGE_OTHER;
	/* a named part of that stage, deeper in */
	while (i-- > 0) {
		k = lookup(frames[i]);
		if (k >= 0 && stage_fns[k].kind == REFINE)
			stage = stage_fns[k].stage;
	}
	return stage;
}
