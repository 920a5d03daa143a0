// SPDX-License-Identifier: MIT
#include "controller.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include "exit_codes.h"
#include "grow.h"
#include "host.h"
#include "interrupted.h"
#include "io.h"
#include "namespaces.h"
#include "methods_table.h"
#include "parse.h"
#include "placement.h"
#include "privileges.h"
#include "spawn_errors.h"
#include "stamp_cost.h"
#include "steady.h"
#include "stats.h"
#include "timer.h"

extern char **environ;

volatile sig_atomic_t sb_stop_signal;

static void on_stop(int sig)
{
	sb_stop_signal = sig;
}

void sb_install_stop_handlers(void)
{
	struct sigaction sa;
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_stop;   /* no SA_RESTART: a blocking read returns EINTR and the loop looks */
	sigemptyset(&sa.sa_mask);
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGHUP, &sa, NULL);
	sigaction(SIGQUIT, &sa, NULL);   /* Ctrl-\ would dump core and lose every finished case */
	signal(SIGPIPE, SIG_IGN);   /* a dead worker is an EPIPE, not the end of the run */
}

static int read_u64(const char *path, unsigned long long *v)
{
	FILE *f = fopen(path, "re");
	if (!f)
		return -1;
	int ok = fscanf(f, "%llu", v) == 1;   /* "max" (v2, unlimited) does not parse */
	fclose(f);
	return ok ? 0 : -1;
}

/*
 * The smallest (limit - usage) from dir up to root, reading limit_file and usage_file in each: a limit on
 * any ancestor caps this process as surely as one on its own cgroup.
 */
static uint64_t headroom_up(const char *root, const char *rel, const char *limit_file, const char *usage_file)
{
	char cur[4096], path[8400];
	uint64_t best = UINT64_MAX;
	snprintf(cur, sizeof(cur), "%s", rel);
	for (;;) {
		unsigned long long max, used = 0;
		snprintf(path, sizeof(path), "%s%s/%s", root, cur, limit_file);
		if (!read_u64(path, &max) && max < (1ull << 60)) {
			snprintf(path, sizeof(path), "%s%s/%s", root, cur, usage_file);
			read_u64(path, &used);
			uint64_t room = max > used ? max - used : 0;
			best = room < best ? room : best;
		}
		char *slash = strrchr(cur, '/');
		if (!slash || !cur[0] || !strcmp(cur, "/"))
			break;
		*slash = '\0';   /* "/a/b" -> "/a" -> "" (the root) */
	}
	return best;
}

/* Headroom under this process's memory cgroups (v1 and v2, ancestors included), UINT64_MAX when unlimited. */
static uint64_t cgroup_headroom(void)
{
	char line[4096], v1[4096] = "", v2[4096] = "";
	FILE *f = fopen("/proc/self/cgroup", "re");
	if (!f)
		return UINT64_MAX;
	while (fgets(line, sizeof(line), f)) {
		line[strcspn(line, "\n")] = '\0';
		char *ctl = strchr(line, ':'), *rel = ctl ? strchr(ctl + 1, ':') : NULL;
		if (!rel)
			continue;
		*rel++ = '\0';
		ctl++;
		if (!*ctl)
			snprintf(v2, sizeof(v2), "%s", rel);
		/* v1: "memory" alone or in a list ("cpu,memory") */
		for (char *save = NULL, *t = strtok_r(ctl, ",", &save); t; t = strtok_r(NULL, ",", &save))
			if (!strcmp(t, "memory"))
				snprintf(v1, sizeof(v1), "%s", rel);
	}
	fclose(f);
	uint64_t best = UINT64_MAX, h;
	if (v1[0]) {
		h = headroom_up("/sys/fs/cgroup/memory", v1, "memory.limit_in_bytes", "memory.usage_in_bytes");
		best = h < best ? h : best;
	}
	if (v2[0]) {
		char cg2[4096] = "/sys/fs/cgroup";
		sb_cgroup2_mount(cg2, sizeof(cg2));
		h = headroom_up(cg2, v2, "memory.max", "memory.current");
		best = h < best ? h : best;
	}
	return best;
}

uint64_t sb_memory_budget(char *why, size_t len)
{
	uint64_t avail = sb_meminfo_bytes("MemAvailable:");
	uint64_t budget = avail / 10 * 8;
	char a[32];
	sb_format_size(avail / (1 << 20) * (1 << 20), a, sizeof(a));
	snprintf(why, len, "80%% of MemAvailable (%s)", a);
	uint64_t cg = cgroup_headroom();
	if (cg != UINT64_MAX && cg / 10 * 8 < budget) {
		budget = cg / 10 * 8;
		sb_format_size(cg / (1 << 20) * (1 << 20), a, sizeof(a));
		snprintf(why, len, "80%% of the memory cgroup's headroom (%s)", a);
	}
	return budget;
}

/* ---- workers ---- */

struct worker {
	pid_t pid;
	int fd;
};

/* Set-up time a worker may take: shaping memory (at a pessimistic 50 MiB/s) plus the warm-up spawns. */
static int setup_timeout_ms(const struct sb_case_wire *w, double spawn_timeout_s)
{
	double s = 10 + (double)w->mem_bytes / (50.0 * 1024 * 1024) + spawn_timeout_s * (w->warmup + 1);
	return s > 2e6 ? -1 : (int)(s * 1000);
}

/*
 * Why a worker went away, from its exit status (SIGKILL under a memory limit is the OOM killer). 1 with the
 * text in buf, 0 when it has not ended (within ~100 ms) or is not ours to wait for. Reaps it.
 */
static int describe_worker_death(pid_t pid, char *buf, size_t len)
{
	int st = 0;
	pid_t p = pid > 0 ? waitpid(pid, &st, WNOHANG) : -1;
	for (int k = 0; p == 0 && k < 100; k++) {
		usleep(1000);
		p = waitpid(pid, &st, WNOHANG);
	}
	if (p != pid)
		return 0;
	if (WIFSIGNALED(st))
		snprintf(buf, len, "the worker was killed by signal %d (%s)%s", WTERMSIG(st), strsignal(WTERMSIG(st)),
			 WTERMSIG(st) == SIGKILL ? ": the OOM killer? (a memory limit lower than the case needs)" : "");
	else
		snprintf(buf, len, "the worker exited with status %d", WEXITSTATUS(st));
	return 1;
}

static int start_worker(const char *path, const struct sb_case_wire *w, double spawn_timeout_s, struct worker *out,
			struct sb_ready *ready, char *msg, size_t len)
{
	int sv[2];
	out->pid = -1;
	out->fd = -1;
	if (socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sv)) {
		snprintf(msg, len, "socketpair: %s", strerror(errno));
		return -errno;
	}
	/* The worker's end alone crosses the exec. */
	int child_fd = fcntl(sv[1], F_DUPFD, 10);
	close(sv[1]);
	char fdarg[16], pidarg[16];
	snprintf(fdarg, sizeof(fdarg), "%d", child_fd);
	snprintf(pidarg, sizeof(pidarg), "%d", (int)getpid());
	char *argv[] = { "spawnbench-worker", fdarg, pidarg, NULL };

	posix_spawnattr_t attr;
	sigset_t none, defaults;
	sigemptyset(&none);
	sigemptyset(&defaults);
	sigaddset(&defaults, SIGPIPE);
	sigaddset(&defaults, SIGINT);
	sigaddset(&defaults, SIGTERM);
	sigaddset(&defaults, SIGHUP);
	sigaddset(&defaults, SIGQUIT);
	posix_spawnattr_init(&attr);
	/* Own process group: a terminal's Ctrl-C reaches the controller, which decides for everyone. */
	posix_spawnattr_setflags(&attr, POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF);
	posix_spawnattr_setpgroup(&attr, 0);
	posix_spawnattr_setsigmask(&attr, &none);
	posix_spawnattr_setsigdefault(&attr, &defaults);
	/* The programs children exec must not read spawnbench's stdin (a pipe, the keyboard): /dev/null. */
	posix_spawn_file_actions_t fa;
	posix_spawn_file_actions_init(&fa);
	posix_spawn_file_actions_addopen(&fa, STDIN_FILENO, "/dev/null", O_RDONLY, 0);
	int err = posix_spawn(&out->pid, path, &fa, &attr, argv, environ);
	posix_spawn_file_actions_destroy(&fa);
	posix_spawnattr_destroy(&attr);
	close(child_fd);
	if (err) {
		close(sv[0]);
		snprintf(msg, len, "cannot start %s: %s", path, strerror(err));
		return -err;
	}
	out->fd = sv[0];
	struct pollfd pfd = { .fd = out->fd, .events = POLLIN };
	int pr = sb_write_full(out->fd, w, sizeof(*w)) ? 1 : poll(&pfd, 1, setup_timeout_ms(w, spawn_timeout_s));
	if (pr < 0 && errno == EINTR && sb_stop_signal)
		return -EINTR;
	if (pr == 0) {
		kill(-out->pid, SIGKILL);
		snprintf(msg, len, "the worker's set-up and warm-up did not finish in time: a child that does not exit? "
			 "(--spawn-timeout)");
		return -ETIMEDOUT;
	}
	if (sb_read_full(out->fd, ready, sizeof(*ready), 0)) {
		int e = errno ? errno : EPIPE;
		if (e == EINTR && sb_stop_signal)
			return -EINTR;
		if (!describe_worker_death(out->pid, msg, len))
			snprintf(msg, len, "worker ended during set-up (%s)", e == EPIPE || !errno ? "no answer" : strerror(e));
		return -e;
	}
	if (ready->err) {
		snprintf(msg, len, "%s", ready->msg[0] ? ready->msg : strerror(ready->err));
		return -ready->err;
	}
	return 0;
}

static void stop_worker(struct worker *w)
{
	if (w->fd >= 0) {
		struct sb_cmd quit = { SB_CMD_QUIT, 0 };
		(void)sb_write_full(w->fd, &quit, sizeof(quit));
		close(w->fd);
		w->fd = -1;
	}
	if (w->pid > 0) {
		/* It exits on QUIT; SIGKILL covers one stuck in a spawn that never returns. */
		int st;
		for (int i = 0; i < 200; i++) {
			pid_t r = waitpid(w->pid, &st, WNOHANG);
			if (r == w->pid || (r < 0 && errno == ECHILD))
				goto done;
			usleep(i < 20 ? 1000 : 10000);
		}
		kill(w->pid, SIGKILL);
		while (waitpid(w->pid, &st, 0) < 0 && errno == EINTR)
			;
done:
		w->pid = -1;
	}
}

void sb_reap_all_children(void)
{
	/* /proc/self/task/<tid>/children lists this process's children, orphans it adopted included. */
	for (int round = 0; round < 100; round++) {
		int found = 0;
		DIR *d = opendir("/proc/self/task");
		struct dirent *e;
		while (d && (e = readdir(d))) {
			if (e->d_name[0] == '.')
				continue;
			char path[300];
			snprintf(path, sizeof(path), "/proc/self/task/%s/children", e->d_name);
			FILE *f = fopen(path, "re");
			int pid;
			while (f && fscanf(f, "%d", &pid) == 1) {
				kill(pid, SIGKILL);
				found = 1;
			}
			if (f)
				fclose(f);
		}
		if (d)
			closedir(d);
		int st;
		while (waitpid(-1, &st, WNOHANG | __WALL) > 0)
			found = 1;
		if (!found)
			return;
		usleep(1000);
	}
}

/* ---- the run ---- */

struct running {
	struct sb_case *c;
	size_t index;
	struct worker *w;
	int n_workers;
	double measured_s;
	int active;
	struct running *owner;  /* whose workers these are: itself, or the sibling it shares them with */
	int users;              /* on the owner: active cases using its workers */
	size_t others, other_cases; /* workers of the other cases of its group alive with it, and those cases */
};

static int append_sample(struct sb_case *c, const struct sb_sample *s)
{
	struct sb_sample *n = sb_grow(c->samples, &c->cap_samples, c->n_samples + 1, sizeof(*n), 256);
	if (!n)
		return -1;
	c->samples = n;
	c->samples[c->n_samples++] = *s;
	return 0;
}

static int append_throughput(struct sb_case *c, double v)
{
	double *n = sb_grow(c->throughput, &c->cap_rounds, c->n_rounds + 1, sizeof(*n), 64);
	if (!n)
		return -1;
	c->throughput = n;
	c->throughput[c->n_rounds++] = v;
	return 0;
}

static double metric_halfwidth(const struct sb_case *c, int metric)
{
	double *v = malloc((c->n_samples + 1) * sizeof(*v));
	size_t n = 0;
	if (!v)
		return INFINITY;
	for (size_t i = 0; i < c->n_samples; i++)
		if (c->samples[i].valid & (1u << metric))
			v[n++] = (double)c->samples[i].m[metric];
	struct sb_stats s;
	double hw = sb_stats_compute(v, n, &s) ? INFINITY : sb_stats_rel_halfwidth(&s);
	free(v);
	return hw;
}

/* Name the limit behind the errors a starved machine gives, so the reader knows what to raise. */
static void append_limit_hint(struct sb_case *c, const struct running *r)
{
	char hint[400] = "";
	size_t off = 0;
	if (c->first_errno == ENOSPC && (c->ns_set)) {
		off += (size_t)snprintf(hint, sizeof(hint), "; namespace limits:");
		for (int i = 0; i < SB_N_NS_TYPES && off < sizeof(hint); i++) {
			if (!(c->ns_set & sb_ns_types[i].flag))
				continue;
			char path[96], val[32];
			snprintf(path, sizeof(path), "/proc/sys/user/max_%s_namespaces",
				 !strcmp(sb_ns_types[i].name, "mnt") ? "mnt" : sb_ns_types[i].name);
			sb_read_line(path, val, sizeof(val));
			off += (size_t)snprintf(hint + off, sizeof(hint) - off, " %s = %s", path, val[0] ? val : "?");
		}
	} else if (c->first_errno == EAGAIN) {
		off = (size_t)snprintf(hint, sizeof(hint), "; a process limit: RLIMIT_NPROC (ulimit -u), the cgroup's "
				       "pids.max, or kernel.threads-max / kernel.pid_max");
		/*
		 * Interleaving keeps the workers of every case of a group alive together, and they count against
		 * the same limit: a case that fits alone can fail here. Say so, and what lets it fit.
		 */
		if (r->others && off < sizeof(hint))
			snprintf(hint + off, sizeof(hint) - off, "; %zu workers of the %zu cases interleaved with it "
				 "were alive too (fewer cases per run let it fit)", r->others, r->other_cases);
	} else if (c->first_errno == ENOMEM) {
		snprintf(hint, sizeof(hint), "; memory: the cgroup's memory limit or vm.overcommit");
	}
	size_t len = strlen(c->reason);
	if (hint[0] && !strstr(c->reason, hint + 2))
		snprintf(c->reason + len, sizeof(c->reason) - len, "%s", hint);
}

static void finish_case(struct running *r, const char *stop_reason)
{
	if (!r->owner || --r->owner->users == 0)   /* no owner: its start failed */
		for (int i = 0; i < r->n_workers; i++)
			stop_worker(&r->w[i]);
	r->active = 0;
	struct sb_case *c = r->c;
	c->stop_reason = stop_reason;
	c->measure_s = r->measured_s;
	if (c->status == SB_ST_PENDING && !strcmp(stop_reason, "interrupted"))
		sb_case_mark_interrupted(c);
	if (c->status == SB_ST_PENDING)
		c->status = c->n_samples ? SB_ST_OK : SB_ST_ERROR;
	if (c->status == SB_ST_ERROR && !c->reason[0])
		snprintf(c->reason, sizeof(c->reason), "every spawn failed: %s",
			 c->first_errno ? sb_spawn_error_text(c->first_errno) : "unknown error");
	else if (c->status == SB_ST_OK && c->failed_spawns)
		snprintf(c->reason, sizeof(c->reason), "%zu spawns failed (first: %s) and are not in the samples",
			 c->failed_spawns, sb_spawn_error_text(c->first_errno));
	append_limit_hint(c, r);
}

/* Why a worker stopped answering: its exit status says (SIGKILL with a memory limit is the OOM killer). */
static void worker_failure_reason(struct running *r, char *buf, size_t len)
{
	snprintf(buf, len, "a worker failed mid-run");
	for (int i = 0; i < r->n_workers; i++) {
		if (describe_worker_death(r->w[i].pid, buf, len)) {
			r->w[i].pid = -1;
			return;
		}
	}
}

/*
 * One batch on every worker of the case at once. Returns 0, -1 on a worker failure, -2 when interrupted,
 * -3 when nothing spawned in the batch (the kernel refuses the case).
 */
static int run_batch(struct sb_run_config *cfg, struct running *r, struct sb_probe_session *probe)
{
	struct sb_case *c = r->c;
	uint32_t want = cfg->batch;
	/* Past the iterations only for steady state or stage samples (steady.c): whole batches then. */
	if (!cfg->target_ci && c->n_samples < cfg->iterations &&
	    c->n_samples + (size_t)want * (size_t)r->n_workers > cfg->iterations) {
		size_t left = cfg->iterations - c->n_samples;
		want = (uint32_t)((left + (size_t)r->n_workers - 1) / (size_t)r->n_workers);
	}
	if (!want)
		want = 1;
	pid_t pids[SB_MAX_SPAWNERS];   /* --concurrency is refused above this (cli_run.c) */
	for (int i = 0; i < r->n_workers && i < SB_MAX_SPAWNERS; i++)
		pids[i] = r->w[i].pid;
	if (probe) {
		int e = sb_probe_case_begin(probe, r->index, (enum sb_probe_level)c->probe_level, pids,
					    (size_t)r->n_workers);
		if (e) {
			snprintf(c->reason, sizeof(c->reason), "attaching the probes for this case failed: %s",
				 strerror(-e));
			c->status = SB_ST_ERROR;
			c->first_errno = -e;
			return -1;
		}
	}
	struct sb_cmd cmd = { SB_CMD_BATCH, want };
	for (int i = 0; i < r->n_workers; i++)
		if (sb_write_full(r->w[i].fd, &cmd, sizeof(cmd)))
			return -1;
	uint64_t t_begin = UINT64_MAX, t_end = 0, spawned = 0;
	/* Every worker's samples, so that the probe records are joined once over all of them. */
	struct sb_sample *all = malloc((size_t)want * (size_t)r->n_workers * sizeof(*all));
	if (!all)
		return -1;
	int rc = 0;
	for (int i = 0; i < r->n_workers && !rc; i++) {
		struct sb_sample *buf = all + (size_t)i * want;
		struct sb_batch_hdr hdr;
		/* A program that never exits would hold the run forever: wait for a batch only so long. */
		struct pollfd pfd = { .fd = r->w[i].fd, .events = POLLIN };
		double limit_s = cfg->spawn_timeout_s * want + 1;
		int pr = poll(&pfd, 1, limit_s > 2e6 ? -1 : (int)(limit_s * 1000));
		if (pr == 0) {
			kill(-r->w[i].pid, SIGKILL);   /* the worker's process group: it and its children */
			snprintf(c->reason, sizeof(c->reason), "a batch of %u spawns did not finish within %.0f s: a child "
				 "that does not exit? (--spawn-timeout)", want, limit_s);
			c->status = SB_ST_ERROR;
			c->first_errno = c->first_errno ? c->first_errno : ETIMEDOUT;
			rc = -1;
			break;
		}
		if (pr < 0) {
			rc = errno == EINTR && sb_stop_signal ? -2 : -1;
			break;
		}
		if (sb_read_full(r->w[i].fd, &hdr, sizeof(hdr), 0) || hdr.count != want ||
		    sb_read_full(r->w[i].fd, buf, want * sizeof(*buf), 0)) {
			rc = errno == EINTR && sb_stop_signal ? -2 : -1;
			break;
		}
		t_begin = hdr.t_begin < t_begin ? hdr.t_begin : t_begin;
		t_end = hdr.t_end > t_end ? hdr.t_end : t_end;
		for (uint32_t k = 0; k < want; k++) {
			if (buf[k].err) {
				c->failed_spawns++;
				if (!c->first_errno)
					c->first_errno = buf[k].err;
				continue;
			}
			spawned++;
			if (append_sample(c, &buf[k])) {
				rc = -1;
				break;
			}
		}
	}
	if (probe && !rc)
		sb_probe_case_batch(probe, r->index, all, (size_t)want * (size_t)r->n_workers);
	free(all);
	if (rc)
		return rc;
	if (t_end > t_begin) {
		r->measured_s += (double)(t_end - t_begin) / 1e9;
		if (spawned)
			append_throughput(c, (double)spawned / ((double)(t_end - t_begin) / 1e9));
	}
	/* A batch in which nothing spawned: the kernel refuses this case; say so instead of looping on it. */
	if (!spawned && c->failed_spawns >= (size_t)want * (size_t)r->n_workers * 3)
		return -3;
	return 0;
}

static void shuffle(size_t *a, size_t n, uint64_t *state)
{
	for (size_t i = n; i > 1; i--) {
		/* xorshift64*: a seeded, reproducible order */
		*state ^= *state >> 12;
		*state ^= *state << 25;
		*state ^= *state >> 27;
		size_t j = (size_t)((*state * 2685821657736338717ull) % i);
		size_t t = a[i - 1];
		a[i - 1] = a[j];
		a[j] = t;
	}
}

/*
 * With --probe as a list, the programs are attached and detached between batches, and detaching the
 * per-syscall tracepoints waits out RCU grace periods (about half a second in all). So a round's shuffled
 * order is grouped by probe level, and the levels go in a serpentine order (A B C, C B A, A B C, ...):
 * "off" is left at most once per two rounds, and no level always runs first or last in a round, where
 * drift would favour it.
 */
static void group_by_probe_level(const struct sb_run_config *cfg, const struct running *run, size_t *order,
				 size_t n, const size_t levels[3], size_t round)
{
	size_t k = 0, *out;

	if (cfg->n_probe_levels < 2 || !(out = malloc(n * sizeof(*out))))
		return;
	for (size_t r = 0; r < 3; r++) {
		size_t level = levels[round % 2 ? 2 - r : r];
		for (size_t i = 0; i < n; i++)
			if ((size_t)run[order[i]].c->probe_level == level)
				out[k++] = order[i];
	}
	memcpy(order, out, n * sizeof(*out));
	free(out);
}

static void progress(const struct sb_run_config *cfg, size_t done, size_t total, const struct sb_case *c)
{
	if (cfg->quiet || !isatty(STDERR_FILENO))
		return;
	fprintf(stderr, "\r\033[K[%zu/%zu] %s (n=%zu)", done, total, c->label, c->n_samples);
}

static int start_case(struct sb_run_config *cfg, const char *worker_path, struct running *r, size_t *next_cpu)
{
	struct sb_case *c = r->c;
	r->w = calloc(c->concurrency, sizeof(*r->w));
	if (!r->w)
		return -1;
	r->n_workers = 0;
	for (uint32_t i = 0; i < c->concurrency; i++) {
		struct sb_case_wire w = c->w;
		sb_placement_assign(cfg, next_cpu, &w);
		struct sb_ready ready;
		memset(&ready, 0, sizeof(ready));
		int rc = start_worker(worker_path, &w, cfg->spawn_timeout_s, &r->w[i], &ready, c->reason, sizeof(c->reason));
		r->n_workers++;
		if (rc == -EINTR)
			return -2;
		if (rc) {
			c->status = SB_ST_ERROR;
			c->first_errno = -rc;
			return -1;
		}
		if (i == 0)
			c->footprint = ready;
	}
	r->active = 1;
	r->owner = r;
	r->users = 1;
	return 0;
}

/*
 * Cases that differ only in their probe level (--probe off,phases,stages) are run by the same workers:
 * two processes spawning the same way differ by a few percent (their memory layout), as much as the
 * probes cost, and only one process measured at every level shows what the probes alone add.
 */
static int same_but_probe_level(const struct sb_case *a, const struct sb_case *b)
{
	const char *x = strrchr(a->key, ';'), *y = strrchr(b->key, ';');

	return a->probe_axis && b->probe_axis && x && y && x - a->key == y - b->key &&
	       !strncmp(a->key, b->key, (size_t)(x - a->key));
}

static int share_workers(struct running *run, size_t i)
{
	for (size_t j = 0; j < i; j++) {
		struct running *o = &run[j];
		if (o->active && o->owner == o && same_but_probe_level(o->c, run[i].c)) {
			run[i].w = o->w;
			run[i].n_workers = o->n_workers;
			run[i].owner = o;
			run[i].active = 1;
			run[i].c->footprint = o->c->footprint;
			o->users++;
			return 1;
		}
	}
	return 0;
}

int sb_run_all(struct sb_run_config *cfg, struct sb_probe_session *probe)
{
	char worker_path[SB_PATH_MAX];
	if (sb_find_helper("spawnbench-worker", worker_path, sizeof(worker_path))) {
		fprintf(stderr, "spawnbench: cannot find spawnbench-worker beside the binary (set SPAWNBENCH_LIBEXEC)\n");
		return 4;
	}
	prctl(PR_SET_CHILD_SUBREAPER, 1);
	char why[128];
	uint64_t budget = sb_memory_budget(why, sizeof(why));
	uint64_t seed = cfg->seed ? cfg->seed : 0x9e3779b97f4a7c15ull;
	size_t next_cpu = 0, done = 0, first = 0, round = 0, probe_levels[3] = { 0, 1, 2 };
	int interrupted = 0;

	if (cfg->n_probe_levels > 1)
		shuffle(probe_levels, 3, &seed);

	/* Cases are interleaved within groups whose memory fits the budget together, in plan order. */
	while (first < cfg->n_cases && !interrupted) {
		if (sb_stop_signal) {   /* arrived during set-up */
			interrupted = 1;
			break;
		}
		size_t last = first;
		uint64_t used = 0;
		while (last < cfg->n_cases) {
			struct sb_case *c = &cfg->cases[last];
			uint64_t need = c->status == SB_ST_PENDING ? (c->w.mem_bytes + c->w.stack_bytes + (16 << 20)) * c->concurrency : 0;
			if (last > first && used + need > budget)
				break;
			used += need;
			last++;
		}
		size_t n = last - first;
		struct running *run = calloc(n, sizeof(*run));
		size_t *order = calloc(n, sizeof(*order));
		if (!run || !order) {
			free(run);
			free(order);
			return 4;
		}
		size_t alive = 0, alive_cases = 0; /* workers started in this group so far, and their cases */
		for (size_t i = 0; i < n; i++) {
			run[i].c = &cfg->cases[first + i];
			run[i].index = first + i;
			if (run[i].c->status != SB_ST_PENDING)
				continue;
			progress(cfg, done, cfg->n_cases, run[i].c);
			if (share_workers(run, i))
				continue;
			int rc = start_case(cfg, worker_path, &run[i], &next_cpu);
			if (rc == -2) {
				interrupted = 1;
				break;
			}
			if (!rc) {
				alive += (size_t)run[i].n_workers;
				alive_cases++;
			}
			if (rc) {
				run[i].others = alive;
				run[i].other_cases = alive_cases;
				finish_case(&run[i], "error");
				done++;
			}
		}
		for (size_t i = 0; i < n; i++)
			if (run[i].active) {
				run[i].others = alive - (size_t)run[i].n_workers;
				run[i].other_cases = alive_cases - 1;
			}
		for (;;) {
			size_t active = 0;
			for (size_t i = 0; i < n; i++)
				if (run[i].active)
					order[active++] = i;
			if (!active || interrupted)
				break;
			shuffle(order, active, &seed);
			group_by_probe_level(cfg, run, order, active, probe_levels, round++);
			for (size_t k = 0; k < active && !interrupted; k++) {
				struct running *r = &run[order[k]];
				struct sb_case *c = r->c;
				int rc = run_batch(cfg, r, probe);
				if (rc == -2 || sb_stop_signal) {
					interrupted = 1;
					break;
				}
				if (rc == -3 || rc == -1) {
					if (rc == -1) {
						if (!c->reason[0])
							worker_failure_reason(r, c->reason, sizeof(c->reason));
						c->status = SB_ST_ERROR;
					}
					finish_case(r, "error");
					done++;
					continue;
				}
				progress(cfg, done, cfg->n_cases, c);
				const char *stop = NULL;
				if (c->n_samples >= cfg->iterations)
					stop = "iterations";
				else if (cfg->target_ci > 0 && c->n_samples >= cfg->min_iterations &&
					 metric_halfwidth(c, cfg->stop_metric) <= cfg->target_ci)
					stop = "target-ci";
				else if (cfg->max_time_s > 0 && r->measured_s >= cfg->max_time_s)
					stop = "max-time";
				/* Stage samples first: steady state is judged on the series the case ends with. */
				if (stop)
					stop = sb_stage_quota_gate(cfg, c, probe, r->index, stop, r->measured_s);
				if (stop)
					stop = sb_steady_gate(cfg, c, stop);
				if (stop) {
					finish_case(r, stop);
					done++;
				}
			}
		}
		for (size_t i = 0; i < n; i++)
			if (run[i].active)
				finish_case(&run[i], "interrupted");
		for (size_t i = 0; i < n; i++)
			if (run[i].owner == &run[i] || !run[i].owner)
				free(run[i].w);
		free(run);
		free(order);
		first = last;
	}
	if (!cfg->quiet && isatty(STDERR_FILENO))
		fprintf(stderr, "\r\033[K");
	/* After the cases, so it delays no measurement; an interrupted run goes without it. */
	if (!interrupted && !sb_stop_signal)
		sb_stamp_cost_measure(cfg, worker_path);
	sb_reap_all_children();
	if (!interrupted)
		return 0;
	for (size_t i = 0; i < cfg->n_cases; i++) {
		struct sb_case *c = &cfg->cases[i];
		if (c->status == SB_ST_PENDING) {
			c->status = SB_ST_SKIPPED;
			snprintf(c->reason, sizeof(c->reason), "interrupted");
		}
	}
	return SB_EXIT_INTERRUPTED;
}

/* For stamp_cost.c: one worker started and stopped as the cases' are. */
int sb_worker_start(const char *path, const struct sb_case_wire *w, double spawn_timeout_s, pid_t *pid, int *fd,
		    char *msg, size_t len)
{
	struct worker wk;
	struct sb_ready ready;
	memset(&ready, 0, sizeof(ready));
	int rc = start_worker(path, w, spawn_timeout_s, &wk, &ready, msg, len);
	*pid = wk.pid;
	*fd = wk.fd;
	return rc;
}

void sb_worker_stop(pid_t pid, int fd)
{
	struct worker wk = { pid, fd };
	stop_worker(&wk);
}
