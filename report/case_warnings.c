// SPDX-License-Identifier: MIT
/* Showing cases' warnings in the report and in compare (see case_warnings.h). */
#include "case_warnings.h"

#include <math.h>
#include <string.h>

#include "report_group.h"

static int any_case(const struct sb_report *r, const struct sb_rcase *c)
{
	(void)r;
	return c->ok;
}

/* Figures put a case beside the others of its sweep (memory, mappings, stack, spawners): compare those. */
static void placement_spreads(FILE *f, const struct sb_page_ops *o, struct sb_report *r, int *listed)
{
	char b[512];
	for (size_t run = 0; run < r->nruns; run++) {
		struct sb_groups gs;
		if (sb_group_cases(r, (int)run, SB_AX_MEM | SB_AX_VMAS | SB_AX_STACK | SB_AX_CONC, any_case, &gs))
			return;
		for (size_t i = 0; i < gs.n; i++) {
			double lo = INFINITY, hi = -INFINITY;
			const char *lo_label = "", *hi_label = "";
			for (size_t k = 0; k < gs.g[i].n; k++) {
				const struct sb_rcase *c = &r->cases[gs.g[i].idx[k]];
				double s = c->m->same_cpu_share;
				if (s < 0)
					continue;
				if (s < lo)
					lo = s, lo_label = c->label;
				if (s > hi)
					hi = s, hi_label = c->label;
			}
			if (!(hi - lo > SB_PLACEMENT_GAP))
				continue;
			if (!(*listed)++)
				o->list_begin(f);
			snprintf(b, sizeof(b), "%s%s: placement differs along the line: children on the parent's CPU in "
				 "%.0f%% of %s's spawns but %.0f%% of %s's; part of the difference may be a cross-CPU wake-up "
				 "(--placement same).", r->nruns > 1 ? r->runs[run].name : "", r->nruns > 1 ? ": " : "",
				 100 * hi, hi_label, 100 * lo, lo_label);
			o->item(f, b);
		}
		sb_groups_free(&gs);
	}
}

void sb_page_warnings(FILE *f, const struct sb_page_ops *o, struct sb_report *r)
{
	char b[512];
	int listed = 0;
	o->heading(f, 2, "Warnings");
	for (size_t i = 0; i < r->ncases; i++) {
		const struct sb_result_case *m = r->cases[i].m;
		for (size_t k = 0; k < m->nwarnings; k++) {
			if (!listed++)
				o->list_begin(f);
			snprintf(b, sizeof(b), "%s%s%s: %s: %s", r->nruns > 1 ? r->runs[r->cases[i].run].name : "",
				 r->nruns > 1 ? ": " : "", r->cases[i].label, m->warnings[k].code,
				 m->warnings[k].message);
			o->item(f, b);
		}
	}
	placement_spreads(f, o, r, &listed);
	if (listed)
		o->list_end(f);
	else
		o->para(f, "None: every case's series settled, its children ran where asked, and stage shares rest on "
			   "enough samples.");
}

static void side_warnings(FILE *f, const char *side, const struct sb_pool_case *pc)
{
	for (size_t k = 0; k < pc->first->nwarnings; k++)
		fprintf(f, "- %s (%s): %s: %s\n", pc->label, side, pc->first->warnings[k].code, pc->first->warnings[k].message);
}

void sb_cmp_write_warnings(const struct sb_cmp *c, FILE *f)
{
	int header = 0;
	for (size_t i = 0; i < c->nrows; i++) {
		const struct sb_cmp_row *r = &c->rows[i];
		if (i && c->rows[i - 1].bc == r->bc)
			continue;   /* one case, several metric rows */
		double sb = r->bc->first->same_cpu_share, sn = r->nc->first->same_cpu_share;
		int gap = sb >= 0 && sn >= 0 && fabs(sb - sn) > SB_PLACEMENT_GAP;
		size_t nw = r->bc->first->nwarnings + r->nc->first->nwarnings;
		if (!gap && !nw)
			continue;
		if (!header++)
			fprintf(f, "\nWarnings:\n\n");
		if (gap)
			fprintf(f, "- %s: placement differs: children on the parent's CPU in %.0f%% of base's spawns, %.0f%% "
				"of new's; the change may be where they ran (--placement same)\n", r->bc->label, 100 * sb, 100 * sn);
		side_warnings(f, "base", r->bc);
		side_warnings(f, "new", r->nc);
	}
}
