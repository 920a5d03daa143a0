// SPDX-License-Identifier: MIT
/* CSV export: one row per case and metric, the pooled statistics, for spreadsheets and pandas. */
#include <stdio.h>
#include <string.h>

#include "csv.h"
#include "export_formats.h"
#include "stats.h"

/* An axis as the file gives it ("" when it does not), lists joined with sep. */
static void csv_axis(FILE *f, const struct sb_result_case *k, enum sb_axis_field_id a, char sep)
{
	char buf[512];
	snprintf(buf, sizeof(buf), "%s", k->ax[a].given ? k->ax[a].s : "");
	for (char *p = buf; sep != '+' && (p = strchr(p, '+')); p++)
		*p = sep;
	sb_csv_str(f, buf);
}

static int add_row(const struct sb_pool_case *c, const char *metric, const double *v, size_t n, void *vctx)
{
	FILE *f = vctx;
	const struct sb_result_case *k = c->first;
	struct sb_stats s;

	if (sb_stats_compute(v, n, &s))
		return -1;
	sb_csv_str(f, c->key);
	fputc(',', f);
	sb_csv_str(f, c->label);
	fputc(',', f);
	csv_axis(f, k, SB_AF_METHOD, '+');
	fputc(',', f);
	csv_axis(f, k, SB_AF_PRESET, '+');
	fputc(',', f);
	csv_axis(f, k, SB_AF_FLAGS, '|');
	fputc(',', f);
	csv_axis(f, k, SB_AF_EXEC, '+');
	fprintf(f, ",%.0f,%.0f,", k->ax[SB_AF_MEM].num, k->ax[SB_AF_STACK].num);
	csv_axis(f, k, SB_AF_NS, '+');
	fprintf(f, ",%.0f,%s,%zu,%zu,%.12g,%.12g,%.12g,%.12g,%.12g,%.12g,%.12g,%.12g,%.12g,%zu\n",
		k->ax[SB_AF_CONCURRENCY].num, metric, c->files_ok, s.n, s.min, s.median, s.ci95_low,
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
