// SPDX-License-Identifier: MIT
/*
 * Figure 8: the same cases across several results files (machines, kernels, commits). Each case gets
 * one bar per run; a run that differs from the first run holding the case is marked with the verdict
 * of the two-sample comparison `spawnbench compare` uses (ratio of medians, bootstrap CI, Mann-Whitney).
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "case_match.h"
#include "fig_hbar.h"

/* Cases drawn at most: with several runs each adds as many bars. */
#define MAX_KEYS 12

int sb_fig_runs(struct sb_report *r)
{
	if (r->nruns < 2) {
		sb_report_omit(r, "Figure 8 (across results files)", "only one results file was given");
		return 0;
	}
	const char *keys[MAX_KEYS];
	size_t nk = 0, shared = 0;
	for (size_t i = 0; i < r->ncases; i++) {
		const struct sb_rcase *c = &r->cases[i];
		const char *k = sb_case_key(c);
		if (!c->ok || sb_case_in_run(r, c->run, k) != c)
			continue;
		int in = 0, seen = 0;
		for (size_t run = 0; run < r->nruns; run++)
			in += sb_case_in_run(r, (int)run, k) != NULL;
		for (size_t j = 0; j < i; j++)
			seen |= !strcmp(sb_case_key(&r->cases[j]), k) && r->cases[j].ok;
		if (in < 2 || seen)
			continue;
		shared++;
		if (nk < MAX_KEYS)
			keys[nk++] = k;
	}
	if (!nk) {
		sb_report_omit(r, "Figure 8 (across results files)", "no case (by key) was measured in two or more of the files");
		return 0;
	}
	struct sb_hbar *b = calloc(nk * r->nruns, sizeof(*b));
	const char **series = calloc(r->nruns, sizeof(*series));
	size_t n = 0, marked = 0;
	int rc = -1;
	if (!b || !series) {
		snprintf(r->err, sizeof(r->err), "out of memory");
		goto out;
	}
	for (size_t run = 0; run < r->nruns; run++)
		series[run] = r->runs[run].name;
	for (size_t k = 0; k < nk; k++) {
		const struct sb_rcase *base = NULL;
		for (size_t run = 0; run < r->nruns; run++) {
			const struct sb_rcase *c = sb_case_in_run(r, (int)run, keys[k]);
			if (!c)
				continue;
			struct sb_hbar *h = &b[n++];
			/* The case's label once, on its first bar: the colours tell the files apart. */
			if (!base)
				snprintf(h->label, sizeof(h->label), "%s", c->label);
			h->med = sb_rstat(c, r->metric, SB_SF_MEDIAN);
			h->lo = sb_rstat(c, r->metric, SB_SF_CI95_LOW);
			h->hi = sb_rstat(c, r->metric, SB_SF_CI95_HIGH);
			h->series = (int)run;
			struct sb_verdict v;
			if (!base) {
				base = c;
			} else if (!sb_case_verdict(r, base, c, &v) &&
				   (v.verdict == SB_V_REGRESSION || v.verdict == SB_V_IMPROVEMENT)) {
				snprintf(h->mark, sizeof(h->mark), "%s %+.0f%%",
					 v.verdict == SB_V_REGRESSION ? "slower" : "faster", (v.ratio - 1) * 100);
				marked++;
			}
		}
	}
	struct sb_fig *fig = sb_report_add_fig(r);
	if (!fig)
		goto out;
	sb_fig_name(r, fig, "fig8-runs", -1);
	char xl[64], note[160] = "";
	snprintf(xl, sizeof(xl), "median %.*s latency", (int)strcspn(r->metric, "_"), r->metric);
	if (shared > nk)
		snprintf(note, sizeof(note), " The first %zu of %zu shared cases are drawn.", nk, shared);
	snprintf(fig->title, sizeof(fig->title), "The same cases across %zu results files", r->nruns);
	snprintf(fig->caption, sizeof(fig->caption),
		 "Median %s of each case (matched by key) in every results file that has it, one colour per file "
		 "in the order given, whiskers the 95%% confidence interval of the median. A bar is marked slower "
		 "or faster (ratio of medians against the first file holding the case) when the comparison of "
		 "spawnbench compare finds a significant change beyond %.0f%% (Mann-Whitney U at alpha %.2f, "
		 "bootstrap CI of the ratio clear of the threshold); %zu bars are marked.%s",
		 sb_metric_words(r->metric), SB_MATCH_THRESHOLD * 100, SB_MATCH_ALPHA, marked, note);
	rc = sb_hbar_draw(r, fig, b, n, xl, "the same cases across results files", series, (int)r->nruns, 0);
out:
	free(b);
	free(series);
	return rc;
}
