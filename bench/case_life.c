// SPDX-License-Identifier: MIT
/* A case's start, shared workers and end; see case_life.h. */
#include "case_life.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "host.h"
#include "interrupted.h"
#include "namespaces.h"
#include "placement.h"
#include "spawn_errors.h"

enum sb_outcome sb_case_start(struct sb_run_config *cfg, const char *worker_path, struct sb_running *r,
			      size_t *next_cpu)
{
	struct sb_case *c = r->c;
	r->w = calloc(c->concurrency, sizeof(*r->w));
	if (!r->w)
		return SB_OUT_CASE_FAILED;
	r->n_workers = 0;
	for (uint32_t i = 0; i < c->concurrency; i++) {
		struct sb_case_wire w = c->w;
		sb_placement_assign(cfg, next_cpu, &w);
		struct sb_ready ready;
		memset(&ready, 0, sizeof(ready));
		int rc = sb_worker_start(worker_path, &w, cfg->spawn_timeout_s, &r->w[i], &ready, c->reason,
					 sizeof(c->reason));
		r->n_workers++;
		if (rc == -EINTR)
			return SB_OUT_INTERRUPTED;
		if (rc) {
			c->status = SB_ST_ERROR;
			c->first_errno = -rc;
			return SB_OUT_CASE_FAILED;
		}
		if (i == 0)
			c->footprint = ready;
	}
	r->active = 1;
	r->owner = r;
	r->users = 1;
	return SB_OUT_OK;
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

int sb_case_share_workers(struct sb_running *run, size_t i)
{
	for (size_t j = 0; j < i; j++) {
		struct sb_running *o = &run[j];
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

/* Name the limit behind the errors a starved machine gives, so the reader knows what to raise. */
static void append_limit_hint(struct sb_case *c, const struct sb_running *r)
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

void sb_case_finish(struct sb_running *r, const char *stop_reason)
{
	if (!r->owner || --r->owner->users == 0)   /* no owner: its start failed */
		for (int i = 0; i < r->n_workers; i++)
			sb_worker_stop(&r->w[i]);
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

void sb_case_worker_failed(struct sb_running *r)
{
	struct sb_case *c = r->c;
	if (!c->reason[0]) {
		/* Its exit status says why (SIGKILL with a memory limit is the OOM killer). */
		snprintf(c->reason, sizeof(c->reason), "a worker failed mid-run");
		for (int i = 0; i < r->n_workers; i++) {
			if (sb_worker_death(r->w[i].pid, c->reason, sizeof(c->reason))) {
				r->w[i].pid = -1;
				break;
			}
		}
	}
	c->status = SB_ST_ERROR;
}

void sb_case_free_workers(struct sb_running *run, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (run[i].owner == &run[i] || !run[i].owner)
			free(run[i].w);
}
