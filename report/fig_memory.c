// SPDX-License-Identifier: MIT
/*
 * Figure 1, the "fork() in the road" figure: latency against the parent's size, one line per method,
 * log-log, the median's 95% CI as a band.
 */
#include <math.h>
#include <string.h>

#include "gnuplot_script.h"
#include "report_group.h"

#define MIB (1024.0 * 1024.0)

/*
 * x is what the spawner really held (VmRSS), not the requested size: a "0" case sits at the spawner's
 * own floor, which a log axis can show and which is the honest starting point of the curve.
 */
static double parent_bytes(const struct sb_rcase *c)
{
	return isfinite(c->rss_bytes) && c->rss_bytes > 0 ? c->rss_bytes : c->mem_bytes;
}

static int keep(const struct sb_report *r, const struct sb_rcase *c)
{
	return sb_case_has_metric(r, c) && parent_bytes(c) > 0 && !c->ns[0] && c->concurrency == 1;
}

static size_t distinct_mem(const struct sb_report *r, const struct sb_group *g)
{
	size_t n = 0;
	for (size_t i = 0; i < g->n; i++) {
		size_t k;
		for (k = 0; k < i && r->cases[g->idx[k]].mem_bytes != r->cases[g->idx[i]].mem_bytes; k++)
			;
		n += k == i;
	}
	return n;
}

static int draw(struct sb_report *r, int run, struct sb_groups *gs)
{
	struct sb_fig *fig = sb_report_add_fig(r);
	if (!fig)
		return -1;
	sb_fig_name(r, fig, "fig1-memory", run);
	double max = 0, min = INFINITY, xmin = INFINITY, xmax = 0;
	size_t lines = 0;
	for (size_t i = 0; i < gs->n; i++) {
		if (distinct_mem(r, &gs->g[i]) < 2)
			continue;
		lines++;
		for (size_t k = 0; k < gs->g[i].n; k++) {
			const struct sb_rcase *c = &r->cases[gs->g[i].idx[k]];
			max = fmax(max, sb_rstat(c, r->metric, SB_SF_CI95_HIGH));
			min = fmin(min, sb_rstat(c, r->metric, SB_SF_CI95_LOW));
			xmin = fmin(xmin, parent_bytes(c));
			xmax = fmax(xmax, parent_bytes(c));
		}
	}
	struct sb_unit u = sb_pick_unit(max);
	char dat[64];
	snprintf(dat, sizeof(dat), "%s.dat", fig->name);
	FILE *d = sb_report_open(r, dat);
	if (!d)
		return -1;
	fprintf(d, "# %s: %s in %s against the spawner's VmRSS in MiB\n", fig->name, r->metric, u.name);
	fprintf(d, "# one block per line of the figure: vm_rss_mib median ci95_low ci95_high requested_mem_mib\n");
	size_t block = 0;
	for (size_t i = 0; i < gs->n; i++) {
		struct sb_group *g = &gs->g[i];
		if (distinct_mem(r, g) < 2)
			continue;
		fprintf(d, "%s# \"%s\"\n", block++ ? "\n\n" : "", g->label);
		sb_group_sort(r, g, parent_bytes);
		for (size_t k = 0; k < g->n; k++) {
			const struct sb_rcase *c = &r->cases[g->idx[k]];
			fprintf(d, "%.4f %.4f %.4f %.4f %.4f\n", parent_bytes(c) / MIB,
				sb_rstat(c, r->metric, SB_SF_MEDIAN) / u.div,
				sb_rstat(c, r->metric, SB_SF_CI95_LOW) / u.div,
				sb_rstat(c, r->metric, SB_SF_CI95_HIGH) / u.div, c->mem_bytes / MIB);
		}
	}
	if (sb_report_close(r, d, dat))
		return -1;

	FILE *f = sb_gp_begin(r, fig->name, 1000, 640);
	if (!f)
		return -1;
	fprintf(f, "set xlabel 'parent resident memory at spawn (VmRSS, MiB)'\n");
	fprintf(f, "set ylabel 'median %.*s latency (%s)'\n", (int)strcspn(r->metric, "_"), r->metric, u.name);
	/* Explicit ranges: log autoscaling would pad to whole decades and squash the data. */
	int logx = sb_gp_axis(f, 'x', xmin / MIB / 1.25, xmax / MIB * 1.25, 10);
	int logy = sb_gp_axis(f, 'y', fmax(min, 1) / u.div / 1.4, max / u.div * 1.4, 10);
	fprintf(f, "set key top left reverse Left\n");
	char title[160];
	snprintf(title, sizeof(title), "spawn latency vs parent size%s%s", r->nruns > 1 ? ": " : "",
		 r->nruns > 1 ? r->runs[run].name : "");
	sb_gp_title(r, f, title);
	fprintf(f, "plot \\\n");
	block = 0;
	for (size_t i = 0; i < gs->n; i++) {
		if (distinct_mem(r, &gs->g[i]) < 2)
			continue;
		int lt = (int)(block % SB_GP_STYLES) + 1;
		fprintf(f, "  '%s' index %zu using 1:3:4 with filledcurves lc %d fs transparent solid 0.18 noborder notitle, \\\n",
			dat, block, lt);
		fprintf(f, "  '%s' index %zu using 1:2 with linespoints lt %d title ", dat, block, lt);
		sb_gp_str(f, gs->g[i].label);
		fprintf(f, "%s\n", block + 1 < lines ? ", \\" : "");
		block++;
	}
	snprintf(fig->title, sizeof(fig->title), "Spawn latency against parent memory%s%s",
		 r->nruns > 1 ? ": " : "", r->nruns > 1 ? r->runs[run].name : "");
	snprintf(fig->caption, sizeof(fig->caption),
		 "Median %s of each spawn method against the resident memory the spawning process held (VmRSS, "
		 "its own floor included), %s; the band is the distribution-free 95%% "
		 "confidence interval of the median. Only cases without namespaces and with one spawner "
		 "are drawn.", sb_metric_words(r->metric),
		 logx && logy ? "both axes logarithmic" : logx ? "memory axis logarithmic" : logy ? "latency axis logarithmic"
										 : "both axes linear (the data span less than an order of magnitude)");
	return sb_gp_end(r, f, fig->name);
}

int sb_fig_memory(struct sb_report *r)
{
	int drawn = 0;
	for (size_t run = 0; run < r->nruns; run++) {
		struct sb_groups gs;
		if (sb_group_cases(r, (int)run, SB_AX_MEM, keep, &gs)) {
			snprintf(r->err, sizeof(r->err), "out of memory");
			return -1;
		}
		size_t lines = 0;
		for (size_t i = 0; i < gs.n; i++)
			lines += distinct_mem(r, &gs.g[i]) >= 2;
		int rc = lines ? draw(r, (int)run, &gs) : 0;
		drawn += lines > 0;
		sb_groups_free(&gs);
		if (rc)
			return -1;
	}
	if (!drawn)
		sb_report_omit(r, "Figure 1 (latency vs parent memory)",
			       "no method was measured at two or more parent sizes (--mem)");
	return 0;
}
