// SPDX-License-Identifier: MIT
/*
 * spawnbench report FILE... -o DIR: every input is checked before anything is written; all output goes
 * to a temporary directory that replaces DIR only when the whole report is there.
 */
#include <getopt.h>
#include <stdint.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "commands.h"
#include "gnuplot_run.h"
#include "parse.h"
#include "gnuplot_script.h"
#include "report.h"
#include "report_outdir.h"
#include "results_read.h"

static volatile sig_atomic_t stop_signal;

static void on_signal(int sig)
{
	stop_signal = sig;
}

static void usage(FILE *f)
{
	fprintf(f,
		"usage: spawnbench report [OPTIONS] FILE... -o DIR\n"
		"\n"
		"Turns one or more results files into figures (PNG, SVG, PDF, with the gnuplot script and data\n"
		"kept beside each), tables (CSV, LaTeX booktabs) and a report (report.md, self-contained\n"
		"report.html) in DIR. DIR is replaced only when the whole report was written.\n"
		"\n"
		"  -o, --output DIR      output directory (created; an earlier report there is replaced)\n"
		"  -s, --style S         screen (default) or paper: one-column vector figures, print fonts,\n"
		"                        colour-blind-safe palette with dashes and hatching for grey printing\n"
		"  -m, --metric M        latency metric drawn: create, start, total (default) or exec\n"
		"      --methods-mem SIZE  parent memory at which figure 2 compares the methods\n"
		"                        (e.g. 512M; default: the smallest size measured)\n"
		"      --gnuplot PROG    gnuplot program to run (default: gnuplot, or $SPAWNBENCH_GNUPLOT)\n"
		"  -q, --quiet           no summary on stdout\n"
		"  -h, --help            this help\n"
		"\n"
		"exit status: 0 written, 2 bad input or gnuplot missing/failing (nothing written), 4 I/O error.\n"
		"docs/report.md describes every figure and file.\n");
}

static const char *parse_metric(const char *s)
{
	static const char *names[] = { "create_ns", "start_ns", "total_ns", "exec_ns" };
	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		size_t l = strlen(names[i]) - 3;
		if (!strcmp(s, names[i]) || (strlen(s) == l && !strncmp(s, names[i], l)))
			return names[i];
	}
	return NULL;
}

static int load_inputs(struct sb_report *r, char **paths, int n)
{
	char err[1024];
	if (n > SB_REPORT_MAX_FILES) {
		fprintf(stderr, "spawnbench report: more than %d results files\n", SB_REPORT_MAX_FILES);
		return -1;
	}
	for (int i = 0; i < n; i++) {
		json_t *doc = sb_results_load(paths[i], err, sizeof(err));
		if (!doc) {
			fprintf(stderr, "spawnbench report: %s\n", err);
			return -1;
		}
		r->runs[r->nruns].doc = doc;
		r->runs[r->nruns].path = paths[i];
		r->nruns++;
		if (!sb_results_usable_cases(doc)) {
			fprintf(stderr, "spawnbench report: %s: no usable cases (%zu cases, none with status ok and "
					"samples)\n", paths[i], json_array_size(json_object_get(doc, "cases")));
			return -1;
		}
	}
	return 0;
}

/* Everything that is written, in an order where the pages come last: they list what the figures did. */
static int render(struct sb_report *r)
{
	int (*const steps[])(struct sb_report *) = {
		sb_fig_memory, sb_fig_methods, sb_fig_namespaces, sb_fig_stages, sb_fig_ecdf,
		sb_fig_stack, sb_fig_concurrency, sb_fig_runs, sb_fig_trend, sb_fig_stage_delta, sb_table_csv,
		sb_table_latex,
	};
	for (size_t i = 0; i < sizeof(steps) / sizeof(steps[0]); i++) {
		if (stop_signal || steps[i](r))
			goto fail;
	}
	/* The HTML embeds the PNGs, so every gnuplot must have finished first. */
	if (sb_gp_wait_all(r) || stop_signal || sb_report_markdown(r) || sb_report_html(r))
		return -1;
	return 0;
fail:
	sb_gp_wait_all(r);
	return -1;
}

int cmd_report(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "output", required_argument, NULL, 'o' },
		{ "style", required_argument, NULL, 's' },
		{ "metric", required_argument, NULL, 'm' },
		{ "gnuplot", required_argument, NULL, 'G' },
		{ "methods-mem", required_argument, NULL, 'M' },
		{ "quiet", no_argument, NULL, 'q' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	static struct sb_report r;
	const char *out = NULL;
	char tmp[PATH_MAX] = "", err[1024];
	int c, rc = SB_EXIT_USAGE;
	struct timespec t0, t1;

	memset(&r, 0, sizeof(r));
	r.metric = "total_ns";
	r.methods_mem = -1;
	r.gnuplot = getenv("SPAWNBENCH_GNUPLOT");
	if (!r.gnuplot || !r.gnuplot[0])
		r.gnuplot = "gnuplot";
	clock_gettime(CLOCK_MONOTONIC, &t0);
	optind = 1;
	while ((c = getopt_long(argc, argv, "o:s:m:qh", opts, NULL)) != -1) {
		switch (c) {
		case 'o':
			out = optarg;
			break;
		case 's':
			if (strcmp(optarg, "screen") && strcmp(optarg, "paper")) {
				fprintf(stderr, "spawnbench report: --style: '%s' is neither screen nor paper\n", optarg);
				return SB_EXIT_USAGE;
			}
			r.paper = !strcmp(optarg, "paper");
			break;
		case 'm':
			r.metric = parse_metric(optarg);
			if (!r.metric) {
				fprintf(stderr, "spawnbench report: --metric: '%s' is not create, start, total or exec\n",
					optarg);
				return SB_EXIT_USAGE;
			}
			break;
		case 'G':
			r.gnuplot = optarg;
			break;
		case 'M': {
			uint64_t size;
			if (sb_parse_size(optarg, &size, err, sizeof(err))) {
				fprintf(stderr, "spawnbench report: --methods-mem: %s\n", err);
				return SB_EXIT_USAGE;
			}
			r.methods_mem = (double)size;
			break;
		}
		case 'q':
			r.quiet = 1;
			break;
		case 'h':
			usage(stdout);
			return SB_EXIT_OK;
		default:
			usage(stderr);
			return SB_EXIT_USAGE;
		}
	}
	if (!out || optind >= argc) {
		fprintf(stderr, "spawnbench report: %s\n", !out ? "-o DIR is required" : "no results file given");
		usage(stderr);
		return SB_EXIT_USAGE;
	}
	if (load_inputs(&r, argv + optind, argc - optind))
		goto cleanup;
	if (sb_report_build(&r, err, sizeof(err))) {
		fprintf(stderr, "spawnbench report: %s\n", err);
		rc = SB_EXIT_RUNTIME;
		goto cleanup;
	}
	if (sb_outdir_prepare(out, tmp, sizeof(tmp), err, sizeof(err))) {
		fprintf(stderr, "spawnbench report: %s\n", err);
		tmp[0] = 0;
		goto cleanup;
	}
	r.dir = tmp;
	if (sb_gp_check(&r)) {
		fprintf(stderr, "spawnbench report: %s\n", r.err);
		goto cleanup;
	}
	/* Leave no temporary directory behind on Ctrl-C: stop between steps and clean up. */
	signal(SIGINT, on_signal);
	signal(SIGTERM, on_signal);
	signal(SIGHUP, on_signal);
	if (render(&r)) {
		if (stop_signal) {
			fprintf(stderr, "spawnbench report: interrupted; nothing written\n");
			rc = SB_EXIT_INTERRUPTED;
		} else {
			fprintf(stderr, "spawnbench report: %s; nothing written to %s\n", r.err, out);
			/* gnuplot's own failure is bad input to it (or it is missing); the rest is I/O. */
			rc = strncmp(r.err, "gnuplot", 7) ? SB_EXIT_RUNTIME : SB_EXIT_USAGE;
		}
		goto cleanup;
	}
	if (sb_outdir_commit(tmp, out, err, sizeof(err))) {
		fprintf(stderr, "spawnbench report: %s\n", err);
		rc = SB_EXIT_RUNTIME;
		goto cleanup;
	}
	tmp[0] = 0;
	clock_gettime(CLOCK_MONOTONIC, &t1);
	if (!r.quiet) {
		printf("spawnbench report: %zu figures, %zu left out, %zu cases from %zu file%s in %.2f s -> %s/report.html\n",
		       r.nfigs, r.nomit, r.ncases, r.nruns, r.nruns == 1 ? "" : "s",
		       (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9, out);
	}
	rc = SB_EXIT_OK;
cleanup:
	if (tmp[0])
		sb_outdir_remove(tmp);
	signal(SIGINT, SIG_DFL);
	signal(SIGTERM, SIG_DFL);
	signal(SIGHUP, SIG_DFL);
	sb_report_free(&r);
	return rc;
}
