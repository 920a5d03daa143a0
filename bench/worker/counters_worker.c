// SPDX-License-Identifier: MIT
/*
 * Counters, the worker's side: perf_event_open with the attrs the controller encoded (libpfm4 stays in the
 * controller). Two scopes per event:
 *  - parent: the spawner's own counter, the case's events in one group, read with one read(2) just before
 *    the call's start timestamp and just after its return timestamp, so the reads sit outside `create`;
 *  - child: an inherited counter on the spawner. When a child exits the kernel folds its counts into the
 *    spawner's event, so after the reap (inherited delta) - (spawner's own delta over the same interval)
 *    is what the child counted.
 * The one group read after the call lies inside `total`; `--count off` cases measure that cost.
 */
#include <errno.h>
#include <linux/perf_event.h>
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
	uint64_t p_begin[SB_MAX_EVENTS], c_begin[SB_MAX_EVENTS];
	uint64_t en_begin, run_begin;
} st = { .leader = -1 };

static int perf_open(struct perf_event_attr *a, int group)
{
	int fd = (int)syscall(SYS_perf_event_open, a, 0, -1, group, PERF_FLAG_FD_CLOEXEC);
	if (fd < 0 && (errno == EACCES || errno == EPERM) && !a->exclude_kernel) {
		/* perf_event_paranoid >= 2 without CAP_PERFMON: user-space counts are still counts. */
		a->exclude_kernel = 1;
		fd = (int)syscall(SYS_perf_event_open, a, 0, -1, group, PERF_FLAG_FD_CLOEXEC);
	}
	return fd;
}

int sb_wcounters_open(struct spawn_ctx *x, struct sb_ready *ready)
{
	const struct sb_case_wire *c = x->c;
	st.n = (int)c->n_events;
	st.n_group = 0;
	for (int i = 0; i < st.n; i++) {
		struct perf_event_attr a = c->events[i];
		a.size = sizeof(a);
		a.disabled = 0;
		a.inherit = 0;
		a.read_format = PERF_FORMAT_GROUP | PERF_FORMAT_TOTAL_TIME_ENABLED | PERF_FORMAT_TOTAL_TIME_RUNNING;
		int fd = perf_open(&a, st.leader);
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
		st.cfd[i] = perf_open(&ci, -1);
		ready->child_event_err[i] = st.cfd[i] < 0 ? errno : 0;
	}
	return 0;
}

/* One group read: values[], and the group's enabled/running times. */
static int read_group(uint64_t *values, uint64_t *enabled, uint64_t *running)
{
	uint64_t buf[3 + SB_MAX_EVENTS];
	if (st.leader < 0)
		return -1;
	ssize_t want = (ssize_t)((3 + (size_t)st.n_group) * sizeof(uint64_t));
	if (read(st.leader, buf, sizeof(buf)) < want)
		return -1;
	*enabled = buf[1];
	*running = buf[2];
	memcpy(values, &buf[3], (size_t)st.n_group * sizeof(uint64_t));
	return 0;
}

static uint64_t read_one(int fd)
{
	uint64_t buf[3] = { 0, 0, 0 };
	if (fd < 0 || read(fd, buf, sizeof(buf)) != sizeof(buf))
		return 0;
	return buf[0];
}

void sb_wcounters_call_begin(struct spawn_ctx *x)
{
	(void)x;
	if (!st.n)
		return;
	for (int i = 0; i < st.n; i++)
		st.c_begin[i] = read_one(st.cfd[i]);
	uint64_t v[SB_MAX_EVENTS];
	if (read_group(v, &st.en_begin, &st.run_begin))
		return;
	for (int i = 0; i < st.n; i++)
		if (st.in_group[i] >= 0)
			st.p_begin[i] = v[st.in_group[i]];
}

void sb_wcounters_call_end(struct spawn_ctx *x)
{
	if (!st.n)
		return;
	struct sb_sample *s = x->cur;
	uint64_t v[SB_MAX_EVENTS], en, run;
	s->n_events = (uint32_t)st.n;
	if (read_group(v, &en, &run))
		return;
	for (int i = 0; i < st.n; i++) {
		if (st.in_group[i] < 0)
			continue;
		s->parent[i].value = v[st.in_group[i]] - st.p_begin[i];
		s->parent[i].enabled = en - st.en_begin;
		s->parent[i].running = run - st.run_begin;
	}
}

void sb_wcounters_reaped(struct spawn_ctx *x)
{
	if (!st.n)
		return;
	struct sb_sample *s = x->cur;
	uint64_t v[SB_MAX_EVENTS], en = 0, run = 0;
	int have_group = !read_group(v, &en, &run);
	for (int i = 0; i < st.n; i++) {
		if (st.cfd[i] < 0)
			continue;
		uint64_t inherited = read_one(st.cfd[i]) - st.c_begin[i];
		uint64_t own = have_group && st.in_group[i] >= 0 ? v[st.in_group[i]] - st.p_begin[i] : 0;
		s->child[i].value = inherited > own ? inherited - own : 0;
		/* Inherited counters of exited children carry no running time of their own: report the parent's. */
		s->child[i].enabled = have_group ? en - st.en_begin : 0;
		s->child[i].running = have_group ? run - st.run_begin : 0;
	}
}
