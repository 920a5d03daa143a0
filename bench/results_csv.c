// SPDX-License-Identifier: MIT
/* One CSV row per case: its axes, status, and each metric's statistics. */
#include <errno.h>
#include <string.h>

#include "atomic_file.h"
#include "counters.h"
#include "csv.h"
#include "methods_table.h"
#include "namespaces.h"
#include "results.h"

int sb_write_csv(const struct sb_run_config *cfg, const char *path)
{
	static const char *const fields[] = { "n", "median", "ci95_low", "ci95_high", "mean", "stddev", "min", "max", "p90", "p99" };
	struct sb_atomic_file a;
	if (sb_atomic_open(&a, path)) {
		fprintf(stderr, "spawnbench: cannot write %s: %s\n", path, strerror(errno));
		return -1;
	}
	FILE *f = a.f;
	fprintf(f, "label,method,preset,exec,mem_bytes,vmas,thp,stack_bytes,namespaces,concurrency,status,reason");
	for (int m = 0; m < SB_N_METRICS; m++)
		for (size_t k = 0; k < sizeof(fields) / sizeof(fields[0]); k++)
			fprintf(f, ",%s_%s", sb_metric_short[m], fields[k]);
	sb_counters_csv_header(f, cfg);
	fprintf(f, ",key\n");
	for (size_t i = 0; i < cfg->n_cases; i++) {
		const struct sb_case *c = &cfg->cases[i];
		char ns[96];
		sb_ns_set_name(c->ns_set, ns, sizeof(ns));
		sb_csv_str(f, c->label);
		fprintf(f, ",%s,%s,", sb_methods[c->w.method].name, c->preset);
		sb_csv_str(f, c->exec_label);
		fprintf(f, ",%llu,%u,%s,%llu,%s,%u,%s,", (unsigned long long)c->w.mem_bytes, c->w.vmas,
			c->w.thp ? "on" : "off", (unsigned long long)c->w.stack_bytes, ns, c->concurrency,
			c->status == SB_ST_OK ? "ok" : c->status == SB_ST_ERROR ? "error" :
			c->status == SB_ST_INTERRUPTED ? "interrupted" : "skipped");
		sb_csv_str(f, c->reason);
		for (int m = 0; m < SB_N_METRICS; m++) {
			struct sb_stats s;
			if (!sb_case_metric_stats(c, m, &s)) {
				fprintf(f, ",,,,,,,,,,");
				continue;
			}
			fprintf(f, ",%zu,%.1f,%.1f,%.1f,%.1f,%.1f,%.1f,%.1f,%.1f,%.1f", s.n, s.median, s.ci95_low,
				s.ci95_high, s.mean, s.stddev, s.min, s.max, s.p90, s.p99);
		}
		sb_counters_csv_row(f, cfg, c);
		fputc(',', f);
		sb_csv_str(f, c->key);
		fputc('\n', f);
	}
	if (sb_atomic_commit(&a)) {
		fprintf(stderr, "spawnbench: cannot write %s: %s\n", path, strerror(errno));
		return -1;
	}
	return 0;
}
