// SPDX-License-Identifier: MIT
/* Figure 6: latency against the child's stack size, for the methods that take a stack. */
#include <stdio.h>
#include <string.h>

#include "fig_sweep.h"

static int keep(const struct sb_report *r, const struct sb_rcase *c)
{
	return sb_case_has_metric(r, c) && c->stack_bytes > 0 && !c->ns[0] && c->concurrency == 1;
}

static double stack_kib(const struct sb_rcase *c)
{
	return c->stack_bytes / 1024.0;
}

int sb_fig_stack(struct sb_report *r)
{
	char ylabel[64], caption[600];
	int drawn = 0;
	snprintf(ylabel, sizeof(ylabel), "median %.*s latency", (int)strcspn(r->metric, "_"), r->metric);
	const struct sb_sweep s = {
		.stem = "fig6-stack", .title = "child stack size sweep", .xlabel = "child stack size (KiB)",
		.ylabel = ylabel, .axis = SB_AX_STACK, .keep = keep, .x = stack_kib, .duration = 1, .logx = 2,
		.logy = 1,
	};
	snprintf(caption, sizeof(caption),
		 "Median %s against the size of the child's stack (clone, clone3, pthread), one line per method "
		 "and preset; \"touched\" lines had the stack faulted in by the parent first. Error bars are the "
		 "distribution-free 95%% confidence interval of the median.", sb_metric_words(r->metric));
	if (sb_sweep_draw(r, &s, "Child stack size sweep", caption, &drawn))
		return -1;
	if (!drawn)
		sb_report_omit(r, "Figure 6 (stack size sweep)", "no method was measured at two or more stack sizes (--stack)");
	return 0;
}
