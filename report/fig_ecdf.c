// SPDX-License-Identifier: MIT
/*
 * Figure 5: the whole distribution of each case as an ECDF on a log time axis, so tails show. More
 * than a handful of curves is unreadable, so a run with many cases shows a spread of them by median.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "gnuplot_script.h"
#include "report_group.h"

#define MAX_CURVES 8

static int keep(const struct sb_report *r, const struct sb_rcase *c)
{
	const struct sb_rmetric *s = sb_rcase_metric_named(c->m, r->metric);
	return c->ok && s && s->n >= 2 && !c->ns[0] && c->concurrency == 1;
}

static const struct sb_report *sort_r;

static int by_median(const void *a, const void *b)
{
	double x = sb_rstat(&sort_r->cases[*(const size_t *)a], sort_r->metric, SB_SF_MEDIAN);
	double y = sb_rstat(&sort_r->cases[*(const size_t *)b], sort_r->metric, SB_SF_MEDIAN);
	return (x > y) - (x < y);
}

/* Pick at most MAX_CURVES cases of a run, evenly spread over the ranking by median: fastest to slowest. */
static size_t pick(const struct sb_report *r, int run, size_t *out, size_t *total)
{
	size_t n = 0, *all = malloc((r->ncases + 1) * sizeof(*all));
	if (!all)
		return 0;
	for (size_t i = 0; i < r->ncases; i++)
		if (r->cases[i].run == run && keep(r, &r->cases[i]))
			all[n++] = i;
	sort_r = r;
	qsort(all, n, sizeof(*all), by_median);
	*total = n;
	size_t m = n < MAX_CURVES ? n : MAX_CURVES;
	for (size_t k = 0; k < m; k++)
		out[k] = all[m > 1 ? k * (n - 1) / (m - 1) : 0];
	free(all);
	return m;
}

static int draw(struct sb_report *r, int run, const size_t *idx, size_t m, size_t total)
{
	struct sb_fig *fig = sb_report_add_fig(r);
	if (!fig)
		return -1;
	sb_fig_name(r, fig, "fig5-ecdf", run);
	double max = 0;
	for (size_t k = 0; k < m; k++)
		max = fmax(max, sb_rstat(&r->cases[idx[k]], r->metric, SB_SF_MEDIAN));
	struct sb_unit u = sb_pick_unit(max);
	char dat[64];
	snprintf(dat, sizeof(dat), "%s.dat", fig->name);
	FILE *d = sb_report_open(r, dat);
	if (!d)
		return -1;
	double lo = INFINITY, hi = 0;
	fprintf(d, "# %s: one block per case: %s in %s, cumulative fraction of spawns\n", fig->name, r->metric, u.name);
	for (size_t k = 0; k < m; k++) {
		size_t n;
		double *v = sb_case_samples(&r->cases[idx[k]], r->metric, &n, 1);
		if (!v) {
			fclose(d);
			snprintf(r->err, sizeof(r->err), "out of memory");
			return -1;
		}
		fprintf(d, "%s# \"%s\"\n", k ? "\n\n" : "", r->cases[idx[k]].label);
		/* A step function: each sample raises the fraction from (i)/n to (i+1)/n. */
		for (size_t i = 0; i < n; i++)
			fprintf(d, "%.4f %.5f\n", fmax(v[i], 1) / u.div, (double)(i + 1) / (double)n);
		lo = fmin(lo, fmax(v[0], 1));
		hi = fmax(hi, v[n - 1]);
		free(v);
	}
	if (sb_report_close(r, d, dat))
		return -1;
	FILE *f = sb_gp_begin(r, fig->name, 1000, 620);
	if (!f)
		return -1;
	char title[200], xl[96];
	snprintf(title, sizeof(title), "latency distributions%s%s", r->nruns > 1 ? ": " : "",
		 r->nruns > 1 ? r->runs[run].name : "");
	sb_gp_title(r, f, title);
	/* On paper the legend above leaves the plot too short for eleven labels apart: quarters instead. */
	fprintf(f, "\nset ylabel 'fraction of spawns'\nset yrange [0:1.02]\nset ytics %s\n%s\n", r->paper ? "0.25" : "0.1",
		sb_gp_key_outside(r));
	/* Explicit range: log autoscaling pads to whole decades. */
	int logx = sb_gp_axis(f, 'x', lo / u.div / 1.3, hi / u.div * 1.3, 10);
	snprintf(xl, sizeof(xl), "%.*s latency (%s%s)", (int)strcspn(r->metric, "_"), r->metric, u.name,
		 logx ? ", log scale" : "");
	fprintf(f, "set xlabel ");
	sb_gp_str(f, xl);
	fprintf(f, "\n");
	fprintf(f, "plot \\\n");
	for (size_t k = 0; k < m; k++) {
		fprintf(f, "  '%s' index %zu using 1:2 with steps lt %zu title ", dat, k, k % SB_GP_STYLES + 1);
		sb_gp_str(f, r->cases[idx[k]].label);
		fprintf(f, "%s\n", k + 1 < m ? ", \\" : "");
	}
	snprintf(fig->title, sizeof(fig->title), "Latency distributions%s%s", r->nruns > 1 ? ": " : "",
		 r->nruns > 1 ? r->runs[run].name : "");
	snprintf(fig->caption, sizeof(fig->caption),
		 "Empirical cumulative distribution of %s over every measured spawn (warm-up excluded, outliers "
		 "kept), %s time axis: the right end of each curve is the tail. %zu of %zu cases without "
		 "namespaces and with one spawner are shown%s.", sb_metric_words(r->metric), logx ? "log" : "linear", m, total,
		 m < total ? ", spread evenly from the fastest to the slowest median" : "");
	return sb_gp_end(r, f, fig->name);
}

int sb_fig_ecdf(struct sb_report *r)
{
	int drawn = 0;
	for (size_t run = 0; run < r->nruns; run++) {
		size_t idx[MAX_CURVES], total = 0;
		size_t m = pick(r, (int)run, idx, &total);
		if (!m)
			continue;
		if (draw(r, (int)run, idx, m, total))
			return -1;
		drawn++;
	}
	if (!drawn)
		sb_report_omit(r, "Figure 5 (latency distributions)", "no case without namespaces kept raw samples of %s",
			       r->metric);
	return 0;
}
