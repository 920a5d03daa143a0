/* SPDX-License-Identifier: MIT */
/* What the controller knows of each spawn method: its name and which axes apply to it. */
#ifndef SB_METHODS_TABLE_H
#define SB_METHODS_TABLE_H
#include <stddef.h>

#include "results_names.h" /* sb_metric_names, for this header's includers */
#include "wire.h"

struct sb_method_info {
	const char *name;
	const char *about;
	int takes_flags;    /* clone flag presets / raw flags / namespaces */
	int takes_stack;    /* --stack applies */
	int can_exec;       /* may exec a program */
	int must_exec;      /* always execs (posix_spawn) */
	int has_start;      /* our code runs in the child before any exec: start_ns exists */
};

extern const struct sb_method_info sb_methods[SB_N_METHODS];
/* -1 when unknown */
int sb_method_by_name(const char *name);

#endif
