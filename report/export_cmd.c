// SPDX-License-Identifier: MIT
/*
 * spawnbench export: results files -> hyperfine JSON, github-action-benchmark JSON, Bencher Metric Format
 * or CSV. An export a consumer would reject or misread is refused (exit 2) rather than written: a metric
 * no exported case measured, or nothing to export at all.
 */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "atomic_file.h"
#include "case_select.h"
#include "report_commands.h"
#include "export_formats.h"
#include "output_paths.h"
#include "parse.h"

#define MAX_METRICS 8

static const struct format {
	const char *name;
	int (*write)(const struct sb_pool *, const struct sb_export_opts *, FILE *);
	const char *default_metric;
} formats[] = {
	{ "hyperfine", sb_export_hyperfine, "total_ns" },
	{ "github-action-benchmark", sb_export_gab, "total_ns" },
	{ "bencher", sb_export_bencher, "all" },
	{ "csv", sb_export_csv, "all" },
};
#define N_FORMATS (sizeof(formats) / sizeof(formats[0]))

static void usage(FILE *f)
{
	fprintf(f,
		"usage: spawnbench export --format FORMAT [-o FILE] [--metric LIST] [--case LABEL] [--where AXIS=VALUE]\n"
		"                         RESULTS.json...\n"
		"\n"
		"  -f, --format FORMAT   hyperfine (its --export-json layout, seconds),\n"
		"                        github-action-benchmark (customSmallerIsBetter, nanoseconds),\n"
		"                        bencher (Bencher Metric Format: latencies in ns, throughput), csv\n"
		"  -o, --output FILE     write FILE (atomically) instead of standard output\n"
		"  -m, --metric LIST     metrics, comma-separated, or 'all' (default: total_ns; bencher, csv: all)\n"
		"      --case LABEL      export only this case (its label or key; repeatable)\n"
		"      --where AXIS=VALUE  export only cases with this axis value, e.g. method=fork, mem=64M\n"
		"                        (repeatable: values of one axis are alternatives, axes must all hold)\n"
		"\n"
		"Cases with the same key in several files are pooled (repeated runs). Only ok cases are exported.\n"
		"exit status: 0 written, 2 bad input (unknown metric or case, nothing to export), 4 write failed.\n");
}

static const struct format *find_format(const char *name)
{
	const char *names[N_FORMATS];
	for (size_t i = 0; i < N_FORMATS; i++) {
		if (!strcmp(name, formats[i].name))
			return &formats[i];
		names[i] = formats[i].name;
	}
	const char *near = sb_closest(name, names, N_FORMATS);
	fprintf(stderr, "spawnbench export: unknown format '%s'%s%s%s (hyperfine, github-action-benchmark, bencher, csv)\n",
		name, near ? ", did you mean '" : "", near ? near : "", near ? "'?" : "");
	return NULL;
}

static size_t count_exported(const struct sb_pool *p)
{
	size_t n = 0;
	for (size_t i = 0; i < p->ncases; i++)
		n += p->cases[i].status == SB_ST_OK;
	return n;
}

/* The metrics the exported (ok) cases measured, comma-separated, for messages. */
static void metrics_available(const struct sb_pool *p, char *buf, size_t len)
{
	size_t o = 0;
	buf[0] = 0;
	for (size_t i = 0; i < p->ncases; i++) {
		if (p->cases[i].status != SB_ST_OK)
			continue;
		for (size_t m = 0; m < p->cases[i].nmetrics && o < len; m++) {
			const char *name = p->cases[i].metrics[m].name;
			size_t nl = strlen(name);
			int dup = 0;
			for (const char *q = strstr(buf, name); q && !dup; q = strstr(q + 1, name))
				dup = (q == buf || q[-1] == ' ') && (q[nl] == ',' || !q[nl]);
			if (!dup && p->cases[i].metrics[m].n)
				o += (size_t)snprintf(buf + o, len - o, "%s%s", o ? ", " : "", name);
		}
	}
}

/* Every metric asked for must be measured by an exported case; "all" needs one metric anywhere. */
static int check_metrics(const struct sb_pool *p, char *const *metrics, int n)
{
	char avail[512];
	metrics_available(p, avail, sizeof(avail));
	for (int k = 0; k < n; k++) {
		if (!strcmp(metrics[k], "all") && n == 1 && *avail)
			return 0;
		int found = 0;
		for (size_t i = 0; i < p->ncases && !found; i++) {
			size_t nv;
			found = p->cases[i].status == SB_ST_OK && sb_pool_samples(&p->cases[i], metrics[k], &nv);
		}
		if (!found) {
			fprintf(stderr, "spawnbench export: metric '%s': no exported case measured it (metrics: %s)\n",
				metrics[k], *avail ? avail : "none");
			return -1;
		}
	}
	return 0;
}
/* What the command line asks for; parse_args fills it before any file is read. */
struct export_opts {
	const struct format *fmt;
	const char *output;          /* -o FILE, or NULL: standard output */
	char *metrics[MAX_METRICS];  /* the format's default when none is given */
	int nmetrics, help;
	struct sb_case_select sel;
	char **files;                /* the results files */
	int nfiles;
};

/* 0, or SB_EXIT_USAGE after saying why. --help is printed here and sets o->help: nothing more to do. */
static int parse_args(int argc, char **argv, struct export_opts *o)
{
	static const struct option longopts[] = {
		{ "format", required_argument, NULL, 'f' }, { "output", required_argument, NULL, 'o' },
		{ "metric", required_argument, NULL, 'm' }, { "help", no_argument, NULL, 'h' },
		{ "case", required_argument, NULL, 'c' }, { "where", required_argument, NULL, 'w' },
		{ NULL, 0, NULL, 0 },
	};
	char err[512];
	int opt;

	memset(o, 0, sizeof(*o));
	optind = 1;
	while ((opt = getopt_long(argc, argv, "f:o:m:h", longopts, NULL)) != -1) {
		switch (opt) {
		case 'f':
			if (!(o->fmt = find_format(optarg)))
				return SB_EXIT_USAGE;
			break;
		case 'o':
			o->output = optarg;
			break;
		case 'm':
			o->nmetrics = sb_split_list(optarg, o->metrics, MAX_METRICS, err, sizeof(err));
			if (o->nmetrics < 0) {
				fprintf(stderr, "spawnbench export: --metric: %s\n", err);
				return SB_EXIT_USAGE;
			}
			break;
		case 'c':
		case 'w':
			if (sb_select_option(&o->sel, opt, optarg, err, sizeof(err))) {
				fprintf(stderr, "spawnbench export: %s\n", err);
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
	if (!o->fmt || optind >= argc) {
		fprintf(stderr, "spawnbench export: %s\n", !o->fmt ? "--format is required" : "no results file given");
		usage(stderr);
		return SB_EXIT_USAGE;
	}
	o->files = argv + optind;
	o->nfiles = argc - optind;
	if (!o->nmetrics) {
		o->metrics[0] = (char *)o->fmt->default_metric;
		o->nmetrics = 1;
	}
	return 0;
}

int cmd_export(int argc, char **argv)
{
	static struct export_opts o;
	const char *output;
	char err[512];
	int status;
	struct sb_pool pool = { 0 };
	struct sb_atomic_file af = { 0 };
	FILE *f = stdout;

	if ((status = parse_args(argc, argv, &o)) || o.help)
		return status;
	status = SB_EXIT_USAGE;
	output = o.output;
	struct sb_named_path out = { "-o", output }, ins[o.nfiles];
	for (int i = 0; i < o.nfiles; i++)
		ins[i] = (struct sb_named_path){ "the results file", o.files[i] };
	if (sb_outputs_distinct(&out, 1, ins, (size_t)o.nfiles, err, sizeof(err))) {
		fprintf(stderr, "spawnbench export: %s\n", err);
		return SB_EXIT_USAGE;
	}
	if (sb_pool_load(&pool, (const char *const *)o.files, (size_t)o.nfiles, err, sizeof(err))) {
		fprintf(stderr, "spawnbench export: %s\n", err);
		goto cleanup;
	}
	sb_select_pool(&o.sel, &pool);
	if (sb_select_verdict(&o.sel, err, sizeof(err))) {
		fprintf(stderr, "spawnbench export: %s\n", err);
		goto cleanup;
	}
	if (!count_exported(&pool)) {
		fprintf(stderr, "spawnbench export: no case with status ok%s: refusing to write an empty export\n",
			sb_select_active(&o.sel) ? " among the cases selected" : "");
		goto cleanup;
	}
	if (check_metrics(&pool, o.metrics, o.nmetrics))
		goto cleanup;
	char target[4096];
	if (output && !sb_output_target(output, target, sizeof(target)))
		output = target;   /* a link to a file not made yet: write there, the link stays */
	if (output) {
		if (sb_atomic_open(&af, output)) {
			fprintf(stderr, "spawnbench export: %s: %s\n", output, strerror(errno));
			goto cleanup;
		}
		f = af.f;
	}
	struct sb_export_opts eo = { (const char *const *)o.metrics, (size_t)o.nmetrics };
	if (o.fmt->write(&pool, &eo, f) || (output ? sb_atomic_commit(&af) : fflush(f))) {
		fprintf(stderr, "spawnbench export: writing %s failed: %s\n", output ? output : "standard output",
			strerror(errno));
		status = SB_EXIT_RUNTIME;
		goto cleanup;
	}
	status = SB_EXIT_OK;
cleanup:
	sb_atomic_abort(&af);
	sb_pool_free(&pool);
	return status;
}
