/* SPDX-License-Identifier: MIT */
/* Turning a finished run into its outputs: results JSON, CSV and the human table. */
#ifndef SB_RESULTS_H
#define SB_RESULTS_H
#include <jansson.h>
#include <stdio.h>

#include "cases.h"
#include "format.h" /* sb_format_ns, sb_iso_now, for this header's includers */
#include "privileges.h"
#include "stats.h"

struct sb_run_info {
	const struct sb_privileges *priv;
	struct sb_probe_session *probe;
	char started[32], finished[32];
	double duration_s;
	int interrupted;
};

/* Statistics of metric m over a case's samples. Returns 0 when the metric has no sample. */
size_t sb_case_metric_stats(const struct sb_case *c, int metric, struct sb_stats *s);
json_t *sb_stats_json(const struct sb_stats *s);
/* The whole results document (new reference). */
json_t *sb_results_json(const struct sb_run_config *cfg, const struct sb_run_info *info);
/* Write doc atomically to path. 0 or -1 with a message on stderr. */
int sb_write_json_file(json_t *doc, const char *path);
int sb_write_csv(const struct sb_run_config *cfg, const char *path);
void sb_print_table(FILE *f, const struct sb_run_config *cfg, struct sb_probe_session *probe);

#endif
