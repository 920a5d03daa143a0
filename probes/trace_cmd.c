// SPDX-License-Identifier: MIT
/*
 * spawnbench trace: profile the spawns of any process (profiler mode). -p PID, -- CMD ARGS..., or
 * --comm NAME system-wide; for --duration seconds, until the command exits, or until Ctrl-C. Prints
 * per-method counts, latency histograms, phase medians and the copy_process stage breakdown.
 */
#include <errno.h>
#include <getopt.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "backend.h"
#include "probe_commands.h"
#include "libbpf_setup.h"
#include "probe_case.h"
#include "spawn_phases_loader.h"
#include "trace_target.h"

#define MAX_METHODS 12
#define HIST_SLOTS 32

struct method {
	char label[32];
	struct sb_probe_case c;
	uint64_t hist[HIST_SLOTS]; /* log2 of the syscall's microseconds */
};

struct trace {
	struct method m[MAX_METHODS];
	int n;
	struct sb_probe_case all;
};

static volatile sig_atomic_t stop;

static void on_signal(int sig)
{
	(void)sig;
	stop = 1;
}

static const char *const sys_names[SB_N_SYS] = { "clone", "clone3", "fork", "vfork", "wait4", "waitid" };

/* What a runtime designer calls it: the syscall, and what its flags make of it. */
static void label_of(const struct sb_spawn_event *ev, char *buf, size_t len)
{
	const char *kind = "process";

	if (ev->clone_flags & 0x00010000 /* CLONE_THREAD */)
		kind = "thread";
	else if (ev->clone_flags & 0x00004000 /* CLONE_VFORK */)
		kind = "vfork";
	else if (ev->clone_flags & 0x00000100 /* CLONE_VM */)
		kind = "shared vm";
	snprintf(buf, len, "%s (%s)", ev->sys < SB_N_SYS ? sys_names[ev->sys] : "?", kind);
}

static void on_spawn(void *ctx, const struct sb_spawn_event *ev)
{
	struct trace *t = ctx;
	char label[32];
	int i;

	label_of(ev, label, sizeof(label));
	for (i = 0; i < t->n && strcmp(t->m[i].label, label); i++)
		;
	if (i == t->n) {
		if (t->n == MAX_METHODS)
			return;
		snprintf(t->m[i].label, sizeof(t->m[i].label), "%s", label);
		t->n++;
	}
	sb_case_add_spawn(&t->m[i].c, ev, 0, 0);
	sb_case_add_spawn(&t->all, ev, 0, 0);
	if (ev->t_return > ev->t_enter) {
		uint64_t us = (ev->t_return - ev->t_enter) / 1000;
		int slot = 0;

		while (us > 1 && slot < HIST_SLOTS - 1) {
			us >>= 1;
			slot++;
		}
		t->m[i].hist[slot]++;
	}
}

static void count_sample(void *ctx, const char *stage, uint64_t n)
{
	sb_case_add_samples(ctx, stage, n);
}

static void print_hist(const struct method *m)
{
	uint64_t max = 0;
	int lo = HIST_SLOTS, hi = -1;

	for (int i = 0; i < HIST_SLOTS; i++) {
		if (!m->hist[i])
			continue;
		max = m->hist[i] > max ? m->hist[i] : max;
		lo = i < lo ? i : lo;
		hi = i;
	}
	if (hi < 0)
		return;
	printf("\n%s: syscall latency\n%12s -> %-10s : %-8s distribution\n", m->label, "us", "", "count");
	for (int i = lo; i <= hi; i++) {
		unsigned long long low = i ? 1ull << i : 0, high = (1ull << (i + 1)) - 1;
		int bar = (int)(40 * m->hist[i] / max);

		printf("%12llu -> %-10llu : %-8llu |%-40.*s|\n", low, high, (unsigned long long)m->hist[i], bar,
		       "****************************************");
	}
}

static void print_report(struct trace *t, const char *backend, double secs, uint64_t lost, unsigned hz)
{
	static const enum sb_phase cols[] = { SB_PH_SYSCALL, SB_PH_SYSCALL_TO_COPY_DONE, SB_PH_WAKEUP_TO_RETURN,
					       SB_PH_WAKEUP_TO_CHILD_RUN, SB_PH_SYSCALL_TO_EXEC };

	printf("spawnbench trace: %.1f s, backend %s, %llu lost events\n\n", secs, backend,
	       (unsigned long long)lost);
	printf("%-20s %8s %12s %14s %14s %14s %14s\n", "method", "spawns", "syscall p50", "copy_proc p50",
	       "wake->ret p50", "wake->run p50", "->exec p50");
	for (int i = 0; i < t->n; i++) {
		printf("%-20s %8llu", t->m[i].label, (unsigned long long)t->m[i].c.joined);
		for (size_t k = 0; k < sizeof(cols) / sizeof(cols[0]); k++) {
			double med = sb_case_phase_median(&t->m[i].c, cols[k]);
			char v[24] = "-";

			if (med > 0)
				snprintf(v, sizeof(v), "%.1fus", med / 1000);
			printf(" %*s", k ? 14 : 12, v);
		}
		printf("\n");
	}
	for (int i = 0; i < t->n; i++)
		print_hist(&t->m[i]);
	if (!t->all.stage_total)
		return;

	json_t *o = sb_case_json(&t->all, backend, "stages", hz), *st = json_object_get(o, "stages"), *e;
	size_t i;

	printf("\nstages of copy_process (%llu %s%s):\n", (unsigned long long)t->all.stage_total,
	       hz ? "samples" : "calls", hz ? "" : ", exact");
	json_array_foreach(st, i, e) {
		printf("  %-22s %5.1f%%  [%5.1f, %5.1f]  %6llu  est %.1fus\n",
		       json_string_value(json_object_get(e, "name")),
		       100 * json_real_value(json_object_get(e, "share")),
		       100 * json_real_value(json_object_get(e, "share_ci95_low")),
		       100 * json_real_value(json_object_get(e, "share_ci95_high")),
		       (unsigned long long)json_integer_value(json_object_get(e, "samples")),
		       json_integer_value(json_object_get(e, "est_ns")) / 1000.0);
	}
	json_decref(o);
}

static int write_json(const char *path, struct trace *t, const char *backend, double secs, uint64_t lost,
		      unsigned hz)
{
	json_t *o = json_pack("{s:s, s:s, s:f, s:I}", "schema", "spawnbench-trace/1", "backend", backend,
			      "duration_s", secs, "lost_events", (json_int_t)lost);
	json_t *m = json_object();
	int e;

	errno = 0;
	for (int i = 0; i < t->n; i++)
		json_object_set_new(m, t->m[i].label, sb_case_json(&t->m[i].c, backend, "phases", hz));
	json_object_set_new(o, "methods", m);
	json_object_set_new(o, "all", sb_case_json(&t->all, backend, "stages", hz));
	e = strcmp(path, "-") ? json_dump_file(o, path, JSON_INDENT(2)) : json_dumpf(o, stdout, JSON_INDENT(2));
	json_decref(o);
	return e;
}

static void usage(FILE *f)
{
	fprintf(f,
		"usage: spawnbench trace [-p PID | --comm NAME | -- CMD ARGS...] [options]\n"
		"  -p, --pid PID          follow the spawns of this process\n"
		"      --comm NAME        follow every process with this name (system-wide)\n"
		"  -d, --duration SECS    stop after SECS (default: until CMD exits or Ctrl-C)\n"
		"      --probe-backend B  auto (default), fentry, kprobe or tracepoint\n"
		"      --probe-hz N       stage sampling frequency of the tracepoint backend\n"
		"      --no-stages        phases only\n"
		"      --kmem             also count pages and slab objects allocated in copy_process\n"
		"      --json FILE        also write the profile as JSON ('-' = stdout)\n"
		"  -v, --verbose          libbpf's messages (twice: its debug output)\n"
		"Needs root (or CAP_BPF and CAP_PERFMON); exit status 3 when BPF can't be used.\n");
}

/* What the command line asks for; parse_args fills it before anything is opened. */
struct trace_opts {
	long pid;                 /* -p, or 0 */
	const char *comm;         /* --comm, or NULL */
	char **cmd;               /* -- CMD ARGS..., or NULL */
	double duration;          /* seconds, 0: until the target ends or a signal */
	int backend;              /* enum of sb_backend_parse */
	unsigned hz;
	int stages, kmem, verbose, help;
	const char *json_path;
};

/* 0, or SB_EXIT_USAGE after saying why. --help is printed here and sets o->help: nothing more to do. */
static int parse_args(int argc, char **argv, struct trace_opts *o)
{
	static const struct option longopts[] = {
		{ "pid", required_argument, NULL, 'p' },
		{ "comm", required_argument, NULL, 'c' },
		{ "duration", required_argument, NULL, 'd' },
		{ "probe-backend", required_argument, NULL, 'b' },
		{ "probe-hz", required_argument, NULL, 'z' },
		{ "no-stages", no_argument, NULL, 'n' },
		{ "kmem", no_argument, NULL, 'k' },
		{ "json", required_argument, NULL, 'j' },
		{ "verbose", no_argument, NULL, 'v' },
		{ "help", no_argument, NULL, 'h' },
		{ 0 },
	};
	const char *backend = "auto";
	char *end;
	int opt;

	*o = (struct trace_opts){ .stages = 1 };
	optind = 1;
	while ((opt = getopt_long(argc, argv, "+p:d:vh", longopts, NULL)) != -1) {
		switch (opt) {
		case 'p':
			o->pid = strtol(optarg, &end, 10);
			if (*end || o->pid <= 0) {
				fprintf(stderr, "spawnbench trace: -p wants a process id, not '%s'\n", optarg);
				return SB_EXIT_USAGE;
			}
			break;
		case 'c':
			if (strlen(optarg) >= SB_COMM_LEN) {
				fprintf(stderr, "spawnbench trace: --comm: names are at most %d characters\n",
					SB_COMM_LEN - 1);
				return SB_EXIT_USAGE;
			}
			o->comm = optarg;
			break;
		case 'd':
			o->duration = strtod(optarg, &end);
			if (*end || o->duration <= 0) {
				fprintf(stderr, "spawnbench trace: --duration wants seconds > 0, not '%s'\n", optarg);
				return SB_EXIT_USAGE;
			}
			break;
		case 'b':
			backend = optarg;
			break;
		case 'z':
			o->hz = strtoul(optarg, &end, 10);
			if (*end || o->hz < 1 || o->hz > 100000) {
				fprintf(stderr, "spawnbench trace: --probe-hz wants 1..100000, not '%s'\n", optarg);
				return SB_EXIT_USAGE;
			}
			break;
		case 'n':
			o->stages = 0;
			break;
		case 'k':
			o->kmem = 1;
			break;
		case 'j':
			o->json_path = optarg;
			break;
		case 'v':
			o->verbose++;
			break;
		case 'h':
			usage(stdout);
			o->help = 1;
			return 0;
		default:
			usage(stderr);
			return SB_EXIT_USAGE;
		}
	}
	o->cmd = optind < argc ? argv + optind : NULL;
	if ((o->backend = sb_backend_parse(backend)) < 0) {
		fprintf(stderr, "spawnbench trace: unknown --probe-backend '%s' (auto, fentry, kprobe, tracepoint)\n",
			backend);
		return SB_EXIT_USAGE;
	}
	if ((o->pid > 0) + (o->cmd != NULL) + (o->comm != NULL) != 1) {
		fprintf(stderr, "spawnbench trace: give exactly one of -p PID, --comm NAME, -- CMD\n");
		usage(stderr);
		return SB_EXIT_USAGE;
	}
	return 0;
}

int cmd_trace(int argc, char **argv)
{
	struct trace_opts o;
	struct sb_phases_opts po = { .on_spawn = on_spawn };
	struct sb_stage_backend be = { 0 };
	struct sb_target target = { .pid = -1, .gate = -1 };
	struct trace *t;
	struct sb_phases *ph = NULL;
	double secs;
	int rc, have_be = 0, status = 0, watch = -1;
	char err[512];
	struct timespec t0, now;

	if ((rc = parse_args(argc, argv, &o)) || o.help)
		return rc;
	if (!(t = calloc(1, sizeof(*t))))
		return SB_EXIT_RUNTIME;
	t->all.kmem = o.kmem;
	for (size_t i = 0; i < sizeof(t->m) / sizeof(t->m[0]); i++)
		t->m[i].c.kmem = o.kmem;
	po.comm = o.comm;
	po.kmem = o.kmem;
	if (o.cmd && sb_target_findable(o.cmd[0], err, sizeof(err))) {
		fprintf(stderr, "spawnbench trace: %s\n", err);
		rc = SB_EXIT_USAGE;
		goto out;
	}
	if (o.pid > 0 && (watch = sb_target_watch((pid_t)o.pid)) == -1) {
		fprintf(stderr, "spawnbench trace: -p %ld: no such process\n", o.pid);
		rc = SB_EXIT_USAGE;
		goto out;
	}
	if (o.cmd && sb_target_start(&target, o.cmd)) {
		fprintf(stderr, "spawnbench trace: starting %s: %s\n", o.cmd[0], strerror(errno));
		rc = SB_EXIT_RUNTIME;
		goto out;
	}
	/*
	 * Handlers before the probes load, which can take seconds: a signal then must still end the trace
	 * (a shell starts a background job with SIGINT ignored, so without a handler it would be lost).
	 */
	signal(SIGINT, on_signal);
	signal(SIGTERM, on_signal);
	signal(SIGHUP, on_signal);
	/* a command's own children spawn too (a shell script, a build): follow them */
	po.follow_children = o.cmd != NULL;
	po.stages = o.stages;
	po.ctx = t;
	rc = SB_EXIT_PROBE;
	sb_libbpf_setup(o.verbose);
	ph = sb_phases_open(&po, err, sizeof(err));
	if (!ph) {
		fprintf(stderr, "spawnbench trace: %s\n", err);
		goto out;
	}
	if (o.stages) {
		struct sb_shared_maps m = sb_phases_shared_maps(ph);

		if (sb_backend_open(&be, o.backend, &m, o.hz, err, sizeof(err))) {
			fprintf(stderr, "spawnbench trace: %s\n", err);
			goto out;
		}
		have_be = 1;
	}
	if ((o.pid > 0 && sb_phases_track(ph, o.pid)) || (o.cmd && sb_phases_track(ph, target.pid))) {
		fprintf(stderr, "spawnbench trace: following process %ld: %s\n", o.pid > 0 ? o.pid : (long)target.pid,
			strerror(errno));
		goto out;
	}
	clock_gettime(CLOCK_MONOTONIC, &t0);
	sb_target_release(&target);
	rc = SB_EXIT_OK;
	while (!stop) {
		sb_phases_poll(ph, 100);
		if (have_be && be.sampler)
			sb_sampler_drain(be.sampler, be.ksyms, count_sample, &t->all);
		clock_gettime(CLOCK_MONOTONIC, &now);
		secs = (now.tv_sec - t0.tv_sec) + (now.tv_nsec - t0.tv_nsec) / 1e9;
		if (o.duration > 0 && secs >= o.duration)
			break;
		if (o.cmd && sb_target_done(&target, &status))
			break;
		if (o.pid > 0 && sb_target_gone(watch, (pid_t)o.pid))
			break;   /* the process traced has exited: nothing more will come */
	}
	/* the last children's records trail their reap */
	sb_phases_poll(ph, 50);
	sb_phases_poll(ph, 0);
	if (have_be && be.sampler)
		sb_sampler_drain(be.sampler, be.ksyms, count_sample, &t->all);
	if (have_be && be.exact) {
		struct sb_xs_total xt[SB_N_XS];

		if (!sb_exact_drain(be.exact, xt))
			sb_case_add_exact(&t->all, xt);
	}
	clock_gettime(CLOCK_MONOTONIC, &now);
	secs = (now.tv_sec - t0.tv_sec) + (now.tv_nsec - t0.tv_nsec) / 1e9;
	{
		const char *bname = have_be ? sb_backend_name(be.kind) : "tracepoint";
		unsigned shz = have_be && be.sampler ? sb_sampler_hz(be.sampler) : 0;
		uint64_t lost = sb_phases_lost(ph) + (have_be && be.sampler ? sb_sampler_lost(be.sampler) : 0);

		print_report(t, bname, secs, lost, shz);
		if (o.json_path && write_json(o.json_path, t, bname, secs, lost, shz)) {
			fprintf(stderr, "spawnbench trace: writing %s failed: %s\n", o.json_path, strerror(errno ? errno : EIO));
			rc = SB_EXIT_RUNTIME;
		}
	}
	if (stop)
		rc = SB_EXIT_INTERRUPTED;
out:
	if (watch >= 0)
		close(watch);
	sb_target_stop(&target);
	if (have_be)
		sb_backend_close(&be);
	sb_phases_close(ph);
	for (int i = 0; i < t->n; i++)
		sb_case_free(&t->m[i].c);
	sb_case_free(&t->all);
	free(t);
	return rc;
}
