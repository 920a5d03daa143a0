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

/* tid % SB_MAX_INFLIGHT -> the spawning syscall that thread is in (slot owned while tid matches). */
struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, SB_MAX_INFLIGHT);
	__type(key, __u32);
	__type(value, struct sb_inflight);
} inflight SEC(".maps");

/*
 * Entry 0: how many followed threads are inside copy_process right now. The hooks that fire for events
 * of the whole machine (every slab allocation, every sampling tick) read it first and leave at once
 * while it is 0, which is nearly always: a fork spends tens of microseconds in copy_process per spawn.
 */
struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, 1);
	__type(key, __u32);
	__type(value, __s64);
} copying SEC(".maps");

static __always_inline __s64 *copying_count(void)
{
	__u32 zero = 0;

	return bpf_map_lookup_elem(&copying, &zero);
}

/* The in-flight slot of this thread, or NULL if it is not inside a followed spawn or wait. */
static __always_inline struct sb_inflight *inflight_of(__u32 tid)
{
	__u32 key = tid & (SB_MAX_INFLIGHT - 1);
	struct sb_inflight *f = bpf_map_lookup_elem(&inflight, &key);

	return f && f->tid == tid ? f : NULL;
}

/* The current thread, if it is inside copy_process for a followed spawn. */
static __always_inline struct sb_inflight *in_copy_process(void)
{
	__s64 *n = copying_count();
	struct sb_inflight *f;

	if (!n || *n <= 0)
		return NULL;
	f = inflight_of((__u32)bpf_get_current_pid_tgid());
	return f && f->in_copy ? f : NULL;
}

#endif
