// SPDX-License-Identifier: MIT
/*
 * Figure 6b: latency against the number of mappings the parent held (the vmas plan). Fork copies every VMA
 * (and, since the maple tree, duplicates the tree); vfork and posix_spawn must not care. x is what the
 * spawner really had in /proc/self/maps, its own floor included, not the --vmas asked for.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "fig_sweep.h"

static double mappings(const struct sb_rcase *c)
{
	double m = c->m->mappings;
	return isfinite(m) && m > 0 ? m : c->vmas;
}

static int keep(const struct sb_report *r, const struct sb_rcase *c)
{
	return sb_case_has_metric(r, c) && !c->ns[0] && c->concurrency == 1;
}

int sb_fig_vmas(struct sb_report *r)
{
	char ylabel[64], caption[600];
	int drawn = 0;
	snprintf(ylabel, sizeof(ylabel), "median %.*s latency", (int)strcspn(r->metric, "_"), r->metric);
	const struct sb_sweep s = {
		.stem = "fig6b-vmas", .title = "parent mappings sweep", .xlabel = "mappings in the parent (/proc/self/maps)",
		.ylabel = ylabel, .axis = SB_AX_VMAS, .keep = keep, .x = mappings, .duration = 1, .logx = 10,
		.logy = 1,
	};
	snprintf(caption, sizeof(caption),
		 "Median %s against the number of mappings the spawning process held (its own floor included; the "
		 "same touched memory split over more VMAs), one line per method. Error bars are the "
		 "distribution-free 95%% confidence interval of the median.", sb_metric_words(r->metric));
	if (sb_sweep_draw(r, &s, "Parent mappings sweep", caption, &drawn))
		return -1;
	if (!drawn)
		sb_report_omit(r, "Figure 6b (mappings sweep)", "no method was measured at two or more mapping counts (--vmas)");
	return 0;
}
