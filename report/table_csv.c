// SPDX-License-Identifier: MIT
/* summary.csv (every case, every metric, every statistic) and stages.csv (probe stages) for spreadsheets. */
#include <math.h>
#include <string.h>

#include "report.h"
#include "results_read.h"

static const char *const stat_fields[] = {
	"n", "median", "ci95_low", "ci95_high", "mean", "stddev", "min", "max", "p90", "p99", "outliers",
};
#define NFIELDS (sizeof(stat_fields) / sizeof(stat_fields[0]))

static void axes(FILE *f, const struct sb_report *r, const struct sb_rcase *c)
{
	sb_csv_str(f, r->runs[c->run].name);
	fputc(',', f);
	sb_csv_str(f, sb_json_str(c->j, "key", ""));
	fputc(',', f);
	sb_csv_str(f, c->label);
	fprintf(f, ",%s,%s,%s,%.0f,%.0f,%s,%d,", c->method, c->preset, c->exec, c->mem_bytes, c->stack_bytes,
		c->ns[0] ? c->ns : "none", c->concurrency);
}

static void stat_row(FILE *f, const struct sb_report *r, const struct sb_rcase *c, const char *metric,
		     const json_t *st)
{
	axes(f, r, c);
	fprintf(f, "%s,", sb_json_str(c->j, "status", "?"));
	sb_csv_str(f, sb_json_str(c->j, "reason", ""));
	fputc(',', f);
	sb_csv_str(f, metric);
	for (size_t k = 0; k < NFIELDS; k++) {
		double v = sb_json_num(st, stat_fields[k], NAN);
		if (isfinite(v))
			fprintf(f, ",%.10g", v);
		else
			fputc(',', f);
	}
	fputc('\n', f);
}

static int summary(struct sb_report *r)
{
	FILE *f = sb_report_open(r, "summary.csv");
	if (!f)
		return -1;
	fprintf(f, "run,key,label,method,preset,exec,mem_bytes,stack_bytes,namespaces,concurrency,status,reason,metric");
	for (size_t k = 0; k < NFIELDS; k++)
		fprintf(f, ",%s", stat_fields[k]);
	fputc('\n', f);
	for (size_t i = 0; i < r->ncases; i++) {
		const struct sb_rcase *c = &r->cases[i];
		json_t *stats = json_object_get(c->j, "stats");
		const char *metric;
		json_t *st;
		if (!json_object_size(stats)) {
			/* Skipped and failed cases keep a row: a table that silently loses them misleads. */
			axes(f, r, c);
			fprintf(f, "%s,", sb_json_str(c->j, "status", "?"));
			sb_csv_str(f, sb_json_str(c->j, "reason", ""));
			fprintf(f, ",");
			for (size_t k = 0; k < NFIELDS; k++)
				fputc(',', f);
			fputc('\n', f);
			continue;
		}
		json_object_foreach(stats, metric, st)
			stat_row(f, r, c, metric, st);
		/* Counter events are metrics too, named counter:SCOPE:EVENT so they sort together. */
		size_t k;
		json_t *e;
		json_array_foreach(json_object_get(json_object_get(c->j, "counters"), "events"), k, e) {
			char name[160];
			if (!json_object_size(json_object_get(e, "stats")))
				continue;
			snprintf(name, sizeof(name), "counter:%s:%s", sb_json_str(e, "scope", "?"), sb_json_str(e, "name", "?"));
			stat_row(f, r, c, name, json_object_get(e, "stats"));
		}
	}
	return sb_report_close(r, f, "summary.csv");
}

static int stages(struct sb_report *r)
{
	FILE *f = NULL;
	for (size_t i = 0; i < r->ncases; i++) {
		const struct sb_rcase *c = &r->cases[i];
		json_t *probe = json_object_get(c->j, "probe"), *s;
		size_t k;
		if (!json_array_size(json_object_get(probe, "stages")))
			continue;
		if (!f) {
			f = sb_report_open(r, "stages.csv");
			if (!f)
				return -1;
			fprintf(f, "run,label,backend,stage,share,share_ci95_low,share_ci95_high,samples,est_ns\n");
		}
		json_array_foreach(json_object_get(probe, "stages"), k, s) {
			sb_csv_str(f, r->runs[c->run].name);
			fputc(',', f);
			sb_csv_str(f, c->label);
			fprintf(f, ",%s,", sb_json_str(probe, "backend", "?"));
			sb_csv_str(f, sb_json_str(s, "name", "?"));
			fprintf(f, ",%.6g,%.6g,%.6g,%.0f,%.0f\n", sb_json_num(s, "share", NAN),
				sb_json_num(s, "share_ci95_low", NAN), sb_json_num(s, "share_ci95_high", NAN),
				sb_json_num(s, "samples", NAN), sb_json_num(s, "est_ns", NAN));
		}
	}
	return f ? sb_report_close(r, f, "stages.csv") : 0;
}

int sb_table_csv(struct sb_report *r)
{
	return summary(r) || stages(r) ? -1 : 0;
}
