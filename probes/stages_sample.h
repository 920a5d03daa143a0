/* SPDX-License-Identifier: MIT */
/* Shared by stages_sample.bpf.c and its loader: sizes of the kernel-stack sample tables. */
#ifndef SB_STAGES_SAMPLE_H
#define SB_STAGES_SAMPLE_H

#define SB_STACK_DEPTH 64        /* frames kept per kernel stack: copy_process sits well inside this */
#define SB_MAX_STACKS 8192       /* distinct stacks between two reads */

/* A kernel stack, innermost frame first, zero-filled past its end: the key its samples are counted by. */
struct sb_stack {
	__u64 ip[SB_STACK_DEPTH];
};
#define SB_DEFAULT_SAMPLE_HZ 1000 /* each sample costs tens of us in a VM: see docs/probes.md */

#endif
