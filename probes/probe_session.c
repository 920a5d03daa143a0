// SPDX-License-Identifier: MIT
/*
 * The session `spawnbench run --probe` drives (probe_session.h): phases always, stages at level
 * "stages" from the backend the fallback chain picks. Lives in the controller; the workers it follows
 * are named per case, and each batch's samples are joined to the kernel's records by child pid.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "backend.h"
#include "exit_codes.h"
#include "grow.h"
#include "libbpf_setup.h"
#include "probe_case.h"
#include "probe_session.h"
#include "spawn_phases_loader.h"

#define JOIN_WINDOW_NS 1000000000ull /* a record joins a sample only if its syscall began this soon after t_call */
#define LATE_POLLS 5                  /* records of reaped children can trail the batch (RCU-delayed free) */

struct sb_probe_session {
	enum sb_probe_level level;     /* the highest level any case asks for: what is loaded */
	enum sb_probe_level attached;  /* what is attached now (per case: off, phases or stages) */
	struct sb_phases *ph;
	struct sb_stage_backend be;
	int have_stages;
	struct sb_spawn_event *pending;
	size_t n_pending, cap_pending;
	struct sb_probe_case *cases;
	size_t n_cases;
	uint64_t lost_mark;
	uint64_t seen_mark;        /* spawns the programs had seen when an "off" batch began */
	uint64_t seen_while_off;   /* spawns they saw during "off" batches: 0 unless detaching failed */
	int kmem;
};

static void on_spawn(void *ctx, const struct sb_spawn_event *ev)
{
	struct sb_probe_session *s = ctx;

	struct sb_spawn_event *p = sb_grow(s->pending, &s->cap_pending, s->n_pending + 1, sizeof(*p), 1024);

	if (!p)
		return; /* counted as unjoined later */
	s->pending = p;
	s->pending[s->n_pending++] = *ev;
}

int sb_probe_open(const struct sb_probe_opts *opts, struct sb_probe_session **out, char *err, size_t errlen)
{
	struct sb_phases_opts po = { .on_spawn = on_spawn };
	struct sb_probe_session *s;
	int want = sb_backend_parse(opts->backend);

	*out = NULL;
	if (want < 0) {
		snprintf(err, errlen, "unknown probe backend '%s' (auto, fentry, kprobe, tracepoint)", opts->backend);
		return SB_EXIT_USAGE;
	}
	if (opts->level == SB_PROBE_OFF)
		return 0;
	s = calloc(1, sizeof(*s));
	if (!s) {
		snprintf(err, errlen, "out of memory");
		return SB_EXIT_PROBE;
	}
	s->level = opts->level;
	s->kmem = opts->kmem;
	po.kmem = opts->kmem;
	po.follow_children = opts->follow_children;
	po.stages = s->level == SB_PROBE_STAGES || want != SB_BE_AUTO;
	po.ctx = s;
	sb_libbpf_setup(opts->verbose);
	s->ph = sb_phases_open(&po, err, errlen);
	if (!s->ph)
		goto fail;
	if (opts->verbose && *sb_phases_passed_over(s->ph))
		fprintf(stderr, "spawnbench: fentry phase hooks passed over: %s\n", sb_phases_passed_over(s->ph));
	/* Phases come from tracepoints whatever the backend; a forced backend is honoured at every level. */
	if (s->level == SB_PROBE_STAGES || want != SB_BE_AUTO) {
		struct sb_shared_maps m = sb_phases_shared_maps(s->ph);

		if (sb_backend_open(&s->be, want, &m, opts->sample_hz, err, errlen))
			goto fail;
		s->have_stages = 1;
		if (opts->verbose && s->be.why[0])
			fprintf(stderr, "spawnbench: probe backends passed over: %s\n", s->be.why);
	} else {
		s->be.kind = SB_BE_TRACEPOINT;
	}
	s->attached = s->level;
	*out = s;
	return 0;
fail:
	sb_probe_close(s);
	return SB_EXIT_PROBE;
}

const char *sb_probe_phase_hooks(const struct sb_probe_session *s)
{
	return s ? sb_phases_hooks(s->ph) : "none";
}

uint64_t sb_probe_seen_while_off(const struct sb_probe_session *s)
{
	return s ? s->seen_while_off : 0;
}

const char *sb_probe_backend(const struct sb_probe_session *s)
{
	return s ? sb_backend_name(s->be.kind) : "none";
}

static struct sb_probe_case *get_case(struct sb_probe_session *s, size_t i)
{
	if (i >= s->n_cases) {
		size_t n = i + 16;
		struct sb_probe_case *c = realloc(s->cases, n * sizeof(*c));

		if (!c)
			return NULL;
		memset(c + s->n_cases, 0, (n - s->n_cases) * sizeof(*c));
		s->cases = c;
		s->n_cases = n;
	}
	s->cases[i].kmem = s->kmem;
	return &s->cases[i];
}

static void count_sample(void *ctx, const char *stage, uint64_t n)
{
	sb_case_add_samples(ctx, stage, n);
}

/* Stage data gathered since the last drain goes to c (NULL: dropped, it belongs to no case). */
static void drain_stages(struct sb_probe_session *s, struct sb_probe_case *c)
{
	struct sb_probe_case scratch = { 0 };
	struct sb_xs_total t[SB_N_XS];

	if (!s->have_stages)
		return;
	if (s->be.sampler)
		sb_sampler_drain(s->be.sampler, s->be.ksyms, count_sample, c ? c : &scratch);
	if (s->be.exact && !sb_exact_drain(s->be.exact, t) && c)
		sb_case_add_exact(c, t);
	sb_case_free(&scratch);
}

static uint64_t lost_now(const struct sb_probe_session *s)
{
	return sb_phases_lost(s->ph) + (s->be.sampler ? sb_sampler_lost(s->be.sampler) : 0);
}

/*
 * Attach what this level needs and detach the rest, so the cases of one run can be measured with probes
 * off, with phases and with stages side by side: a detached program costs nothing, a paused sampling
 * timer never fires.
 */
/* level: at most s->level (the caller caps it) */
static int set_level(struct sb_probe_session *s, enum sb_probe_level level)
{
	int e;

	if (level == s->attached)
		return 0;
	if (s->be.sampler && (e = sb_sampler_enable(s->be.sampler, level == SB_PROBE_STAGES)))
		return e;
	if (s->be.exact && (e = sb_exact_attach(s->be.exact, level == SB_PROBE_STAGES)))
		return e;
	if ((e = sb_phases_attach(s->ph, level != SB_PROBE_OFF)))
		return e;
	s->attached = level;
	return 0;
}

int sb_probe_case_begin(struct sb_probe_session *s, size_t case_index, enum sb_probe_level level,
			const pid_t *workers, size_t n_workers)
{
	struct sb_probe_case *c;
	int e;

	if (!s)
		return 0;
	c = get_case(s, case_index);
	if (!c)
		return -ENOMEM;
	c->level = level < s->level ? level : s->level;
	sb_phases_untrack_all(s->ph);
	/* whatever is still in flight belongs to the previous case's leftovers */
	sb_phases_poll(s->ph, 0);
	s->n_pending = 0;
	drain_stages(s, NULL);
	e = set_level(s, c->level);
	if (e)
		return e;
	/* Followed at every level: were a program of ours still attached in an "off" batch, it would see them. */
	for (size_t i = 0; i < n_workers; i++) {
		e = sb_phases_track(s->ph, workers[i]);
		if (e)
			return e;
	}
	s->lost_mark = lost_now(s);
	s->seen_mark = sb_phases_seen(s->ph);
	return 0;
}

static int by_pid(const void *a, const void *b)
{
	const struct sb_spawn_event *x = a, *y = b;

	if (x->child_pid != y->child_pid)
		return x->child_pid < y->child_pid ? -1 : 1;
	return x->t_enter < y->t_enter ? -1 : x->t_enter > y->t_enter;
}

static int pid_only(const void *a, const void *b)
{
	const struct sb_spawn_event *x = a, *y = b;

	return x->child_pid < y->child_pid ? -1 : x->child_pid > y->child_pid;
}

/* The record of this sample's spawn: same child pid, syscall entered just after t_call. */
static struct sb_spawn_event *find(struct sb_probe_session *s, const struct sb_sample *x)
{
	struct sb_spawn_event key = { .child_pid = (uint32_t)x->child_pid };
	struct sb_spawn_event *ev = bsearch(&key, s->pending, s->n_pending, sizeof(key), pid_only);

	if (!ev)
		return NULL;
	while (ev > s->pending && ev[-1].child_pid == key.child_pid)
		ev--;
	for (; ev < s->pending + s->n_pending && ev->child_pid == key.child_pid; ev++)
		if (ev->t_enter >= x->t_call && ev->t_enter - x->t_call < JOIN_WINDOW_NS && ev->t_newtask)
			return ev;
	return NULL;
}

static size_t join(struct sb_probe_session *s, struct sb_probe_case *c, const struct sb_sample *x, size_t n,
		   unsigned char *done)
{
	size_t missing = 0;

	qsort(s->pending, s->n_pending, sizeof(*s->pending), by_pid);
	for (size_t i = 0; i < n; i++) {
		struct sb_spawn_event *ev;

		if (done[i])
			continue;
		ev = find(s, &x[i]);
		if (!ev) {
			missing++;
			continue;
		}
		sb_case_add_spawn(c, ev, x[i].t_call,
				  (x[i].valid & (1u << SB_MET_CREATE)) ? x[i].m[SB_MET_CREATE] : 0);
		ev->t_newtask = 0; /* used */
		done[i] = 1;
	}
	return missing;
}

int sb_probe_case_batch(struct sb_probe_session *s, size_t case_index, const struct sb_sample *samples, size_t n)
{
	struct sb_probe_case *c;
	unsigned char *done;
	size_t missing;
	uint64_t lost;

	if (!s)
		return 0;
	c = get_case(s, case_index);
	if (c && c->level == SB_PROBE_OFF) {
		s->seen_while_off += sb_phases_seen(s->ph) - s->seen_mark;
		return 0;
	}
	done = calloc(n ? n : 1, 1);
	if (!c || !done) {
		free(done);
		return -ENOMEM;
	}
	c->used = 1;
	for (size_t i = 0; i < n; i++)
		done[i] = samples[i].err || samples[i].child_pid <= 0;
	sb_phases_poll(s->ph, 0);
	missing = join(s, c, samples, n, done);
	for (int r = 0; missing && r < LATE_POLLS; r++) {
		size_t before = s->n_pending;

		sb_phases_poll(s->ph, 10);
		if (s->n_pending != before)
			missing = join(s, c, samples, n, done);
	}
	c->unjoined += missing;
	if (missing && getenv("SB_PROBE_DEBUG"))
		fprintf(stderr, "probe: case %zu: %zu of %zu samples unjoined, %zu records pending%s\n", case_index,
			missing, n, s->n_pending, s->n_pending ? "" : " (none arrived)");
	s->n_pending = 0;
	free(done);
	drain_stages(s, c);
	lost = lost_now(s);
	c->lost += lost - s->lost_mark;
	s->lost_mark = lost;
	return 0;
}

json_t *sb_probe_case_json(struct sb_probe_session *s, size_t case_index)
{
	if (!s || case_index >= s->n_cases || !s->cases[case_index].used)
		return NULL;
	return sb_case_json(&s->cases[case_index], sb_probe_backend(s), sb_probe_level_name(s->cases[case_index].level),
			    s->be.sampler ? sb_sampler_hz(s->be.sampler) : 0);
}

const char *sb_probe_case_summary(struct sb_probe_session *s, size_t case_index)
{
	if (!s || case_index >= s->n_cases || !s->cases[case_index].used)
		return NULL;
	return sb_case_summary(&s->cases[case_index], s->cases[case_index].level == SB_PROBE_STAGES);
}

uint64_t sb_probe_case_stage_samples(struct sb_probe_session *s, size_t case_index)
{
	if (!s || case_index >= s->n_cases || !s->cases[case_index].used)
		return 0;
	return s->cases[case_index].stage_total;
}

void sb_probe_close(struct sb_probe_session *s)
{
	if (!s)
		return;
	sb_backend_close(&s->be);
	sb_phases_close(s->ph);
	for (size_t i = 0; i < s->n_cases; i++)
		sb_case_free(&s->cases[i]);
	free(s->cases);
	free(s->pending);
	free(s);
}
