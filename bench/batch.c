// SPDX-License-Identifier: MIT
/* One batch on all of a case's workers, its samples kept and joined to the probes' records; see batch.h. */
#include "batch.h"

#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "grow.h"
#include "interrupted.h"
#include "io.h"

/* The batch's time span over all workers: first call to last reap. */
struct span {
	uint64_t begin, end;
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

/* Spawns per worker: the batch, but past the iterations only for steady state or stage samples (steady.c). */
static uint32_t batch_size(const struct sb_run_config *cfg, const struct sb_running *r)
{
	const struct sb_case *c = r->c;
	uint32_t want = cfg->batch;
	if (!cfg->target_ci && c->n_samples < cfg->iterations &&
	    c->n_samples + (size_t)want * (size_t)r->n_workers > cfg->iterations) {
		size_t left = cfg->iterations - c->n_samples;
		want = (uint32_t)((left + (size_t)r->n_workers - 1) / (size_t)r->n_workers);
	}
	return want ? want : 1;
}

/* Attach the programs this case's level needs to its workers before the batch. */
static enum sb_outcome attach_probes(struct sb_probe_session *probe, struct sb_running *r)
{
	struct sb_case *c = r->c;
	pid_t pids[SB_MAX_SPAWNERS];   /* --concurrency is refused above this (cli_run.c) */
	for (int i = 0; i < r->n_workers && i < SB_MAX_SPAWNERS; i++)
		pids[i] = r->w[i].pid;
	int e = sb_probe_case_begin(probe, r->index, (enum sb_probe_level)c->probe_level, pids, (size_t)r->n_workers);
	if (!e)
		return SB_OUT_OK;
	snprintf(c->reason, sizeof(c->reason), "attaching the probes for this case failed: %s", strerror(-e));
	c->status = SB_ST_ERROR;
	c->first_errno = -e;
	return SB_OUT_PROBE_FAILED;
}

/* A read or poll on a worker failed: the stop signal's doing, or the worker's. */
static enum sb_outcome io_failure(void)
{
	return errno == EINTR && sb_stop_signal ? SB_OUT_INTERRUPTED : SB_OUT_CASE_FAILED;
}

/* Wait for worker i's answer to a batch of `want` and read its samples into buf; widen t to its span. */
static enum sb_outcome read_worker_batch(const struct sb_run_config *cfg, struct sb_running *r, int i, uint32_t want,
					 struct sb_sample *buf, struct span *t)
{
	struct sb_case *c = r->c;
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
		return SB_OUT_CASE_FAILED;
	}
	if (pr < 0)
		return io_failure();
	if (sb_read_full(r->w[i].fd, &hdr, sizeof(hdr), 0) || hdr.count != want ||
	    sb_read_full(r->w[i].fd, buf, want * sizeof(*buf), 0))
		return io_failure();
	t->begin = hdr.t_begin < t->begin ? hdr.t_begin : t->begin;
	t->end = hdr.t_end > t->end ? hdr.t_end : t->end;
	return SB_OUT_OK;
}

/* Keep a worker's spawns that succeeded as samples, count those that failed. */
static enum sb_outcome keep_samples(struct sb_case *c, const struct sb_sample *buf, uint32_t want, uint64_t *spawned)
{
	for (uint32_t k = 0; k < want; k++) {
		if (buf[k].err) {
			c->failed_spawns++;
			if (!c->first_errno)
				c->first_errno = buf[k].err;
			continue;
		}
		(*spawned)++;
		if (append_sample(c, &buf[k]))
			return SB_OUT_CASE_FAILED;
	}
	return SB_OUT_OK;
}

/* Send the batch to every worker and collect every worker's samples into all (want per worker). */
static enum sb_outcome exchange(const struct sb_run_config *cfg, struct sb_running *r, uint32_t want,
				struct sb_sample *all, struct span *t, uint64_t *spawned)
{
	struct sb_cmd cmd = { SB_CMD_BATCH, want };
	for (int i = 0; i < r->n_workers; i++)
		if (sb_write_full(r->w[i].fd, &cmd, sizeof(cmd)))
			return SB_OUT_CASE_FAILED;
	for (int i = 0; i < r->n_workers; i++) {
		struct sb_sample *buf = all + (size_t)i * want;
		enum sb_outcome o = read_worker_batch(cfg, r, i, want, buf, t);
		if (o == SB_OUT_OK)
			o = keep_samples(r->c, buf, want, spawned);
		if (o != SB_OUT_OK)
			return o;
	}
	return SB_OUT_OK;
}

enum sb_outcome sb_batch_run(const struct sb_run_config *cfg, struct sb_running *r, struct sb_probe_session *probe)
{
	struct sb_case *c = r->c;
	uint32_t want = batch_size(cfg, r);
	if (probe && attach_probes(probe, r) != SB_OUT_OK)
		return SB_OUT_PROBE_FAILED;
	struct span t = { UINT64_MAX, 0 };
	uint64_t spawned = 0;
	/* Every worker's samples, so that the probe records are joined once over all of them. */
	size_t n_all = (size_t)want * (size_t)r->n_workers;
	struct sb_sample *all = malloc(n_all * sizeof(*all));
	if (!all)
		return SB_OUT_CASE_FAILED;
	enum sb_outcome o = exchange(cfg, r, want, all, &t, &spawned);
	if (probe && o == SB_OUT_OK)
		sb_probe_case_batch(probe, r->index, all, n_all);
	free(all);
	if (o != SB_OUT_OK)
		return o;
	if (t.end > t.begin) {
		r->measured_s += (double)(t.end - t.begin) / 1e9;
		if (spawned)
			append_throughput(c, (double)spawned / ((double)(t.end - t.begin) / 1e9));
	}
	/* A batch in which nothing spawned: the kernel refuses this case; say so instead of looping on it. */
	if (!spawned && c->failed_spawns >= n_all * 3)
		return SB_OUT_CASE_REFUSED;
	return SB_OUT_OK;
}
