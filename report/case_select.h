/* SPDX-License-Identifier: MIT */
/*
 * Case selection shared by export, compare and report: `--case LABEL` (a case's label or key; repeatable)
 * and `--where AXIS=VALUE` (a token of the case's key, e.g. method=fork, mem=64M, concurrency=2;
 * repeatable). A case is kept when it matches one of the --case names (if any were given) and, for each
 * axis named by --where, one of the values given for that axis. Sizes compare as sizes (mem=1M matches
 * the key's mem=1048576).
 *
 * Use: sb_select_option() per option; sb_select_note() on every case of the inputs (returns whether it is
 * kept, and records what the inputs offer); sb_select_verdict() then refuses a selection that names an
 * axis or case the inputs do not have, or that keeps nothing, with a message listing what there is.
 */
#ifndef SB_CASE_SELECT_H
#define SB_CASE_SELECT_H
#include <stddef.h>
#include <stdint.h>

#include "compare_pool.h"

#define SB_SELECT_MAX 32

struct sb_select_where {
	char axis[32];
	const char *value;   /* borrowed from argv */
	uint64_t size;       /* value read as a size, when is_size */
	int is_size;
	int axis_seen;       /* some case's key has this axis */
};

struct sb_case_select {
	const char *names[SB_SELECT_MAX];
	int name_hits[SB_SELECT_MAX];
	size_t nnames;
	struct sb_select_where where[SB_SELECT_MAX];
	size_t nwhere;
	size_t noted, kept;
	char axes[256];      /* the axes of the first case noted, for messages */
	char labels[6][96];  /* a few labels seen, copied (the caller may free its cases), for messages */
	size_t nlabels;
};

/* --case ARG (opt 'c') or --where ARG (opt 'w'). 0, or -1 with the reason in err (bad AXIS=VALUE, too many). */
int sb_select_option(struct sb_case_select *s, int opt, const char *arg, char *err, size_t errlen);
/* Whether any --case or --where was given. */
int sb_select_active(const struct sb_case_select *s);
/* Whether the case with this key and label is kept; records what the inputs offer for sb_select_verdict(). */
int sb_select_note(struct sb_case_select *s, const char *key, const char *label);
/* After every case was noted: 0, or -1 with a message naming what the inputs have. */
int sb_select_verdict(const struct sb_case_select *s, char *err, size_t errlen);
/* Drop the pool's cases the selection does not keep (noting every case first). */
void sb_select_pool(struct sb_case_select *s, struct sb_pool *p);

/* The value of AXIS in a case key "a=1;b=2", copied to buf; 0, or -1 when the key lacks that axis. */
int sb_key_value(const char *key, const char *axis, char *buf, size_t len);

#endif
