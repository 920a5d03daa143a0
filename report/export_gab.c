// SPDX-License-Identifier: MIT
/*
 * github-action-benchmark, tool "customSmallerIsBetter": an array of {name, unit, value, range, extra}.
 * value is the median (robust to the odd slow spawn, unlike the mean); range is the half-width of its
 * distribution-free 95% CI, so the action's charts show how sure each point is.
 */
#include <jansson.h>
#include <string.h>

#include "export_formats.h"
#include "stats.h"

struct gab_ctx {
	const struct sb_pool *p;
	json_t *benches;
};

static int add_bench(const struct sb_pool_case *c, const char *metric, const double *v, size_t n, void *vctx)
{
	struct gab_ctx *ctx = vctx;
	struct sb_stats s;
	char name[512], range[64], extra[512];

	if (sb_stats_compute(v, n, &s))
		return -1;
	/* Names are the action's series identity: stable across runs, so the label plus the metric. */
	snprintf(name, sizeof(name), "%s %s", sb_export_name(ctx->p, c), metric);
	snprintf(range, sizeof(range), "± %.6g", (s.ci95_high - s.ci95_low) / 2);
	snprintf(extra, sizeof(extra), "key: %s\nn: %zu\nmedian 95%% CI: [%.6g, %.6g]\np90: %.6g\np99: %.6g\noutliers: %zu",
		 c->key, s.n, s.ci95_low, s.ci95_high, s.p90, s.p99, s.outliers);
	json_t *b = json_pack("{s:s, s:s, s:f, s:s, s:s}", "name", name, "unit", "ns", "value",
			      s.median, "range", range, "extra", extra);
	return b ? json_array_append_new(ctx->benches, b) : -1;
}

int sb_export_gab(const struct sb_pool *p, const struct sb_export_opts *o, FILE *f)
{
	struct gab_ctx ctx = { .p = p, .benches = json_array() };
	int ret = -1;

	if (!ctx.benches || sb_export_each(p, o, add_bench, &ctx))
		goto cleanup;
	if (json_dumpf(ctx.benches, f, JSON_INDENT(2) | JSON_PRESERVE_ORDER | JSON_REAL_PRECISION(12)) || fputc('\n', f) == EOF)
		goto cleanup;
	ret = 0;
cleanup:
	json_decref(ctx.benches);
	return ret;
}
