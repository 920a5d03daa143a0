/* SPDX-License-Identifier: MIT */
/*
 * Where a change went: for one case measured in two results files (or two trace profiles), the change of
 * each kernel phase (median change, CI, Mann-Whitney U, as compare does for the metrics), of each
 * copy_process stage (share x copy_process median on both sides, the change in ns with an interval) and of
 * each counter (per-spawn medians). Stages are ranked by how much of the case's change they carry.
 * docs/statistics.md says how the intervals are made, docs/ci.md what the explanation can and cannot claim.
 *
 * Reads the cases of the results model (results_model.h: their typed probe and counters), so compare,
 * the report's figure and trace comparisons share one computation. An explanation is a plain struct.
 */
#ifndef SB_COMPARE_EXPLAIN_H
#define SB_COMPARE_EXPLAIN_H
#include <jansson.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "results_model.h"

/* Fewest kernel-stack samples inside copy_process per side before sampled stage shares are compared. */
#define SB_XP_MIN_STAGE_SAMPLES 30
#define SB_XP_MAX_PHASES 16
#define SB_XP_MAX_STAGES 48
#define SB_XP_MAX_COUNTERS 16

struct sb_xp_change {
	char name[64];
	double base, new_;           /* medians (phases, counters) or estimated ns (stages); NAN when absent */
	double delta, lo, hi;        /* new - base and its 95% interval (lo/hi NAN when none can be given) */
	double ratio, ratio_lo, ratio_hi, p; /* phases with raw samples: sb_compare_metric; counters: p only */
	double carry;                /* delta / the case's change (stages, and phases inside the metric's span) */
	double base_share, new_share; /* stages */
	uint64_t base_samples, new_samples; /* stages: kernel-stack samples (sampled) or calls (exact) */
	int verdict;                 /* phases: enum sb_verdict_kind, or -1 when not tested */
};

struct sb_explain {
	int have;                    /* anything was explained (phases, stages or counters) */
	char why[256];               /* when have == 0: why no explanation is possible */
	char stage_note[256];        /* why stages are not compared, or "" */
	char note[256];              /* a caveat of the whole explanation, or "" */
	char base_backend[16], new_backend[16];
	int exact;                   /* both sides' stages are exact times (fentry/kprobe) */
	char metric[24];             /* the metric whose change is explained: create_ns, total_ns, ... */
	double change;               /* the case's change being explained: new - base median, ns */
	struct sb_xp_change phase[SB_XP_MAX_PHASES];
	size_t nphases;
	struct sb_xp_change stage[SB_XP_MAX_STAGES]; /* ranked: the most of the change first */
	size_t nstages;
	struct sb_xp_change counter[SB_XP_MAX_COUNTERS];
	size_t ncounters;
};

/*
 * Explain a change of `change` ns of `metric` between two cases (either may lack probe data or
 * counters; the explanation then says so). threshold and alpha as for compare's verdicts. Returns 0, or
 * -1 when out of memory (x->why says so).
 */
int sb_explain_cases(const struct sb_result_case *base, const struct sb_result_case *new_, const char *metric,
		     double change, double threshold, double alpha, struct sb_explain *x);
/* Whether a phase lies inside the span of a metric (create_ns: call -> return in the parent, ...). */
int sb_xp_phase_in_metric(const char *metric, const char *phase);

/* compare_explain_fmt.c: the explanation in words and as JSON. */
/* One line a reviewer reads: "copy_page_range +889 µs [+820, +960] (96%), syscall_to_copy_done +870 µs; ..." */
void sb_explain_line(const struct sb_explain *x, char *buf, size_t len);
/* The explanation as an object of compare's JSON (docs/ci.md, "explanation"), or NULL when out of memory. */
json_t *sb_explain_json(const struct sb_explain *x);
/* Nanoseconds with a sign, in the unit a person reads: "+889 µs", "-1.20 ms", "+0 ns". */
void sb_xp_fmt_delta(char *buf, size_t len, double ns);

/* compare_explain_out.c: the explanation in compare's outputs, for each row that regressed or improved. */
struct sb_cmp;
struct sb_cmp_row;
/* Whether a row gets an explanation: its verdict is regression or improvement. */
int sb_cmp_row_explained(const struct sb_cmp_row *r);
/* The explanation of a row's change (its case's two first runs, its metric's change). 0 or -1 (no memory). */
int sb_cmp_explain_row(const struct sb_cmp *c, const struct sb_cmp_row *r, struct sb_explain *x);
/* "Where the change went": one line under each regression or improvement. 0, or -1 when writing failed. */
int sb_cmp_write_explanations(const struct sb_cmp *c, FILE *f);
/* Adds "explanation" to the JSON of an explained row; rows of other verdicts are left alone. */
void sb_cmp_explain_json(const struct sb_cmp *c, const struct sb_cmp_row *r, json_t *row);

#endif
