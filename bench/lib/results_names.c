// SPDX-License-Identifier: MIT
/* The name tables of results_names.h. */
#include "results_names.h"

#include <string.h>

const char *const sb_metric_names[SB_N_METRICS] = { "create_ns", "start_ns", "total_ns", "exec_ns", "nsenter_ns" };
const char *const sb_metric_short[SB_N_METRICS] = { "create", "start", "total", "exec", "nsenter" };
const char *const sb_metric_about[SB_N_METRICS] = {
	[SB_MET_CREATE] = "create latency (from just before the call until it returns in the parent)",
	[SB_MET_START] = "start latency (from just before the call until the child's first instruction)",
	[SB_MET_TOTAL] = "total latency (from just before the call until the child has exited and been reaped)",
	[SB_MET_EXEC] = "exec latency (from just before the call until main() of the exec'd program runs)",
	[SB_MET_NSENTER] = "namespace entry (unshare(2) or setns(2) by the spawner before the call)",
};

static const char *const status_names[SB_N_STATUS] = {
	[SB_ST_PENDING] = "skipped", [SB_ST_OK] = "ok", [SB_ST_SKIPPED] = "skipped", [SB_ST_ERROR] = "error",
	[SB_ST_INTERRUPTED] = "interrupted",
};

int sb_metric_by_name(const char *name)
{
	for (int m = 0; m < SB_N_METRICS; m++)
		if (!strcmp(name, sb_metric_names[m]) || !strcmp(name, sb_metric_short[m]))
			return m;
	return -1;
}

const char *sb_status_name(enum sb_status s)
{
	return (unsigned)s < SB_N_STATUS ? status_names[s] : "skipped";
}
