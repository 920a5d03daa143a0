// SPDX-License-Identifier: MIT
/*
 * Counters, the worker's side: perf_event_open with the attrs the controller encoded (libpfm4 stays in the
 * controller). Two scopes per event:
 *  - parent: the spawner's own counter, the case's events in one group, read with one read(2) just before
 *    the call's start timestamp and just after its return timestamp, so the reads sit outside `create`;
 *  - child: an inherited counter on the spawner. When a child exits the kernel folds its counts into the
 *    spawner's event, so after the reap (inherited delta) - (spawner's own delta over the same interval)
 *    is what the child counted. Both ends read the inherited counters first and the group second, so the
 *    spawner's own reads between the two fall into both deltas alike and cancel.
 * The one group read after the call lies inside `total`; `--count off` cases measure that cost. What it
 * read waits in the caller's frame (struct sb_span) until the reap, so that no copy-on-write fault joins it.
 */
#include <errno.h>
#include <linux/perf_event.h>
#include <stdio.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "spawner.h"

static struct {
	int n;                       /* events asked for */
	int leader;                  /* parent-scope group leader fd, -1 when no event opened */
	int in_group[SB_MAX_EVENTS]; /* position of event i in the group read, -1 when unavailable */
	int n_group;
	int cfd[SB_MAX_EVENTS];      /* child-scope inherited counters, -1 when unavailable */
	uint64_t p_begin[SB_MAX_EVENTS];
	uint64_t en_begin, run_begin;
	uint64_t c_begin[SB_MAX_EVENTS][3]; /* value, enabled, running of each inherited counter */
} st = { .leader = -1 };

/* Events that only opened without kernel counts: bit i for event i, per scope. */
static unsigned user_only[2];

static int perf_open(struct perf_event_attr *a, int group, int i, int scope)
{
	int fd = (int)syscall(SYS_perf_event_open, a, 0, -1, group, PERF_FLAG_FD_CLOEXEC);
	if (fd < 0 && (errno == EACCES || errno == EPERM) && !a->exclude_kernel) {
		/* perf_event_paranoid >= 2 without CAP_PERFMON: user-space counts are still counts, but they
		 * leave out the spawn's kernel work, so the results must say so. */
		a->exclude_kernel = 1;
		fd = (int)syscall(SYS_perf_event_open, a, 0, -1, group, PERF_FLAG_FD_CLOEXEC);
		if (fd >= 0)
			user_only[scope] |= 1u << i;
	}
	return fd;
}

int sb_wcounters_open(struct spawn_ctx *x, struct sb_ready *ready)
{
	const struct sb_case_wire *c = x->c;
	st.n = (int)c->n_events;
	st.n_group = 0;
	user_only[0] = user_only[1] = 0;
	for (int i = 0; i < st.n; i++) {
		struct perf_event_attr a = c->events[i];
		a.size = sizeof(a);
		a.disabled = 0;
		a.inherit = 0;
		a.read_format = PERF_FORMAT_GROUP | PERF_FORMAT_TOTAL_TIME_ENABLED | PERF_FORMAT_TOTAL_TIME_RUNNING;
		int fd = perf_open(&a, st.leader, i, 0);
		st.in_group[i] = -1;
		ready->event_err[i] = fd < 0 ? errno : 0;
		if (fd >= 0) {
			if (st.leader < 0)
				st.leader = fd;
			st.in_group[i] = st.n_group++;
		}

		struct perf_event_attr ci = c->events[i];
		ci.size = sizeof(ci);
		ci.disabled = 0;
		ci.inherit = 1;
		ci.read_format = PERF_FORMAT_TOTAL_TIME_ENABLED | PERF_FORMAT_TOTAL_TIME_RUNNING;
		/* Subtracting the spawner's count only works when both counted the same privilege levels. */
		ci.exclude_kernel = a.exclude_kernel;
		if (a.exclude_kernel && !c->events[i].exclude_kernel)
			user_only[1] |= 1u << i;
		if (fd < 0) {
			/* The child's share is (inherited - own): without the spawner's own count it cannot be told
			 * apart, so the child scope is unavailable for the same reason. */
			st.cfd[i] = -1;
			ready->child_event_err[i] = ready->event_err[i];
			continue;
		}
		st.cfd[i] = perf_open(&ci, -1, i, 1);
		ready->child_event_err[i] = st.cfd[i] < 0 ? errno : 0;
	}
	/* The controller reads this note back (counters.c): a fixed, parseable form. */
	if (user_only[0] | user_only[1])
		snprintf(ready->msg, sizeof(ready->msg), "counters user-only parent=%#x child=%#x", user_only[0],
			 user_only[1]);
	return 0;
}

/* One group read, raw: {nr, enabled, running, values...}. */
static int read_group_raw(uint64_t buf[3 + SB_MAX_EVENTS])
{
	if (st.leader < 0)
		return -1;
	ssize_t want = (ssize_t)((3 + (size_t)st.n_group) * sizeof(uint64_t));
	if (read(st.leader, buf, (3 + SB_MAX_EVENTS) * sizeof(uint64_t)) < want)
		return -1;
	return 0;
}

/* One group read: values[], and the group's enabled/running times. */
static int read_group(uint64_t *values, uint64_t *enabled, uint64_t *running)
{
	uint64_t buf[3 + SB_MAX_EVENTS];
	if (read_group_raw(buf))
		return -1;
	*enabled = buf[1];
	*running = buf[2];
	memcpy(values, &buf[3], (size_t)st.n_group * sizeof(uint64_t));
	return 0;
}

/* One inherited counter: value, enabled, running (the kernel adds its exited children's to each). */
static int read_one(int fd, uint64_t out[3])
{
	if (fd < 0 || read(fd, out, 3 * sizeof(uint64_t)) != 3 * sizeof(uint64_t))
		return -1;
	return 0;
}

void sb_wcounters_call_begin(struct spawn_ctx *x)
{
	(void)x;
	if (!st.n)
		return;
	for (int i = 0; i < st.n; i++)
		if (read_one(st.cfd[i], st.c_begin[i]))
			memset(st.c_begin[i], 0, sizeof(st.c_begin[i]));
	uint64_t v[SB_MAX_EVENTS];
	if (read_group(v, &st.en_begin, &st.run_begin))
		return;
	for (int i = 0; i < st.n; i++)
		if (st.in_group[i] >= 0)
			st.p_begin[i] = v[st.in_group[i]];
}

void sb_wcounters_call_end(struct sb_span *sp)
{
	sp->have_group = st.n && !read_group_raw(sp->group);
}

/* The parent's counts over the call, from the group read sb_wcounters_call_end kept. */
static void store_parent_counts(struct sb_sample *s, const struct sb_span *sp)
{
	if (!sp->have_group)
		return;
	const uint64_t *v = &sp->group[3];
	for (int i = 0; i < st.n; i++) {
		if (st.in_group[i] < 0)
			continue;
		s->parent[i].value = v[st.in_group[i]] - st.p_begin[i];
		s->parent[i].enabled = sp->group[1] - st.en_begin;
		s->parent[i].running = sp->group[2] - st.run_begin;
	}
}

void sb_wcounters_reaped(struct spawn_ctx *x, const struct sb_span *sp)
{
	if (!st.n)
		return;
	struct sb_sample *s = x->cur;
	uint64_t c_end[SB_MAX_EVENTS][3];
	int have_c[SB_MAX_EVENTS];
	/* Inherited counters first, then the group: the same order as at the call's start. */
	for (int i = 0; i < st.n; i++)
		have_c[i] = !read_one(st.cfd[i], c_end[i]);
	uint64_t v[SB_MAX_EVENTS], en = 0, run = 0;
	int have_group = !read_group(v, &en, &run);
	for (int i = 0; i < st.n; i++) {
		if (!have_c[i])
			continue;
		uint64_t inherited = c_end[i][0] - st.c_begin[i][0];
		uint64_t own = have_group && st.in_group[i] >= 0 ? v[st.in_group[i]] - st.p_begin[i] : 0;
		s->child[i].value = inherited > own ? inherited - own : 0;
		/* The inherited counter's own times (spawner's and children's together): running below enabled
		 * means this counter was multiplexed, whatever the group did. */
		s->child[i].enabled = c_end[i][1] - st.c_begin[i][1];
		s->child[i].running = c_end[i][2] - st.c_begin[i][2];
	}
	/* Written only now that every read is done: see struct sb_span. */
	s->n_events = (uint32_t)st.n;
	store_parent_counts(s, sp);
}
