/* SPDX-License-Identifier: MIT */
/* The options of `spawnbench run`, shared by the command line and plan files. */
#ifndef SB_CLI_RUN_H
#define SB_CLI_RUN_H
#include <stdio.h>

#include "cases.h"

enum sb_opt_scope {
	SB_OPT_GLOBAL = 1,   /* run-wide settings: iterations, output, probes... */
	SB_OPT_AXIS = 2,     /* one axis of a case matrix */
};

/*
 * Parse tokens[0..n) into cfg (global options) and m (axes). allowed restricts which scopes may appear
 * (a plan's "cases:" line takes only axes). Sets *axis_seen when any axis option was given.
 * 0, 1 for --help (already printed), or SB_EXIT_USAGE with err set.
 */
int sb_parse_run_options(int n, char **tokens, int allowed, struct sb_run_config *cfg, struct sb_matrix *m,
			 int *axis_seen, char *err, size_t errlen);
void sb_run_usage(FILE *f);
void sb_run_config_defaults(struct sb_run_config *cfg);

/* plan.c: load data/plans/NAME.plan (or a path) into cfg. 0 or SB_EXIT_USAGE with err set. */
int sb_load_plan(const char *name, struct sb_run_config *cfg, char *err, size_t errlen);
/* Directory of the named plans. */
const char *sb_plans_dir(void);

#endif
