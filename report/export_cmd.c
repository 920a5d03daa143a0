// SPDX-License-Identifier: MIT
/* spawnbench export: results files -> hyperfine JSON, github-action-benchmark JSON or CSV. */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "atomic_file.h"
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
	{ "csv", sb_export_csv, "all" },
};
#define N_FORMATS (sizeof(formats) / sizeof(formats[0]))

static void usage(FILE *f)
{
	fprintf(f,
		"usage: spawnbench export --format FORMAT [-o FILE] [--metric LIST] RESULTS.json...\n"
		"\n"
		"  -f, --format FORMAT   hyperfine (its --export-json layout, seconds),\n"
		"                        github-action-benchmark (customSmallerIsBetter, nanoseconds), csv\n"
		"  -o, --output FILE     write FILE (atomically) instead of standard output\n"
		"  -m, --metric LIST     metrics, comma-separated, or 'all' (default: total_ns; csv: all)\n"
		"\n"
		"Cases with the same key in several files are pooled (repeated runs). Only ok cases are exported.\n");
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
	fprintf(stderr, "spawnbench export: unknown format '%s'%s%s%s (hyperfine, github-action-benchmark, csv)\n",
		name, near ? ", did you mean '" : "", near ? near : "", near ? "'?" : "");
	return NULL;
}

static size_t count_exported(const struct sb_pool *p)
{
	size_t n = 0;
	for (size_t i = 0; i < p->ncases; i++)
		n += !strcmp(p->cases[i].status, "ok");
	return n;
}

int cmd_export(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "format", required_argument, NULL, 'f' }, { "output", required_argument, NULL, 'o' },
		{ "metric", required_argument, NULL, 'm' }, { "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	const struct format *fmt = NULL;
	const char *output = NULL;
	char *metrics[MAX_METRICS], err[512];
	int nmetrics = 0, opt, status = SB_EXIT_USAGE;
	struct sb_pool pool = { 0 };
	struct sb_atomic_file af = { 0 };
	FILE *f = stdout;

	optind = 1;
	while ((opt = getopt_long(argc, argv, "f:o:m:h", longopts, NULL)) != -1) {
		switch (opt) {
		case 'f':
			if (!(fmt = find_format(optarg)))
				return SB_EXIT_USAGE;
			break;
		case 'o':
			output = optarg;
			break;
		case 'm':
			nmetrics = sb_split_list(optarg, metrics, MAX_METRICS, err, sizeof(err));
			if (nmetrics < 0) {
				fprintf(stderr, "spawnbench export: --metric: %s\n", err);
				return SB_EXIT_USAGE;
			}
			break;
		case 'h':
			usage(stdout);
			return SB_EXIT_OK;
		default:
			usage(stderr);
			return SB_EXIT_USAGE;
		}
	}
	if (!fmt || optind >= argc) {
		fprintf(stderr, "spawnbench export: %s\n", !fmt ? "--format is required" : "no results file given");
		usage(stderr);
		return SB_EXIT_USAGE;
	}
	struct sb_named_path out = { "-o", output }, ins[argc];
	for (int i = optind; i < argc; i++)
		ins[i - optind] = (struct sb_named_path){ "the results file", argv[i] };
	if (sb_outputs_distinct(&out, 1, ins, (size_t)(argc - optind), err, sizeof(err))) {
		fprintf(stderr, "spawnbench export: %s\n", err);
		return SB_EXIT_USAGE;
	}
	if (!nmetrics) {
		metrics[0] = (char *)fmt->default_metric;
		nmetrics = 1;
	}
	if (sb_pool_load(&pool, (const char *const *)argv + optind, (size_t)(argc - optind), err, sizeof(err))) {
		fprintf(stderr, "spawnbench export: %s\n", err);
		goto cleanup;
	}
	if (!count_exported(&pool))
		fprintf(stderr, "spawnbench export: warning: no case with status ok; the export is empty\n");
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
	struct sb_export_opts eo = { (const char *const *)metrics, (size_t)nmetrics };
	if (fmt->write(&pool, &eo, f) || (output ? sb_atomic_commit(&af) : fflush(f))) {
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
