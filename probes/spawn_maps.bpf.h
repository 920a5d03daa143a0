/* SPDX-License-Identifier: GPL-2.0 OR MIT */
/*
 * Maps shared by every BPF object of the probes. spawn_phases.bpf.c owns them; the stage objects declare
 * the same definitions and their loaders reuse the owner's fds, so all agree on who is spawning.
 */
#ifndef SB_SPAWN_MAPS_BPF_H
#define SB_SPAWN_MAPS_BPF_H

#include "spawn_phases.h"

/* tgid -> 1: the processes whose spawns are followed (the workers of the case, or the trace target). */
struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, SB_MAX_TRACKED);
	__type(key, __u32);
	__type(value, __u8);
} tracked SEC(".maps");

/* tid -> the spawning syscall it is in. */
struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, SB_MAX_INFLIGHT);
	__type(key, __u32);
	__type(value, struct sb_inflight);
} inflight SEC(".maps");

/* The current thread, if it is inside copy_process for a followed spawn. */
static __always_inline struct sb_inflight *in_copy_process(void)
{
	__u32 tid = (__u32)bpf_get_current_pid_tgid();
	struct sb_inflight *f = bpf_map_lookup_elem(&inflight, &tid);

	return f && f->in_copy ? f : NULL;
}

#endif
