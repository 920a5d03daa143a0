// SPDX-License-Identifier: MIT
/*
 * github-action-benchmark, tool "customSmallerIsBetter": an array of {name, unit, value, range, extra}.
 * value is the median (robust to the odd slow spawn, unlike the mean); range is the half-width of its
 * 95% interval (with several runs pooled, the between-run one: export_interval.c), so the action's
 * charts show how sure each point is. Numbers in the strings are plain decimals: the action prints them
 * as they are, and "± 1.1292e+06" reads badly in a pull-request comment.
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
	char name[512], range[64], extra[512], half[32], lo_s[32], hi_s[32], p90[32], p99[32];
	const size_t *ends;
	size_t nv, runs;
	double lo, hi;

	sb_pool_runs(c, metric, &nv, &ends, &runs);
	if (sb_export_interval(v, n, nv == n ? ends : NULL, runs, &s, &lo, &hi))
		return -1;
	sb_export_decimal((hi - lo) / 2, half, sizeof(half));
	sb_export_decimal(lo, lo_s, sizeof(lo_s));
	sb_export_decimal(hi, hi_s, sizeof(hi_s));
	sb_export_decimal(s.p90, p90, sizeof(p90));
	sb_export_decimal(s.p99, p99, sizeof(p99));
	/* Names are the action's series identity: stable across runs, so the label plus the metric. */
	snprintf(name, sizeof(name), "%s %s", sb_export_name(ctx->p, c), metric);
	snprintf(range, sizeof(range), "± %s", half);
	snprintf(extra, sizeof(extra), "key: %s\nn: %zu\nruns: %zu\nmedian 95%% %s: [%s, %s]\np90: %s\np99: %s\noutliers: %zu",
		 c->key, s.n, runs ? runs : 1, runs > 1 ? "between-run interval" : "CI", lo_s, hi_s, p90, p99,
		 s.outliers);
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
