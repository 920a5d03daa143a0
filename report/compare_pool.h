/* SPDX-License-Identifier: MIT */
/*
 * Pooling results files: the cases of one or more files (repeated runs of one side of a comparison, or
 * the inputs of an export), merged by case `key`, with each metric's raw samples concatenated in file order.
 */
#ifndef SB_COMPARE_POOL_H
#define SB_COMPARE_POOL_H
#include <jansson.h>
#include <stddef.h>

#include "results_model.h"

struct sb_pool_metric {
	const char *name; /* "total_ns", ... (a key of the case's "samples"; the model's string) */
	/*
	 * The samples: of one run, the model's own array (a large file's samples are not copied); of several,
	 * the pool's copy (own, with room for cap).
	 */
	const double *v;
	double *own;
	size_t n, cap;
	size_t *ends;   /* run i (one file with the case ok) holds v[ends[i-1] .. ends[i]) */
	size_t nruns;
};

struct sb_pool_case {
	const char *key, *label;  /* borrowed from the first file that has the case */
	const struct sb_result_case *first; /* that case (owned by the pool's files) */
	enum sb_status status;    /* ok when any file has it ok, else the first file's status */
	const char *status_name;  /* as that file spells it ("error" when it gives none) */
	const char *reason;       /* that file's reason, or NULL */
	size_t files, files_ok;   /* files holding the case / holding it with status ok */
	struct sb_pool_metric *metrics;
	size_t nmetrics;
};

struct sb_pool {
	const char **paths;
	struct sb_results *files; /* the results model of each file */
	size_t ndocs;
	struct sb_pool_case *cases; /* in first-seen order */
	size_t ncases, cap;
	json_t *index; /* key -> position in cases, so matching a case is not a scan of every case */
};

/*
 * Load every file and pool its cases. Returns 0, or -1 with a one-line message naming the file (and the
 * case) in err: unreadable, not a results file, a case without "key", samples that are not numbers.
 * The pool must be freed with sb_pool_free() either way.
 */
int sb_pool_load(struct sb_pool *p, const char *const *paths, size_t n, char *err, size_t errlen);
void sb_pool_free(struct sb_pool *p);
/*
 * Both sides of a comparison, read side by side (two threads). 0, or -1 with the message of the base's
 * failure if it failed, else the new side's. Both pools must be freed either way.
 */
int sb_pool_load_pair(struct sb_pool *base, const char *const *bpaths, size_t nb, struct sb_pool *new_,
		      const char *const *npaths, size_t nn, char *err, size_t errlen);
/* sb_pool_free of both, side by side. */
void sb_pool_free_pair(struct sb_pool *a, struct sb_pool *b);
/* Free what a pooled case holds (not the case itself). */
void sb_pool_case_free(struct sb_pool_case *c);
/* Rebuild the key index after cases were removed or moved (sb_select_pool); without memory, none is kept. */
void sb_pool_reindex(struct sb_pool *p);

struct sb_pool_case *sb_pool_find(const struct sb_pool *p, const char *key);
/* The pooled samples of one metric, or NULL (with *n = 0) when no ok run of the case measured it. */
const double *sb_pool_samples(const struct sb_pool_case *c, const char *metric, size_t *n);
/* The same with run boundaries, for sb_compare_runs(). */
const double *sb_pool_runs(const struct sb_pool_case *c, const char *metric, size_t *n, const size_t **ends,
			   size_t *nruns);
/* host.<field> when every file agrees, "(mixed)" when they differ, "" when absent. */
const char *sb_pool_host(const struct sb_pool *p, enum sb_host_field field);

#endif
