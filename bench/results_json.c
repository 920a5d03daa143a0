// SPDX-License-Identifier: MIT
#include <errno.h>
#include <limits.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "atomic_file.h"
#include "axes.h"
#include "clone_flags.h"
#include "counters.h"
#include "host.h"
#include "methods_table.h"
#include "namespaces.h"
#include "placement.h"
#include "results.h"
#include "stamp_cost.h"
#include "warnings.h"
#include "version.h"

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
	json_t *o = json_object();
	for (int f = 0; o && f < SB_N_STAT_FIELDS; f++) {
		double v = sb_stat_get(s, (enum sb_stat_field)f);
		/* A value JSON cannot hold (NaN) leaves the statistics out, as a failed json_pack did. */
		if (json_object_set_new(o, sb_stat_field_names[f], sb_stat_field_is_count((enum sb_stat_field)f) ?
					json_integer((json_int_t)v) : json_real(v))) {
			json_decref(o);
			return NULL;
		}
	}
	return o;
}

static json_t *case_json(const struct sb_run_config *cfg, const struct sb_case *c, size_t index,
			 struct sb_probe_session *probe)
{
	/* The axes under their fields, in their places around "status" (bench/lib/axis_list.h: JPOS). */
	json_t *o = json_pack("{s:s, s:s}", "key", c->key, "label", c->label);
	if (!o || sb_axes_json(cfg, c, o, 1, SB_AXIS_JSON_STATUS - 1) ||
	    json_object_set_new(o, "status", json_string(sb_status_name(c->status))) ||
	    sb_axes_json(cfg, c, o, SB_AXIS_JSON_STATUS + 1, INT_MAX)) {
		json_decref(o);
		return NULL;
	}
	if (c->reason[0])
		json_object_set_new(o, "reason", json_string(c->reason));
	json_object_set_new(o, "errno", json_integer(c->first_errno));
	if (c->first_errno)
		json_object_set_new(o, "errno_name", json_string(strerrorname_np(c->first_errno) ?
								 strerrorname_np(c->first_errno) : "unknown"));
	json_object_set_new(o, "failed_spawns", json_integer((json_int_t)c->failed_spawns));
	if (c->stop_reason)
		json_object_set_new(o, "stop_reason", json_string(c->stop_reason));
	json_object_set_new(o, "warnings", sb_warnings_json(c));
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
			json_object_set_new(stats, SB_RATE_NAME, sb_stats_json(&s));
	}
	json_object_set_new(o, "samples", samples);
	json_object_set_new(o, "stats", stats);
	json_object_set_new(o, "throughput", json_pack("{s:o}", SB_RATE_NAME, tp));
	json_object_set_new(o, "measure_s", json_real(c->measure_s));
	json_object_set_new(o, "warmup_dropped", json_integer((json_int_t)c->warmup_dropped));
	json_t *pl = sb_placement_json(cfg, c);
	if (pl)
		json_object_set_new(o, "placement", pl);
	if (c->probe_level == SB_PROBE_STAGES)
		json_object_set_new(o, "stage_samples", json_integer((json_int_t)c->stage_samples));
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
	json_object_set_new(config, "placement", json_string(sb_placement_name(cfg->placement)));
	json_object_set_new(config, "no_start", json_boolean(cfg->no_start));
	json_object_set_new(config, "stage_samples", json_integer(cfg->stage_samples));
	json_t *doc = json_pack("{s:s, s:{s:s, s:s, s:s}, s:s, s:o, s:o, s:{s:s, s:s, s:f, s:b}, s:o, s:o}",
		"schema", SB_SCHEMA_ID,
		"tool", "name", "spawnbench", "version", SB_VERSION, "git_commit", SB_GIT_COMMIT,
		"created", now, "host", sb_host_json(info->priv), "config", config,
		"run", "started", info->started, "finished", info->finished, "duration_s", info->duration_s,
		"interrupted", info->interrupted, "notes", notes, "cases", cases);
	if (doc)
		json_object_set_new(json_object_get(doc, "run"), "stamp_ns", sb_stamp_cost_json(cfg));
	return doc;
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
