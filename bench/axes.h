/* SPDX-License-Identifier: MIT */
/*
 * The axes of a case, one declaration each: the option that sets it, its token in a case's key, its field
 * in the results file, how many values a "cases:" line gives it for a method, and how value i is set on a
 * case. Case expansion is an odometer over this table (the last axis turns fastest), so the order of the
 * table is the order of the cases. Key tokens and results fields are the rows of bench/lib/axis_fields.h,
 * which the results writer and report/'s reader share. What still names an axis by hand elsewhere
 * (cli_run.c's parser, sb_case_name's key and label) is checked against the table's tokens and fields by
 * tests/axes.
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

struct sb_axis {
	const char *option;      /* "--mem": the option (and plan token) that lists its values */
	const char *key;         /* "mem": its token in a case's key ("mem=67108864") */
	const char *json;        /* "mem_bytes": its field in a case of the results file */
	/* Values this matrix gives the axis for this method: at least 1 (the default, or not applicable). */
	int (*count)(const struct sb_axis_ctx *x);
	/*
	 * Set value i on c. Axes are applied in table order, so an axis may read what an earlier one set
	 * (ns_path reads ns, vmas reads mem). 0, or 1 when this point of the product cannot exist for the
	 * method (posix_spawn without exec, a namespace path without namespaces): it is left out.
	 */
	int (*apply)(const struct sb_axis_ctx *x, int i, struct sb_case *c);
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

#endif
