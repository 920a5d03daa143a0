// SPDX-License-Identifier: MIT
/*
 * The options of `spawnbench run`, on the command line and in plan files: the axes through the axis table
 * (axes.h, whose entries carry their parsers), the run options through the table below. Every message names
 * the option; one quoting a very long value is shortened to stay readable.
 */
#include "cli_run.h"

#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "axes.h"
#include "axis_parse.h"
#include "commands.h"
#include "parse.h"
#include "placement.h"

/*
 * The run options (not axes: those are in the axis table, axes.h). Each is set by a short function; the
 * generic ones find their field in struct sb_run_config by offset and take their bounds from the row.
 */
struct run_opt {
	const char *name;
	char short_name;
	const char *arg;   /* in --help; NULL: a switch, it takes no value */
	const char *help;
	/* 0, 1 for --help (printed), or -1 with err set (prefixed with the option by the caller). */
	int (*set)(const struct run_opt *o, const char *a, struct sb_run_config *cfg, char *err, size_t errlen);
	size_t field;      /* offsetof the field in struct sb_run_config */
	uint64_t lo, hi;   /* whole numbers: the range */
};

static void *field_of(const struct run_opt *o, struct sb_run_config *cfg)
{
	return (char *)cfg + o->field;
}

static int set_string(const struct run_opt *o, const char *a, struct sb_run_config *cfg, char *err, size_t errlen)
{
	(void)err, (void)errlen;
	*(const char **)field_of(o, cfg) = a;
	return 0;
}

static int set_switch(const struct run_opt *o, const char *a, struct sb_run_config *cfg, char *err, size_t errlen)
{
	(void)a, (void)err, (void)errlen;
	*(int *)field_of(o, cfg) = 1;
	return 0;
}

static int set_uint(const struct run_opt *o, const char *a, struct sb_run_config *cfg, char *err, size_t errlen)
{
	uint64_t v;
	if (sb_parse_uint(a, o->hi, &v, err, errlen))
		return -1;
	if (v < o->lo) {
		snprintf(err, errlen, "'%s' must be at least %llu", a, (unsigned long long)o->lo);
		return -1;
	}
	*(uint32_t *)field_of(o, cfg) = (uint32_t)v;
	return 0;
}

static int set_seed(const struct run_opt *o, const char *a, struct sb_run_config *cfg, char *err, size_t errlen)
{
	return sb_parse_uint(a, UINT64_MAX, (uint64_t *)field_of(o, cfg), err, errlen) ? -1 : 0;
}

static int set_ratio(const struct run_opt *o, const char *a, struct sb_run_config *cfg, char *err, size_t errlen)
{
	return sb_parse_ratio(a, (double *)field_of(o, cfg), err, errlen) ? -1 : 0;
}

static int set_seconds(const struct run_opt *o, const char *a, struct sb_run_config *cfg, char *err, size_t errlen)
{
	double *s = field_of(o, cfg);
	if (sb_parse_seconds(a, s, err, errlen))
		return -1;
	if (o->lo && *s < 0.001) {
		snprintf(err, errlen, "'%s' is shorter than a millisecond", a);
		return -1;
	}
	return 0;
}

static int set_stop_metric(const struct run_opt *o, const char *a, struct sb_run_config *cfg, char *err,
			   size_t errlen)
{
	(void)o;
	for (int i = 0; i < SB_N_METRICS; i++) {
		if (!strcmp(a, sb_metric_short[i]) || !strcmp(a, sb_metric_names[i])) {
			cfg->stop_metric = i;
			return 0;
		}
	}
	snprintf(err, errlen, "--stop-metric: unknown metric '%s' (create, start, total, exec)", a);
	return -1;
}

static int set_cpus(const struct run_opt *o, const char *a, struct sb_run_config *cfg, char *err, size_t errlen)
{
	uint32_t cpus[64];
	long ncpu = sysconf(_SC_NPROCESSORS_CONF);
	int n = sb_parse_uint_list(a, cpus, 64, 0, (uint64_t)(ncpu > 0 ? ncpu - 1 : 0), "--cpu", err, errlen);
	(void)o;
	if (n < 0)
		return -1;
	for (int i = 0; i < n; i++)
		cfg->cpus[i] = (int)cpus[i];
	cfg->n_cpus = n;
	return 0;
}

static int set_placement(const struct run_opt *o, const char *a, struct sb_run_config *cfg, char *err,
			 size_t errlen)
{
	(void)o;
	return sb_placement_parse(a, &cfg->placement, err, errlen) ? -1 : 0;
}

static int set_backend(const struct run_opt *o, const char *a, struct sb_run_config *cfg, char *err, size_t errlen)
{
	(void)o;
	if (strcmp(a, "auto") && strcmp(a, "fentry") && strcmp(a, "kprobe") && strcmp(a, "tracepoint")) {
		snprintf(err, errlen, "--probe-backend: '%s' is not a backend (auto, fentry, kprobe, tracepoint)", a);
		return -1;
	}
	cfg->probe.backend = a;
	return 0;
}

static int set_counters(const struct run_opt *o, const char *a, struct sb_run_config *cfg, char *err,
			size_t errlen)
{
	(void)o;
	if (strlen(a) >= sizeof(cfg->counters)) {
		snprintf(err, errlen, "--counters list too long");
		return -1;
	}
	snprintf(cfg->counters, sizeof(cfg->counters), "%s", a);
	return 0;
}

static int show_help(const struct run_opt *o, const char *a, struct sb_run_config *cfg, char *err, size_t errlen)
{
	(void)o, (void)a, (void)cfg, (void)err, (void)errlen;
	sb_run_usage(stdout);
	return 1;
}

#define CFG(f) offsetof(struct sb_run_config, f)

static const struct run_opt opts[] = {
	{ "plan", 'p', "NAME", "a named plan (spawnbench list --plans) or a plan file",
	  .set = set_string, .field = CFG(plan) },
	{ "iterations", 'n', "N", "measured spawns per case (the cap with --target-ci); default 100",
	  .set = set_uint, .field = CFG(iterations), .lo = 1, .hi = 10000000 },
	{ "min-iterations", 0, "N", "fewest spawns before --target-ci may stop a case; default 30",
	  .set = set_uint, .field = CFG(min_iterations), .lo = 1, .hi = 10000000 },
	{ "warmup", 'w', "N", "spawns per worker discarded first; default 5",
	  .set = set_uint, .field = CFG(warmup), .lo = 0, .hi = 100000 },
	{ "batch", 0, "N", "spawns per case per round (cases interleave by rounds); default 10, 100 with a --probe list",
	  .set = set_uint, .field = CFG(batch), .lo = 1, .hi = 100000 },
	{ "target-ci", 0, "PCT", "stop a case when its median's 95% CI half-width is within PCT",
	  .set = set_ratio, .field = CFG(target_ci) },
	{ "max-time", 0, "TIME", "stop measuring a case after TIME (e.g. 10s)",
	  .set = set_seconds, .field = CFG(max_time_s) },
	{ "stop-metric", 0, "M", "metric --target-ci watches: create, start, total (default), exec",
	  .set = set_stop_metric },
	{ "seed", 0, "N", "seed of the case-order shuffle; default 1", .set = set_seed, .field = CFG(seed) },
	{ "spawn-timeout", 0, "TIME", "a spawn not reaped within TIME fails its case; default 10s",
	  .set = set_seconds, .field = CFG(spawn_timeout_s), .lo = 1 },
	{ "cpu", 0, "LIST", "pin spawners to these CPUs (round robin)", .set = set_cpus },
	{ "output", 'o', "FILE", "results JSON (default results/spawnbench-TIME.json)",
	  .set = set_string, .field = CFG(out_path) },
	{ "csv", 0, "FILE", "also write one CSV row per case", .set = set_string, .field = CFG(csv_path) },
	{ "quiet", 'q', NULL, "no progress on stderr", .set = set_switch, .field = CFG(quiet) },
	{ "dry-run", 0, NULL, "list the cases and exit", .set = set_switch, .field = CFG(dry_run) },
	{ "no-table", 0, NULL, "do not print the table", .set = set_switch, .field = CFG(no_table) },
	{ "probe-backend", 0, "B", "auto (default), fentry, kprobe, tracepoint", .set = set_backend },
	{ "probe-hz", 0, "HZ", "kernel stack sampling rate for stages",
	  .set = set_uint, .field = CFG(probe.sample_hz), .lo = 1, .hi = 100000 },
	{ "probe-kmem", 0, NULL, "with --probe: count pages and slab objects per spawn (costly)",
	  .set = set_switch, .field = CFG(probe.kmem) },
	{ "counters", 0, "LIST", "libpfm4 events counted around each spawn", .set = set_counters },
	{ "placement", 0, "P", "same (default: child on the parent's CPU), cross (pthread only) or any (the "
	  "scheduler's choice)", .set = set_placement },
	{ "no-start", 0, NULL, "the child stamps nothing, nor an exec'd program: no start or exec metric, total is the bare spawn",
	  .set = set_switch, .field = CFG(no_start) },
	{ "stage-samples", 0, "N", "with --probe stages: spawn until N samples fell inside copy_process (default 200)",
	  .set = set_uint, .field = CFG(stage_samples), .lo = 0, .hi = 10000000 },
	{ "help", 'h', NULL, "this help", .set = show_help },
};
#define N_OPTS (sizeof(opts) / sizeof(opts[0]))
_Static_assert(sizeof(((struct sb_run_config *)0)->probe.sample_hz) == sizeof(uint32_t), "set_uint writes 32 bits");

/* An option found on the command line: a run option, or an option of the matrix (axes.h). */
struct found {
	const struct run_opt *run;
	const struct sb_axis_opt *axis;
	const char *name, *arg;   /* "mem", "SIZES" (NULL: a switch) */
	int scope;
};

static void usage_line(FILE *f, char short_name, const char *name, const char *arg, const char *help)
{
	char left[64];
	snprintf(left, sizeof(left), "%s%c%s--%s%s%s", short_name ? "-" : "", short_name ? short_name : ' ',
		 short_name ? ", " : " ", name, arg ? " " : "", arg ? arg : "");
	fprintf(f, "  %-28s %s\n", short_name ? left : left + 2, help);
}

struct usage_pass {
	FILE *f;
	int in_cfg;
};

static void usage_axis(const struct sb_axis_opt *o, void *ctx)
{
	const struct usage_pass *p = ctx;
	if (o->in_cfg == p->in_cfg)
		usage_line(p->f, o->short_name, o->name, o->arg, o->help);
}

void sb_run_usage(FILE *f)
{
	struct usage_pass pass = { f, 0 };
	fprintf(f, "usage: spawnbench run [--plan NAME] [AXES] [OPTIONS]\n\n"
		   "Without --plan or axes, runs the default plan. Lists are comma-separated; each axis\n"
		   "multiplies the cases.\n\naxes:\n");
	sb_axis_options_each(usage_axis, &pass);
	fprintf(f, "\noptions:\n");
	pass.in_cfg = 1;
	sb_axis_options_each(usage_axis, &pass);
	for (size_t i = 0; i < N_OPTS; i++)
		usage_line(f, opts[i].short_name, opts[i].name, opts[i].arg, opts[i].help);
	fprintf(f, "\nexit status: 0 done, 2 bad input (nothing ran), 3 probes unavailable, 4 results not written,\n"
		   "130 interrupted (finished cases written). See spawnbench(1).\n");
}

void sb_run_config_defaults(struct sb_run_config *cfg)
{
	memset(cfg, 0, sizeof(*cfg));
	cfg->plan = "cli";
	cfg->iterations = 100;
	cfg->min_iterations = 30;
	cfg->warmup = 5;
	cfg->batch = 0;   /* 0: 10, or 100 with a --probe list (run_cmd.c configure) */
	cfg->stop_metric = SB_MET_TOTAL;
	cfg->seed = 1;
	cfg->spawn_timeout_s = 10;
	cfg->probe.backend = "auto";
	cfg->placement = SB_PLACE_SAME;
	cfg->stage_samples = 200;
}

static int found_run(const struct run_opt *o, struct found *f)
{
	*f = (struct found){ .run = o, .name = o->name, .arg = o->arg, .scope = SB_OPT_GLOBAL };
	return 0;
}

static int found_axis(const struct sb_axis_opt *o, struct found *f)
{
	*f = (struct found){ .axis = o, .name = o->name, .arg = o->arg,
			     .scope = o->in_cfg ? SB_OPT_GLOBAL : SB_OPT_AXIS };
	return 0;
}

/* The option tok names ("-m", "--mem", "--mem=1M": then *inline_arg is "1M"). 0, or -1 when unknown. */
static int find_opt(const char *tok, const char **inline_arg, struct found *f)
{
	const struct sb_axis_opt *a;
	*inline_arg = NULL;
	if (tok[0] == '-' && tok[1] != '-' && tok[1] && !tok[2]) {
		if ((a = sb_axis_option(NULL, 0, tok[1])))
			return found_axis(a, f);
		for (size_t i = 0; i < N_OPTS; i++)
			if (opts[i].short_name == tok[1])
				return found_run(&opts[i], f);
		return -1;
	}
	if (strncmp(tok, "--", 2))
		return -1;
	const char *name = tok + 2, *eq = strchr(name, '=');
	size_t len = eq ? (size_t)(eq - name) : strlen(name);
	*inline_arg = eq ? eq + 1 : NULL;
	if ((a = sb_axis_option(name, len, 0)))
		return found_axis(a, f);
	for (size_t i = 0; i < N_OPTS; i++)
		if (strlen(opts[i].name) == len && !strncmp(opts[i].name, name, len))
			return found_run(&opts[i], f);
	*inline_arg = NULL;
	return -1;
}

/*
 * Copy a message, shortening every word (a run without spaces or quotes) longer than 80 bytes to its first
 * 60 and "...": a 100 KB argument quoted whole would push the reason out of any message buffer.
 */
static void shorten_words(const char *in, char *out, size_t outlen)
{
	size_t o = 0;
	while (*in && o + 1 < outlen) {
		size_t w = strcspn(in, " '\"");
		if (w > 80) {
			int k = snprintf(out + o, outlen - o, "%.60s...", in);
			o += k > 0 && (size_t)k < outlen - o ? (size_t)k : outlen - o - 1;
			in += w;
			continue;
		}
		size_t take = w ? w : 1;
		if (take > outlen - o - 1)
			take = outlen - o - 1;
		memcpy(out + o, in, take);
		o += take;
		in += take;
	}
	out[o] = '\0';
}

static int parse_options(int n, char **tok, int allowed, struct sb_run_config *cfg, struct sb_matrix *m,
			 int *axis_seen, char *err, size_t errlen);

int sb_parse_run_options(int n, char **tok, int allowed, struct sb_run_config *cfg, struct sb_matrix *m,
			 int *axis_seen, char *err, size_t errlen)
{
	/* Room for the longest argument quoted whole, then shortened into err: the reason always fits. */
	size_t longest = 0;
	for (int i = 0; i < n; i++)
		if (strlen(tok[i]) > longest)
			longest = strlen(tok[i]);
	size_t cap = 2 * longest + 2048;
	char *big = malloc(cap);
	if (!big) {
		snprintf(err, errlen, "out of memory");
		return SB_EXIT_USAGE;
	}
	big[0] = '\0';
	int rc = parse_options(n, tok, allowed, cfg, m, axis_seen, big, cap);
	if (rc && rc != 1)
		shorten_words(big, err, errlen);
	free(big);
	return rc;
}

/* Every option as "--name", axes first, for the suggestion of an unknown option. */
struct names {
	char dashed[N_OPTS + 2 * SB_MAX_AXES][40];
	const char *list[N_OPTS + 2 * SB_MAX_AXES];
	size_t n;
};

static void add_name(struct names *nm, const char *name)
{
	if (nm->n < sizeof(nm->list) / sizeof(nm->list[0])) {
		snprintf(nm->dashed[nm->n], sizeof(nm->dashed[0]), "--%s", name);
		nm->list[nm->n] = nm->dashed[nm->n];
		nm->n++;
	}
}

static void add_axis_name(const struct sb_axis_opt *o, void *ctx)
{
	add_name(ctx, o->name);
}

static int unknown_option(const char *tok, char *err, size_t errlen)
{
	static struct names nm;
	nm.n = 0;
	sb_axis_options_each(add_axis_name, &nm);
	for (size_t j = 0; j < N_OPTS; j++)
		add_name(&nm, opts[j].name);
	/* Suggest against "--name" so the suggestion can be typed as shown; a short option gets none. */
	sb_unknown_name(err, errlen, "option", tok, nm.list, strncmp(tok, "--", 2) ? 0 : nm.n,
			"see 'spawnbench run --help'");
	return SB_EXIT_USAGE;
}

/* The value of option f at tok[*i] (inline, or the next word, which *i then passes). 0, or -1 with err. */
static int option_value(const struct found *f, const char *inline_arg, int n, char **tok, int *i,
			const char **arg, char *err, size_t errlen)
{
	*arg = NULL;
	if (!f->arg) {
		if (!inline_arg)
			return 0;
		snprintf(err, errlen, "--%s takes no value", f->name);
		return -1;
	}
	if (inline_arg)
		*arg = inline_arg;
	else if (*i + 1 < n)
		*arg = tok[++*i];
	else {
		snprintf(err, errlen, "--%s needs a value (%s)", f->name, f->arg);
		return -1;
	}
	return 0;
}

/* Set option f to arg: 0, 1 for --help, or SB_EXIT_USAGE with err naming the option. */
static int set_option(const struct found *f, const char *arg, struct sb_run_config *cfg, struct sb_matrix *m,
		      char *err, size_t errlen)
{
	char *sub = malloc(errlen);   /* as long as err: the value may be quoted whole */
	if (!sub) {
		snprintf(err, errlen, "out of memory");
		return SB_EXIT_USAGE;
	}
	sub[0] = '\0';
	int rc = f->run ? f->run->set(f->run, arg, cfg, sub, errlen)
		: f->axis->parse(f->axis, arg, f->axis->in_cfg ? (void *)cfg : (void *)m, sub, errlen);
	if (rc && rc != 1) {
		/* Messages from the list parsers do not know which option they served. */
		if (strstr(sub, "--") == sub)
			snprintf(err, errlen, "%s", sub);
		else
			snprintf(err, errlen, "--%s: %s", f->name, sub);
		rc = SB_EXIT_USAGE;
	}
	free(sub);
	return rc;
}

static int parse_options(int n, char **tok, int allowed, struct sb_run_config *cfg, struct sb_matrix *m,
			 int *axis_seen, char *err, size_t errlen)
{
	for (int i = 0; i < n; i++) {
		const char *inline_arg, *arg;
		struct found f;
		if (find_opt(tok[i], &inline_arg, &f))
			return unknown_option(tok[i], err, errlen);
		if (!(f.scope & allowed)) {
			snprintf(err, errlen, "--%s is %s here", f.name,
				 f.scope == SB_OPT_AXIS ? "an axis: axes go on a plan's cases: lines, or on the command "
				 "line without --plan" : "a run option: it goes on the plan's options: line");
			return SB_EXIT_USAGE;
		}
		if (option_value(&f, inline_arg, n, tok, &i, &arg, err, errlen))
			return SB_EXIT_USAGE;
		if (f.scope == SB_OPT_AXIS && axis_seen)
			*axis_seen = 1;
		int rc = set_option(&f, arg, cfg, m, err, errlen);
		if (rc)
			return rc;
	}
	return 0;
}
