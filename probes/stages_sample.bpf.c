// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * Stages inside copy_process when no per-function hooks exist (backend "tracepoint"): a software cpu-clock
 * perf event on every CPU runs this program; when the interrupted thread is inside copy_process for a
 * followed spawn (spawn_phases.bpf.c keeps that in `inflight`), its kernel stack is recorded and counted.
 * User space symbolises the stacks and credits each to the innermost known stage.
 */
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>

#include "spawn_maps.bpf.h"
#include "stages_sample.h"

char LICENSE[] SEC("license") = "Dual MIT/GPL";

__u64 samples_in_copy;   /* samples that landed inside copy_process of a followed spawn */
__u64 samples_lost;      /* ... whose stack could not be stored (table full or hash collision) */

struct {
	__uint(type, BPF_MAP_TYPE_STACK_TRACE);
	__uint(max_entries, SB_MAX_STACKS);
	__uint(key_size, sizeof(__u32));
	__uint(value_size, SB_STACK_DEPTH * sizeof(__u64));
} stacks SEC(".maps");

/* stack id -> samples */
struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, SB_MAX_STACKS);
	__type(key, __u32);
	__type(value, __u64);
} stack_counts SEC(".maps");

SEC("perf_event")
int sb_sample(struct bpf_perf_event_data *ctx)
{
	__u64 one = 1, *n;
	long id;

	if (!in_copy_process())
		return 0;
	__sync_fetch_and_add(&samples_in_copy, 1);
	id = bpf_get_stackid(ctx, &stacks, 0);
	if (id < 0) {
		__sync_fetch_and_add(&samples_lost, 1);
		return 0;
	}
	__u32 key = id;
	n = bpf_map_lookup_elem(&stack_counts, &key);
	if (n)
		__sync_fetch_and_add(n, 1);
	else if (bpf_map_update_elem(&stack_counts, &key, &one, BPF_NOEXIST))
		__sync_fetch_and_add(&samples_lost, 1);
	return 0;
}
