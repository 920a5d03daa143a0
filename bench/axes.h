/* SPDX-License-Identifier: MIT */
/*
 * The axes of a case, one declaration each: the option that sets it (its value parser and where the value
 * goes in struct sb_matrix), its token in a case's key and label, its field in the results file, how many
 * values a "cases:" line gives it for a method, and how value i is set on a case. Option parsing
 * (cli_run.c, and plan files through it), case expansion (an odometer: the last axis turns fastest, so the
 * order of the table is the order of the cases) and naming (case_name.c) all read this table. Key tokens
 * and results fields are the rows of bench/lib/axis_fields.h, which the results writer and report/'s
 * reader share. Adding an axis is one entry here and one in axis_fields, its fields (struct sb_matrix, and
 * sb_case_wire when the worker needs it) and the worker code that honours it.
 */
#ifndef SB_AXES_H
#define SB_AXES_H
#include <stddef.h>
#include <stdint.h>

#include "cases.h"
#include "methods_table.h"

/* What an axis sees while a method's cases are expanded. */
struct sb_axis_ctx {
	const struct sb_run_config *cfg;
	const struct sb_matrix *m;
	const struct sb_method_info *info;
};

/*
 * An option of the matrix: how its value is read and where it is stored. The parsers are in axis_parse.h;
 * the generic ones use values/count/max/lo/hi/words, the others know their field.
 */
struct sb_axis_opt {
	const char *name;          /* "mem": the option --mem, also a plan's token */
	char short_name;           /* 'm' for -m, or 0 */
	const char *arg;           /* "SIZES" in --help; NULL: a switch, it takes no value */
	const char *help;
	/* Parse arg into dst (the matrix, or the run configuration when in_cfg). 0, or -1 with err set. */
	int (*parse)(const struct sb_axis_opt *o, const char *arg, void *dst, char *err, size_t errlen);
	size_t values, count;      /* offsetof the values and of their count (an int) in dst */
	int max;                   /* values the field holds */
	uint64_t lo, hi;           /* whole numbers: the range allowed */
	const char *const *words;  /* a list of words: the words, a value is its index */
	int in_cfg;                /* a run option (struct sb_run_config), not a plan's cases: line */
};

struct sb_axis {
	struct sb_axis_opt opt;    /* the option that lists its values */
	const struct sb_axis_opt *more;  /* options that shape the same values (--flags for --preset), or NULL */
	size_t n_more;
	const char *key;           /* "mem": its first token in a case's key ("mem=67108864") */
	const char *json;          /* "mem_bytes": its field in a case of the results file */
	/* Values this matrix gives the axis for this method: at least 1 (the default, or not applicable). */
	int (*count)(const struct sb_axis_ctx *x);
	/*
	 * Set value i on c. Axes are applied in table order, so an axis may read what an earlier one set
	 * (ns_path reads ns, vmas reads mem). 0, or 1 when this point of the product cannot exist for the
	 * method (posix_spawn without exec, a namespace path without namespaces): it is left out.
	 */
	int (*apply)(const struct sb_axis_ctx *x, int i, struct sb_case *c);
	/*
	 * Naming. name_pos: where its tokens stand in the key and the label (the key's order is older than the
	 * table's and must not change: results files and compare match cases on it). key_token writes its
	 * "token=value" part(s) of the key, label_token its " word" of the label, into a buffer that starts
	 * empty; either leaves it empty to be left out (the label shows what differs from the defaults; axes
	 * added after the first keys are left out of the key at their default, so that older keys stay
	 * comparable).
	 */
	int name_pos;
	void (*key_token)(const struct sb_case *c, char *buf, size_t len);
	void (*label_token)(const struct sb_case *c, char *buf, size_t len);
};

extern const struct sb_axis sb_axes[];
extern const size_t sb_n_axes;

/* The stack a clone/clone3/pthread case gets when --stack is not given. */
#define SB_DEFAULT_STACK (UINT64_C(64) * 1024)

/* The most axes the table may hold (the odometer's digits live on the stack). */
#define SB_MAX_AXES 16

/*
 * The case at odometer position idx[0..sb_n_axes) of method x->info: 0, or 1 when the point is left out.
 * The exec program is named but not yet looked up (sb_axes_resolve does that).
 */
int sb_axes_case(const struct sb_axis_ctx *x, const int *idx, struct sb_case *c);
/* Find the exec'd program of a kept case. 0, or -1 with a message in err. */
int sb_axes_resolve(struct sb_case *c, char *err, size_t errlen);
/* Advance an odometer of k digits (digit i counts 0..n[i]-1, the last fastest). 0 once it wrapped. */
int sb_odometer_next(int *idx, const int *n, size_t k);

/* The axis whose tokens stand at pos (1..sb_n_axes) in keys and labels. */
const struct sb_axis *sb_axis_named_at(int pos);
/* The option of the matrix called name (len bytes: "mem" of "--mem=1M"), or with short_name when not 0. */
const struct sb_axis_opt *sb_axis_option(const char *name, size_t len, char short_name);
/* Every option of the matrix in --help's order: calls fn on each. */
void sb_axis_options_each(void (*fn)(const struct sb_axis_opt *o, void *ctx), void *ctx);

#endif
