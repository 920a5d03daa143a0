// SPDX-License-Identifier: MIT
/* Figures 6 and 7 differ only in the axis they sweep; this draws either. */
#include <math.h>
#include <string.h>

#include "fig_sweep.h"
#include "gnuplot_script.h"

static size_t distinct_x(const struct sb_report *r, const struct sb_sweep *s, const struct sb_group *g)
{
	size_t n = 0;
	for (size_t i = 0; i < g->n; i++) {
		size_t k;
		for (k = 0; k < i && s->x(&r->cases[g->idx[k]]) != s->x(&r->cases[g->idx[i]]); k++)
			;
		n += k == i;
	}
	return n;
}

/* At most this many x values get a tick each, at exactly the values drawn. */
#define SB_SWEEP_TICKS_MAX 8

/*
 * The x values of the lines drawn, ascending, in v[0..SB_SWEEP_TICKS_MAX); their number, or more than
 * SB_SWEEP_TICKS_MAX when there are too many to label each. Sweeps run over counts and sizes (spawners,
 * mappings, KiB): ticks between them (1.2, 1.4 spawners) name values that cannot exist.
 */
static size_t present_x(const struct sb_report *r, const struct sb_sweep *s, const struct sb_groups *gs, double *v)
{
	size_t n = 0;
	for (size_t i = 0; i < gs->n; i++) {
		if (distinct_x(r, s, &gs->g[i]) < 2)
			continue;
		for (size_t k = 0; k < gs->g[i].n; k++) {
			double x = s->x(&r->cases[gs->g[i].idx[k]]);
			size_t j = 0;
			while (j < n && v[j] != x)
				j++;
			if (j < n)
				continue;
			if (n == SB_SWEEP_TICKS_MAX)
				return n + 1;
			for (j = n++; j > 0 && v[j - 1] > x; j--)
				v[j] = v[j - 1];
			v[j] = x;
		}
	}
	return n;
}

static int draw(struct sb_report *r, const struct sb_sweep *s, int run, struct sb_groups *gs,
		const char *fig_title, const char *caption)
{
	const char *metric = s->stat ? s->stat : r->metric;
	struct sb_fig *fig = sb_report_add_fig(r);
	if (!fig)
		return -1;
	sb_fig_name(r, fig, s->stem, run);
	double max = 0, min = INFINITY, xmin = INFINITY, xmax = -INFINITY;
	size_t lines = 0;
	for (size_t i = 0; i < gs->n; i++) {
		if (distinct_x(r, s, &gs->g[i]) < 2)
			continue;
		lines++;
		for (size_t k = 0; k < gs->g[i].n; k++) {
			max = fmax(max, sb_rstat(&r->cases[gs->g[i].idx[k]], metric, SB_SF_CI95_HIGH));
			min = fmin(min, sb_rstat(&r->cases[gs->g[i].idx[k]], metric, SB_SF_CI95_LOW));
			xmin = fmin(xmin, s->x(&r->cases[gs->g[i].idx[k]]));
			xmax = fmax(xmax, s->x(&r->cases[gs->g[i].idx[k]]));
		}
	}
	struct sb_unit u = s->duration ? sb_pick_unit(max) : (struct sb_unit){ "", 1 };
	char dat[64];
	snprintf(dat, sizeof(dat), "%s.dat", fig->name);
	FILE *d = sb_report_open(r, dat);
	if (!d)
		return -1;
	fprintf(d, "# %s: one block per line: x median ci95_low ci95_high (%s%s%s)\n", fig->name, metric,
		u.name[0] ? " in " : "", u.name);
	size_t block = 0;
	for (size_t i = 0; i < gs->n; i++) {
		struct sb_group *g = &gs->g[i];
		if (distinct_x(r, s, g) < 2)
			continue;
		fprintf(d, "%s# \"%s\"\n", block++ ? "\n\n" : "", g->label);
		sb_group_sort(r, g, s->x);
		for (size_t k = 0; k < g->n; k++) {
			const struct sb_rcase *c = &r->cases[g->idx[k]];
			fprintf(d, "%g %.4f %.4f %.4f\n", s->x(c), sb_rstat(c, metric, SB_SF_MEDIAN) / u.div,
				sb_rstat(c, metric, SB_SF_CI95_LOW) / u.div,
				sb_rstat(c, metric, SB_SF_CI95_HIGH) / u.div);
		}
	}
	if (sb_report_close(r, d, dat))
		return -1;

	FILE *f = sb_gp_begin(r, fig->name, 1000, 620);
	if (!f)
		return -1;
	char yl[160], title[200];
	snprintf(yl, sizeof(yl), "%s%s%s%s", s->ylabel, u.name[0] ? " (" : "", u.name, u.name[0] ? ")" : "");
	snprintf(title, sizeof(title), "%s%s%s", s->title, r->nruns > 1 ? ": " : "", r->nruns > 1 ? r->runs[run].name : "");
	sb_gp_title(r, f, title);
	fprintf(f, "set xlabel ");
	sb_gp_str(f, s->xlabel);
	fprintf(f, "\nset ylabel ");
	sb_gp_str(f, yl);
	fprintf(f, "\n");
	/* A little room beside the first and last points: a fixed share of the span, or a factor on a log axis. */
	double pad = s->logx && xmin > 0 ? pow(xmax / xmin, 0.04) : 1;
	if (s->logx && xmin > 0)
		sb_gp_axis(f, 'x', xmin / pad, xmax * pad, s->logx);
	else
		sb_gp_axis(f, 'x', xmin - (xmax - xmin) * 0.04, xmax + (xmax - xmin) * 0.04, 0);
	double ticks[SB_SWEEP_TICKS_MAX];
	size_t nt = present_x(r, s, gs, ticks);
	if (nt <= SB_SWEEP_TICKS_MAX) {
		fprintf(f, "set xtics (");
		for (size_t i = 0; i < nt; i++)
			fprintf(f, "%s%.10g", i ? ", " : "", ticks[i]);
		fprintf(f, ")\n");
	}
	/* Log autoscaling pads to whole decades; pad by a fixed factor instead. */
	if (s->logy && min > 0 && isfinite(min))
		sb_gp_axis(f, 'y', min / u.div / 1.4, max / u.div * 1.4, 10);
	else
		sb_gp_axis(f, 'y', 0, max / u.div * 1.08, 0);
	fprintf(f, "%s\n", sb_gp_key_outside(r));
	fprintf(f, "plot \\\n");
	block = 0;
	for (size_t i = 0; i < gs->n; i++) {
		if (distinct_x(r, s, &gs->g[i]) < 2)
			continue;
		fprintf(f, "  '%s' index %zu using 1:2:3:4 with yerrorlines lt %d title ", dat, block,
			(int)(block % SB_GP_STYLES) + 1);
		sb_gp_str(f, gs->g[i].label);
		fprintf(f, "%s\n", block + 1 < lines ? ", \\" : "");
		block++;
	}
	snprintf(fig->title, sizeof(fig->title), "%s%s%s", fig_title, r->nruns > 1 ? ": " : "",
		 r->nruns > 1 ? r->runs[run].name : "");
	snprintf(fig->caption, sizeof(fig->caption), "%s", caption);
	return sb_gp_end(r, f, fig->name);
}

int sb_sweep_draw(struct sb_report *r, const struct sb_sweep *s, const char *fig_title, const char *caption,
		  int *drawn)
{
	for (size_t run = 0; run < r->nruns; run++) {
		struct sb_groups gs;
		if (sb_group_cases(r, (int)run, s->axis, s->keep, &gs)) {
			snprintf(r->err, sizeof(r->err), "out of memory");
			return -1;
		}
		size_t lines = 0;
		for (size_t i = 0; i < gs.n; i++)
			lines += distinct_x(r, s, &gs.g[i]) >= 2;
		int rc = lines ? draw(r, s, (int)run, &gs, fig_title, caption) : 0;
		*drawn += lines > 0;
		sb_groups_free(&gs);
		if (rc)
			return -1;
	}
	return 0;
}
