// SPDX-License-Identifier: MIT
/*
 * Bencher Metric Format (`bencher run --adapter json`): one object per case, named as in the other
 * exports, holding one measure per metric. Latencies are "<metric>-latency" (create_ns -> create-latency)
 * in nanoseconds: the median, and the 95% interval as lower_value/upper_value (between-run with several
 * runs pooled: export_interval.c). "throughput" is the spawns per second of all of the case's spawners
 * together, from its rounds (the results' throughput.spawns_per_s), pooled over the files the same way;
 * it is written with every metric ('all', the default) and left out when --metric names some.
 * Bencher keeps the history and applies its own thresholds; this only has to say what was measured.
 */
#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "export_formats.h"

struct bencher_ctx {
	const struct sb_pool *p;
	json_t *doc;
};

static int set_measure(json_t *bench, const char *name, const double *v, size_t n, const size_t *ends, size_t k)
{
	struct sb_stats s;
	double lo, hi;
	if (sb_export_interval(v, n, ends, k, &s, &lo, &hi))
		return -1;
	json_t *m = json_pack("{s:f, s:f, s:f}", "value", s.median, "lower_value", lo, "upper_value", hi);
	return m ? json_object_set_new(bench, name, m) : -1;
}

/* The case's measures; created on first use. */
static json_t *case_object(struct bencher_ctx *ctx, const struct sb_pool_case *c)
{
	const char *name = sb_export_name(ctx->p, c);
	json_t *b = json_object_get(ctx->doc, name);
	if (!b) {
		b = json_object();
		if (!b || json_object_set_new(ctx->doc, name, b))
			return NULL;
	}
	return b;
}

/* The case's rounds in every file that has it ok, one run per file. */
static int add_throughput(struct bencher_ctx *ctx, const struct sb_pool_case *c, json_t *bench)
{
	double *v = NULL;
	size_t n = 0, k = 0, ends[64];
	int ret = -1;
	for (size_t d = 0; d < ctx->p->ndocs && k < 64; d++) {
		const struct sb_results *file = &ctx->p->files[d];
		for (size_t i = 0; i < file->ncases; i++) {
			const struct sb_result_case *fc = &file->cases[i];
			const struct sb_rmetric *rounds = sb_rcase_metric(fc, SB_RM_RATE);
			if (!fc->key_given || strcmp(fc->key, c->key) || fc->status != SB_ST_OK || !rounds || !rounds->n)
				continue;
			double *nv = realloc(v, (n + rounds->n) * sizeof(*v));
			if (!nv)
				goto cleanup;
			v = nv;
			memcpy(v + n, rounds->v, rounds->n * sizeof(*v));
			n += rounds->n;
			ends[k++] = n;
			break;
		}
	}
	ret = n ? set_measure(bench, "throughput", v, n, ends, k) : 0;
cleanup:
	free(v);
	return ret;
}

static int add_metric(const struct sb_pool_case *c, const char *metric, const double *v, size_t n, void *vctx)
{
	struct bencher_ctx *ctx = vctx;
	char measure[64];
	size_t ml = strlen(metric);
	json_t *bench = case_object(ctx, c);
	if (!bench)
		return -1;
	if (ml > 3 && !strcmp(metric + ml - 3, "_ns"))
		snprintf(measure, sizeof(measure), "%.*s-latency", (int)(ml - 3), metric);
	else
		snprintf(measure, sizeof(measure), "%s", metric);
	const size_t *ends;
	size_t nv, runs;
	sb_pool_runs(c, metric, &nv, &ends, &runs);
	return set_measure(bench, measure, v, n, nv == n ? ends : NULL, runs);
}

int sb_export_bencher(const struct sb_pool *p, const struct sb_export_opts *o, FILE *f)
{
	struct bencher_ctx ctx = { .p = p, .doc = json_object() };
	int ret = -1;

	if (!ctx.doc || sb_export_each(p, o, add_metric, &ctx))
		goto cleanup;
	/* Throughput after the latencies, with every metric ('all', the default). */
	for (size_t i = 0; o->nmetrics == 1 && !strcmp(o->metrics[0], "all") && i < p->ncases; i++) {
		json_t *bench = json_object_get(ctx.doc, sb_export_name(p, &p->cases[i]));
		if (bench && p->cases[i].status == SB_ST_OK && add_throughput(&ctx, &p->cases[i], bench))
			goto cleanup;
	}
	if (json_dumpf(ctx.doc, f, JSON_INDENT(2) | JSON_PRESERVE_ORDER | JSON_REAL_PRECISION(12)) || fputc('\n', f) == EOF)
		goto cleanup;
	ret = 0;
cleanup:
	json_decref(ctx.doc);
	return ret;
}
