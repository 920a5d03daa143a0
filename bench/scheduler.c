// SPDX-License-Identifier: MIT
/* Rounds, shuffles, probe-level grouping and stop rules over a group of cases; see scheduler.h. */
#include "scheduler.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "batch.h"
#include "case_life.h"
#include "interrupted.h"
#include "stats.h"
#include "steady.h"

/* The seed of the shuffles when --seed is not given: a fixed one, so that a run's order is reproducible. */
#define DEFAULT_SEED 0x9e3779b97f4a7c15ull

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

void sb_schedule_init(struct sb_schedule *s, const struct sb_run_config *cfg)
{
	memset(s, 0, sizeof(*s));
	s->seed = cfg->seed ? cfg->seed : DEFAULT_SEED;
	for (size_t i = 0; i < 3; i++)
		s->probe_levels[i] = i;
	if (cfg->n_probe_levels > 1)
		shuffle(s->probe_levels, 3, &s->seed);
}

/*
 * With --probe as a list, the programs are attached and detached between batches, and detaching the
 * per-syscall tracepoints waits out RCU grace periods (about half a second in all). So a round's shuffled
 * order is grouped by probe level, and the levels go in a serpentine order (A B C, C B A, A B C, ...):
 * "off" is left at most once per two rounds, and no level always runs first or last in a round, where
 * drift would favour it.
 */
static void group_by_probe_level(const struct sb_run_config *cfg, const struct sb_running *run, size_t *order,
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

void sb_schedule_progress_end(const struct sb_run_config *cfg)
{
	if (!cfg->quiet && isatty(STDERR_FILENO))
		fprintf(stderr, "\r\033[K");
}

/* The relative half-width of the 95% CI of the median of one metric over the case's samples. */
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

/* The stop rule the case met after its latest batch ("iterations", "target-ci", "max-time"), or NULL. */
static const char *stop_rule(const struct sb_run_config *cfg, const struct sb_running *r,
			     struct sb_probe_session *probe)
{
	struct sb_case *c = r->c;
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
	return stop;
}

/*
 * Start the workers of the group's pending cases. A case that cannot start ends in error and the others
 * go on. SB_OUT_OK or SB_OUT_INTERRUPTED.
 */
static enum sb_outcome start_group(struct sb_schedule *s, struct sb_run_config *cfg, const char *worker_path,
				   struct sb_running *run, size_t n)
{
	size_t alive = 0, alive_cases = 0; /* workers started in this group so far, and their cases */
	enum sb_outcome o = SB_OUT_OK;
	for (size_t i = 0; i < n && o != SB_OUT_INTERRUPTED; i++) {
		if (run[i].c->status != SB_ST_PENDING)
			continue;
		progress(cfg, s->done, cfg->n_cases, run[i].c);
		if (sb_case_share_workers(run, i))
			continue;
		o = sb_case_start(cfg, worker_path, &run[i], &s->next_cpu);
		if (o == SB_OUT_OK) {
			alive += (size_t)run[i].n_workers;
			alive_cases++;
		} else if (o == SB_OUT_CASE_FAILED) {
			run[i].others = alive;
			run[i].other_cases = alive_cases;
			sb_case_finish(&run[i], "error");
			s->done++;
		}
	}
	/* For the hint at a process limit: what else was alive while each case measured. */
	for (size_t i = 0; i < n; i++)
		if (run[i].active) {
			run[i].others = alive - (size_t)run[i].n_workers;
			run[i].other_cases = alive_cases - 1;
		}
	return o == SB_OUT_INTERRUPTED ? o : SB_OUT_OK;
}

/* One batch of case r, and what follows from it: the case fails, meets a stop rule, or goes on. */
static enum sb_outcome step_case(struct sb_schedule *s, const struct sb_run_config *cfg, struct sb_running *r,
				 struct sb_probe_session *probe)
{
	enum sb_outcome o = sb_batch_run(cfg, r, probe);
	if (o == SB_OUT_INTERRUPTED || sb_stop_signal)
		return SB_OUT_INTERRUPTED;
	const char *stop = NULL;
	switch (o) {
	case SB_OUT_CASE_FAILED:
		sb_case_worker_failed(r);
		/* fall through */
	case SB_OUT_CASE_REFUSED:
	case SB_OUT_PROBE_FAILED:
		stop = "error";
		break;
	default:
		progress(cfg, s->done, cfg->n_cases, r->c);
		stop = stop_rule(cfg, r, probe);
	}
	if (stop) {
		sb_case_finish(r, stop);
		s->done++;
	}
	return SB_OUT_OK;
}

/* Rounds until every case of the group stopped: SB_OUT_OK or SB_OUT_INTERRUPTED. */
static enum sb_outcome run_rounds(struct sb_schedule *s, const struct sb_run_config *cfg, struct sb_running *run,
				  size_t *order, size_t n, struct sb_probe_session *probe)
{
	for (;;) {
		size_t active = 0;
		for (size_t i = 0; i < n; i++)
			if (run[i].active)
				order[active++] = i;
		if (!active)
			return SB_OUT_OK;
		shuffle(order, active, &s->seed);
		group_by_probe_level(cfg, run, order, active, s->probe_levels, s->round++);
		for (size_t k = 0; k < active; k++)
			if (step_case(s, cfg, &run[order[k]], probe) == SB_OUT_INTERRUPTED)
				return SB_OUT_INTERRUPTED;
	}
}

enum sb_outcome sb_schedule_group(struct sb_schedule *s, struct sb_run_config *cfg, const char *worker_path,
				  struct sb_probe_session *probe, size_t first, size_t end)
{
	size_t n = end - first;
	struct sb_running *run = calloc(n, sizeof(*run));
	size_t *order = calloc(n, sizeof(*order));
	if (!run || !order) {
		free(run);
		free(order);
		return SB_OUT_CANNOT_RUN;
	}
	for (size_t i = 0; i < n; i++) {
		run[i].c = &cfg->cases[first + i];
		run[i].index = first + i;
	}
	enum sb_outcome o = start_group(s, cfg, worker_path, run, n);
	if (o == SB_OUT_OK)
		o = run_rounds(s, cfg, run, order, n, probe);
	for (size_t i = 0; i < n; i++)
		if (run[i].active)
			sb_case_finish(&run[i], "interrupted");
	sb_case_free_workers(run, n);
	free(run);
	free(order);
	return o;
}
