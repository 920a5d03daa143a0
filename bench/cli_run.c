// SPDX-License-Identifier: MIT
#include "cli_run.h"

#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "clone_flags.h"
#include "commands.h"
#include "methods_table.h"
#include "namespaces.h"
#include "parse.h"
#include "placement.h"

enum opt_id {
	O_METHOD, O_PRESET, O_FLAGS, O_EXIT_SIGNAL, O_EXEC, O_MEM, O_VMAS, O_THP, O_MEM_KIND, O_STACK,
	O_STACK_TOUCH, O_NS, O_NS_PATH, O_CONCURRENCY, O_COUNT, O_CHILD_WRITES,
	O_PLAN, O_ITER, O_MIN_ITER, O_WARMUP, O_BATCH, O_TARGET_CI, O_MAX_TIME, O_STOP_METRIC, O_SEED, O_CPU, O_SPAWN_TIMEOUT,
	O_OUT, O_CSV, O_QUIET, O_DRY_RUN, O_NO_TABLE, O_PROBE, O_PROBE_BACKEND, O_PROBE_HZ, O_PROBE_KMEM, O_COUNTERS, O_PLACEMENT, O_NO_START, O_STAGE_SAMPLES, O_HELP,
};

static const struct opt {
	const char *name;
	char short_name;
	int takes_arg;
	int scope;
	enum opt_id id;
	const char *arg, *help;
} opts[] = {
	{ "method", 'm', 1, SB_OPT_AXIS, O_METHOD, "LIST", "fork, vfork, clone, clone3, posix_spawn, posix_spawn-fa, pthread" },
	{ "preset", 0, 1, SB_OPT_AXIS, O_PRESET, "LIST", "clone/clone3 flag presets (see 'spawnbench list'); default process" },
	{ "flags", 0, 1, SB_OPT_AXIS, O_FLAGS, "LIST", "a raw clone flag set, e.g. vm,fs,files,sighand (repeatable)" },
	{ "exit-signal", 0, 1, SB_OPT_AXIS, O_EXIT_SIGNAL, "SIG", "exit signal for --flags sets: sigchld (default) or none" },
	{ "exec", 'e', 1, SB_OPT_AXIS, O_EXEC, "LIST", "none, child (spawnbench's stamping program) or absolute program paths" },
	{ "mem", 0, 1, SB_OPT_AXIS, O_MEM, "SIZES", "touched parent memory, e.g. 0,64M,1G" },
	{ "vmas", 0, 1, SB_OPT_AXIS, O_VMAS, "LIST", "mappings the parent memory is split over (default 1)" },
	{ "thp", 0, 1, SB_OPT_AXIS, O_THP, "on|off", "transparent huge pages for that memory (default off)" },
	{ "mem-kind", 0, 1, SB_OPT_AXIS, O_MEM_KIND, "LIST", "anon (private, default) or shared" },
	{ "stack", 0, 1, SB_OPT_AXIS, O_STACK, "SIZES", "child stack for clone/clone3/pthread (default 64K)" },
	{ "stack-touch", 0, 0, SB_OPT_AXIS, O_STACK_TOUCH, NULL, "fault the child stack in before spawning" },
	{ "ns", 0, 1, SB_OPT_AXIS, O_NS, "LIST", "namespaces: none, user, pid, net, mnt, uts, ipc, cgroup, time, a+b, all, sweep" },
	{ "ns-path", 0, 1, SB_OPT_AXIS, O_NS_PATH, "LIST", "how namespaces are entered: clone (flags on the call), unshare, setns" },
	{ "concurrency", 'c', 1, SB_OPT_AXIS, O_CONCURRENCY, "LIST", "spawner processes running a case at once" },
	{ "child-writes", 0, 0, SB_OPT_AXIS, O_CHILD_WRITES, NULL, "the child writes every page of the parent memory (copy on write)" },
	{ "count", 0, 1, SB_OPT_AXIS, O_COUNT, "on,off", "with --counters: count in these cases (off,on: the cost of counting)" },
	{ "plan", 'p', 1, SB_OPT_GLOBAL, O_PLAN, "NAME", "a named plan (spawnbench list --plans) or a plan file" },
	{ "iterations", 'n', 1, SB_OPT_GLOBAL, O_ITER, "N", "measured spawns per case (the cap with --target-ci); default 100" },
	{ "min-iterations", 0, 1, SB_OPT_GLOBAL, O_MIN_ITER, "N", "fewest spawns before --target-ci may stop a case; default 30" },
	{ "warmup", 'w', 1, SB_OPT_GLOBAL, O_WARMUP, "N", "spawns per worker discarded first; default 5" },
	{ "batch", 0, 1, SB_OPT_GLOBAL, O_BATCH, "N", "spawns per case per round (cases interleave by rounds); default 10, 100 with a --probe list" },
	{ "target-ci", 0, 1, SB_OPT_GLOBAL, O_TARGET_CI, "PCT", "stop a case when its median's 95% CI half-width is within PCT" },
	{ "max-time", 0, 1, SB_OPT_GLOBAL, O_MAX_TIME, "TIME", "stop measuring a case after TIME (e.g. 10s)" },
	{ "stop-metric", 0, 1, SB_OPT_GLOBAL, O_STOP_METRIC, "M", "metric --target-ci watches: create, start, total (default), exec" },
	{ "seed", 0, 1, SB_OPT_GLOBAL, O_SEED, "N", "seed of the case-order shuffle; default 1" },
	{ "spawn-timeout", 0, 1, SB_OPT_GLOBAL, O_SPAWN_TIMEOUT, "TIME", "a spawn not reaped within TIME fails its case; default 10s" },
	{ "cpu", 0, 1, SB_OPT_GLOBAL, O_CPU, "LIST", "pin spawners to these CPUs (round robin)" },
	{ "output", 'o', 1, SB_OPT_GLOBAL, O_OUT, "FILE", "results JSON (default results/spawnbench-TIME.json)" },
	{ "csv", 0, 1, SB_OPT_GLOBAL, O_CSV, "FILE", "also write one CSV row per case" },
	{ "quiet", 'q', 0, SB_OPT_GLOBAL, O_QUIET, NULL, "no progress on stderr" },
	{ "dry-run", 0, 0, SB_OPT_GLOBAL, O_DRY_RUN, NULL, "list the cases and exit" },
	{ "no-table", 0, 0, SB_OPT_GLOBAL, O_NO_TABLE, NULL, "do not print the table" },
	{ "probe", 0, 1, SB_OPT_GLOBAL, O_PROBE, "LEVEL", "kernel profile of each spawn: phases or stages (root); a list such as off,phases,stages runs each case at each level, side by side" },
	{ "probe-backend", 0, 1, SB_OPT_GLOBAL, O_PROBE_BACKEND, "B", "auto (default), fentry, kprobe, tracepoint" },
	{ "probe-hz", 0, 1, SB_OPT_GLOBAL, O_PROBE_HZ, "HZ", "kernel stack sampling rate for stages" },
	{ "probe-kmem", 0, 0, SB_OPT_GLOBAL, O_PROBE_KMEM, NULL, "with --probe: count pages and slab objects per spawn (costly)" },
	{ "counters", 0, 1, SB_OPT_GLOBAL, O_COUNTERS, "LIST", "libpfm4 events counted around each spawn" },
	{ "placement", 0, 1, SB_OPT_GLOBAL, O_PLACEMENT, "P", "same (default: child on the parent's CPU), cross (pthread only) or any (the scheduler's choice)" },
	{ "no-start", 0, 0, SB_OPT_GLOBAL, O_NO_START, NULL, "the child stamps nothing: no start metric, total is the bare spawn" },
	{ "stage-samples", 0, 1, SB_OPT_GLOBAL, O_STAGE_SAMPLES, "N", "with --probe stages: spawn until N samples fell inside copy_process (default 200)" },
	{ "help", 'h', 0, SB_OPT_GLOBAL, O_HELP, NULL, "this help" },
};
#define N_OPTS (sizeof(opts) / sizeof(opts[0]))

void sb_run_usage(FILE *f)
{
	fprintf(f, "usage: spawnbench run [--plan NAME] [AXES] [OPTIONS]\n\n"
		   "Without --plan or axes, runs the default plan. Lists are comma-separated; each axis\n"
		   "multiplies the cases.\n\naxes:\n");
	for (int pass = 0; pass < 2; pass++) {
		if (pass)
			fprintf(f, "\noptions:\n");
		for (size_t i = 0; i < N_OPTS; i++) {
			if ((opts[i].scope == SB_OPT_AXIS) != !pass)
				continue;
			char left[64];
			snprintf(left, sizeof(left), "%s%c%s--%s%s%s", opts[i].short_name ? "-" : "",
				 opts[i].short_name ? opts[i].short_name : ' ', opts[i].short_name ? ", " : " ",
				 opts[i].name, opts[i].arg ? " " : "", opts[i].arg ? opts[i].arg : "");
			fprintf(f, "  %-28s %s\n", opts[i].short_name ? left : left + 2, opts[i].help);
		}
	}
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

static const struct opt *find_opt(const char *tok, const char **inline_arg)
{
	*inline_arg = NULL;
	if (tok[0] == '-' && tok[1] != '-' && tok[1] && !tok[2]) {
		for (size_t i = 0; i < N_OPTS; i++)
			if (opts[i].short_name == tok[1])
				return &opts[i];
		return NULL;
	}
	if (strncmp(tok, "--", 2))
		return NULL;
	const char *name = tok + 2, *eq = strchr(name, '=');
	size_t len = eq ? (size_t)(eq - name) : strlen(name);
	for (size_t i = 0; i < N_OPTS; i++) {
		if (strlen(opts[i].name) == len && !strncmp(opts[i].name, name, len)) {
			if (eq)
				*inline_arg = eq + 1;
			return &opts[i];
		}
	}
	return NULL;
}

static int list_sizes(const char *arg, uint64_t *out, int max, char *err, size_t errlen)
{
	char buf[1024], *items[64];
	snprintf(buf, sizeof(buf), "%s", arg);
	int n = sb_split_list(buf, items, max < 64 ? max : 64, err, errlen);
	for (int i = 0; i < n; i++)
		if (sb_parse_size(items[i], &out[i], err, errlen))
			return -1;
	return n;
}

static int list_uints(const char *arg, uint32_t *out, int max, uint64_t lo, uint64_t hi, const char *what,
		      char *err, size_t errlen)
{
	char buf[512], *items[64];
	snprintf(buf, sizeof(buf), "%s", arg);
	int n = sb_split_list(buf, items, max < 64 ? max : 64, err, errlen);
	for (int i = 0; i < n; i++) {
		uint64_t v;
		if (sb_parse_uint(items[i], hi, &v, err, errlen))
			return -1;
		if (v < lo) {
			snprintf(err, errlen, "%s must be at least %llu", what, (unsigned long long)lo);
			return -1;
		}
		out[i] = (uint32_t)v;
	}
	return n;
}

static int one_uint(const char *arg, uint64_t lo, uint64_t hi, uint32_t *out, char *err, size_t errlen)
{
	uint64_t v;
	if (sb_parse_uint(arg, hi, &v, err, errlen))
		return -1;
	if (v < lo) {
		snprintf(err, errlen, "'%s' must be at least %llu", arg, (unsigned long long)lo);
		return -1;
	}
	*out = (uint32_t)v;
	return 0;
}

static int parse_methods(const char *arg, struct sb_matrix *m, char *err, size_t errlen)
{
	char buf[512], *items[32];
	snprintf(buf, sizeof(buf), "%s", arg);
	int n = sb_split_list(buf, items, 32, err, errlen);
	if (n < 0)
		return -1;
	m->n_methods = 0;
	for (int i = 0; i < n; i++) {
		int id = !strcmp(items[i], "all") ? -2 : sb_method_by_name(items[i]);
		if (id == -1) {
			const char *names[SB_N_METHODS];
			for (int j = 0; j < SB_N_METHODS; j++)
				names[j] = sb_methods[j].name;
			sb_unknown_name(err, errlen, "method", items[i], names, SB_N_METHODS,
					"known: fork vfork clone clone3 posix_spawn posix_spawn-fa pthread, all");
			return -1;
		}
		for (int j = 0; j < SB_N_METHODS; j++) {
			if ((id == -2 || id == j) && m->n_methods < SB_N_METHODS) {
				int seen = 0;
				for (int k = 0; k < m->n_methods; k++)
					seen |= m->methods[k] == j;
				if (!seen)
					m->methods[m->n_methods++] = j;
			}
		}
	}
	return 0;
}

static int parse_presets(const char *arg, struct sb_matrix *m, char *err, size_t errlen)
{
	char buf[512], *items[SB_MAX_FLAGSETS];
	snprintf(buf, sizeof(buf), "%s", arg);
	int n = sb_split_list(buf, items, SB_MAX_FLAGSETS, err, errlen);
	if (n < 0)
		return -1;
	for (int i = 0; i < n; i++) {
		const struct sb_preset *p = sb_find_preset(items[i]);
		if (!p) {
			const char *names[16];
			for (size_t j = 0; j < sb_n_presets; j++)
				names[j] = sb_presets[j].name;
			sb_unknown_name(err, errlen, "preset", items[i], names, sb_n_presets,
					"see 'spawnbench list --presets'");
			return -1;
		}
		if (m->n_flagsets == SB_MAX_FLAGSETS) {
			snprintf(err, errlen, "too many flag sets (at most %d)", SB_MAX_FLAGSETS);
			return -1;
		}
		snprintf(m->flagsets[m->n_flagsets].preset, sizeof(m->flagsets[0].preset), "%s", p->name);
		m->flagsets[m->n_flagsets].flags = p->flags;
		m->flagsets[m->n_flagsets].exit_signal = p->exit_signal;
		m->n_flagsets++;
	}
	return 0;
}

static int parse_onoff_list(const char *arg, int *out, int *n, const char *on, const char *off, const char *what,
			    char *err, size_t errlen)
{
	char buf[64], *items[2];
	snprintf(buf, sizeof(buf), "%s", arg);
	int k = sb_split_list(buf, items, 2, err, errlen);
	if (k < 0)
		return -1;
	for (int i = 0; i < k; i++) {
		if (!strcmp(items[i], on))
			out[i] = 1;
		else if (!strcmp(items[i], off))
			out[i] = 0;
		else {
			snprintf(err, errlen, "%s: '%s' is neither %s nor %s", what, items[i], on, off);
			return -1;
		}
	}
	*n = k;
	return 0;
}

static int parse_cpus(const char *arg, struct sb_run_config *cfg, char *err, size_t errlen)
{
	uint32_t cpus[SB_MAX_CPUS];
	long ncpu = sysconf(_SC_NPROCESSORS_CONF);
	int n = list_uints(arg, cpus, SB_MAX_CPUS, 0, (uint64_t)(ncpu > 0 ? ncpu - 1 : 0), "--cpu", err, errlen);
	if (n < 0)
		return -1;
	for (int i = 0; i < n; i++)
		cfg->cpus[i] = (int)cpus[i];
	cfg->n_cpus = n;
	return 0;
}

static int apply(const struct opt *o, const char *a, struct sb_run_config *cfg, struct sb_matrix *m, char *err,
		 size_t errlen)
{
	int n;
	switch (o->id) {
	case O_METHOD:
		return parse_methods(a, m, err, errlen);
	case O_PRESET:
		return parse_presets(a, m, err, errlen);
	case O_FLAGS:
		if (m->n_flagsets == SB_MAX_FLAGSETS) {
			snprintf(err, errlen, "too many flag sets (at most %d)", SB_MAX_FLAGSETS);
			return -1;
		}
		if (sb_parse_flag_list(a, &m->flagsets[m->n_flagsets].flags, err, errlen))
			return -1;
		snprintf(m->flagsets[m->n_flagsets].preset, sizeof(m->flagsets[0].preset), "raw");
		m->flagsets[m->n_flagsets].exit_signal = strstr(a, "thread") ? 0 : SIGCHLD;
		m->n_flagsets++;
		return 0;
	case O_EXIT_SIGNAL:
		if (strcmp(a, "sigchld") && strcmp(a, "none")) {
			snprintf(err, errlen, "--exit-signal: '%s' is neither sigchld nor none", a);
			return -1;
		}
		for (int i = 0; i < m->n_flagsets; i++)
			if (!strcmp(m->flagsets[i].preset, "raw"))
				m->flagsets[i].exit_signal = strcmp(a, "none") ? SIGCHLD : 0;
		return 0;
	case O_EXEC: {
		char buf[1024], *items[SB_MAX_EXECS];
		snprintf(buf, sizeof(buf), "%s", a);
		if ((n = sb_split_list(buf, items, SB_MAX_EXECS, err, errlen)) < 0)
			return -1;
		for (int i = 0; i < m->n_execs; i++)
			free(m->execs[i]);
		for (int i = 0; i < n; i++)
			m->execs[i] = strdup(items[i]);
		m->n_execs = n;
		return 0;
	}
	case O_MEM:
		return (m->n_mems = list_sizes(a, m->mems, SB_MAX_MEMS, err, errlen)) < 0 ? -1 : 0;
	case O_VMAS:
		return (m->n_vmas = list_uints(a, m->vmas, SB_MAX_VMAS, 1, 1000000, "--vmas", err, errlen)) < 0 ? -1 : 0;
	case O_THP:
		return parse_onoff_list(a, m->thps, &m->n_thps, "on", "off", "--thp", err, errlen);
	case O_MEM_KIND:
		return parse_onoff_list(a, m->mem_kinds, &m->n_mem_kinds, "shared", "anon", "--mem-kind", err, errlen);
	case O_STACK:
		if ((m->n_stacks = list_sizes(a, m->stacks, SB_MAX_STACKS, err, errlen)) < 0)
			return -1;
		for (int i = 0; i < m->n_stacks; i++) {
			if (m->stacks[i] < 4096 || m->stacks[i] > (1ull << 32)) {
				snprintf(err, errlen, "--stack: %llu bytes is outside 4K..4G",
					 (unsigned long long)m->stacks[i]);
				return -1;
			}
		}
		return 0;
	case O_STACK_TOUCH:
		m->stack_touch = 1;
		return 0;
	case O_CHILD_WRITES:
		m->child_writes = 1;
		return 0;
	case O_COUNT:
		return parse_onoff_list(a, m->counting, &m->n_counting, "on", "off", "--count", err, errlen);
	case O_NS:
		return (m->n_ns_sets = sb_parse_ns_list(a, m->ns_sets, SB_MAX_AXIS, err, errlen)) < 0 ? -1 : 0;
	case O_NS_PATH: {
		static const char *const names[] = { "clone", "unshare", "setns" };
		char buf[64], *items[3];
		snprintf(buf, sizeof(buf), "%s", a);
		if ((n = sb_split_list(buf, items, 3, err, errlen)) < 0)
			return -1;
		for (int i = 0; i < n; i++) {
			int k;
			for (k = 0; k < SB_N_NSPATHS && strcmp(items[i], names[k]); k++)
				;
			if (k == SB_N_NSPATHS) {
				snprintf(err, errlen, "--ns-path: unknown path '%s' (clone, unshare, setns)", items[i]);
				return -1;
			}
			m->ns_paths[i] = k;
		}
		m->n_ns_paths = n;
		return 0;
	}
	case O_CONCURRENCY: {
		long cores = sysconf(_SC_NPROCESSORS_ONLN);
		uint64_t limit = (uint64_t)(cores > 0 ? cores : 1) * 64;
		if (limit > SB_MAX_SPAWNERS)
			limit = SB_MAX_SPAWNERS;   /* the probes follow at most this many spawners */
		if ((m->n_concurrency = list_uints(a, m->concurrency, SB_MAX_CONCURRENCY, 1, limit, "--concurrency", err, errlen)) < 0) {
			size_t l = strlen(err);
			snprintf(err + l, errlen - l, " (the limit is 64 spawners per online CPU, and %d in all)",
				 SB_MAX_SPAWNERS);
			return -1;
		}
		return 0;
	}
	case O_PLAN:
		cfg->plan = a;
		return 0;
	case O_ITER:
		return one_uint(a, 1, 10000000, &cfg->iterations, err, errlen);
	case O_MIN_ITER:
		return one_uint(a, 1, 10000000, &cfg->min_iterations, err, errlen);
	case O_WARMUP:
		return one_uint(a, 0, 100000, &cfg->warmup, err, errlen);
	case O_BATCH:
		return one_uint(a, 1, 100000, &cfg->batch, err, errlen);
	case O_TARGET_CI:
		return sb_parse_ratio(a, &cfg->target_ci, err, errlen);
	case O_MAX_TIME:
		return sb_parse_seconds(a, &cfg->max_time_s, err, errlen);
	case O_STOP_METRIC:
		for (int i = 0; i < SB_N_METRICS; i++) {
			if (!strcmp(a, sb_metric_short[i]) || !strcmp(a, sb_metric_names[i])) {
				cfg->stop_metric = i;
				return 0;
			}
		}
		snprintf(err, errlen, "--stop-metric: unknown metric '%s' (create, start, total, exec)", a);
		return -1;
	case O_SEED: {
		uint64_t v;
		if (sb_parse_uint(a, UINT64_MAX, &v, err, errlen))
			return -1;
		cfg->seed = v;
		return 0;
	}
	case O_CPU:
		return parse_cpus(a, cfg, err, errlen);
	case O_SPAWN_TIMEOUT:
		if (sb_parse_seconds(a, &cfg->spawn_timeout_s, err, errlen))
			return -1;
		if (cfg->spawn_timeout_s < 0.001) {
			snprintf(err, errlen, "'%s' is shorter than a millisecond", a);
			return -1;
		}
		return 0;
	case O_OUT:
		cfg->out_path = a;
		return 0;
	case O_CSV:
		cfg->csv_path = a;
		return 0;
	case O_QUIET:
		cfg->quiet = 1;
		return 0;
	case O_DRY_RUN:
		cfg->dry_run = 1;
		return 0;
	case O_NO_TABLE:
		cfg->no_table = 1;
		return 0;
	case O_PLACEMENT:
		return sb_placement_parse(a, &cfg->placement, err, errlen) ? -1 : 0;
	case O_NO_START:
		cfg->no_start = 1;
		return 0;
	case O_STAGE_SAMPLES:
		return one_uint(a, 0, 10000000, &cfg->stage_samples, err, errlen);
	case O_PROBE: {
		/* One level for every case, or a list: each case is run once per level, side by side. */
		char buf[64], *items[4];
		int k;
		snprintf(buf, sizeof(buf), "%s", a);
		k = sb_split_list(buf, items, 4, err, errlen);
		if (k < 0)
			return -1;
		cfg->probe.level = SB_PROBE_OFF;
		cfg->n_probe_levels = 0;
		for (int i = 0; i < k; i++) {
			int l = !strcmp(items[i], "off") ? SB_PROBE_OFF : !strcmp(items[i], "phases") ? SB_PROBE_PHASES
				: !strcmp(items[i], "stages") ? SB_PROBE_STAGES : -1;
			if (l < 0) {
				snprintf(err, errlen, "--probe: '%s' is not a level (off, phases, stages, or a list of them)",
					 items[i]);
				return -1;
			}
			for (int j = 0; j < cfg->n_probe_levels; j++)
				if (cfg->probe_levels[j] == l) {
					snprintf(err, errlen, "--probe: '%s' is listed twice", items[i]);
					return -1;
				}
			cfg->probe_levels[cfg->n_probe_levels++] = l;
			if (l > (int)cfg->probe.level)
				cfg->probe.level = (enum sb_probe_level)l;
		}
		return 0;
	}
	case O_PROBE_BACKEND:
		if (strcmp(a, "auto") && strcmp(a, "fentry") && strcmp(a, "kprobe") && strcmp(a, "tracepoint")) {
			snprintf(err, errlen, "--probe-backend: '%s' is not a backend (auto, fentry, kprobe, tracepoint)", a);
			return -1;
		}
		cfg->probe.backend = a;
		return 0;
	case O_PROBE_HZ: {
		uint32_t hz;
		if (one_uint(a, 1, 100000, &hz, err, errlen))
			return -1;
		cfg->probe.sample_hz = hz;
		return 0;
	}
	case O_PROBE_KMEM:
		cfg->probe.kmem = 1;
		return 0;
	case O_COUNTERS:
		if (strlen(a) >= sizeof(cfg->counters)) {
			snprintf(err, errlen, "--counters list too long");
			return -1;
		}
		snprintf(cfg->counters, sizeof(cfg->counters), "%s", a);
		return 0;
	case O_HELP:
		sb_run_usage(stdout);
		return 1;
	}
	return 0;
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

static int parse_options(int n, char **tok, int allowed, struct sb_run_config *cfg, struct sb_matrix *m,
			 int *axis_seen, char *err, size_t errlen)
{
	for (int i = 0; i < n; i++) {
		const char *inline_arg;
		const struct opt *o = find_opt(tok[i], &inline_arg);
		if (!o) {
			const char *names[N_OPTS];
			for (size_t j = 0; j < N_OPTS; j++)
				names[j] = opts[j].name;
			/* Suggest against "--name" so the suggestion can be typed as shown. */
			char dashed[N_OPTS][40];
			const char *cands[N_OPTS];
			for (size_t j = 0; j < N_OPTS; j++) {
				snprintf(dashed[j], sizeof(dashed[j]), "--%s", names[j]);
				cands[j] = dashed[j];
			}
			sb_unknown_name(err, errlen, "option", tok[i], cands, strncmp(tok[i], "--", 2) ? 0 : N_OPTS,
					"see 'spawnbench run --help'");
			return SB_EXIT_USAGE;
		}
		if (!(o->scope & allowed)) {
			snprintf(err, errlen, "--%s is %s here", o->name,
				 o->scope == SB_OPT_AXIS ? "an axis: axes go on a plan's cases: lines, or on the command "
				 "line without --plan" : "a run option: it goes on the plan's options: line");
			return SB_EXIT_USAGE;
		}
		const char *arg = NULL;
		if (o->takes_arg) {
			if (inline_arg)
				arg = inline_arg;
			else if (i + 1 < n)
				arg = tok[++i];
			else {
				snprintf(err, errlen, "--%s needs a value (%s)", o->name, o->arg);
				return SB_EXIT_USAGE;
			}
		} else if (inline_arg) {
			snprintf(err, errlen, "--%s takes no value", o->name);
			return SB_EXIT_USAGE;
		}
		if (o->scope == SB_OPT_AXIS && axis_seen)
			*axis_seen = 1;
		char *sub = malloc(errlen);   /* as long as err: the value may be quoted whole */
		if (!sub) {
			snprintf(err, errlen, "out of memory");
			return SB_EXIT_USAGE;
		}
		sub[0] = '\0';
		int rc = apply(o, arg, cfg, m, sub, errlen);
		if (rc && rc != 1) {
			/* Messages from the list parsers do not know which option they served. */
			if (strstr(sub, "--") == sub)
				snprintf(err, errlen, "%s", sub);
			else
				snprintf(err, errlen, "--%s: %s", o->name, sub);
		}
		free(sub);
		if (rc == 1)
			return 1;
		if (rc)
			return SB_EXIT_USAGE;
	}
	return 0;
}
