// SPDX-License-Identifier: MIT
/* Figure 7: spawns per second and latency as the number of concurrent spawners grows (two figures). */
#include <stdio.h>
#include <string.h>

#include "fig_sweep.h"

static int keep_latency(const struct sb_report *r, const struct sb_rcase *c)
{
	return sb_case_has_metric(r, c) && !c->ns[0];
}

static int keep_rate(const struct sb_report *r, const struct sb_rcase *c)
{
	(void)r;
	return c->ok && !c->ns[0] && sb_rstat(c, SB_RATE_NAME, SB_SF_MEDIAN) > 0;
}

static double spawners(const struct sb_rcase *c)
{
	return c->concurrency;
}

int sb_fig_concurrency(struct sb_report *r)
{
	char ylabel[64], caption[600];
	int drawn = 0;
	const struct sb_sweep rate = {
		.stem = "fig7-throughput", .title = "spawn throughput vs concurrent spawners",
		.xlabel = "concurrent spawner processes", .ylabel = "spawns/s (all spawners)",
		.axis = SB_AX_CONC, .keep = keep_rate, .x = spawners, .stat = SB_RATE_NAME, .logx = 2,
		.logy = 1,
	};
	if (sb_sweep_draw(r, &rate, "Concurrency scaling: throughput",
			  "Spawns per second of all spawners of a case together (median over rounds; each round's "
			  "rate is its spawns over its wall time) against the number of spawner processes; error "
			  "bars are the 95% confidence interval of that median.", &drawn))
		return -1;
	snprintf(ylabel, sizeof(ylabel), "median %.*s latency", (int)strcspn(r->metric, "_"), r->metric);
	const struct sb_sweep lat = {
		.stem = "fig7-latency", .title = "spawn latency vs concurrent spawners",
		.xlabel = "concurrent spawner processes", .ylabel = ylabel, .axis = SB_AX_CONC,
		.keep = keep_latency, .x = spawners, .duration = 1, .logx = 2, .logy = 1,
	};
	snprintf(caption, sizeof(caption),
		 "Median %s of one spawn while that many spawner processes spawn at once; error bars are the "
		 "distribution-free 95%% confidence interval of the median.", sb_metric_words(r->metric));
	if (sb_sweep_draw(r, &lat, "Concurrency scaling: latency", caption, &drawn))
		return -1;
	if (!drawn)
		sb_report_omit(r, "Figure 7 (concurrency scaling)",
			       "no case was measured with two or more spawner counts (--concurrency)");
	return 0;
}
