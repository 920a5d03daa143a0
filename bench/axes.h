/* SPDX-License-Identifier: MIT */
/*
 * The axes of a case, driven by the list of bench/lib/axis_list.h: one entry per row of that list, each with
 * its option (value parser and where the value goes in struct sb_matrix), its digit in case expansion (an
 * odometer: the last digit turns fastest, so the order of the digits is the order of the cases), how many
 * values a "cases:" line gives it for a method and how value i is set on a case, its key and label tokens
 * and its value in the results file. Option parsing (cli_run.c, and plan files through it), case expansion
 * (cases.c), naming (case_name.c) and the results writer (results_json.c) walk this table. What a row does
 * not do by its own hooks (axis_hooks.c), the generic code here does from its columns.
 */
#ifndef SB_AXES_H
#define SB_AXES_H
#include <stddef.h>
#include <jansson.h>
#include <stdint.h>

#include "axis_fields.h"
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
	const char *name;          /* "mem": the option --mem, also a plan's token; NULL: no option */
	char short_name;           /* 'm' for -m, or 0 */
	const char *arg;           /* "SIZES" in --help; NULL: a switch, it takes no value */
	const char *help;
	/* Parse arg into dst (the matrix, or the run configuration when in_cfg). 0, or -1 with err set. */
	int (*parse)(const struct sb_axis_opt *o, const char *arg, void *dst, char *err, size_t errlen);
	size_t values, count;      /* offsetof the values and of their count (an int) in dst */
	int max;                   /* values the field holds */
	uint64_t lo, hi;           /* whole numbers: the range allowed */
	const char *const *words;  /* a list of words, NULL-terminated: a value is its index */
	int in_cfg;                /* a run option (struct sb_run_config), not a plan's cases: line */
};

/*
 * What a row does that the generic code cannot; a NULL hook is the generic one (axis_list.h says what
 * that does). The hooks are in axis_hooks.c.
 */
struct sb_axis_hooks {
	/* Values this matrix gives the axis for this method: at least 1 (the default, or not applicable). */
	int (*count)(const struct sb_axis_ctx *x);
	/*
	 * Set value i on c. Digits are applied in turn order, so one may read what an earlier one set (ns_path
	 * reads ns, vmas reads mem). 0, or 1 when this point of the product cannot exist for the method
	 * (posix_spawn without exec, a namespace path without namespaces): it is left out.
	 */
	int (*apply)(const struct sb_axis_ctx *x, int i, struct sb_case *c);
	/* Its "token=value" part of the key, its " word" of the label, into a buffer that starts empty; left
	 * empty, it is left out (the label shows only what differs from the defaults). */
	void (*key)(const struct sb_case *c, char *buf, size_t len);
	void (*label)(const struct sb_case *c, char *buf, size_t len);
	/* Its value in the results file, or NULL: the field is left out. */
	json_t *(*json)(const struct sb_run_config *cfg, const struct sb_case *c);
	int key_omits_default;     /* the key leaves the token out at the default value */
};

enum sb_axis_matrix { SB_AM_NONE, SB_AM_LIST, SB_AM_SWITCH };

/* One row of axis_list.h, for the driver. */
struct sb_axis {
	const struct sb_axis_field *f;  /* key token, results field, label token, kind, default (axis_fields.h) */
	size_t store, store_size;  /* where the case keeps the value: offsetof in struct sb_case; size 0: NOSTORE */
	enum sb_axis_matrix matrix;
	size_t elem_size;          /* a value of the matrix's list */
	struct sb_axis_opt opt;    /* the option that sets it (opt.name NULL: none) */
	int turn;                  /* its digit in expansion, 1 slowest; 0: not a digit */
	int jpos;                  /* its place among a case's fields in the results file */
	struct sb_axis_hooks hooks;
};

/* Indexed by enum sb_axis_field_id: the key's order. */
extern const struct sb_axis sb_axes[SB_N_AXIS_FIELDS];
extern const size_t sb_n_axes;

/* The stack a clone/clone3/pthread case gets when --stack is not given. */
#define SB_DEFAULT_STACK (UINT64_C(64) * 1024)

/* The most rows, and so digits, the odometer may have (they live on the stack). */
#define SB_MAX_AXES 32

/* The digits of case expansion: the rows with turn 1..sb_axes_turns(), one each (axes_unit checks). */
int sb_axes_turns(void);
const struct sb_axis *sb_axis_turn(int turn);
/* How many values the row's digit has for the method of x (the hook, or the generic rule). */
int sb_axis_count(const struct sb_axis *a, const struct sb_axis_ctx *x);
/*
 * The case at odometer position idx[0..sb_axes_turns()) of method x->info: 0, or 1 when the point is left out.
 * The exec program is named but not yet looked up (sb_axes_resolve does that).
 */
int sb_axes_case(const struct sb_axis_ctx *x, const int *idx, struct sb_case *c);
/* Find the exec'd program of a kept case. 0, or -1 with a message in err. */
int sb_axes_resolve(struct sb_case *c, char *err, size_t errlen);
/* Advance an odometer of k digits (digit i counts 0..n[i]-1, the last fastest). 0 once it wrapped. */
int sb_odometer_next(int *idx, const int *n, size_t k);

/* A row's key token and label token of c into buf (empty: left out). */
void sb_axis_key(const struct sb_axis *a, const struct sb_case *c, char *buf, size_t len);
void sb_axis_label(const struct sb_axis *a, const struct sb_case *c, char *buf, size_t len);
/* Set on o the axis fields of c whose place in the results file is first..last (JPOS of axis_list.h). */
int sb_axes_json(const struct sb_run_config *cfg, const struct sb_case *c, json_t *o, int first, int last);

/* The option of the matrix called name (len bytes: "mem" of "--mem=1M"), or with short_name when not 0. */
const struct sb_axis_opt *sb_axis_option(const char *name, size_t len, char short_name);
/* Every option of the matrix in --help's order: calls fn on each. */
void sb_axis_options_each(void (*fn)(const struct sb_axis_opt *o, void *ctx), void *ctx);

#endif
