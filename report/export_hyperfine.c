// SPDX-License-Identifier: MIT
/*
 * hyperfine's JSON export, so hyperfine's plotting scripts (plot_whisker.py, plot_histogram.py, ...) read
 * spawnbench results. Times are seconds. spawnbench does not measure user and system CPU time per spawn,
 * so those two fields are 0; docs/ci.md says so.
 */
#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "export_formats.h"
#include "results_read.h"
#include "stats.h"

struct hf_ctx {
	const struct sb_pool *p;
	int several_metrics;
	json_t *results;
};

/* hyperfine's "parameters" are strings; the axes a reader filters by go there. */
static json_t *parameters(const struct sb_pool_case *c, const char *metric)
{
	const json_t *k = c->first;
	json_t *ns = json_object_get(k, "namespaces"), *x;
	char nsbuf[256] = "", num[32];
	size_t i;
	json_array_foreach(ns, i, x) {
		if (i)
			strncat(nsbuf, "+", sizeof(nsbuf) - strlen(nsbuf) - 1);
		strncat(nsbuf, json_string_value(x) ? json_string_value(x) : "?", sizeof(nsbuf) - strlen(nsbuf) - 1);
	}
	json_t *o = json_pack("{s:s, s:s, s:s, s:s, s:s}", "key", c->key, "metric", metric, "method",
			      sb_json_str(k, "method", ""), "exec", sb_json_str(k, "exec", ""), "namespaces",
			      *nsbuf ? nsbuf : "none");
	snprintf(num, sizeof(num), "%.0f", sb_json_num(k, "mem_bytes", 0));
	json_object_set_new(o, "mem_bytes", json_string(num));
	snprintf(num, sizeof(num), "%.0f", sb_json_num(k, "concurrency", 1));
	json_object_set_new(o, "concurrency", json_string(num));
	return o;
}

static int add_result(const struct sb_pool_case *c, const char *metric, const double *v, size_t n, void *vctx)
{
	struct hf_ctx *ctx = vctx;
	struct sb_stats s;
	char command[512];
	/* Values in the results file are nanoseconds; hyperfine's are seconds. */
	const double scale = 1e-9;

	if (sb_stats_compute(v, n, &s))
		return -1;
	if (ctx->several_metrics)
		snprintf(command, sizeof(command), "%s [%s]", sb_export_name(ctx->p, c), metric);
	else
		snprintf(command, sizeof(command), "%s", sb_export_name(ctx->p, c));
	json_t *times = json_array(), *codes = json_array();
	for (size_t i = 0; i < n; i++) {
		json_array_append_new(times, json_real(v[i] * scale));
		/* Failed spawns never reach the samples, so every measured one succeeded. */
		json_array_append_new(codes, json_integer(0));
	}
	json_t *r = json_pack("{s:s, s:f, s:f, s:f, s:f, s:f, s:f, s:f, s:o, s:o, s:o}", "command", command,
			      "mean", s.mean * scale, "stddev", (n > 1 ? s.stddev : 0) * scale, "median",
			      s.median * scale, "user", 0.0, "system", 0.0, "min", s.min * scale, "max",
			      s.max * scale, "times", times, "exit_codes", codes, "parameters",
			      parameters(c, metric));
	return r ? json_array_append_new(ctx->results, r) : -1;
}

int sb_export_hyperfine(const struct sb_pool *p, const struct sb_export_opts *o, FILE *f)
{
	struct hf_ctx ctx = {
		.p = p,
		.several_metrics = o->nmetrics > 1 || !strcmp(o->metrics[0], "all"),
		.results = json_array(),
	};
	json_t *doc = json_pack("{s:o}", "results", ctx.results);
	int ret = -1;

	if (!doc || sb_export_each(p, o, add_result, &ctx))
		goto cleanup;
	if (json_dumpf(doc, f, JSON_INDENT(2) | JSON_PRESERVE_ORDER | JSON_REAL_PRECISION(12)) || fputc('\n', f) == EOF)
		goto cleanup;
	ret = 0;
cleanup:
	json_decref(doc);
	return ret;
}
