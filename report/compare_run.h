/* SPDX-License-Identifier: MIT */
/* One comparison: two pools of results matched case by case and metric by metric. */
#ifndef SB_COMPARE_RUN_H
#define SB_COMPARE_RUN_H
#include <stddef.h>

#include "compare_pool.h"
#include "compare_stats.h"

struct sb_cmp_row {
	const struct sb_pool_case *bc, *nc;
	const char *metric;
	size_t nb, nn;
	double base_median, new_median;
	struct sb_verdict v;
	int compared;       /* 0: why says what kept it out */
	int one_run;        /* compared with one run on a side */
	char why[192];
};

struct sb_cmp {
	double threshold, alpha;
	struct sb_pool base, new_;
	struct sb_cmp_row *rows;
	size_t nrows, cap_rows;
	const struct sb_pool_case **only_base, **only_new;
	size_t n_only_base, n_only_new;
	size_t count[SB_V_KINDS]; /* rows per enum sb_verdict_kind */
	size_t not_compared;
	int single_run;     /* some compared row had one run on a side: run-to-run noise is not in its CI */
	char notes[6][256]; /* differences between the two sides a reader must know about */
	size_t nnotes;
};

/* "all" as the only metric compares every *_ns metric either side measured. */
#define SB_CMP_ALL_METRICS "all"

/* Match the loaded pools and fill rows, lists and counts. Returns 0 or -1 (out of memory). */
int sb_cmp_run(struct sb_cmp *c, const char *const *metrics, size_t nmetrics);
void sb_cmp_free(struct sb_cmp *c);

/* The exit status a CI job should get: 2 when no row could be compared, 1 when any regressed, else 0. */
int sb_cmp_exit_status(const struct sb_cmp *c);

#endif
