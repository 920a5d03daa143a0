// SPDX-License-Identifier: MIT
/*
 * The explanation (compare_explain.c) in compare's two outputs: a "Where the change went" list under the
 * Markdown table, one line per regression or improvement, and an "explanation" object in those rows of
 * the JSON (docs/ci.md). With pooled runs the probe data of the first run holding the case are used.
 */
#include "compare_explain.h"

#include <math.h>
#include <string.h>

#include "compare_run.h"

int sb_cmp_row_explained(const struct sb_cmp_row *r)
{
	return r->compared && (r->v.verdict == SB_V_REGRESSION || r->v.verdict == SB_V_IMPROVEMENT);
}

int sb_cmp_explain_row(const struct sb_cmp *c, const struct sb_cmp_row *r, struct sb_explain *x)
{
	int ret = sb_explain_cases(r->bc->first, r->nc->first, r->metric, r->new_median - r->base_median,
				   c->threshold, c->alpha, x);

	if (!ret && x->have && (r->bc->files > 1 || r->nc->files > 1) && !x->note[0])
		snprintf(x->note, sizeof(x->note), "probe data and counters of the first run of each side only");
	return ret;
}

int sb_cmp_write_explanations(const struct sb_cmp *c, FILE *f)
{
	size_t shown = 0;

	for (size_t i = 0; i < c->nrows; i++) {
		const struct sb_cmp_row *r = &c->rows[i];
		struct sb_explain x;
		char d[32], line[1024];

		if (!sb_cmp_row_explained(r))
			continue;
		if (!shown++)
			fprintf(f, "\nWhere the change went:\n\n");
		sb_cmp_explain_row(c, r, &x);
		sb_explain_line(&x, line, sizeof(line));
		sb_xp_fmt_delta(d, sizeof(d), r->new_median - r->base_median);
		/* Labels and names are the tool's own words; '|' cannot occur outside a table, so no escaping. */
		fprintf(f, "- %s %s: %s (%+.0f%%) — %s\n", r->bc->label, r->metric, d, (r->v.ratio - 1) * 100, line);
	}
	return ferror(f) ? -1 : 0;
}

void sb_cmp_explain_json(const struct sb_cmp *c, const struct sb_cmp_row *r, json_t *row)
{
	struct sb_explain x;

	if (!row || !sb_cmp_row_explained(r))
		return;
	sb_cmp_explain_row(c, r, &x);
	json_object_set_new(row, "explanation", sb_explain_json(&x));
}
