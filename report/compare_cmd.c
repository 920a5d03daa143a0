// SPDX-License-Identifier: MIT
/* spawnbench compare: the command line around compare_run (matching) and compare_output (writing). */
#include <errno.h>
#include <getopt.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "case_select.h"
#include "report_commands.h"
#include "compare_output.h"
#include "compare_run.h"
#include "output_paths.h"
#include "compare_trace.h"
#include "parse.h"

#define MAX_FILES 256
#define MAX_METRICS 8

static void usage(FILE *f)
{
	fprintf(f,
		"usage: spawnbench compare [OPTIONS] BASE.json NEW.json\n"
		"       spawnbench compare [OPTIONS] --base FILE... --new FILE...\n"
		"\n"
		"Matches cases by key and gives, per case and metric, the ratio of medians (new / base) with a\n"
		"bootstrap 95%% CI, a Mann-Whitney U p-value and a verdict: regression, improvement, no change, noise,\n"
		"inconclusive.\n"
		"\n"
		"  -b, --base FILE       a baseline results file (repeat to pool repeated runs)\n"
		"  -n, --new FILE        a new results file (repeat to pool)\n"
		"  -t, --threshold R     smallest change that matters, '5%%' or '0.05' (default 5%%)\n"
		"  -a, --alpha A         significance level of the test (default 0.05)\n"
		"  -m, --metric LIST     metrics to compare, comma-separated, or 'all' (default total_ns)\n"
		"      --json            write JSON instead of Markdown\n"
		"  -o, --output FILE     write to FILE instead of standard output\n"
		"      --json-out FILE   also write the JSON form to FILE\n"
		"      --case LABEL      compare only this case (its label or key; repeatable)\n"
		"      --where AXIS=VALUE  compare only cases with this axis value, e.g. method=fork, mem=64M\n"
		"                        (repeatable: values of one axis are alternatives, axes must all hold)\n"
		"\n"
		"BASE and NEW may also be profiles of `spawnbench trace --json`: their spawn kinds are then compared\n"
		"by the syscall's time (metric syscall_ns) and explained by their phases and stages.\n"
		"\n"
		"exit status: 0 no case regressed, 1 at least one regressed, 2 bad input or nothing to compare,\n"
		"4 writing an output failed.\n"
		"docs/statistics.md explains the statistics, docs/ci.md the use in CI.\n");
}

struct compare_opts {
	const char *base[MAX_FILES], *new_[MAX_FILES];
	size_t nbase, nnew;
	char *metrics[MAX_METRICS];
	int nmetrics;
	double threshold, alpha;
	int json, metric_given, help;
	const char *output, *json_out;
	struct sb_case_select sel;
};

static int add_file(const char **list, size_t *n, const char *path)
{
	if (*n == MAX_FILES) {
		fprintf(stderr, "spawnbench compare: more than %d files on one side\n", MAX_FILES);
		return -1;
	}
	list[(*n)++] = path;
	return 0;
}

static int parse_metrics(struct compare_opts *o, char *arg)
{
	char err[160];
	int n = sb_split_list(arg, o->metrics, MAX_METRICS, err, sizeof(err));
	if (n < 0) {
		fprintf(stderr, "spawnbench compare: --metric: %s\n", err);
		return -1;
	}
	for (int i = 0; i < n; i++) {
		size_t l = strlen(o->metrics[i]);
		int all = !strcmp(o->metrics[i], SB_CMP_ALL_METRICS);
		if (all && n > 1) {
			fprintf(stderr, "spawnbench compare: --metric: 'all' cannot be combined with other metrics\n");
			return -1;
		}
		/* Verdicts assume smaller is better, which holds for durations only (not spawns_per_s). */
		if (!all && (l < 4 || strcmp(o->metrics[i] + l - 3, "_ns"))) {
			fprintf(stderr, "spawnbench compare: --metric: '%s' is not a duration metric "
					"(create_ns, start_ns, total_ns, exec_ns, nsenter_ns, or all)\n", o->metrics[i]);
			return -1;
		}
	}
	o->nmetrics = n;
	return 0;
}

/* 0, or SB_EXIT_USAGE after saying why. --help is printed here and sets o->help: nothing more to do. */
static int parse_args(int argc, char **argv, struct compare_opts *o)
{
	static const struct option longopts[] = {
		{ "base", required_argument, NULL, 'b' },      { "new", required_argument, NULL, 'n' },
		{ "threshold", required_argument, NULL, 't' }, { "alpha", required_argument, NULL, 'a' },
		{ "metric", required_argument, NULL, 'm' },    { "json", no_argument, NULL, 'j' },
		{ "output", required_argument, NULL, 'o' },    { "json-out", required_argument, NULL, 'J' },
		{ "help", no_argument, NULL, 'h' },            { "case", required_argument, NULL, 'c' },
		{ "where", required_argument, NULL, 'w' },     { NULL, 0, NULL, 0 },
	};
	static char default_metric[] = "total_ns";
	char err[160];
	int opt;

	o->threshold = 0.05;
	o->alpha = 0.05;
	o->metrics[0] = default_metric;
	o->nmetrics = 1;
	optind = 1;
	while ((opt = getopt_long(argc, argv, "b:n:t:a:m:o:h", longopts, NULL)) != -1) {
		switch (opt) {
		case 'b':
			if (add_file(o->base, &o->nbase, optarg))
				return SB_EXIT_USAGE;
			break;
		case 'n':
			if (add_file(o->new_, &o->nnew, optarg))
				return SB_EXIT_USAGE;
			break;
		case 't':
			if (sb_parse_ratio(optarg, &o->threshold, err, sizeof(err))) {
				fprintf(stderr, "spawnbench compare: --threshold: %s\n", err);
				return SB_EXIT_USAGE;
			}
			break;
		case 'a':
			if (sb_parse_ratio(optarg, &o->alpha, err, sizeof(err)) || o->alpha <= 0 || o->alpha >= 0.5) {
				fprintf(stderr, "spawnbench compare: --alpha: '%s' must lie in (0, 0.5), e.g. 0.05\n", optarg);
				return SB_EXIT_USAGE;
			}
			break;
		case 'm':
			o->metric_given = 1;
			if (parse_metrics(o, optarg))
				return SB_EXIT_USAGE;
			break;
		case 'j':
			o->json = 1;
			break;
		case 'o':
			o->output = optarg;
			break;
		case 'J':
			o->json_out = optarg;
			break;
		case 'c':
		case 'w':
			if (sb_select_option(&o->sel, opt, optarg, err, sizeof(err))) {
				fprintf(stderr, "spawnbench compare: %s\n", err);
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
	int npos = argc - optind;
	if (!o->nbase && !o->nnew && npos == 2) {
		o->base[o->nbase++] = argv[optind];
		o->new_[o->nnew++] = argv[optind + 1];
		return 0;
	}
	if (npos || !o->nbase || !o->nnew) {
		fprintf(stderr, "spawnbench compare: give BASE NEW, or --base and --new (each may repeat)\n");
		usage(stderr);
		return SB_EXIT_USAGE;
	}
	return 0;
}

/*
 * Write one form of the comparison to path (or stdout when NULL). 0, or the exit status after saying what
 * failed and why: a path that names no place to write (a missing directory, a directory) is bad input,
 * exit 2; a write that fails (no space, no permission, an I/O error) is exit 4, as in every subcommand.
 */
static int write_to(const struct sb_cmp *c, const char *path, int json, const char *json_text)
{
	FILE *f = path ? fopen(path, "w") : stdout;
	int ret, e = 0;
	if (!f) {
		e = errno;
		fprintf(stderr, "spawnbench compare: cannot write %s: %s\n", path, strerror(e));
		return e == ENOENT || e == ENOTDIR || e == EISDIR || e == ENAMETOOLONG || e == ELOOP ? SB_EXIT_USAGE
												      : SB_EXIT_RUNTIME;
	}
	errno = 0;
	ret = json && json_text ? sb_cmp_write_json_text(json_text, f)
	      : json	    ? sb_cmp_write_json(c, f)
			    : sb_cmp_write_markdown(c, f);
	if (ret || ferror(f))
		e = errno;
	/* A file is closed (which flushes it); standard output is only flushed. */
	if (path ? fclose(f) : fflush(f)) {
		ret = -1;
		e = e ? e : errno;
	}
	if (ret)
		fprintf(stderr, "spawnbench compare: writing %s failed: %s\n", path ? path : "standard output",
			strerror(e ? e : EIO));
	return ret ? SB_EXIT_RUNTIME : 0;
}

/* The JSON form made on a thread of its own while the first output is written. */
struct json_job {
	const struct sb_cmp *c;
	char *text;
};

static void *json_job(void *arg)
{
	struct json_job *j = arg;
	j->text = sb_cmp_json_text(j->c);
	sb_compare_release_plans(); /* explanations compare, with this thread's cache */
	return NULL;
}

/*
 * The output, then with --json-out the JSON form. Both read the comparison only, and on a large file each
 * takes a tenth of the time: the JSON text is made on a second thread meanwhile (its file is still opened
 * only once the first output is written, as before). Without a thread, one after the other.
 */
static int write_outputs(const struct sb_cmp *c, const struct compare_opts *o)
{
	struct json_job j = { .c = c };
	pthread_t t;
	int threaded = o->json_out && !pthread_create(&t, NULL, json_job, &j);
	int status = write_to(c, o->output, o->json, NULL);
	if (threaded)
		pthread_join(t, NULL);
	if (!status && o->json_out)
		status = write_to(c, o->json_out, 1, threaded ? j.text : NULL);
	free(j.text);
	return status;
}

/* Neither output may be the other, nor one of the files compared: that file would be lost. */
static int check_outputs(const struct compare_opts *o, char *err, size_t errlen)
{
	const struct sb_named_path outs[] = { { "-o", o->output }, { "--json-out", o->json_out } };
	struct sb_named_path ins[2 * MAX_FILES];
	size_t n = 0;
	for (size_t i = 0; i < o->nbase; i++)
		ins[n++] = (struct sb_named_path){ "the base file", o->base[i] };
	for (size_t i = 0; i < o->nnew; i++)
		ins[n++] = (struct sb_named_path){ "the new file", o->new_[i] };
	return sb_outputs_distinct(outs, 2, ins, n, err, errlen);
}

int cmd_compare(int argc, char **argv)
{
	struct compare_opts o = { 0 };
	struct sb_cmp c = { 0 };
	char err[512];
	int status = SB_EXIT_USAGE;

	if ((status = parse_args(argc, argv, &o)) || o.help)
		return status;
	status = SB_EXIT_USAGE;
	if (check_outputs(&o, err, sizeof(err))) {
		fprintf(stderr, "spawnbench compare: %s\n", err);
		return SB_EXIT_USAGE;
	}
	c.threshold = o.threshold;
	c.alpha = o.alpha;
	if (sb_pool_load_pair(&c.base, o.base, o.nbase, &c.new_, o.new_, o.nnew, err, sizeof(err))) {
		fprintf(stderr, "spawnbench compare: %s\n", err);
		goto cleanup;
	}
	/* Trace profiles are timed by their syscall phase; results files and profiles do not mix. */
	int trace = sb_trace_pools(&c.base, &c.new_, err, sizeof(err));
	static char trace_metric[] = SB_TRACE_METRIC;
	if (trace < 0) {
		fprintf(stderr, "spawnbench compare: %s\n", err);
		goto cleanup;
	}
	if (trace && (!o.metric_given || !strcmp(o.metrics[0], SB_CMP_ALL_METRICS))) {
		o.metrics[0] = trace_metric;
		o.nmetrics = 1;
	}
	/* Both sides noted into one selection: a name is refused only when neither side has it. */
	sb_select_pool(&o.sel, &c.base);
	sb_select_pool(&o.sel, &c.new_);
	if (sb_select_verdict(&o.sel, err, sizeof(err))) {
		fprintf(stderr, "spawnbench compare: %s\n", err);
		goto cleanup;
	}
	if (sb_cmp_run(&c, (const char *const *)o.metrics, (size_t)o.nmetrics)) {
		fprintf(stderr, "spawnbench compare: out of memory\n");
		goto cleanup;
	}
	if ((status = write_outputs(&c, &o)))
		goto cleanup;
	status = sb_cmp_exit_status(&c);
	if (status == SB_EXIT_USAGE)
		fprintf(stderr, "spawnbench compare: nothing compared: no case of %s has usable samples in %s too\n",
			o.base[0], o.new_[0]);
cleanup:
	sb_cmp_free(&c);
	return status;
}
