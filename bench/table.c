// SPDX-License-Identifier: MIT
/* The human table: one row per case, medians with the 95% CI's half-width as a percentage. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "counters.h"
#include "methods_table.h"
#include "placement.h"
#include "results.h"
#include "warnings.h"

static void cell(const struct sb_case *c, int metric, char *buf, size_t len)
{
	struct sb_stats s;
	if (!sb_case_metric_stats(c, metric, &s)) {
		snprintf(buf, len, "-");
		return;
	}
	char v[32];
	sb_format_ns(s.median, v, sizeof(v));
	double hw = sb_stats_rel_halfwidth(&s);
	if (isinf(hw))
		snprintf(buf, len, "%s", v);
	else
		snprintf(buf, len, "%s ±%.1f%%", v, hw * 100);
}

void sb_print_table(FILE *f, const struct sb_run_config *cfg, struct sb_probe_session *probe)
{
	size_t w = 4;
	char labels[cfg->n_cases ? cfg->n_cases : 1][200];
	for (size_t i = 0; i < cfg->n_cases; i++) {
		char mk[24];
		/* The label carries the case's footnote marker ([!k], see warnings.h). */
		snprintf(labels[i], sizeof(labels[i]), "%s%s", cfg->cases[i].label,
			 sb_warnings_marker(cfg, i, mk, sizeof(mk)));
		if (strlen(labels[i]) > w)
			w = strlen(labels[i]);
	}
	/* The nsenter column (unshare/setns before the call) only when some case has it. */
	int has_ns = 0;
	for (size_t i = 0; i < cfg->n_cases; i++)
		has_ns |= cfg->cases[i].w.ns_path != SB_NSPATH_CLONE && cfg->cases[i].status == SB_ST_OK;
	fprintf(f, "%-*s %6s  %-17s %-17s %-17s %-17s %10s%s\n", (int)w, "case", "n", sb_metric_short[SB_MET_CREATE],
		sb_metric_short[SB_MET_START], sb_metric_short[SB_MET_TOTAL], sb_metric_short[SB_MET_EXEC], "spawns/s", has_ns ? "  nsenter" : "");
	for (size_t i = 0; i < cfg->n_cases; i++) {
		const struct sb_case *c = &cfg->cases[i];
		if (c->status != SB_ST_OK && c->status != SB_ST_INTERRUPTED) {
			fprintf(f, "%-*s %6s  %s: %s\n", (int)w, labels[i], "-",
				sb_status_name(c->status), c->reason);
			continue;
		}
		char cr[40], st[40], to[40], ex[40], ns[40] = "";
		cell(c, SB_MET_CREATE, cr, sizeof(cr));
		cell(c, SB_MET_START, st, sizeof(st));
		cell(c, SB_MET_TOTAL, to, sizeof(to));
		cell(c, SB_MET_EXEC, ex, sizeof(ex));
		if (has_ns)
			cell(c, SB_MET_NSENTER, ns, sizeof(ns));
		struct sb_stats tp;
		int has_tp = c->n_rounds && !sb_stats_compute(c->throughput, c->n_rounds, &tp);
		/* "±" is two bytes and one column: widen the field by one so columns line up. */
		fprintf(f, "%-*s %6zu  %-*s %-*s %-*s %-*s %10.0f%s%s\n", (int)w, labels[i], c->n_samples,
			17 + (strstr(cr, "±") ? 1 : 0), cr, 17 + (strstr(st, "±") ? 1 : 0), st,
			17 + (strstr(to, "±") ? 1 : 0), to, 17 + (strstr(ex, "±") ? 1 : 0), ex,
			has_tp ? tp.median : 0.0, has_ns ? "  " : "", ns);
		if (c->failed_spawns || c->status == SB_ST_INTERRUPTED)
			fprintf(f, "%-*s        note: %s%s\n", (int)w, "", c->reason,
				c->status == SB_ST_INTERRUPTED ? ": fewer samples than asked" : "");
		char buf[256];
		const char *cs = sb_counters_case_summary(cfg, c, buf, sizeof(buf));
		if (cs)
			fprintf(f, "%-*s        counters: %s\n", (int)w, "", cs);
		const char *ps = probe ? sb_probe_case_summary(probe, i) : NULL;
		char few[64];
		if (ps && sb_case_has_warning(c, "few-stage-samples")) {
			/* Shares from a handful of samples read as facts: print none. */
			snprintf(few, sizeof(few), "too few stage samples (%llu)", (unsigned long long)c->stage_samples);
			ps = few;
		}
		if (ps)
			fprintf(f, "%-*s        kernel: %s\n", (int)w, "", ps);
	}
	fprintf(f, "medians; ±: half-width of the median's 95%% CI. start: call -> child's first instruction; "
		   "total: call -> reaped; exec: call -> exec'd main()%s.\n",
		has_ns ? "; nsenter: unshare/setns before the call" : "");
	fprintf(f, "placement: %s", sb_placement_name(cfg->placement));
	if (cfg->stamp_ns.measured)
		fprintf(f, "; the child's stamp adds %.0f ns to fork's total (95%% CI %.0f..%.0f, reading its CPU %.0f ns)%s",
			cfg->stamp_ns.median, cfg->stamp_ns.ci95_low, cfg->stamp_ns.ci95_high, cfg->stamp_ns.cpu_read,
			cfg->no_start ? "; --no-start: no stamp in these figures" : "");
	fprintf(f, ".\n");
	sb_warnings_table_footer(f, cfg);
}
