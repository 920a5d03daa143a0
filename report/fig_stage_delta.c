// SPDX-License-Identifier: MIT
/*
 * Figure 8c: where the change between two results files went. For each case both files measured with
 * copy_process stages, paired bars: the change of the case's median (the report's metric) and, below it,
 * the change of each stage that carries most of it (estimated ns, share x copy_process median), each with
 * its 95% interval. The numbers are compare's explanation (compare_explain.c), so the figure and
 * `spawnbench compare` cannot disagree. Base is the first file, new the last.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "case_match.h"
#include "compare_explain.h"
#include "fig_hbar.h"

#define MAX_CASES 8
#define STAGES_PER_CASE 4

/* The case's change: difference of the medians, their intervals added in quadrature as for the stages. */
static void case_bar(const struct sb_report *r, const struct sb_rcase *b, const struct sb_rcase *n,
		     struct sb_hbar *h)
{
	double bm = sb_rstat(b, r->metric, SB_SF_MEDIAN), nm = sb_rstat(n, r->metric, SB_SF_MEDIAN);
	double blo = sb_rstat(b, r->metric, SB_SF_CI95_LOW), bhi = sb_rstat(b, r->metric, SB_SF_CI95_HIGH);
	double nlo = sb_rstat(n, r->metric, SB_SF_CI95_LOW), nhi = sb_rstat(n, r->metric, SB_SF_CI95_HIGH);

	snprintf(h->label, sizeof(h->label), "%s", b->label);
	h->med = nm - bm;
	h->lo = h->med - hypot(nm - nlo, bhi - bm);
	h->hi = h->med + hypot(nhi - nm, bm - blo);
	h->series = 0;
	snprintf(h->mark, sizeof(h->mark), "%s %+.0f%%", nm > bm ? "slower" : "faster", (nm / bm - 1) * 100);
}

/* Bars of one case: its change, then its top stages. Returns the number of bars written into h. */
static size_t case_bars(const struct sb_report *r, const struct sb_rcase *b, const struct sb_rcase *n,
			struct sb_hbar *h)
{
	struct sb_explain *x = malloc(sizeof(*x));
	size_t k = 0;

	if (!x)
		return 0;
	case_bar(r, b, n, &h[k++]);
	if (!sb_explain_cases(b->m, n->m, r->metric, h[0].med, SB_MATCH_THRESHOLD, SB_MATCH_ALPHA, x) &&
	    x->nstages) {
		for (size_t i = 0; i < x->nstages && i < STAGES_PER_CASE; i++) {
			const struct sb_xp_change *s = &x->stage[i];
			struct sb_hbar *e = &h[k++];

			snprintf(e->label, sizeof(e->label), "  %s", s->name);
			e->med = s->delta;
			e->lo = isfinite(s->lo) ? s->lo : s->delta;
			e->hi = isfinite(s->hi) ? s->hi : s->delta;
			e->series = 1;
			if (isfinite(s->carry))
				snprintf(e->mark, sizeof(e->mark), "%.0f%% of it", s->carry * 100);
		}
	}
	free(x);
	return k;
}

static int has_stages(const struct sb_rcase *c)
{
	return c->m->probe && c->m->probe->nstages > 0;
}

int sb_fig_stage_delta(struct sb_report *r)
{
	static const char *const what = "Figure 8c (where the change went)";
	int base = 0, last = (int)r->nruns - 1;

	if (r->nruns < 2) {
		sb_report_omit(r, what, "only one results file was given");
		return 0;
	}
	struct sb_hbar *b = calloc(MAX_CASES * (1 + STAGES_PER_CASE), sizeof(*b));
	size_t n = 0, cases = 0, shared = 0;
	int rc = -1;

	if (!b) {
		snprintf(r->err, sizeof(r->err), "out of memory");
		return -1;
	}
	for (size_t i = 0; i < r->ncases; i++) {
		const struct sb_rcase *bc = &r->cases[i], *nc;

		if (bc->run != base || !bc->ok || sb_case_in_run(r, base, sb_case_key(bc)) != bc)
			continue;
		nc = sb_case_in_run(r, last, sb_case_key(bc));
		if (!nc || !has_stages(bc) || !has_stages(nc))
			continue;
		shared++;
		if (cases < MAX_CASES) {
			n += case_bars(r, bc, nc, &b[n]);
			cases++;
		}
	}
	if (!cases) {
		sb_report_omit(r, what, "no case has copy_process stages (--probe stages) in both the first and the "
				       "last results file");
		rc = 0;
		goto out;
	}
	struct sb_fig *fig = sb_report_add_fig(r);
	if (!fig)
		goto out;
	sb_fig_name(r, fig, "fig8c-stage-delta", -1);
	char xl[96], note[128] = "";
	static const char *const series[] = { "the case's change", "a stage's change" };

	snprintf(xl, sizeof(xl), "change of the median %.*s latency, new - base", (int)strcspn(r->metric, "_"),
		 r->metric);
	if (shared > cases)
		snprintf(note, sizeof(note), " The first %zu of %zu cases are drawn.", cases, shared);
	snprintf(fig->title, sizeof(fig->title), "Where the change went: %s against %s", r->runs[last].name,
		 r->runs[base].name);
	snprintf(fig->caption, sizeof(fig->caption),
		 "For each case measured with copy_process stages in both %s (base) and %s (new): the change of the "
		 "median %s (first bar, whiskers from the medians' 95%% intervals), then the %d stages that carry "
		 "most of it: the change of each stage's estimated time (share of copy_process x copy_process "
		 "median), whiskers its 95%% interval propagated from the share's Wilson interval and the median's "
		 "interval (docs/statistics.md), with the part of the case's change it carries. Sampled shares "
		 "estimate where the time went; they are not exact stage times.%s",
		 r->runs[base].name, r->runs[last].name, sb_metric_words(r->metric), STAGES_PER_CASE, note);
	rc = sb_hbar_draw(r, fig, b, n, xl, fig->title, series, 2, 0);
out:
	free(b);
	return rc;
}
