// SPDX-License-Identifier: MIT
/*
 * Figure 3: what each namespace set adds over the same spawn without namespaces, sorted. The baseline
 * is the case of the same run that differs only in its namespaces.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "fig_hbar.h"
#include "report_group.h"

static int keep(const struct sb_report *r, const struct sb_rcase *c)
{
	return sb_case_has_metric(r, c);
}

static int by_median(const void *a, const void *b)
{
	const struct sb_hbar *x = a, *y = b;
	return (x->med > y->med) - (x->med < y->med);
}

/* Bars for one group: every namespace set against the group's case without namespaces. */
static size_t fill_group(const struct sb_report *r, const struct sb_group *g, struct sb_hbar *b, int multi)
{
	const struct sb_rcase *base = NULL;
	size_t n = 0;
	for (size_t i = 0; i < g->n; i++)
		if (!r->cases[g->idx[i]].ns[0])
			base = &r->cases[g->idx[i]];
	if (!base)
		return 0;
	double bm = sb_rstat(base, r->metric, SB_SF_MEDIAN);
	double bl = sb_rstat(base, r->metric, SB_SF_CI95_LOW);
	double bh = sb_rstat(base, r->metric, SB_SF_CI95_HIGH);
	for (size_t i = 0; i < g->n; i++) {
		const struct sb_rcase *c = &r->cases[g->idx[i]];
		if (!c->ns[0])
			continue;
		/*
		 * The interval of a difference of two medians, conservatively from the two intervals: it
		 * covers the true difference whenever both cover their medians (probability >= 0.90).
		 */
		b[n].med = sb_rstat(c, r->metric, SB_SF_MEDIAN) - bm;
		b[n].lo = sb_rstat(c, r->metric, SB_SF_CI95_LOW) - bh;
		b[n].hi = sb_rstat(c, r->metric, SB_SF_CI95_HIGH) - bl;
		if (multi)
			snprintf(b[n].label, sizeof(b[n].label), "%s: %s", g->label, c->ns);
		else
			snprintf(b[n].label, sizeof(b[n].label), "%s", c->ns);
		n++;
	}
	return n;
}

/* Most figures stay readable up to about this many bars; the power set of 8 namespaces has 255. */
#define MAX_BARS 40

static int is_single(const struct sb_hbar *b)
{
	return !strchr(b->label, '+');
}

/* Keep every single namespace and fill up with the most expensive sets; b stays sorted. Returns n. */
static size_t shortlist(struct sb_hbar *b, size_t n)
{
	if (n <= MAX_BARS)
		return n;
	size_t singles = 0, o = 0;
	for (size_t i = 0; i < n; i++)
		singles += is_single(&b[i]);
	size_t rest = singles < MAX_BARS ? MAX_BARS - singles : 0, from = n - rest;
	for (size_t i = 0; i < n; i++)
		if (is_single(&b[i]) || i >= from)
			b[o++] = b[i];
	return o;
}

static int write_all(struct sb_report *r, const struct sb_fig *fig, const struct sb_hbar *b, size_t n)
{
	char name[96];
	snprintf(name, sizeof(name), "%s-all.csv", fig->name);
	FILE *f = sb_report_open(r, name);
	if (!f)
		return -1;
	fprintf(f, "namespaces,extra_median_ns,extra_ci_low_ns,extra_ci_high_ns\n");
	for (size_t i = 0; i < n; i++) {
		sb_csv_str(f, b[i].label);
		fprintf(f, ",%.1f,%.1f,%.1f\n", b[i].med, b[i].lo, b[i].hi);
	}
	return sb_report_close(r, f, name);
}

static int draw_run(struct sb_report *r, int run, int *drawn)
{
	struct sb_groups gs;
	if (sb_group_cases(r, run, SB_AX_NS, keep, &gs)) {
		snprintf(r->err, sizeof(r->err), "out of memory");
		return -1;
	}
	struct sb_hbar *b = calloc(r->ncases + 1, sizeof(*b));
	size_t n = 0, groups = 0;
	int rc = 0;
	if (!b) {
		sb_groups_free(&gs);
		snprintf(r->err, sizeof(r->err), "out of memory");
		return -1;
	}
	for (size_t i = 0; i < gs.n; i++) {
		size_t k;
		for (k = 0; k < gs.g[i].n && r->cases[gs.g[i].idx[k]].ns[0]; k++)
			;
		groups += k < gs.g[i].n && gs.g[i].n > 1;
	}
	for (size_t i = 0; i < gs.n; i++)
		n += fill_group(r, &gs.g[i], b + n, groups > 1);
	if (n) {
		struct sb_fig *fig = sb_report_add_fig(r);
		char title[200], xl[64], note[200] = "";
		if (!fig) {
			rc = -1;
			goto out;
		}
		qsort(b, n, sizeof(*b), by_median);
		sb_fig_name(r, fig, "fig3-namespaces", run);
		if (write_all(r, fig, b, n)) {
			rc = -1;
			goto out;
		}
		size_t all = n;
		n = shortlist(b, n);
		snprintf(title, sizeof(title), "namespace cost over the same spawn without namespaces%s%s",
			 r->nruns > 1 ? ": " : "", r->nruns > 1 ? r->runs[run].name : "");
		snprintf(xl, sizeof(xl), "extra median %.*s latency", (int)strcspn(r->metric, "_"), r->metric);
		snprintf(fig->title, sizeof(fig->title), "Namespace cost%s%s", r->nruns > 1 ? ": " : "",
			 r->nruns > 1 ? r->runs[run].name : "");
		if (n < all)
			snprintf(note, sizeof(note), " Shown: %zu of %zu sets, every single namespace and the most "
				 "expensive combinations; %s-all.csv lists them all.", n, all, fig->name);
		snprintf(fig->caption, sizeof(fig->caption),
			 "Extra median %s of each namespace set over the same case without namespaces (%zu sets, "
			 "sorted). Whiskers run from the lower CI bound of the set minus the upper bound of the "
			 "baseline to the upper minus the lower: a conservative interval for the difference (each "
			 "median's own interval is the distribution-free 95%% one). Sets with user added for an "
			 "unprivileged run include the cost of that user namespace.%s",
			 sb_metric_words(r->metric), all, n < all ? note : "");
		rc = sb_hbar_draw(r, fig, b, n, xl, title, NULL, 0, 0);
		(*drawn)++;
	}
out:
	free(b);
	sb_groups_free(&gs);
	return rc;
}

int sb_fig_namespaces(struct sb_report *r)
{
	int drawn = 0;
	for (size_t run = 0; run < r->nruns; run++)
		if (draw_run(r, (int)run, &drawn))
			return -1;
	if (!drawn)
		sb_report_omit(r, "Figure 3 (namespace cost)",
			       "no case with namespaces has a baseline without them in the same run (--ns none,...)");
	return 0;
}
