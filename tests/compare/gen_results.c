// SPDX-License-Identifier: MIT
/*
 * Synthetic results files for the compare and export tests: cases whose samples come from a known
 * distribution (log-normal body plus a slow tail, like real spawn timings), with a fixed seed, so a test
 * knows the true ratio between two files.
 *
 * usage: gen_results -o FILE -s SEED [-n SAMPLES] [-g SIGMA] [-k KERNEL] [-c SPEC]...
 *   SPEC = KEY[:MEDIAN_NS[:FACTOR[:STATUS]]]   FACTOR multiplies every sample (1.2 = 20% slower);
 *                                               STATUS ok (default) or skipped
 */
#include <jansson.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "results_names.h"
#include "stats.h"

static uint64_t rng;

static uint64_t next_u64(void)
{
	uint64_t z = (rng += 0x9e3779b97f4a7c15ULL);
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

static double uniform(void)
{
	return ((double)(next_u64() >> 11) + 0.5) / 9007199254740992.0;
}

static double normal(void)
{
	return sqrt(-2 * log(uniform())) * cos(2 * M_PI * uniform());
}

/* One spawn time: log-normal around median, and 3% of spawns 1.5-3x slower (preemption, page-cache misses). */
static double draw(double median, double sigma)
{
	double x = median * exp(sigma * normal());
	if (uniform() < 0.03)
		x *= 1.5 + 1.5 * uniform();
	return round(x);
}

static json_t *stats_json(const double *v, size_t n)
{
	struct sb_stats s;
	if (sb_stats_compute(v, n, &s))
		return NULL;
	return json_pack("{s:I, s:f, s:f, s:f, s:f, s:f, s:f, s:f, s:f, s:f, s:I}", "n", (json_int_t)s.n, "min",
			 s.min, "max", s.max, "median", s.median, "ci95_low", s.ci95_low, "ci95_high", s.ci95_high,
			 "mean", s.mean, "stddev", s.stddev, "p90", s.p90, "p99", s.p99, "outliers",
			 (json_int_t)s.outliers);
}

static json_t *make_case(char *spec, size_t n, double sigma)
{
	char *key = strtok(spec, ":"), *med = strtok(NULL, ":"), *fac = strtok(NULL, ":"), *st = strtok(NULL, ":");
	double median = med ? atof(med) : 50000, factor = fac ? atof(fac) : 1;
	const char *status = st ? st : "ok";
	json_t *c = json_pack("{s:s, s:s, s:s, s:s, s:[], s:s, s:I, s:s, s:I, s:s, s:I, s:b, s:[], s:s, s:b, s:I, s:s}",
			      "key", key, "label", key, "method", "fork", "preset", "none", "flags", "exec", "none",
			      "mem_bytes", (json_int_t)0, "mem_kind", "anon", "vmas", (json_int_t)1, "thp", "off",
			      "stack_bytes", (json_int_t)0, "stack_touch", 0, "namespaces", "ns_path", "clone",
			      "userns_added", 0, "concurrency", (json_int_t)1, "status", status);
	json_object_set_new(c, "errno", json_integer(0));
	json_object_set_new(c, "failed_spawns", json_integer(0));
	if (strcmp(status, "ok")) {
		json_object_set_new(c, "reason", json_string("synthetic: not run"));
		return c;
	}
	double *create = malloc(n * sizeof(double)), *total = malloc(n * sizeof(double));
	json_t *jc = json_array(), *jt = json_array(), *pids = json_array();
	for (size_t i = 0; i < n; i++) {
		total[i] = draw(median, sigma) * factor;
		create[i] = round(total[i] * 0.4);
		json_array_append_new(jc, json_integer((json_int_t)create[i]));
		json_array_append_new(jt, json_integer((json_int_t)total[i]));
		json_array_append_new(pids, json_integer((json_int_t)i + 1000));
	}
	json_object_set_new(c, "stop_reason", json_string("iterations"));
	json_object_set_new(c, "spawner", json_pack("{s:I, s:I, s:I, s:I}", "vm_rss_bytes", (json_int_t)2 << 20,
						    "vm_pte_bytes", (json_int_t)4096, "mappings", (json_int_t)40,
						    "anon_huge_bytes", (json_int_t)0));
	/* One round: every spawn in n times the median's wall time. */
	json_object_set_new(c, "throughput", json_pack("{s:[f]}", "spawns_per_s", 1e9 / (median * factor)));
	json_object_set_new(c, "samples", json_pack("{s:o, s:o, s:o}", "create_ns", jc, "total_ns", jt,
						    "child_pid", pids));
	json_object_set_new(c, "stats", json_pack("{s:o, s:o}", "create_ns", stats_json(create, n), "total_ns",
						  stats_json(total, n)));
	free(create);
	free(total);
	return c;
}

int main(int argc, char **argv)
{
	const char *out = NULL, *kernel = "6.8.0-synthetic";
	size_t n = 200;
	double sigma = 0.15;
	json_t *cases = json_array();
	int opt;

	rng = 1;
	while ((opt = getopt(argc, argv, "o:s:n:g:k:c:")) != -1) {
		switch (opt) {
		case 'o':
			out = optarg;
			break;
		case 's':
			rng = strtoull(optarg, NULL, 0) * 0x2545f4914f6cdd1dULL + 1;
			break;
		case 'n':
			n = strtoul(optarg, NULL, 0);
			break;
		case 'g':
			sigma = atof(optarg);
			break;
		case 'k':
			kernel = optarg;
			break;
		case 'c':
			json_array_append_new(cases, make_case(optarg, n, sigma));
			break;
		default:
			return 2;
		}
	}
	if (!out) {
		fprintf(stderr, "gen_results: -o FILE is required\n");
		return 2;
	}
	/* Every field docs/results.schema.json requires, so the tests can validate what they generate. */
	json_t *host = json_pack("{s:s, s:s, s:s, s:s, s:s, s:I, s:I, s:I, s:b, s:s, s:s, s:s, s:{}, s:s, s:s, s:s,"
				 " s:{s:s, s:s, s:I, s:f}, s:{s:i, s:b, s:b, s:b}}",
				 "hostname", "synthetic", "kernel", kernel, "kernel_build", "#1 SMP synthetic", "arch",
				 "x86_64", "cpu_model", "Synthetic CPU", "cores", (json_int_t)2, "mem_total_bytes",
				 (json_int_t)1 << 33, "mem_available_bytes", (json_int_t)1 << 32, "virtualized", 1,
				 "hypervisor", "none", "thp_enabled", "madvise", "thp_defrag", "madvise", "mitigations",
				 "glibc", "2.36", "libbpf", "1.1.2", "libpfm", "none", "clock", "id", "CLOCK_MONOTONIC",
				 "source", "tsc", "resolution_ns", (json_int_t)1, "overhead_ns", 20.0, "privileges",
				 "euid", 0, "cap_sys_admin", 1, "user_namespaces", 1, "cgroup2", 1);
	json_t *config = json_pack("{s:s, s:[], s:I, s:I, s:I, s:I, s:f, s:s, s:f, s:I, s:[]}", "plan", "synthetic",
				   "argv", "iterations", (json_int_t)(n ? n : 1), "min_iterations", (json_int_t)1,
				   "warmup", (json_int_t)0, "batch", (json_int_t)10, "target_ci", 0.0, "stop_metric",
				   "total_ns", "max_time_s", 0.0, "seed", (json_int_t)1, "cpu");
	json_t *doc = json_pack("{s:s, s:{s:s, s:s, s:s}, s:s, s:o, s:o, s:{s:s, s:s, s:f, s:b}, s:[], s:o}",
				"schema", SB_SCHEMA_ID, "tool", "name", "spawnbench", "version", "0.1.0",
				"git_commit", "synthetic", "created", "2026-01-01T00:00:00Z", "host", host, "config",
				config, "run", "started", "2026-01-01T00:00:00Z", "finished", "2026-01-01T00:00:01Z",
				"duration_s", 1.0, "interrupted", 0, "notes", "cases", cases);
	if (!doc || json_dump_file(doc, out, JSON_INDENT(1) | JSON_PRESERVE_ORDER)) {
		fprintf(stderr, "gen_results: cannot write %s\n", out);
		return 1;
	}
	json_decref(doc);
	return 0;
}
