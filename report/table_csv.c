// SPDX-License-Identifier: MIT
/* summary.csv (every case, every metric, every statistic) and stages.csv (probe stages) for spreadsheets. */
#include <math.h>
#include <string.h>

#include "report.h"

/* The columns' order (the results file lists them in sb_stat_field_names' order). */
static const enum sb_stat_field stat_fields[] = {
	SB_SF_N, SB_SF_MEDIAN, SB_SF_CI95_LOW, SB_SF_CI95_HIGH, SB_SF_MEAN, SB_SF_STDDEV, SB_SF_MIN, SB_SF_MAX,
	SB_SF_P90, SB_SF_P99, SB_SF_OUTLIERS,
};
#define NFIELDS (sizeof(stat_fields) / sizeof(stat_fields[0]))

static void axes(FILE *f, const struct sb_report *r, const struct sb_rcase *c)
{
	sb_csv_str(f, r->runs[c->run].name);
	fputc(',', f);
	sb_csv_str(f, c->m->key_given ? c->m->key : "");
	fputc(',', f);
	sb_csv_str(f, c->label);
	fprintf(f, ",%s,%s,%s,%.0f,%.0f,%s,%d,", c->method, c->preset, c->exec, c->mem_bytes, c->stack_bytes,
		c->ns[0] ? c->ns : "none", c->concurrency);
}

static void status(FILE *f, const struct sb_rcase *c)
{
	fprintf(f, "%s,", c->m->status_name ? c->m->status_name : "?");
	sb_csv_str(f, c->m->reason ? c->m->reason : "");
}

/* One metric's statistics; have says which of them the case holds (the rest are empty cells). */
static void stat_row(FILE *f, const struct sb_report *r, const struct sb_rcase *c, const char *metric,
		     const struct sb_stats *st, unsigned have)
{
	axes(f, r, c);
	status(f, c);
	fputc(',', f);
	sb_csv_str(f, metric);
	for (size_t k = 0; k < NFIELDS; k++) {
		double v = have & (1u << stat_fields[k]) ? sb_stat_get(st, stat_fields[k]) : NAN;
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
		fprintf(f, ",%s", sb_stat_field_names[stat_fields[k]]);
	fputc('\n', f);
	for (size_t i = 0; i < r->ncases; i++) {
		const struct sb_rcase *c = &r->cases[i];
		size_t with_stats = 0;
		for (size_t m = 0; m < c->m->nmetrics; m++)
			with_stats += c->m->metrics[m].have != 0;
		if (!with_stats) {
			/* Skipped and failed cases keep a row: a table that silently loses them misleads. */
			axes(f, r, c);
			status(f, c);
			fprintf(f, ",");
			for (size_t k = 0; k < NFIELDS; k++)
				fputc(',', f);
			fputc('\n', f);
			continue;
		}
		for (size_t m = 0; m < c->m->nmetrics; m++) {
			const struct sb_stats *st = c->m->metrics[m].have ? sb_rmetric_stats(&c->m->metrics[m]) : NULL;
			if (st)
				stat_row(f, r, c, c->m->metrics[m].name, st, c->m->metrics[m].have);
		}
		/* Counter events are metrics too, named counter:SCOPE:EVENT so they sort together. */
		for (size_t k = 0; c->m->counters && k < c->m->counters->nevents; k++) {
			const struct sb_rcounter *e = &c->m->counters->events[k];
			char name[160];
			if (!e->stats_fields)
				continue;
			snprintf(name, sizeof(name), "counter:%s:%s", e->scope ? e->scope : "?", e->name ? e->name : "?");
			stat_row(f, r, c, name, &e->s.st, e->s.have);
		}
	}
	return sb_report_close(r, f, "summary.csv");
}

static int stages(struct sb_report *r)
{
	FILE *f = NULL;
	for (size_t i = 0; i < r->ncases; i++) {
		const struct sb_rcase *c = &r->cases[i];
		const struct sb_rprobe *probe = c->m->probe;
		if (!probe || !probe->nstages)
			continue;
		if (!f) {
			f = sb_report_open(r, "stages.csv");
			if (!f)
				return -1;
			fprintf(f, "run,label,backend,stage,share,share_ci95_low,share_ci95_high,samples,est_ns\n");
		}
		for (size_t k = 0; k < probe->nstages; k++) {
			const struct sb_rstage *s = &probe->stages[k];
			sb_csv_str(f, r->runs[c->run].name);
			fputc(',', f);
			sb_csv_str(f, c->label);
			fprintf(f, ",%s,", probe->backend ? probe->backend : "?");
			sb_csv_str(f, s->name ? s->name : "?");
			fprintf(f, ",%.6g,%.6g,%.6g,%.0f,%.0f\n", s->share, s->share_ci95_low, s->share_ci95_high, s->samples,
				s->est_ns);
		}
	}
	return f ? sb_report_close(r, f, "stages.csv") : 0;
}

int sb_table_csv(struct sb_report *r)
{
	return summary(r) || stages(r) ? -1 : 0;
}
