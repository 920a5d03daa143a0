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

#include "case_select.h"
#include "report_commands.h"
#include "gnuplot_run.h"
#include "parse.h"
#include "gnuplot_script.h"
#include "report.h"
#include "report_outdir.h"

static volatile sig_atomic_t stop_signal;

static void on_signal(int sig)
{
	stop_signal = sig;
	sb_gp_stop = sig;
}

/* Without SA_RESTART, so that a wait for gnuplot sees the signal at once. */
static void set_handlers(void (*h)(int))
{
	struct sigaction sa;
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = h;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGHUP, &sa, NULL);
	sigaction(SIGQUIT, &sa, NULL);
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
		"      --case LABEL      report only this case (its label or key; repeatable)\n"
		"      --where AXIS=VALUE  report only cases with this axis value, e.g. method=fork, mem=64M\n"
		"                        (repeatable: values of one axis are alternatives, axes must all hold)\n"
		"  -q, --quiet           no summary on stdout\n"
		"  -h, --help            this help\n"
		"\n"
		"exit status: 0 written, 2 bad input or gnuplot missing/failing (nothing written), 4 I/O error.\n"
		"docs/report.md describes every figure and file.\n");
}

static const char *parse_metric(const char *s)
{
	/* Every latency metric, by its name or short form; nsenter is not a spawn latency and has no figures. */
	int m = sb_metric_by_name(s);
	return m < 0 || m == SB_MET_NSENTER ? NULL : sb_metric_names[m];
}

static int load_inputs(struct sb_report *r, char **paths, int n)
{
	char err[1024];
	if (n > SB_REPORT_MAX_FILES) {
		fprintf(stderr, "spawnbench report: more than %d results files\n", SB_REPORT_MAX_FILES);
		return -1;
	}
	for (int i = 0; i < n; i++) {
		if (sb_report_add_run(r, paths[i], err, sizeof(err))) {
			fprintf(stderr, "spawnbench report: %s\n", err);
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
		sb_fig_stack, sb_fig_vmas, sb_fig_concurrency, sb_fig_runs, sb_fig_trend, sb_fig_stage_delta,
		sb_table_csv, sb_table_latex,
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

/* Mark in every loaded file the cases --case/--where leave out, before the report's cases are built. */
static int select_cases(struct sb_report *r, struct sb_case_select *sel)
{
	char err[1024];
	if (!sb_select_active(sel))
		return 0;
	for (size_t i = 0; i < r->nruns; i++) {
		struct sb_rrun *run = &r->runs[i];
		if (!(run->dropped = calloc(run->res.ncases + 1, 1))) {
			fprintf(stderr, "spawnbench report: out of memory\n");
			return -1;
		}
		for (size_t k = 0; k < run->res.ncases; k++) {
			const struct sb_result_case *c = &run->res.cases[k];
			run->dropped[k] = !sb_select_note(sel, c->key_given ? c->key : "", c->label_given ? c->label : "");
		}
	}
	if (sb_select_verdict(sel, err, sizeof(err))) {
		fprintf(stderr, "spawnbench report: %s\n", err);
		return -1;
	}
	return 0;
}

/* What the command line asks for; parse_args fills it before any file is read. */
struct report_opts {
	const char *out;             /* -o DIR */
	char **files;                /* the results files */
	int nfiles;
	const char *metric;          /* a metric's name, "total_ns" by default */
	const char *gnuplot;
	double methods_mem;          /* --methods-mem in bytes, -1: the smallest measured */
	int paper, quiet, help;
	struct sb_case_select sel;
};

/* 0, or SB_EXIT_USAGE after saying why. --help is printed here and sets o->help: nothing more to do. */
static int parse_args(int argc, char **argv, struct report_opts *o)
{
	static const struct option opts[] = {
		{ "output", required_argument, NULL, 'o' },
		{ "style", required_argument, NULL, 's' },
		{ "metric", required_argument, NULL, 'm' },
		{ "gnuplot", required_argument, NULL, 'G' },
		{ "methods-mem", required_argument, NULL, 'M' },
		{ "quiet", no_argument, NULL, 'q' },
		{ "help", no_argument, NULL, 'h' },
		{ "case", required_argument, NULL, 'c' },
		{ "where", required_argument, NULL, 'w' },
		{ NULL, 0, NULL, 0 },
	};
	char err[1024];
	int c;

	memset(o, 0, sizeof(*o));
	o->metric = "total_ns";
	o->methods_mem = -1;
	o->gnuplot = getenv("SPAWNBENCH_GNUPLOT");
	if (!o->gnuplot || !o->gnuplot[0])
		o->gnuplot = "gnuplot";
	optind = 1;
	while ((c = getopt_long(argc, argv, "o:s:m:qh", opts, NULL)) != -1) {
		switch (c) {
		case 'o':
			o->out = optarg;
			break;
		case 's':
			if (strcmp(optarg, "screen") && strcmp(optarg, "paper")) {
				fprintf(stderr, "spawnbench report: --style: '%s' is neither screen nor paper\n", optarg);
				return SB_EXIT_USAGE;
			}
			o->paper = !strcmp(optarg, "paper");
			break;
		case 'm':
			o->metric = parse_metric(optarg);
			if (!o->metric) {
				fprintf(stderr, "spawnbench report: --metric: '%s' is not create, start, total or exec\n",
					optarg);
				return SB_EXIT_USAGE;
			}
			break;
		case 'G':
			o->gnuplot = optarg;
			break;
		case 'M': {
			uint64_t size;
			if (sb_parse_size(optarg, &size, err, sizeof(err))) {
				fprintf(stderr, "spawnbench report: --methods-mem: %s\n", err);
				return SB_EXIT_USAGE;
			}
			o->methods_mem = (double)size;
			break;
		}
		case 'q':
			o->quiet = 1;
			break;
		case 'c':
		case 'w':
			if (sb_select_option(&o->sel, c, optarg, err, sizeof(err))) {
				fprintf(stderr, "spawnbench report: %s\n", err);
				return SB_EXIT_USAGE;
			}
			break;
		case 'h':
			usage(stdout);
			o->help = 1;
			return SB_EXIT_OK;
		default:
			usage(stderr);
			return SB_EXIT_USAGE;
		}
	}
	if (!o->out || optind >= argc) {
		fprintf(stderr, "spawnbench report: %s\n", !o->out ? "-o DIR is required" : "no results file given");
		usage(stderr);
		return SB_EXIT_USAGE;
	}
	o->files = argv + optind;
	o->nfiles = argc - optind;
	return 0;
}

int cmd_report(int argc, char **argv)
{
	static struct sb_report r;
	static struct report_opts o;
	char tmp[PATH_MAX] = "", err[1024];
	int rc;
	struct timespec t0, t1;

	clock_gettime(CLOCK_MONOTONIC, &t0);
	if ((rc = parse_args(argc, argv, &o)) || o.help)
		return rc;
	memset(&r, 0, sizeof(r));
	r.metric = o.metric;
	r.methods_mem = o.methods_mem;
	r.gnuplot = o.gnuplot;
	r.paper = o.paper;
	r.quiet = o.quiet;
	const char *out = o.out;
	rc = SB_EXIT_USAGE;
	if (load_inputs(&r, o.files, o.nfiles) || select_cases(&r, &o.sel))
		goto cleanup;
	if (sb_report_build(&r, err, sizeof(err))) {
		fprintf(stderr, "spawnbench report: %s\n", err);
		rc = SB_EXIT_RUNTIME;
		goto cleanup;
	}
	/* gnuplot runs in the output directory: a relative program path is made absolute first. */
	static char gp_abs[PATH_MAX];
	if (strchr(r.gnuplot, '/') && r.gnuplot[0] != '/' && realpath(r.gnuplot, gp_abs))
		r.gnuplot = gp_abs;
	/* Leave no temporary directory behind on Ctrl-C: from its creation on, stop between steps and clean up. */
	set_handlers(on_signal);
	if (sb_outdir_prepare(out, tmp, sizeof(tmp), err, sizeof(err))) {
		fprintf(stderr, "spawnbench report: %s\n", err);
		tmp[0] = 0;
		goto cleanup;
	}
	r.dir = tmp;
	if (sb_gp_check(&r) && !stop_signal) {
		fprintf(stderr, "spawnbench report: %s\n", r.err);
		goto cleanup;
	}
	if (stop_signal || render(&r)) {
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
	set_handlers(SIG_DFL);
	sb_report_free(&r);
	return rc;
}
