/* SPDX-License-Identifier: MIT */
/*
 * What the probes gathered for one case (or, in trace mode, one spawn method): per-spawn phases and
 * kmem counts, stage samples or exact stage times, and how much was lost. Turns it into the case's
 * "probe" object (docs/results-schema.md) and a one-line summary.
 */
#ifndef SB_PROBE_CASE_H
#define SB_PROBE_CASE_H
#include <jansson.h>
#include <stddef.h>
#include <stdint.h>

#include "spawn_phases.h"
#include "stages_exact.h"

enum sb_phase {
	SB_PH_CALL_TO_SYSCALL,   /* the driver's t_call -> syscall entry (libc wrapper, atfork handlers) */
	SB_PH_SYSCALL_TO_COPY_DONE, /* syscall entry -> task_newtask: copy_process */
	SB_PH_COPY_DONE_TO_FORK_EVENT,
	SB_PH_FORK_EVENT_TO_WAKEUP,
	SB_PH_WAKEUP_TO_RETURN,
	SB_PH_SYSCALL,           /* syscall entry -> return in the parent (the sum of the four above) */
	SB_PH_CALL_TO_RETURN,    /* t_call -> return: the kernel's view of the driver's create */
	SB_PH_RETURN_TO_CALLER,  /* derived: driver's create minus call_to_return (user space after the
				  * syscall: fork handlers, copy-on-write faults on the parent's first writes) */
	SB_PH_WAKEUP_TO_CHILD_RUN,
	SB_PH_SYSCALL_TO_CHILD_RUN,
	SB_PH_SYSCALL_TO_EXEC,
	SB_PH_CHILD_RUN_TO_EXIT,
	SB_PH_EXIT_TO_REAP,
	/*
	 * return_to_caller split where the caller last came back from the kernel before the driver's clock
	 * read (the end of a page fault, of one of libc's calls after the spawn; none: the syscall's return).
	 */
	SB_PH_RETURN_TO_USER,    /* syscall return -> that time: copy-on-write faults, libc's calls, preemption */
	SB_PH_USER_TO_CALLER,    /* derived: that time -> driver's return, user space only */
	SB_PH_CALL_TO_USER,      /* t_call -> that time: what the kernel saw of create */
	SB_N_PHASES
};

struct sb_dvec {
	double *v;
	size_t n, cap;
};

struct sb_stage_count {
	const char *name;  /* static string from stage_map.c / stages_exact_loader.c */
	uint64_t samples;  /* samples (tracepoint backend) or calls (exact backends) */
	uint64_t ns;       /* exact backends: exclusive nanoseconds */
};

#define SB_MAX_STAGE_NAMES 48

struct sb_probe_case {
	int used;
	int level;                 /* enum sb_probe_level this case ran at */
	int kmem;                  /* pages/slabs were counted (--probe-kmem) */
	uint64_t joined, unjoined, lost;
	struct sb_dvec phase[SB_N_PHASES];
	struct sb_dvec pages, slabs;
	struct sb_stage_count stage[SB_MAX_STAGE_NAMES];
	size_t n_stages;
	uint64_t stage_total;      /* samples inside copy_process / copy_process calls */
	uint64_t stage_total_ns;   /* exact: copy_process inclusive time */
	uint64_t samples_outside;  /* tracepoint: samples in the syscall but outside copy_process */
	char summary[256];
};

const char *sb_phase_name(enum sb_phase ph);
/* One joined spawn; t_call = create_ns = 0 when the caller's clock is not known (trace mode). */
int sb_case_add_spawn(struct sb_probe_case *c, const struct sb_spawn_event *ev, uint64_t t_call,
		      uint64_t create_ns);
/* stage NULL: a sample outside copy_process. */
void sb_case_add_samples(struct sb_probe_case *c, const char *stage, uint64_t samples);
void sb_case_add_exact(struct sb_probe_case *c, const struct sb_xs_total t[SB_N_XS]);
/* backend "fentry"/"kprobe"/"tracepoint", level "phases"/"stages", hz for the tracepoint backend. */
json_t *sb_case_json(const struct sb_probe_case *c, const char *backend, const char *level, unsigned hz);
const char *sb_case_summary(struct sb_probe_case *c, int stages);
/* Median of a phase in ns, or 0 when no spawn had it. */
double sb_case_phase_median(const struct sb_probe_case *c, enum sb_phase ph);
void sb_case_free(struct sb_probe_case *c);

#endif
