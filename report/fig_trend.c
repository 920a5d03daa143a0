// SPDX-License-Identifier: MIT
/*
 * Figure 8b: the trend of the same cases over three or more results files, in the order they were
 * written (commits, kernels, nightly runs). A point is circled when it differs from the file before it,
 * by the two-sample comparison `spawnbench compare` uses.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "case_match.h"
#include "gnuplot_script.h"

#define MAX_LINES 8

/* +1 slower than prev, -1 faster, 0 no verdict of change. */
static int change(const struct sb_report *r, const struct sb_rcase *prev, const struct sb_rcase *c)
{
	struct sb_verdict v;

	if (sb_case_verdict(r, prev, c, &v))
		return 0;
	return v.verdict == SB_V_REGRESSION ? 1 : v.verdict == SB_V_IMPROVEMENT ? -1 : 0;
}

static int by_when(const void *a, const void *b, void *arg)
{
	const struct sb_report *r = arg;
	int x = *(const int *)a, y = *(const int *)b;
	int c = strcmp(r->runs[x].when, r->runs[y].when);
	return c ? c : x - y;
}

int sb_fig_trend(struct sb_report *r)
{
	if (r->nruns < 3) {
		sb_report_omit(r, "Figure 8b (trend across files)", "fewer than three results files were given");
		return 0;
	}
	int order[SB_REPORT_MAX_FILES];
	for (size_t i = 0; i < r->nruns; i++)
		order[i] = (int)i;
	qsort_r(order, r->nruns, sizeof(order[0]), by_when, r);

	/* Cases present in at least three files, in plan order of their first appearance. */
	const char *keys[MAX_LINES];
	size_t nk = 0;
	for (size_t i = 0; i < r->ncases && nk < MAX_LINES; i++) {
		const char *k = sb_case_key(&r->cases[i]);
		size_t in = 0, dup = 0;
		for (size_t run = 0; run < r->nruns; run++)
			in += sb_case_in_run(r, (int)run, k) != NULL;
		for (size_t j = 0; j < nk; j++)
			dup |= !strcmp(keys[j], k);
		if (in >= 3 && !dup && sb_case_in_run(r, r->cases[i].run, k) == &r->cases[i])
			keys[nk++] = k;
	}
	if (!nk) {
		sb_report_omit(r, "Figure 8b (trend across files)", "no case (by key) was measured in three or more of the files");
		return 0;
	}
	struct sb_fig *fig = sb_report_add_fig(r);
	if (!fig)
		return -1;
	sb_fig_name(r, fig, "fig8-trend", -1);
	double max = 0, min = INFINITY;
	for (size_t k = 0; k < nk; k++)
		for (size_t run = 0; run < r->nruns; run++) {
			const struct sb_rcase *c = sb_case_in_run(r, (int)run, keys[k]);
			if (c) {
				max = fmax(max, sb_rstat(c, r->metric, SB_SF_CI95_HIGH));
				min = fmin(min, sb_rstat(c, r->metric, SB_SF_CI95_LOW));
			}
		}
	struct sb_unit u = sb_pick_unit(max);
	char dat[64];
	size_t marked = 0;
	snprintf(dat, sizeof(dat), "%s.dat", fig->name);
	FILE *d = sb_report_open(r, dat);
	if (!d)
		return -1;
	fprintf(d, "# %s: one block per case: position median ci95_low ci95_high (%s) change \"file\"\n"
		   "# change: 1 slower than the file before, -1 faster, 0 neither\n", fig->name, u.name);
	for (size_t k = 0; k < nk; k++) {
		const struct sb_rcase *prev = NULL;
		fprintf(d, "%s# \"%s\"\n", k ? "\n\n" : "", keys[k]);
		for (size_t p = 0; p < r->nruns; p++) {
			const struct sb_rcase *c = sb_case_in_run(r, order[p], keys[k]);
			if (!c)
				continue;
			int ch = prev ? change(r, prev, c) : 0;
			marked += ch != 0;
			fprintf(d, "%zu %.4f %.4f %.4f %d \"%s\"\n", p, sb_rstat(c, r->metric, SB_SF_MEDIAN) / u.div,
				sb_rstat(c, r->metric, SB_SF_CI95_LOW) / u.div,
				sb_rstat(c, r->metric, SB_SF_CI95_HIGH) / u.div, ch, r->runs[order[p]].name);
			prev = c;
		}
	}
	if (sb_report_close(r, d, dat))
		return -1;
	FILE *f = sb_gp_begin(r, fig->name, 1000, 620);
	if (!f)
		return -1;
	sb_gp_title(r, f, "the same cases across results files, in the order they were written");
	fprintf(f, "set ylabel 'median %.*s latency (%s)'\n", (int)strcspn(r->metric, "_"), r->metric, u.name);
	/* Explicit range: log autoscaling pads to whole decades. */
	int logy = sb_gp_axis(f, 'y', fmax(min, 1) / u.div / 1.4, max / u.div * 1.4, 10);
	fprintf(f, "set xrange [-0.3:%zu.3]\nset xtics rotate by -25 left (", r->nruns - 1);
	for (size_t p = 0; p < r->nruns; p++) {
		fprintf(f, "%s", p ? ", " : "");
		sb_gp_str(f, r->runs[order[p]].name);
		fprintf(f, " %zu", p);
	}
	fprintf(f, ")\n%s\nplot \\\n", sb_gp_key_outside(r));
	for (size_t k = 0; k < nk; k++) {
		const struct sb_rcase *c = NULL;
		for (size_t run = 0; run < r->nruns && !c; run++)
			c = sb_case_in_run(r, (int)run, keys[k]);
		fprintf(f, "  '%s' index %zu using 1:2:3:4 with yerrorlines lt %zu title ", dat, k, k % SB_GP_STYLES + 1);
		sb_gp_str(f, c ? c->label : keys[k]);
		fprintf(f, ", \\\n");
	}
	fprintf(f, "  '%s' using 1:($5>0?$2:1/0) with points pt 6 ps 2.4 lw 2 lc rgb '#c00000' "
		   "title 'slower than the file before', \\\n"
		   "  '%s' using 1:($5<0?$2:1/0) with points pt 6 ps 2.4 lw 2 lc rgb '#008000' title 'faster than the file before'\n",
		dat, dat);
	snprintf(fig->title, sizeof(fig->title), "Trend of the same cases across %zu results files", r->nruns);
	snprintf(fig->caption, sizeof(fig->caption),
		 "Median %s of up to %d cases present in three or more files, the files in the order they were "
		 "written (their created time), error bars the 95%% confidence interval of the median, %s scale. "
		 "A circle marks a file whose samples differ from the file before by more than %.0f%% with "
		 "significance (Mann-Whitney U at alpha %.2f, bootstrap CI of the ratio of medians clear of the "
		 "threshold, as in spawnbench compare); %zu points are marked.",
		 sb_metric_words(r->metric), MAX_LINES, logy ? "log" : "linear", SB_MATCH_THRESHOLD * 100, SB_MATCH_ALPHA, marked);
	return sb_gp_end(r, f, fig->name);
}
