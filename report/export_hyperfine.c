// SPDX-License-Identifier: MIT
/*
 * hyperfine's JSON export, so hyperfine's plotting scripts (plot_whisker.py, plot_histogram.py, ...) read
 * spawnbench results. Times are seconds. spawnbench does not measure user and system CPU time per spawn,
 * so those two fields are 0; docs/ci.md says so.
 *
 * "parameters" holds only what varies among the exported results (the key's axes, as the axis table
 * bench/lib/axis_fields.h names them, and the metric when several are exported), as hyperfine writes the
 * --parameter-scan it ran: a one-axis sweep gives one parameter, which plot_parametrized.py requires, and
 * nothing varying gives no "parameters" at all.
 * "stddev" is null for a single sample, as hyperfine writes it.
 */
#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "axis_fields.h"
#include "case_select.h"
#include "export_formats.h"
#include "stats.h"

#define MAX_AXES SB_N_AXIS_FIELDS

struct hf_ctx {
	const struct sb_pool *p;
	int several_metrics;
	json_t *results;
	/* First pass: the axes (key tokens) of the first exported case and whether any other differs there. */
	size_t seen;
	const char *axes[MAX_AXES];
	char first_value[MAX_AXES][128];
	int varies[MAX_AXES];
	size_t naxes;
	const char *first_metric;
	int metric_varies;
};

static int note_axes(const struct sb_pool_case *c, const char *metric, const double *v, size_t n, void *vctx)
{
	struct hf_ctx *ctx = vctx;
	(void)v;
	(void)n;
	if (!ctx->seen++) {
		ctx->first_metric = metric;
		/* The axes of the table (axis_fields.h) the first case's key spells, in the key's order. */
		for (int a = 0; a < SB_N_AXIS_FIELDS && ctx->naxes < MAX_AXES; a++) {
			ctx->axes[ctx->naxes] = sb_axis_fields[a].key;
			if (!sb_key_value(c->key, ctx->axes[ctx->naxes], ctx->first_value[ctx->naxes], sizeof(ctx->first_value[0])))
				ctx->naxes++;
		}
		return 0;
	}
	ctx->metric_varies |= !!strcmp(metric, ctx->first_metric);
	for (size_t i = 0; i < ctx->naxes; i++) {
		char val[128];
		/* A key without the axis (an older file) counts as a different value. */
		ctx->varies[i] |= sb_key_value(c->key, ctx->axes[i], val, sizeof(val)) || strcmp(val, ctx->first_value[i]);
	}
	return 0;
}

/* hyperfine's "parameters" are strings: the value of each varying axis as the key spells it (sizes in bytes). */
static json_t *parameters(const struct hf_ctx *ctx, const struct sb_pool_case *c, const char *metric)
{
	json_t *o = json_object();
	for (size_t i = 0; o && i < ctx->naxes; i++) {
		char val[128];
		if (ctx->varies[i] && !sb_key_value(c->key, ctx->axes[i], val, sizeof(val)))
			json_object_set_new(o, ctx->axes[i], json_string(val));
	}
	if (o && ctx->metric_varies)
		json_object_set_new(o, "metric", json_string(metric));
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
	json_t *r = json_pack("{s:s, s:f, s:o, s:f, s:f, s:f, s:f, s:f, s:o, s:o}", "command", command,
			      "mean", s.mean * scale, "stddev", n > 1 ? json_real(s.stddev * scale) : json_null(),
			      "median", s.median * scale, "user", 0.0, "system", 0.0, "min", s.min * scale, "max",
			      s.max * scale, "times", times, "exit_codes", codes);
	if (!r)
		return -1;
	json_t *par = parameters(ctx, c, metric);
	if (!par || (json_object_size(par) && json_object_set(r, "parameters", par))) {
		json_decref(par);
		json_decref(r);
		return -1;
	}
	json_decref(par);
	return json_array_append_new(ctx->results, r);
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

	if (!doc || sb_export_each(p, o, note_axes, &ctx) || sb_export_each(p, o, add_result, &ctx))
		goto cleanup;
	if (json_dumpf(doc, f, JSON_INDENT(2) | JSON_PRESERVE_ORDER | JSON_REAL_PRECISION(12)) || fputc('\n', f) == EOF)
		goto cleanup;
	ret = 0;
cleanup:
	json_decref(doc);
	return ret;
}
