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

int sb_status_by_name(const char *name)
{
	for (int s = SB_ST_OK; s < SB_N_STATUS; s++)
		if (!strcmp(name, status_names[s]))
			return s;
	return -1;
}

const char *const sb_stat_field_names[SB_N_STAT_FIELDS] = {
	"n", "min", "max", "median", "ci95_low", "ci95_high", "mean", "stddev", "p90", "p99", "outliers",
};

int sb_stat_field_is_count(enum sb_stat_field f)
{
	return f == SB_SF_N || f == SB_SF_OUTLIERS;
}

double sb_stat_get(const struct sb_stats *s, enum sb_stat_field f)
{
	switch (f) {
	case SB_SF_N: return (double)s->n;
	case SB_SF_MIN: return s->min;
	case SB_SF_MAX: return s->max;
	case SB_SF_MEDIAN: return s->median;
	case SB_SF_CI95_LOW: return s->ci95_low;
	case SB_SF_CI95_HIGH: return s->ci95_high;
	case SB_SF_MEAN: return s->mean;
	case SB_SF_STDDEV: return s->stddev;
	case SB_SF_P90: return s->p90;
	case SB_SF_P99: return s->p99;
	case SB_SF_OUTLIERS: return (double)s->outliers;
	default: return 0;
	}
}

void sb_stat_set(struct sb_stats *s, enum sb_stat_field f, double v)
{
	switch (f) {
	case SB_SF_N: s->n = v > 0 ? (size_t)v : 0; break;
	case SB_SF_MIN: s->min = v; break;
	case SB_SF_MAX: s->max = v; break;
	case SB_SF_MEDIAN: s->median = v; break;
	case SB_SF_CI95_LOW: s->ci95_low = v; break;
	case SB_SF_CI95_HIGH: s->ci95_high = v; break;
	case SB_SF_MEAN: s->mean = v; break;
	case SB_SF_STDDEV: s->stddev = v; break;
	case SB_SF_P90: s->p90 = v; break;
	case SB_SF_P99: s->p99 = v; break;
	case SB_SF_OUTLIERS: s->outliers = v > 0 ? (size_t)v : 0; break;
	default: break;
	}
}

int sb_stat_field_by_name(const char *name)
{
	for (int f = 0; f < SB_N_STAT_FIELDS; f++)
		if (!strcmp(name, sb_stat_field_names[f]))
			return f;
	return -1;
}
