// SPDX-License-Identifier: MIT
/* Grouping is quadratic in the cases of a run; a few hundred cases cost microseconds. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "report_group.h"

int sb_case_has_metric(const struct sb_report *r, const struct sb_rcase *c)
{
	return c->ok && isfinite(sb_rstat(c, r->metric, SB_SF_MEDIAN)) &&
	       isfinite(sb_rstat(c, r->metric, SB_SF_CI95_LOW)) &&
	       isfinite(sb_rstat(c, r->metric, SB_SF_CI95_HIGH));
}

int sb_run_has(const struct sb_report *r, int run, sb_case_filter keep)
{
	for (size_t i = 0; i < r->ncases; i++)
		if (r->cases[i].run == run && keep(r, &r->cases[i]))
			return 1;
	return 0;
}

int sb_group_cases(const struct sb_report *r, int run, unsigned skip, sb_case_filter keep,
		   struct sb_groups *out)
{
	char id[512];
	out->g = NULL;
	out->n = 0;
	for (size_t i = 0; i < r->ncases; i++) {
		const struct sb_rcase *c = &r->cases[i];
		if (c->run != run || !keep(r, c))
			continue;
		sb_case_ident(c, skip, id, sizeof(id));
		size_t k;
		for (k = 0; k < out->n && strcmp(out->g[k].ident, id); k++)
			;
		if (k == out->n) {
			struct sb_group *g = realloc(out->g, (out->n + 1) * sizeof(*g));
			if (!g)
				goto oom;
			out->g = g;
			memset(&g[k], 0, sizeof(g[k]));
			snprintf(g[k].ident, sizeof(g[k].ident), "%s", id);
			sb_case_group_label(c, skip, g[k].label, sizeof(g[k].label));
			out->n++;
		}
		struct sb_group *g = &out->g[k];
		size_t *idx = realloc(g->idx, (g->n + 1) * sizeof(*idx));
		if (!idx)
			goto oom;
		g->idx = idx;
		g->idx[g->n++] = i;
	}
	return 0;
oom:
	sb_groups_free(out);
	return -1;
}

void sb_groups_free(struct sb_groups *g)
{
	for (size_t i = 0; i < g->n; i++)
		free(g->g[i].idx);
	free(g->g);
	g->g = NULL;
	g->n = 0;
}

void sb_group_sort(const struct sb_report *r, struct sb_group *g, double (*key)(const struct sb_rcase *c))
{
	/* Insertion sort: groups are short and plan order breaks ties. */
	for (size_t i = 1; i < g->n; i++) {
		size_t v = g->idx[i], j = i;
		double kv = key(&r->cases[v]);
		while (j > 0 && key(&r->cases[g->idx[j - 1]]) > kv) {
			g->idx[j] = g->idx[j - 1];
			j--;
		}
		g->idx[j] = v;
	}
}
