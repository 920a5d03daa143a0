// SPDX-License-Identifier: MIT
/*
 * Figure 4: where copy_process spends its time, from probe data: one stacked bar per case, one segment
 * per stage (share times the median copy_process duration, as the probe wrote it). The phases of the
 * spawn get their own bar figure beside it.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "fig_hbar.h"
#include "gnuplot_script.h"

/* Stages drawn by name; the rest are summed into "other" so the legend stays short. */
#define MAX_STAGES 7
#define MAX_PHASE_CASES 6

struct stage_tot {
	const char *name;
	double est;
};

/* The probe of a case with stages to draw, or NULL. */
static const struct sb_rprobe *stages_of(const struct sb_rcase *c)
{
	const struct sb_rprobe *p = c->m->probe;
	return c->ok && p && p->nstages ? p : NULL;
}

/* The phases of a case's probe the file gives statistics for (probe.phases), 0 without a probe. */
static size_t nphases(const struct sb_rcase *c)
{
	size_t n = 0;
	for (size_t i = 0; c->m->probe && i < c->m->probe->nphases; i++)
		n += c->m->probe->phases[i].in_phases;
	return n;
}

static double est_of(const struct sb_rstage *s)
{
	return isnan(s->est_ns) ? 0 : s->est_ns;
}

static int by_est_desc(const void *a, const void *b)
{
	const struct stage_tot *x = a, *y = b;
	return (x->est < y->est) - (x->est > y->est);
}

static double stage_est(const struct sb_rprobe *p, const char *name)
{
	for (size_t i = 0; p && i < p->nstages; i++)
		if (!strcmp(p->stages[i].name ? p->stages[i].name : "", name))
			return est_of(&p->stages[i]);
	return 0;
}

static int draw_stages(struct sb_report *r, const size_t *idx, size_t n)
{
	struct stage_tot tot[64] = { { NULL, 0 } };
	size_t nt = 0;
	for (size_t k = 0; k < n; k++) {
		const struct sb_rprobe *p = stages_of(&r->cases[idx[k]]);
		for (size_t i = 0; p && i < p->nstages; i++) {
			const char *name = p->stages[i].name ? p->stages[i].name : "?";
			size_t t;
			for (t = 0; t < nt && strcmp(tot[t].name, name); t++)
				;
			if (t == nt && nt < 64)
				tot[nt++] = (struct stage_tot){ name, 0 };
			if (t < nt)
				tot[t].est += est_of(&p->stages[i]);
		}
	}
	qsort(tot, nt, sizeof(*tot), by_est_desc);
	size_t shown = nt > MAX_STAGES ? MAX_STAGES : nt;
	int other = nt > shown;

	struct sb_fig *fig = sb_report_add_fig(r);
	if (!fig)
		return -1;
	sb_fig_name(r, fig, "fig4-stages", -1);
	double max = 0;
	for (size_t k = 0; k < n; k++) {
		double sum = 0;
		for (size_t t = 0; t < nt; t++)
			sum += stage_est(stages_of(&r->cases[idx[k]]), tot[t].name);
		max = fmax(max, sum);
	}
	struct sb_unit u = sb_pick_unit(max);
	char dat[64], fill[128];
	snprintf(dat, sizeof(dat), "%s.dat", fig->name);
	FILE *d = sb_report_open(r, dat);
	if (!d)
		return -1;
	fprintf(d, "# %s: row, then start end (%s) of each stage segment:", fig->name, u.name);
	for (size_t t = 0; t < shown; t++)
		fprintf(d, " %s", tot[t].name);
	fprintf(d, "%s, then \"case\" \"backend\"\n", other ? " remaining" : "");
	for (size_t k = 0; k < n; k++) {
		const struct sb_rcase *c = &r->cases[idx[k]];
		const struct sb_rprobe *s = stages_of(c);
		double at = 0, rest = 0;
		fprintf(d, "%zu", k);
		for (size_t t = 0; t < nt; t++) {
			double e = stage_est(s, tot[t].name) / u.div;
			if (t < shown) {
				fprintf(d, " %.4f %.4f", at, at + e);
				at += e;
			} else {
				rest += e;
			}
		}
		if (other)
			fprintf(d, " %.4f %.4f", at, at + rest);
		char label[200];
		if (r->nruns > 1)
			snprintf(label, sizeof(label), "%s (%s)", c->label, r->runs[c->run].name);
		else
			snprintf(label, sizeof(label), "%s", c->label);
		fprintf(d, " \"%s\" \"%s\"\n", label, c->m->probe->backend ? c->m->probe->backend : "?");
	}
	if (sb_report_close(r, d, dat))
		return -1;
	int h = 160 + 34 * (int)n;
	FILE *f = sb_gp_begin(r, fig->name, 1000, h < 320 ? 320 : h);
	if (!f)
		return -1;
	size_t segs = shown + (size_t)other;
	sb_gp_title(r, f, "copy_process stages");
	fprintf(f, "set xlabel 'estimated time in copy_process (%s)'\n"
		   "set yrange [%zu.6:-0.6]\nset ytics scale 0\nset grid noytics xtics\nset xrange [0:*]\n"
		   "%s\nplot \\\n", u.name, n ? n - 1 : 0, sb_gp_key_outside(r));
	for (size_t t = 0; t < segs; t++) {
		size_t col = 2 + 2 * t;
		char ytic[32] = "";
		if (t == 0)
			snprintf(ytic, sizeof(ytic), ":ytic(%zu)", 2 + 2 * segs);
		fprintf(f, "  '%s' using %zu:1:%zu:%zu:($1-0.38):($1+0.38)%s with boxxyerror %s title ", dat, col, col,
			col + 1, ytic, sb_gp_fill(r, (int)t, fill, sizeof(fill)));
		sb_gp_str(f, t < shown ? tot[t].name : "remaining stages");
		fprintf(f, "%s\n", t + 1 < segs ? ", \\" : "");
	}
	if (sb_gp_end(r, f, fig->name))
		return -1;
	snprintf(fig->title, sizeof(fig->title), "copy_process stage breakdown");
	snprintf(fig->caption, sizeof(fig->caption),
		 "Time inside copy_process split into its stages for each case the probes profiled: each "
		 "segment is the stage's share of copy_process times the median copy_process duration (est_ns). "
		 "With the tracepoint backend the share is the fraction of kernel-stack samples that fell in "
		 "the stage; its 95%% Wilson interval and the sample counts are in stages.csv. "
		 "The %zu largest stages are named%s.", shown, other ? ", the rest summed as remaining stages" : "");
	return 0;
}

/* A statistic of a phase of a probe (probe.phases.<name>), or fallback when absent. */
static double phase_stat(const struct sb_rprobe *p, const char *name, enum sb_stat_field f, double fallback)
{
	for (size_t i = 0; p && i < p->nphases; i++)
		if (p->phases[i].in_phases && !strcmp(p->phases[i].name, name))
			return p->phases[i].s.have & (1u << f) ? sb_stat_get(&p->phases[i].s.st, f) : fallback;
	return fallback;
}

/* The phases of each profiled spawn (syscall entry to copy_process done, wake-up, ...), median and CI. */
static int draw_phases(struct sb_report *r, const size_t *idx, size_t n)
{
	size_t cap = 0, m = 0;
	/* A colour per case: past the palette's size the legend could no longer tell cases apart. */
	if (n > MAX_PHASE_CASES)
		n = MAX_PHASE_CASES;
	for (size_t k = 0; k < n; k++)
		cap += nphases(&r->cases[idx[k]]);
	if (!cap)
		return 0;
	struct sb_hbar *b = calloc(cap, sizeof(*b));
	const char **series = calloc(n, sizeof(*series));
	int rc = -1;
	if (!b || !series) {
		snprintf(r->err, sizeof(r->err), "out of memory");
		goto out;
	}
	/* Rows grouped by phase, one colour per case, so a phase reads across cases. */
	const struct sb_rprobe *p0 = r->cases[idx[0]].m->probe;
	for (size_t k = 0; k < n; k++)
		series[k] = r->cases[idx[k]].label;
	for (size_t i = 0; p0 && i < p0->nphases; i++) {
		const char *name = p0->phases[i].name;
		size_t first = m;
		if (!p0->phases[i].in_phases)
			continue;
		for (size_t k = 0; k < n; k++) {
			double med = phase_stat(r->cases[idx[k]].m->probe, name, SB_SF_MEDIAN, NAN);
			if (!isfinite(med))
				continue;
			size_t l = strlen(name);
			/* The phase's name once, on its first row: the colours tell the cases apart. */
			if (m == first)
				snprintf(b[m].label, sizeof(b[m].label), "%.*s", (int)(l > 3 && !strcmp(name + l - 3, "_ns") ? l - 3 : l),
				 name);
			b[m].med = med;
			b[m].lo = phase_stat(r->cases[idx[k]].m->probe, name, SB_SF_CI95_LOW, med);
			b[m].hi = phase_stat(r->cases[idx[k]].m->probe, name, SB_SF_CI95_HIGH, med);
			b[m].series = (int)k;
			m++;
		}
	}
	struct sb_fig *fig = sb_report_add_fig(r);
	if (!fig)
		goto out;
	sb_fig_name(r, fig, "fig4-phases", -1);
	snprintf(fig->title, sizeof(fig->title), "Phases of the spawn");
	snprintf(fig->caption, sizeof(fig->caption),
		 "Median duration of each phase of a spawn the probes followed (one colour per case), with the "
		 "distribution-free 95%% confidence interval of the median as whiskers. Phases nest (syscall "
		 "contains syscall_to_copy_done, call_to_return spans the whole call), so bars do not add up.%s",
		 n == MAX_PHASE_CASES ? " At most six cases are drawn (the first six with probe data)." : "");
	rc = sb_hbar_draw(r, fig, b, m, "median duration", "phases of the spawn", series, (int)n, 1);
out:
	free(b);
	free(series);
	return rc;
}

int sb_fig_stages(struct sb_report *r)
{
	size_t n = 0, *idx = malloc((r->ncases + 1) * sizeof(*idx));
	if (!idx) {
		snprintf(r->err, sizeof(r->err), "out of memory");
		return -1;
	}
	for (size_t i = 0; i < r->ncases; i++)
		if (stages_of(&r->cases[i]) || nphases(&r->cases[i]))
			idx[n++] = i;
	int rc = 0;
	if (!n) {
		sb_report_omit(r, "Figure 4 (stage breakdown)",
			       "no case carries probe data (run with --probe stages, as root)");
	} else {
		size_t ns = 0, *sidx = malloc(n * sizeof(*sidx));
		if (!sidx) {
			free(idx);
			snprintf(r->err, sizeof(r->err), "out of memory");
			return -1;
		}
		for (size_t k = 0; k < n; k++)
			if (stages_of(&r->cases[idx[k]]))
				sidx[ns++] = idx[k];
		if (ns)
			rc = draw_stages(r, sidx, ns);
		else
			sb_report_omit(r, "Figure 4 (stage breakdown)", "the probes recorded phases only (--probe phases)");
		free(sidx);
		if (!rc)
			rc = draw_phases(r, idx, n);
	}
	free(idx);
	return rc;
}
