/* SPDX-License-Identifier: MIT */
/* A case (one point of the matrix), the run configuration, and expanding matrices into cases. */
#ifndef SB_CASES_H
#define SB_CASES_H
#include <stddef.h>
#include <stdint.h>

#include "probe_session.h"
#include "results_names.h"
#include "wire.h"

/*
 * How many values an axis of one "cases:" line (or of the command line) may list: the sizes of sb_matrix's
 * arrays, and the limits the parser (cli_run.c, plan.c) checks and names in its messages.
 */
#define SB_MAX_AXIS 300          /* --ns sets */
#define SB_MAX_FLAGSETS 16       /* --preset and --flags together */
#define SB_MAX_EXECS 8           /* --exec */
#define SB_MAX_MEMS 32           /* --mem */
#define SB_MAX_VMAS 16           /* --vmas */
#define SB_MAX_STACKS 32         /* --stack */
#define SB_MAX_CONCURRENCY 16    /* --concurrency values (each at most SB_MAX_SPAWNERS spawners) */
/* The same for a run: CPUs of --cpu, "cases:" lines of a plan, notes of the results; warnings of a case. */
#define SB_MAX_CPUS 64
#define SB_MAX_MATRICES 32
#define SB_MAX_NOTES 64
#define SB_MAX_WARNINGS 8

struct sb_case {
	struct sb_case_wire w;
	char preset[24];             /* preset name, "raw" or "none" */
	/*
	 * Generated (STORE CASE(type, name) of axis_list.h): ns_set (namespace flags, also in w.clone_flags
	 * for ns_path clone), userns_added, concurrency, count_off (--count off: no counters for this case
	 * even with --counters): the rows of bench/lib/axis_list.h whose STORE is CASE(type, name).
	 */
#define SB_AXIS(ID, KEY, FIELD, LABEL, KIND, ABSENT, STORE, ...) STORE
#define WIRE(type, name)
#define CASE(type, name) type name;
#define NOSTORE
#include "axis_list.h"
	int probe_level;             /* enum sb_probe_level for this case */
	int probe_axis;              /* --probe gave a list: the level is part of the case's key and label */
	char exec_label[SB_PATH_MAX];/* "none", "child" or the program path */
	char label[160];
	char key[640];

	enum sb_status status;
	char reason[320];
	int first_errno;
	size_t failed_spawns;
	const char *stop_reason;
	struct sb_ready footprint;
	int counters_failed[SB_MAX_EVENTS];
	double measure_s;            /* time spent in this case's batches */

	/* What makes this case's figures harder to compare (warnings.h), and what the validity checks found. */
	struct sb_warning { char code[32]; char message[224]; } warnings[SB_MAX_WARNINGS];
	int n_warnings;
	size_t warmup_dropped;       /* samples the adaptive warm-up discarded (steady.c) */
	int steady_checks;           /* extensions of the warm-up so far (steady.c) */
	uint64_t stage_samples;      /* --probe stages: samples inside copy_process so far */

	struct sb_sample *samples;
	size_t n_samples, cap_samples;
	double *throughput;
	size_t n_rounds, cap_rounds;
};

/* A flag set of --preset or --flags: what a clone/clone3 case spawns with. */
struct sb_flagset {
	char preset[24];
	uint64_t flags;
	int exit_signal;
};

/*
 * One "cases:" line: the product of its axes. Generated (MATRIX of bench/lib/axis_list.h): methods, flagsets,
 * execs, mems, mem_kinds, vmas, thps, stacks, stack_touch, ns_sets, ns_paths, concurrency,
 * child_writes, counting, each list with its count (n_mems, ...).
 */
struct sb_matrix {
#define SB_AXIS(ID, KEY, FIELD, LABEL, KIND, ABSENT, STORE, MATRIX, ...) MATRIX
#define LIST(type, values, n_values, max) type values[max]; int n_values; // NOLINT(bugprone-macro-parentheses): declarations
#define SWITCH(name) int name;
#define NOMATRIX
#include "axis_list.h"
};

struct sb_run_config {
	const char *plan;            /* plan name/path, or "cli" */
	const char *plan_arg;        /* --plan as given on the command line, NULL without */
	int argc;
	char **argv;
	uint32_t iterations, min_iterations, warmup, batch;
	double target_ci, max_time_s;
	double spawn_timeout_s;      /* a batch taking longer than this per spawn is abandoned */
	int stop_metric;             /* enum sb_metric */
	uint64_t seed;
	int cpus[SB_MAX_CPUS];
	int n_cpus;
	const char *out_path, *csv_path;
	int quiet, dry_run, no_table;
	struct sb_probe_opts probe;  /* probe.level: the highest level of any case */
	int probe_levels[3], n_probe_levels;  /* --probe as given: one level, or a list (an axis) */
	char counters[512];          /* --counters list as given, "" = none */
	int placement;               /* enum sb_placement (placement.h) */
	int no_start;                /* --no-start: the child stamps nothing */
	uint32_t stage_samples;      /* --stage-samples: copy_process samples a stages case needs */
	struct { int measured; double median, ci95_low, ci95_high, cpu_read; } stamp_ns; /* stamp_cost.c */

	struct sb_matrix matrices[SB_MAX_MATRICES];
	int n_matrices;
	struct sb_case *cases;
	size_t n_cases;
	char *notes[SB_MAX_NOTES];
	int n_notes;
};

/* Expand every matrix into cfg->cases, dropping duplicates. 0, or SB_EXIT_USAGE with err set. */
int sb_expand_cases(struct sb_run_config *cfg, char *err, size_t errlen);
/* Give each case its label and key (after the privilege pass may have added flags). */
void sb_case_name(struct sb_case *c);
/* Refuse what can never run: flag rules, exec rules. 0 or SB_EXIT_USAGE with err set. */
int sb_validate_case(const struct sb_case *c, char *err, size_t errlen);
void sb_add_note(struct sb_run_config *cfg, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void sb_free_cases(struct sb_run_config *cfg);
/* Path of a helper program (spawnbench-worker, spawnbench-child) beside the binary. 0 or -1. */
int sb_find_helper(const char *name, char *out, size_t len);
/* Why a helper program is not found: the places sb_find_helper looked, for the message. */
void sb_helper_missing(const char *name, char *msg, size_t len);

#endif
