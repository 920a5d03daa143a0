// SPDX-License-Identifier: MIT
#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "atomic_file.h"
#include "clone_flags.h"
#include "counters.h"
#include "host.h"
#include "methods_table.h"
#include "namespaces.h"
#include "results.h"
#include "version.h"

void sb_iso_now(char *buf, size_t len)
{
	time_t t = time(NULL);
	struct tm tm;
	gmtime_r(&t, &tm);
	strftime(buf, len, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

size_t sb_case_metric_stats(const struct sb_case *c, int metric, struct sb_stats *s)
{
	memset(s, 0, sizeof(*s));
	double *v = malloc((c->n_samples + 1) * sizeof(*v));
	size_t n = 0;
	if (!v)
		return 0;
	for (size_t i = 0; i < c->n_samples; i++)
		if (c->samples[i].valid & (1u << metric))
			v[n++] = (double)c->samples[i].m[metric];
	if (sb_stats_compute(v, n, s))
		n = 0;
	free(v);
	return n;
}

json_t *sb_stats_json(const struct sb_stats *s)
{
	return json_pack("{s:I, s:f, s:f, s:f, s:f, s:f, s:f, s:f, s:f, s:f, s:I}", "n", (json_int_t)s->n,
			 "min", s->min, "max", s->max, "median", s->median, "ci95_low", s->ci95_low,
			 "ci95_high", s->ci95_high, "mean", s->mean, "stddev", s->stddev, "p90", s->p90,
			 "p99", s->p99, "outliers", (json_int_t)s->outliers);
}

static const char *status_name(enum sb_status s)
{
	switch (s) {
	case SB_ST_OK: return "ok";
	case SB_ST_SKIPPED: return "skipped";
	case SB_ST_ERROR: return "error";
	case SB_ST_INTERRUPTED: return "interrupted";
	default: return "skipped";
	}
}

static json_t *case_json(const struct sb_run_config *cfg, const struct sb_case *c, size_t index,
			 struct sb_probe_session *probe)
{
	const struct sb_case_wire *w = &c->w;
	const struct sb_method_info *mi = &sb_methods[w->method];
	json_t *flags = json_array(), *ns = json_array();
	const char *names[64];
	size_t nf = sb_flag_names_of(w->clone_flags | w->ns_flags, names, 64);
	for (size_t i = 0; i < nf; i++)
		json_array_append_new(flags, json_string(names[i]));
	for (int i = 0; i < SB_N_NS_TYPES; i++)
		if (c->ns_set & sb_ns_types[i].flag)
			json_array_append_new(ns, json_string(sb_ns_types[i].name));
	static const char *const paths[] = { "clone", "unshare", "setns" };

	json_t *o = json_pack("{s:s, s:s, s:s, s:s, s:o, s:s, s:I, s:s, s:I, s:s, s:I, s:b, s:o, s:s, s:b, s:I,"
			      " s:s}",
			      "key", c->key, "label", c->label, "method", mi->name, "preset", c->preset,
			      "flags", flags, "exec", c->exec_label, "mem_bytes", (json_int_t)w->mem_bytes,
			      "mem_kind", w->mem_kind == SB_MEM_SHARED ? "shared" : "anon", "vmas", (json_int_t)w->vmas,
			      "thp", w->thp ? "on" : "off", "stack_bytes", (json_int_t)w->stack_bytes,
			      "stack_touch", (int)w->stack_touch, "namespaces", ns, "ns_path", paths[w->ns_path],
			      "userns_added", c->userns_added, "concurrency", (json_int_t)c->concurrency,
			      "status", status_name(c->status));
	json_object_set_new(o, "child_writes", json_boolean(c->child_writes));
	json_object_set_new(o, "counting", json_boolean(cfg->counters[0] && !c->count_off));
	if (cfg->probe.level != SB_PROBE_OFF)
		json_object_set_new(o, "probe_level", json_string(sb_probe_level_name(c->probe_level)));
	if (mi->takes_flags)
		json_object_set_new(o, "exit_signal", json_string(w->exit_signal == 17 ? "SIGCHLD" :
								  w->exit_signal ? "other" : "none"));
	if (c->reason[0])
		json_object_set_new(o, "reason", json_string(c->reason));
	json_object_set_new(o, "errno", json_integer(c->first_errno));
	if (c->first_errno)
		json_object_set_new(o, "errno_name", json_string(strerrorname_np(c->first_errno) ?
								 strerrorname_np(c->first_errno) : "unknown"));
	json_object_set_new(o, "failed_spawns", json_integer((json_int_t)c->failed_spawns));
	if (c->stop_reason)
		json_object_set_new(o, "stop_reason", json_string(c->stop_reason));
	if (c->status == SB_ST_PENDING || (c->status != SB_ST_OK && !c->n_samples))
		return o;

	json_object_set_new(o, "spawner", json_pack("{s:I, s:I, s:I, s:I}",
		"vm_rss_bytes", (json_int_t)c->footprint.vm_rss_bytes, "vm_pte_bytes", (json_int_t)c->footprint.vm_pte_bytes,
		"mappings", (json_int_t)c->footprint.mappings, "anon_huge_bytes", (json_int_t)c->footprint.anon_huge_bytes));
	json_t *samples = json_object(), *stats = json_object();
	for (int m = 0; m < SB_N_METRICS; m++) {
		struct sb_stats s;
		if (!sb_case_metric_stats(c, m, &s))
			continue;
		json_t *arr = json_array();
		for (size_t i = 0; i < c->n_samples; i++)
			if (c->samples[i].valid & (1u << m))
				json_array_append_new(arr, json_integer((json_int_t)c->samples[i].m[m]));
		json_object_set_new(samples, sb_metric_names[m], arr);
		json_object_set_new(stats, sb_metric_names[m], sb_stats_json(&s));
	}
	json_t *pids = json_array();
	for (size_t i = 0; i < c->n_samples; i++)
		json_array_append_new(pids, json_integer(c->samples[i].child_pid));
	json_object_set_new(samples, "child_pid", pids);
	json_t *tp = json_array();
	for (size_t i = 0; i < c->n_rounds; i++)
		json_array_append_new(tp, json_real(c->throughput[i]));
	if (c->n_rounds) {
		struct sb_stats s;
		if (!sb_stats_compute(c->throughput, c->n_rounds, &s))
			json_object_set_new(stats, "spawns_per_s", sb_stats_json(&s));
	}
	json_object_set_new(o, "samples", samples);
	json_object_set_new(o, "stats", stats);
	json_object_set_new(o, "throughput", json_pack("{s:o}", "spawns_per_s", tp));
	json_object_set_new(o, "measure_s", json_real(c->measure_s));
	json_t *counters = sb_counters_case_json(cfg, c);
	if (counters)
		json_object_set_new(o, "counters", counters);
	json_t *pj = probe ? sb_probe_case_json(probe, index) : NULL;
	if (pj)
		json_object_set_new(o, "probe", pj);
	return o;
}

json_t *sb_results_json(const struct sb_run_config *cfg, const struct sb_run_info *info)
{
	char now[32];
	sb_iso_now(now, sizeof(now));
	json_t *argv = json_array(), *cpus = json_array(), *notes = json_array(), *cases = json_array();
	for (int i = 0; i < cfg->argc; i++)
		json_array_append_new(argv, json_string(cfg->argv[i]));
	for (int i = 0; i < cfg->n_cpus; i++)
		json_array_append_new(cpus, json_integer(cfg->cpus[i]));
	for (int i = 0; i < cfg->n_notes; i++)
		json_array_append_new(notes, json_string(cfg->notes[i]));
	for (size_t i = 0; i < cfg->n_cases; i++)
		json_array_append_new(cases, case_json(cfg, &cfg->cases[i], i, info->probe));
	json_t *config = json_pack("{s:s, s:o, s:I, s:I, s:I, s:I, s:f, s:s, s:f, s:I, s:o}",
		"plan", cfg->plan, "argv", argv, "iterations", (json_int_t)cfg->iterations,
		"min_iterations", (json_int_t)cfg->min_iterations, "warmup", (json_int_t)cfg->warmup,
		"batch", (json_int_t)cfg->batch, "target_ci", cfg->target_ci,
		"stop_metric", sb_metric_names[cfg->stop_metric], "max_time_s", cfg->max_time_s,
		"seed", (json_int_t)cfg->seed, "cpu", cpus);
	if (cfg->probe.level != SB_PROBE_OFF) {
		json_t *levels = json_array();
		for (int i = 0; i < cfg->n_probe_levels; i++)
			json_array_append_new(levels, json_string(sb_probe_level_name(cfg->probe_levels[i])));
		json_object_set_new(config, "probe", json_pack("{s:s, s:o, s:s, s:s, s:I}", "level",
			sb_probe_level_name(cfg->probe.level),
			"levels", levels, "backend", info->probe ? sb_probe_backend(info->probe) : "none",
			"phase_hooks", sb_probe_phase_hooks(info->probe),
			"spawns_seen_while_off", (json_int_t)sb_probe_seen_while_off(info->probe)));
	}
	if (cfg->counters[0])
		json_object_set_new(config, "counters", json_string(cfg->counters));
	return json_pack("{s:s, s:{s:s, s:s, s:s}, s:s, s:o, s:o, s:{s:s, s:s, s:f, s:b}, s:o, s:o}",
		"schema", "spawnbench/1",
		"tool", "name", "spawnbench", "version", SB_VERSION, "git_commit", SB_GIT_COMMIT,
		"created", now, "host", sb_host_json(info->priv), "config", config,
		"run", "started", info->started, "finished", info->finished, "duration_s", info->duration_s,
		"interrupted", info->interrupted, "notes", notes, "cases", cases);
}

int sb_write_json_file(json_t *doc, const char *path)
{
	struct sb_atomic_file a;
	if (sb_atomic_open(&a, path)) {
		fprintf(stderr, "spawnbench: cannot write %s: %s\n", path, strerror(errno));
		return -1;
	}
	if (json_dumpf(doc, a.f, JSON_INDENT(1) | JSON_REAL_PRECISION(10)) || fputc('\n', a.f) == EOF) {
		fprintf(stderr, "spawnbench: cannot write %s: %s\n", path, strerror(errno ? errno : EIO));
		sb_atomic_abort(&a);
		return -1;
	}
	if (sb_atomic_commit(&a)) {
		fprintf(stderr, "spawnbench: cannot write %s: %s\n", path, strerror(errno));
		return -1;
	}
	return 0;
}
