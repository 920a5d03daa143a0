// SPDX-License-Identifier: MIT
/* summary.tex: one booktabs table per run, ready for \input{} (needs \usepackage{booktabs}). */
#include <math.h>
#include <string.h>

#include "report.h"

static const char *tex_unit(const struct sb_unit *u)
{
	return !strcmp(u->name, "µs") ? "$\\mu$s" : u->name;
}

static void run_table(FILE *f, const struct sb_report *r, size_t run)
{
	double max = 0;
	for (size_t i = 0; i < r->ncases; i++)
		if (r->cases[i].run == (int)run && r->cases[i].ok)
			max = fmax(max, sb_rstat(&r->cases[i], r->metric, SB_SF_MEDIAN));
	struct sb_unit u = sb_pick_unit(isfinite(max) ? max : 0);
	const char *const *host = r->runs[run].res.host;
	fprintf(f, "%% %s\n\\begin{table}\n\\centering\n\\small\n\\caption{Median %.*s latency of each case with its "
		   "distribution-free 95\\%% confidence interval, ", r->runs[run].path, (int)strcspn(r->metric, "_"), r->metric);
	sb_tex_str(f, host[SB_H_CPU_MODEL] ? host[SB_H_CPU_MODEL] : "?");
	fprintf(f, ", Linux ");
	sb_tex_str(f, host[SB_H_KERNEL] ? host[SB_H_KERNEL] : "?");
	fprintf(f, ".}\n\\label{tab:spawnbench-");
	for (const char *p = r->runs[run].name; *p; p++)
		fputc((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') || *p == '-' ? *p : '-', f);
	fprintf(f, "}\n\\begin{tabular}{lrrr}\n\\toprule\nCase & Median (%s) & 95\\%% CI (%s) & $n$ \\\\\n\\midrule\n",
		tex_unit(&u), tex_unit(&u));
	for (size_t i = 0; i < r->ncases; i++) {
		const struct sb_rcase *c = &r->cases[i];
		if (c->run != (int)run)
			continue;
		sb_tex_str(f, c->label);
		double m = sb_rstat(c, r->metric, SB_SF_MEDIAN);
		if (!c->ok || !isfinite(m)) {
			fprintf(f, " & \\multicolumn{3}{l}{");
			sb_tex_str(f, c->ok ? "not measured" : c->m->status_name ? c->m->status_name : "?");
			fprintf(f, "} \\\\\n");
			continue;
		}
		char med[24], lo[24], hi[24];
		sb_fmt_sig(m / u.div, med, sizeof(med));
		sb_fmt_sig(sb_rstat(c, r->metric, SB_SF_CI95_LOW) / u.div, lo, sizeof(lo));
		sb_fmt_sig(sb_rstat(c, r->metric, SB_SF_CI95_HIGH) / u.div, hi, sizeof(hi));
		fprintf(f, " & %s & %s--%s & %.0f \\\\\n", med, lo, hi, sb_rstat(c, r->metric, SB_SF_N));
	}
	fprintf(f, "\\bottomrule\n\\end{tabular}\n\\end{table}\n\n");
}

int sb_table_latex(struct sb_report *r)
{
	FILE *f = sb_report_open(r, "summary.tex");
	if (!f)
		return -1;
	fprintf(f, "%% spawnbench report: summary tables (\\usepackage{booktabs})\n");
	for (size_t run = 0; run < r->nruns; run++)
		run_table(f, r, run);
	return sb_report_close(r, f, "summary.tex");
}
