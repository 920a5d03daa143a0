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
__u64 samples_lost;      /* ... whose stack could not be read or counted (table full) */

/*
 * Samples are counted per stack in a hash keyed by the frames themselves. A stack-trace map would be
 * cheaper to key, but it refuses a stack whose hash bucket another stack holds: at 20 kHz and batches
 * of 1000 spawns it dropped 5% of the samples, and always those of the same stacks, which biases the
 * stage shares. A full-key hash has no such collisions; the 512-byte key is the largest a hash map takes.
 */
struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, SB_MAX_STACKS);
	__type(key, struct sb_stack);
	__type(value, __u64);
} stack_counts SEC(".maps");

/* The stack being counted: too big for the BPF stack. */
struct {
	__uint(type, BPF_MAP_TYPE_PERCPU_ARRAY);
	__uint(max_entries, 1);
	__type(key, __u32);
	__type(value, struct sb_stack);
} scratch SEC(".maps");

SEC("perf_event")
int sb_sample(struct bpf_perf_event_data *ctx)
{
	__u64 one = 1, *n;
	__u32 zero = 0;
	struct sb_stack *st;

	if (!in_copy_process())
		return 0;
	__sync_fetch_and_add(&samples_in_copy, 1);
	st = bpf_map_lookup_elem(&scratch, &zero);
	/* bpf_get_stack zeroes the buffer past the frames it wrote, so equal stacks are equal keys */
	if (!st || bpf_get_stack(ctx, st, sizeof(*st), 0) <= 0) {
		__sync_fetch_and_add(&samples_lost, 1);
		return 0;
	}
	n = bpf_map_lookup_elem(&stack_counts, st);
	if (n) {
		__sync_fetch_and_add(n, 1);
		return 0;
	}
	if (!bpf_map_update_elem(&stack_counts, st, &one, BPF_NOEXIST))
		return 0;
	/* another CPU added the same stack meanwhile, or the table is full */
	n = bpf_map_lookup_elem(&stack_counts, st);
	if (n)
		__sync_fetch_and_add(n, 1);
	else
		__sync_fetch_and_add(&samples_lost, 1);
	return 0;
}
