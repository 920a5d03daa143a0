// SPDX-License-Identifier: MIT
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "grow.h"
#include "probe_case.h"
#include "stages_exact_loader.h"
#include "stats.h"

static const char *const phase_names[SB_N_PHASES] = {
	[SB_PH_CALL_TO_SYSCALL] = "call_to_syscall_ns",
	[SB_PH_SYSCALL_TO_COPY_DONE] = "syscall_to_copy_done_ns",
	[SB_PH_COPY_DONE_TO_FORK_EVENT] = "copy_done_to_fork_event_ns",
	[SB_PH_FORK_EVENT_TO_WAKEUP] = "fork_event_to_wakeup_ns",
	[SB_PH_WAKEUP_TO_RETURN] = "wakeup_to_return_ns",
	[SB_PH_SYSCALL] = "syscall_ns",
	[SB_PH_CALL_TO_RETURN] = "call_to_return_ns",
	[SB_PH_RETURN_TO_CALLER] = "return_to_caller_ns",
	[SB_PH_WAKEUP_TO_CHILD_RUN] = "wakeup_to_child_run_ns",
	[SB_PH_SYSCALL_TO_CHILD_RUN] = "syscall_to_child_run_ns",
	[SB_PH_SYSCALL_TO_EXEC] = "syscall_to_exec_ns",
	[SB_PH_CHILD_RUN_TO_EXIT] = "child_run_to_exit_ns",
	[SB_PH_EXIT_TO_REAP] = "exit_to_reap_ns",
	[SB_PH_RETURN_TO_USER] = "return_to_user_ns",
	[SB_PH_USER_TO_CALLER] = "user_to_caller_ns",
	[SB_PH_CALL_TO_USER] = "call_to_user_ns",
};

const char *sb_phase_name(enum sb_phase ph)
{
	return phase_names[ph];
}

static int push(struct sb_dvec *d, double x)
{
	double *v = sb_grow(d->v, &d->cap, d->n + 1, sizeof(*v), 256);

	if (!v)
		return -1;
	d->v = v;
	d->v[d->n++] = x;
	return 0;
}

/* A phase exists only when both of its events were seen, in order. */
static int span(struct sb_probe_case *c, enum sb_phase ph, uint64_t from, uint64_t to)
{
	if (!from || !to || to < from)
		return 0;
	return push(&c->phase[ph], (double)(to - from));
}

int sb_case_add_spawn(struct sb_probe_case *c, const struct sb_spawn_event *ev, uint64_t t_call,
		      uint64_t create_ns)
{
	int e = 0;

	c->used = 1;
	c->joined++;
	e |= span(c, SB_PH_CALL_TO_SYSCALL, t_call, ev->t_enter);
	e |= span(c, SB_PH_SYSCALL_TO_COPY_DONE, ev->t_enter, ev->t_newtask);
	e |= span(c, SB_PH_COPY_DONE_TO_FORK_EVENT, ev->t_newtask, ev->t_fork);
	e |= span(c, SB_PH_FORK_EVENT_TO_WAKEUP, ev->t_fork, ev->t_wakeup);
	e |= span(c, SB_PH_WAKEUP_TO_RETURN, ev->t_wakeup, ev->t_return);
	e |= span(c, SB_PH_SYSCALL, ev->t_enter, ev->t_return);
	e |= span(c, SB_PH_CALL_TO_RETURN, t_call, ev->t_return);
	if (create_ns) {
		uint64_t end = t_call + create_ns, back = ev->t_return;

		e |= span(c, SB_PH_RETURN_TO_CALLER, ev->t_return, end);
		/* the last time the caller came back from the kernel before the driver's clock read */
		for (uint32_t i = 0; i < ev->n_back && i < SB_N_BACK; i++)
			if (ev->t_back[i] > back && ev->t_back[i] <= end)
				back = ev->t_back[i];
		if (back && back <= end) {
			e |= span(c, SB_PH_RETURN_TO_USER, ev->t_return, back);
			e |= span(c, SB_PH_USER_TO_CALLER, back, end);
			e |= span(c, SB_PH_CALL_TO_USER, t_call, back);
		}
	}
	e |= span(c, SB_PH_WAKEUP_TO_CHILD_RUN, ev->t_wakeup, ev->t_first_run);
	e |= span(c, SB_PH_SYSCALL_TO_CHILD_RUN, ev->t_enter, ev->t_first_run);
	e |= span(c, SB_PH_SYSCALL_TO_EXEC, ev->t_enter, ev->t_exec);
	e |= span(c, SB_PH_CHILD_RUN_TO_EXIT, ev->t_first_run, ev->t_exit);
	e |= span(c, SB_PH_EXIT_TO_REAP, ev->t_exit, ev->t_reap);
	if (c->kmem) {
		e |= push(&c->pages, ev->pages);
		e |= push(&c->slabs, ev->slabs);
	}
	return e ? -1 : 0;
}

static struct sb_stage_count *stage_slot(struct sb_probe_case *c, const char *name)
{
	for (size_t i = 0; i < c->n_stages; i++)
		if (!strcmp(c->stage[i].name, name))
			return &c->stage[i];
	if (c->n_stages == SB_MAX_STAGE_NAMES)
		return NULL;
	c->stage[c->n_stages].name = name;
	return &c->stage[c->n_stages++];
}

void sb_case_add_samples(struct sb_probe_case *c, const char *stage, uint64_t samples)
{
	struct sb_stage_count *s;

	c->used = 1;
	if (!stage) {
		c->samples_outside += samples;
		return;
	}
	s = stage_slot(c, stage);
	if (s)
		s->samples += samples;
	c->stage_total += samples;
}

void sb_case_add_exact(struct sb_probe_case *c, const struct sb_xs_total t[SB_N_XS])
{
	c->used = 1;
	for (unsigned i = 0; i < SB_N_XS; i++) {
		struct sb_stage_count *s;

		if (!t[i].calls)
			continue;
		s = stage_slot(c, sb_exact_stage_name(i));
		if (!s)
			continue;
		s->samples += t[i].calls;
		s->ns += t[i].ns;
		c->stage_total_ns += t[i].ns; /* exclusive times add up to copy_process's */
	}
	c->stage_total += t[SB_XS_COPY_PROCESS].calls;
}

double sb_case_phase_median(const struct sb_probe_case *c, enum sb_phase ph)
{
	struct sb_stats s;

	if (!c->phase[ph].n || sb_stats_compute(c->phase[ph].v, c->phase[ph].n, &s))
		return 0;
	return s.median;
}

static json_t *stats_json(const struct sb_dvec *d)
{
	struct sb_stats s;

	if (!d->n || sb_stats_compute(d->v, d->n, &s))
		return NULL;
	return json_pack("{s:I, s:f, s:f, s:f, s:f, s:f, s:f, s:f, s:f, s:f, s:I}",
			 "n", (json_int_t)s.n, "min", s.min, "max", s.max, "median", s.median,
			 "ci95_low", s.ci95_low, "ci95_high", s.ci95_high, "mean", s.mean, "stddev", s.stddev,
			 "p90", s.p90, "p99", s.p99, "outliers", (json_int_t)s.outliers);
}

/* Each phase's raw values in the order the spawns were joined, so compare can test phase against phase. */
static json_t *phase_samples_json(const struct sb_probe_case *c)
{
	json_t *o = json_object();

	for (int i = 0; o && i < SB_N_PHASES; i++) {
		json_t *a = c->phase[i].n ? json_array() : NULL;

		for (size_t k = 0; a && k < c->phase[i].n; k++)
			json_array_append_new(a, json_integer((json_int_t)llround(c->phase[i].v[k])));
		if (a)
			json_object_set_new(o, phase_names[i], a);
	}
	return o;
}

/* Wilson score interval of k successes in n at 95%: honest for small k, never outside [0, 1]. */
static void wilson(uint64_t k, uint64_t n, double *lo, double *hi)
{
	const double z = 1.959964;
	double p = (double)k / n, z2n = z * z / n;
	double mid = (p + z2n / 2) / (1 + z2n);
	double half = z * sqrt(p * (1 - p) / n + z2n / (4 * n)) / (1 + z2n);

	*lo = fmax(0, mid - half);
	*hi = fmin(1, mid + half);
}

static int by_share(const void *a, const void *b)
{
	const struct sb_stage_count *x = a, *y = b;
	uint64_t kx = x->ns ? x->ns : x->samples, ky = y->ns ? y->ns : y->samples;

	return kx < ky ? 1 : kx > ky ? -1 : strcmp(x->name, y->name);
}

/* Stages sorted by share, largest first, into out (at least c->n_stages slots). */
static void sorted_stages(const struct sb_probe_case *c, struct sb_stage_count *out)
{
	memcpy(out, c->stage, c->n_stages * sizeof(*out));
	qsort(out, c->n_stages, sizeof(*out), by_share);
}

static double share_of(const struct sb_probe_case *c, const struct sb_stage_count *s, int exact)
{
	if (exact)
		return c->stage_total_ns ? (double)s->ns / c->stage_total_ns : 0;
	return c->stage_total ? (double)s->samples / c->stage_total : 0;
}

json_t *sb_case_json(const struct sb_probe_case *c, const char *backend, const char *level, unsigned hz)
{
	int exact = strcmp(backend, "tracepoint") != 0;
	json_t *o = json_object(), *ph = json_object(), *km = json_object();
	double cp_median = sb_case_phase_median(c, SB_PH_SYSCALL_TO_COPY_DONE);

	if (!o || !ph || !km)
		goto fail;
	json_object_set_new(o, "backend", json_string(backend));
	json_object_set_new(o, "level", json_string(level));
	json_object_set_new(o, "spawns_joined", json_integer(c->joined));
	json_object_set_new(o, "spawns_unjoined", json_integer(c->unjoined));
	json_object_set_new(o, "lost_events", json_integer(c->lost));
	for (int i = 0; i < SB_N_PHASES; i++) {
		json_t *s = stats_json(&c->phase[i]);

		if (s)
			json_object_set_new(ph, phase_names[i], s);
	}
	json_object_set_new(o, "phases", ph);
	json_object_set_new(o, "phase_samples", phase_samples_json(c));
	if (c->pages.n) {
		json_object_set_new(km, "pages_allocated", stats_json(&c->pages));
		json_object_set_new(km, "slab_objects", stats_json(&c->slabs));
	}
	if (c->kmem)
		json_object_set_new(o, "kmem", km);
	else
		json_decref(km);
	if (strcmp(level, "stages"))
		return o;

	struct sb_stage_count sorted[SB_MAX_STAGE_NAMES];
	json_t *st = json_array();

	if (!st)
		goto fail;
	sorted_stages(c, sorted);
	for (size_t i = 0; i < c->n_stages; i++) {
		const struct sb_stage_count *s = &sorted[i];
		double share = share_of(c, s, exact), lo = share, hi = share, est;

		if (!exact && c->stage_total)
			wilson(s->samples, c->stage_total, &lo, &hi);
		/* exact: mean exclusive time per copy_process call; sampled: share of the median copy_process */
		if (exact)
			est = c->stage_total ? (double)s->ns / c->stage_total : 0;
		else
			est = share * cp_median;
		json_array_append_new(st, json_pack("{s:s, s:f, s:f, s:f, s:I, s:I}", "name", s->name,
						    "share", share, "share_ci95_low", lo, "share_ci95_high", hi,
						    "samples", (json_int_t)s->samples, "est_ns", (json_int_t)llround(est)));
	}
	json_object_set_new(o, "stages", st);
	json_object_set_new(o, "stage_samples_total", json_integer(c->stage_total));
	if (!exact) {
		json_object_set_new(o, "samples_outside_copy_process", json_integer(c->samples_outside));
		json_object_set_new(o, "sample_hz", json_integer(hz));
	}
	return o;
fail:
	json_decref(o);
	json_decref(ph);
	json_decref(km);
	return NULL;
}

const char *sb_case_summary(struct sb_probe_case *c, int stages)
{
	double cp = sb_case_phase_median(c, SB_PH_SYSCALL_TO_COPY_DONE);
	double sys = sb_case_phase_median(c, SB_PH_SYSCALL);
	int exact = c->stage_total_ns > 0;
	size_t len;

	if (!c->joined && !c->stage_total)
		return NULL;
	len = snprintf(c->summary, sizeof(c->summary), "syscall %.1fus, copy_process %.1fus", sys / 1000,
		       cp / 1000);
	if (stages && c->n_stages) {
		struct sb_stage_count sorted[SB_MAX_STAGE_NAMES];

		sorted_stages(c, sorted);
		len += snprintf(c->summary + len, sizeof(c->summary) - len, ":");
		for (size_t i = 0; i < c->n_stages && i < 3 && len < sizeof(c->summary); i++)
			len += snprintf(c->summary + len, sizeof(c->summary) - len, " %s %.0f%%",
					sorted[i].name, 100 * share_of(c, &sorted[i], exact));
	}
	if (c->lost && len < sizeof(c->summary))
		snprintf(c->summary + len, sizeof(c->summary) - len, " (%llu lost)", (unsigned long long)c->lost);
	return c->summary;
}

void sb_case_free(struct sb_probe_case *c)
{
	for (int i = 0; i < SB_N_PHASES; i++)
		free(c->phase[i].v);
	free(c->pages.v);
	free(c->slabs.v);
	memset(c, 0, sizeof(*c));
}
