// SPDX-License-Identifier: MIT
/* CSV export: one row per case and metric, the pooled statistics, for spreadsheets and pandas. */
#include <jansson.h>
#include <string.h>

#include "csv.h"
#include "export_formats.h"
#include "results_read.h"
#include "stats.h"

static void csv_joined(FILE *f, const json_t *arr, const char *sep)
{
	char buf[512] = "";
	size_t i;
	json_t *x;
	json_array_foreach(arr, i, x) {
		const char *s = json_string_value(x);
		if (!s)
			continue;
		if (*buf)
			strncat(buf, sep, sizeof(buf) - strlen(buf) - 1);
		strncat(buf, s, sizeof(buf) - strlen(buf) - 1);
	}
	sb_csv_str(f, buf);
}

static int add_row(const struct sb_pool_case *c, const char *metric, const double *v, size_t n, void *vctx)
{
	FILE *f = vctx;
	const json_t *k = c->first;
	struct sb_stats s;

	if (sb_stats_compute(v, n, &s))
		return -1;
	sb_csv_str(f, c->key);
	fputc(',', f);
	sb_csv_str(f, c->label);
	fputc(',', f);
	sb_csv_str(f, sb_json_str(k, "method", ""));
	fputc(',', f);
	sb_csv_str(f, sb_json_str(k, "preset", ""));
	fputc(',', f);
	csv_joined(f, json_object_get(k, "flags"), "|");
	fputc(',', f);
	sb_csv_str(f, sb_json_str(k, "exec", ""));
	fprintf(f, ",%.0f,%.0f,", sb_json_num(k, "mem_bytes", 0), sb_json_num(k, "stack_bytes", 0));
	csv_joined(f, json_object_get(k, "namespaces"), "+");
	fprintf(f, ",%.0f,%s,%zu,%zu,%.12g,%.12g,%.12g,%.12g,%.12g,%.12g,%.12g,%.12g,%.12g,%zu\n",
		sb_json_num(k, "concurrency", 1), metric, c->files_ok, s.n, s.min, s.median, s.ci95_low,
		s.ci95_high, s.mean, s.stddev, s.p90, s.p99, s.max, s.outliers);
	return ferror(f) ? -1 : 0;
}

int sb_export_csv(const struct sb_pool *p, const struct sb_export_opts *o, FILE *f)
{
	fputs("key,label,method,preset,flags,exec,mem_bytes,stack_bytes,namespaces,concurrency,metric,runs,"
	      "n,min,median,ci95_low,ci95_high,mean,stddev,p90,p99,max,outliers\n", f);
	if (sb_export_each(p, o, add_row, f))
		return -1;
	return ferror(f) ? -1 : 0;
}
