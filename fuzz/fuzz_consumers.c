// SPDX-License-Identifier: MIT
/*
 * Fuzz what report, compare and export do with a results file the loader accepted: a file that passes
 * the results reader can still hold any JSON under "cases", so the consumers are outside-input parsers too.
 * The input is pooled (as compare and export read it), exported in every format, compared against itself
 * and against an empty run, and drawn as a report with gnuplot replaced by /bin/true (the data files and
 * scripts are still written; nothing is plotted).
 */
#include <ftw.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "compare_output.h"
#include "compare_run.h"
#include "export_formats.h"
#include "gnuplot_script.h"
#include "report.h"
#include "results_read.h"

static char dir[] = "/tmp/sbfuzz-report-XXXXXX";
static FILE *sink;

static int rm_one(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
	(void)st;
	(void)flag;
	(void)ftw;
	return remove(path);
}

static void cleanup(void)
{
	if (dir[sizeof(dir) - 7] != 'X')
		nftw(dir, rm_one, 8, FTW_DEPTH | FTW_PHYS);
}

static void export_and_compare(const char *path)
{
	static const char *const all[] = { "all" };
	static const char *const some[] = { "total_ns", "create_ns", "nonsense" };
	const char *paths[2] = { path, path };
	char err[512];
	struct sb_pool p = { 0 };

	if (!sb_pool_load(&p, paths, 2, err, sizeof(err))) {
		for (int m = 0; m < 2; m++) {
			struct sb_export_opts o = { m ? some : all, m ? 3 : 1 };
			(void)sb_export_csv(&p, &o, sink);
			(void)sb_export_hyperfine(&p, &o, sink);
			(void)sb_export_gab(&p, &o, sink);
		}
	} else if (!err[0]) {
		abort();   /* a refusal must say why */
	}
	sb_pool_free(&p);

	/* The file against itself (two runs a side), then one run against two. */
	for (int round = 0; round < 2; round++) {
		struct sb_cmp c;
		memset(&c, 0, sizeof(c));
		c.threshold = 0.05;
		c.alpha = 0.05;
		if (!sb_pool_load(&c.base, paths, round ? 1 : 2, err, sizeof(err)) &&
		    !sb_pool_load(&c.new_, paths, 2, err, sizeof(err)) &&
		    !sb_cmp_run(&c, round ? some : all, round ? 3 : 1)) {
			(void)sb_cmp_write_markdown(&c, sink);
			(void)sb_cmp_write_json(&c, sink);
			(void)sb_cmp_exit_status(&c);
		}
		sb_cmp_free(&c);
	}
}

static void report(const char *path)
{
	static struct sb_report r;
	int (*const steps[])(struct sb_report *) = {
		sb_fig_memory, sb_fig_methods, sb_fig_namespaces, sb_fig_stages, sb_fig_ecdf,
		sb_fig_stack, sb_fig_concurrency, sb_fig_runs, sb_fig_trend, sb_table_csv, sb_table_latex,
	};
	char err[1024];

	memset(&r, 0, sizeof(r));
	r.metric = "total_ns";
	r.methods_mem = -1;
	r.quiet = 1;
	r.gnuplot = "/bin/true";
	r.dir = dir;
	for (int i = 0; i < 2; i++) {
		/* Refused as report refuses it: unreadable, malformed, or without a usable case. */
		if (sb_report_add_run(&r, path, err, sizeof(err)))
			goto out;
		if (i)
			r.runs[1].path = "/tmp/second.json";
	}
	if (sb_report_build(&r, err, sizeof(err)))
		goto out;
	for (size_t i = 0; i < sizeof(steps) / sizeof(steps[0]); i++)
		if (steps[i](&r))
			break;
	if (!sb_gp_wait_all(&r)) {
		(void)sb_report_markdown(&r);
		(void)sb_report_html(&r);
	}
out:
	sb_report_free(&r);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (!sink) {
		sink = fopen("/dev/null", "w");
		if (!sink || !mkdtemp(dir))
			abort();
		atexit(cleanup);
	}
	char path[] = "/tmp/sbfuzz-consumers-XXXXXX";
	int fd = mkstemp(path);
	if (fd < 0)
		return 0;
	if (write(fd, data, size) == (ssize_t)size) {
		close(fd);
		export_and_compare(path);
		report(path);
	} else {
		close(fd);
	}
	unlink(path);
	return 0;
}
