// SPDX-License-Identifier: MIT
/*
 * Counters, the controller's side: libpfm4 turns the names users type into perf_event_attr structs here, so
 * that the lean worker only has to call perf_event_open with them (it never links libpfm4). After the run
 * this file turns the per-spawn deltas the worker measured into the case's "counters" object.
 */
#include "counters.h"

#include <dlfcn.h>
#include <errno.h>
#include <limits.h>
#include <linux/perf_event.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "commands.h"
#include "parse.h"
#include "results.h"
#include "spawn_errors.h"

#ifdef SB_HAVE_LIBPFM
#include <perfmon/pfmlib_perf_event.h>
#endif

static struct {
	int n;
	char names[SB_MAX_EVENTS][96];   /* as the user typed them */
	char fqn[SB_MAX_EVENTS][256];    /* libpfm4's fully qualified name */
	struct perf_event_attr attr[SB_MAX_EVENTS];
} ev;

#ifdef SB_HAVE_LIBPFM
static int pfm_ready(char *err, size_t errlen)
{
	static int state;   /* 0 untried, 1 ok, -1 failed */
	if (!state) {
		int rc = pfm_initialize();
		state = rc == PFM_SUCCESS ? 1 : -1;
		if (state < 0)
			snprintf(err, errlen, "libpfm4 cannot start: %s", pfm_strerror(rc));
	}
	return state > 0 ? 0 : -1;
}

/* Names of the events of every PMU present on this host, plain and PMU-qualified: what a suggestion may be
 * drawn from. */
static size_t present_event_names(const char **out, size_t max)
{
	static char qualified[2048][128];
	size_t n = 0, nq = 0;
	pfm_pmu_t pmu;
	pfm_for_all_pmus(pmu) {
		pfm_pmu_info_t pinfo;
		memset(&pinfo, 0, sizeof(pinfo));
		pinfo.size = sizeof(pinfo);
		if (pfm_get_pmu_info(pmu, &pinfo) != PFM_SUCCESS || !pinfo.is_present)
			continue;
		for (int idx = pinfo.first_event; idx != -1 && n < max; idx = pfm_get_event_next(idx)) {
			pfm_event_info_t einfo;
			memset(&einfo, 0, sizeof(einfo));
			einfo.size = sizeof(einfo);
			if (pfm_get_event_info(idx, PFM_OS_PERF_EVENT_EXT, &einfo) != PFM_SUCCESS)
				continue;
			out[n++] = einfo.name;
			if (nq < 2048 && n < max) {
				snprintf(qualified[nq], sizeof(qualified[nq]), "%s::%s", pinfo.name, einfo.name);
				out[n++] = qualified[nq++];
			}
		}
	}
	return n;
}

static int encode(const char *name, int i, char *err, size_t errlen)
{
	char *fstr = NULL;
	pfm_perf_encode_arg_t arg;
	memset(&arg, 0, sizeof(arg));
	memset(&ev.attr[i], 0, sizeof(ev.attr[i]));
	arg.attr = &ev.attr[i];
	arg.fstr = &fstr;
	arg.size = sizeof(arg);
	int rc = pfm_get_os_event_encoding(name, PFM_PLM0 | PFM_PLM3, PFM_OS_PERF_EVENT_EXT, &arg);
	if (rc != PFM_SUCCESS) {
		static const char *names[4096];
		size_t n = rc == PFM_ERR_NOTFOUND ? present_event_names(names, 4096) : 0;
		const char *near = sb_closest(name, names, n);
		snprintf(err, errlen, "--counters: libpfm4 cannot use '%s': %s%s%s%s (spawnbench list --counters "
			 "shows this host's events)", name, pfm_strerror(rc), near ? "; did you mean '" : "",
			 near ? near : "", near ? "'?" : "");
		free(fstr);
		return -1;
	}
	snprintf(ev.fqn[i], sizeof(ev.fqn[i]), "%s", fstr ? fstr : name);
	free(fstr);
	ev.attr[i].size = sizeof(ev.attr[i]);
	return 0;
}
#endif

int sb_counters_prepare(struct sb_run_config *cfg, char *err, size_t errlen)
{
	if (!cfg->counters[0])
		return 0;
#ifndef SB_HAVE_LIBPFM
	snprintf(err, errlen, "--counters: this spawnbench was built without libpfm4");
	return SB_EXIT_USAGE;
#else
	if (pfm_ready(err, errlen))
		return SB_EXIT_USAGE;
	char buf[sizeof(cfg->counters)], *items[SB_MAX_EVENTS + 1];
	snprintf(buf, sizeof(buf), "%s", cfg->counters);
	char sub[256];
	int n = sb_split_list(buf, items, SB_MAX_EVENTS + 1, sub, sizeof(sub));
	if (n < 0 || n > SB_MAX_EVENTS) {
		snprintf(err, errlen, "--counters: %s", n < 0 ? sub : "at most 8 events");
		return SB_EXIT_USAGE;
	}
	for (int i = 0; i < n; i++) {
		if (strlen(items[i]) >= sizeof(ev.names[i])) {
			snprintf(err, errlen, "--counters: event name too long");
			return SB_EXIT_USAGE;
		}
		for (int j = 0; j < i; j++)
			if (!strcmp(ev.names[j], items[i])) {
				snprintf(err, errlen, "--counters: '%s' is listed twice", items[i]);
				return SB_EXIT_USAGE;
			}
		snprintf(ev.names[i], sizeof(ev.names[i]), "%s", items[i]);
		if (encode(items[i], i, err, errlen))
			return SB_EXIT_USAGE;
	}
	ev.n = n;
	int helper_cases = 0;
	for (size_t c = 0; c < cfg->n_cases; c++) {
		struct sb_case *k = &cfg->cases[c];
		if (k->w.ns_path != SB_NSPATH_CLONE && !k->count_off) {
			/* The spawn happens in a per-spawn helper, not in the worker the counters are attached to. */
			k->count_off = 1;
			sb_case_name(k);
			helper_cases++;
		}
		if (k->count_off)
			continue;
		k->w.n_events = (uint32_t)n;
		memcpy(k->w.events, ev.attr, sizeof(ev.attr[0]) * (size_t)n);
	}
	if (helper_cases)
		sb_add_note(cfg, "%d --ns-path unshare/setns case(s) ran without counters: their spawns happen in a "
			    "per-spawn helper process the counters are not attached to", helper_cases);
	return 0;
#endif
}

static const char *unavailable_reason(int e)
{
	switch (e) {
	case ENOENT:
	case EOPNOTSUPP:
		return "not supported on this host (no hardware PMU, or the PMU lacks this event)";
	case EACCES:
	case EPERM:
		return "not permitted (see /proc/sys/kernel/perf_event_paranoid)";
	case EINVAL:
		return "the kernel refused the encoding (EINVAL)";
	default:
		return strerror(e);
	}
}

/* Values of event i in the given scope over the case's samples; multiplexed set when any was. */
static size_t event_values(const struct sb_case *c, int i, int child, double *v, int *multiplexed)
{
	size_t n = 0;
	*multiplexed = 0;
	for (size_t s = 0; s < c->n_samples; s++) {
		const struct sb_counter_value *cv = child ? &c->samples[s].child[i] : &c->samples[s].parent[i];
		if (c->samples[s].n_events <= (uint32_t)i)
			continue;
		if (cv->running < cv->enabled)
			*multiplexed = 1;
		v[n++] = (double)cv->value;
	}
	return n;
}

/* Which events the worker could only count in user space (its note in the ready message), per scope. */
static void user_only_masks(const struct sb_case *c, unsigned m[2])
{
	m[0] = m[1] = 0;
	if (sscanf(c->footprint.msg, "counters user-only parent=%x child=%x", &m[0], &m[1]) != 2)
		m[0] = m[1] = 0;
}

enum ev_kind { EV_OTHER, EV_CYCLES, EV_INSTRUCTIONS, EV_MISSES };

/* What an event counts, for the derived figures: the generic perf ids first, then the names core PMUs give
 * the same things. */
static enum ev_kind event_kind(int i)
{
	const struct perf_event_attr *a = &ev.attr[i];
	const char *f = ev.fqn[i];
	if (a->type == PERF_TYPE_HARDWARE && a->config == PERF_COUNT_HW_CPU_CYCLES)
		return EV_CYCLES;
	if (a->type == PERF_TYPE_HARDWARE && a->config == PERF_COUNT_HW_INSTRUCTIONS)
		return EV_INSTRUCTIONS;
	if (strstr(f, "::UNHALTED_CORE_CYCLES") || strstr(f, "::CPU_CLK_UNHALTED") || strstr(f, "::CYCLES_NOT_IN_HALT"))
		return EV_CYCLES;
	if (strstr(f, "::INSTRUCTION_RETIRED") || strstr(f, "::INST_RETIRED") || strstr(f, "::RETIRED_INSTRUCTIONS"))
		return EV_INSTRUCTIONS;
	if (strcasestr(ev.names[i], "miss") || strcasestr(f, "miss"))
		return EV_MISSES;
	return EV_OTHER;
}

static int find_kind(enum ev_kind k)
{
	for (int i = 0; i < ev.n; i++)
		if (event_kind(i) == k)
			return i;
	return -1;
}

static int counted(const struct sb_case *c, int i, int child)
{
	return i >= 0 && !(child ? c->footprint.child_event_err[i] : c->footprint.event_err[i]);
}

/* Per-spawn ratio a/b of one scope (IPC): spawns where b is 0 are left out, not counted as 0. */
static void add_ratio(json_t *derived, const char *key, const struct sb_case *c, int a, int b, int child, double *v)
{
	size_t n = 0;
	if (!counted(c, a, child) || !counted(c, b, child))
		return;
	for (size_t k = 0; k < c->n_samples; k++) {
		const struct sb_counter_value *x = child ? c->samples[k].child : c->samples[k].parent;
		if (c->samples[k].n_events > (uint32_t)a && c->samples[k].n_events > (uint32_t)b && x[b].value)
			v[n++] = (double)x[a].value / (double)x[b].value;
	}
	struct sb_stats s;
	if (n && !sb_stats_compute(v, n, &s))
		json_object_set_new(derived, key, sb_stats_json(&s));
}

/* Misses per spawn: the call and the child together, per spawn, when both scopes were counted. */
static void add_per_spawn(json_t *derived, const struct sb_case *c, int i, double *v)
{
	size_t n = 0;
	if (!counted(c, i, 0) || !counted(c, i, 1))
		return;
	for (size_t k = 0; k < c->n_samples; k++)
		if (c->samples[k].n_events > (uint32_t)i)
			v[n++] = (double)c->samples[k].parent[i].value + (double)c->samples[k].child[i].value;
	struct sb_stats s;
	char key[128];
	snprintf(key, sizeof(key), "%s_per_spawn", ev.names[i]);
	if (n && !sb_stats_compute(v, n, &s))
		json_object_set_new(derived, key, sb_stats_json(&s));
}

json_t *sb_counters_case_json(const struct sb_run_config *cfg, const struct sb_case *c)
{
	if (!cfg->counters[0] || c->count_off || !ev.n)
		return NULL;
	json_t *events = json_array(), *derived = json_object();
	double *v = malloc((c->n_samples + 1) * sizeof(*v));
	if (!v)
		return NULL;
	static const char *const scopes[] = { "parent", "child" };
	unsigned user_only[2];
	user_only_masks(c, user_only);
	for (int i = 0; i < ev.n; i++) {
		for (int child = 0; child < 2; child++) {
			int e = child ? c->footprint.child_event_err[i] : c->footprint.event_err[i];
			json_t *o = json_pack("{s:s, s:s, s:s}", "name", ev.names[i], "encoding", ev.fqn[i],
					      "scope", scopes[child]);
			if (e) {
				json_object_set_new(o, "status", json_string("unavailable"));
				json_object_set_new(o, "reason", json_string(unavailable_reason(e)));
				json_object_set_new(o, "errno", json_integer(e));
				json_array_append_new(events, o);
				continue;
			}
			int mux;
			size_t n = event_values(c, i, child, v, &mux);
			struct sb_stats s;
			json_t *arr = json_array();
			for (size_t k = 0; k < n; k++)
				json_array_append_new(arr, json_integer((json_int_t)v[k]));
			json_object_set_new(o, "status", json_string("ok"));
			json_object_set_new(o, "multiplexed", json_boolean(mux));
			json_object_set_new(o, "user_space_only", json_boolean(user_only[child] >> i & 1));
			json_object_set_new(o, "samples", arr);
			if (n && !sb_stats_compute(v, n, &s))
				json_object_set_new(o, "stats", sb_stats_json(&s));
			json_array_append_new(events, o);
		}
	}
	/* Instructions per cycle of each scope, per spawn, when both inputs were counted. */
	int cyc = find_kind(EV_CYCLES), ins = find_kind(EV_INSTRUCTIONS);
	add_ratio(derived, "parent_ipc", c, ins, cyc, 0, v);
	add_ratio(derived, "child_ipc", c, ins, cyc, 1, v);
	for (int i = 0; i < ev.n; i++)
		if (event_kind(i) == EV_MISSES)
			add_per_spawn(derived, c, i, v);
	free(v);
	return json_pack("{s:o, s:o}", "events", events, "derived", derived);
}

const char *sb_counters_case_summary(const struct sb_run_config *cfg, const struct sb_case *c, char *buf, size_t len)
{
	if (!cfg->counters[0] || c->count_off || !ev.n || !c->n_samples)
		return NULL;
	double *v = malloc(c->n_samples * sizeof(*v));
	if (!v)
		return NULL;
	size_t off = 0;
	buf[0] = '\0';
	for (int i = 0; i < ev.n; i++) {
		char part[2][48];
		for (int child = 0; child < 2; child++) {
			int e = child ? c->footprint.child_event_err[i] : c->footprint.event_err[i];
			int mux;
			struct sb_stats s;
			size_t n = e ? 0 : event_values(c, i, child, v, &mux);
			if (e)
				snprintf(part[child], sizeof(part[child]), "n/a");
			else if (n && !sb_stats_compute(v, n, &s))
				snprintf(part[child], sizeof(part[child]), "%.0f%s", s.median, mux ? "(mux)" : "");
			else
				snprintf(part[child], sizeof(part[child]), "-");
		}
		int both_na = c->footprint.event_err[i] && c->footprint.child_event_err[i];
		int w = both_na ? snprintf(buf + off, len - off, "%s%s n/a", i ? ", " : "", ev.names[i])
				: snprintf(buf + off, len - off, "%s%s %s/%s", i ? ", " : "", ev.names[i], part[0],
					   part[1]);
		if (w < 0 || (size_t)w >= len - off)
			break;
		off += (size_t)w;
	}
	free(v);
	if (off + 24 < len)
		snprintf(buf + off, len - off, " (parent/child, medians)");
	return buf;
}

void sb_counters_csv_header(FILE *f, const struct sb_run_config *cfg)
{
	if (!cfg->counters[0])
		return;
	for (int i = 0; i < ev.n; i++)
		fprintf(f, ",%s_parent_median,%s_child_median", ev.names[i], ev.names[i]);
}

void sb_counters_csv_row(FILE *f, const struct sb_run_config *cfg, const struct sb_case *c)
{
	if (!cfg->counters[0])
		return;
	double *v = malloc((c->n_samples + 1) * sizeof(*v));
	for (int i = 0; i < ev.n; i++) {
		for (int child = 0; child < 2; child++) {
			int e = child ? c->footprint.child_event_err[i] : c->footprint.event_err[i], mux;
			struct sb_stats s;
			size_t n = v && !e && !c->count_off ? event_values(c, i, child, v, &mux) : 0;
			if (n && !sb_stats_compute(v, n, &s))
				fprintf(f, ",%.1f", s.median);
			else
				fputc(',', f);   /* not counted: empty, never 0 */
		}
	}
	free(v);
}

const char *sb_counters_libpfm_version(void)
{
#ifdef SB_HAVE_LIBPFM
	static char v[64];
	int x = pfm_get_version();
	/* pfm_get_version() gives only the API (4.0); the release is in the loaded library's file name
	 * (libpfm.so.4.13.0), which is what this host really runs. */
	char rel[32] = "", real[PATH_MAX];
	Dl_info info;
	if (dladdr((void *)pfm_get_version, &info) && info.dli_fname && realpath(info.dli_fname, real)) {
		const char *so = strstr(real, ".so.");
		if (so && strlen(so + 4) < sizeof(rel))
			snprintf(rel, sizeof(rel), "%s ", so + 4);
	}
	snprintf(v, sizeof(v), "%s(API %d.%d)", rel, (x >> 16) & 0xffff, x & 0xffff);
	return v;
#else
	return "none";
#endif
}

int sb_list_counters(void)
{
#ifndef SB_HAVE_LIBPFM
	printf("counters: this spawnbench was built without libpfm4\n");
	return 0;
#else
	char err[256];
	if (pfm_ready(err, sizeof(err))) {
		fprintf(stderr, "spawnbench list: %s\n", err);
		return SB_EXIT_RUNTIME;
	}
	printf("libpfm4 %s, PMUs present on this host (events usable with --counters, PMU::EVENT or EVENT):\n",
	       sb_counters_libpfm_version());
	pfm_pmu_t pmu;
	pfm_for_all_pmus(pmu) {
		pfm_pmu_info_t pinfo;
		memset(&pinfo, 0, sizeof(pinfo));
		pinfo.size = sizeof(pinfo);
		if (pfm_get_pmu_info(pmu, &pinfo) != PFM_SUCCESS || !pinfo.is_present)
			continue;
		printf("  %s: %s, %d events%s\n", pinfo.name, pinfo.desc, pinfo.nevents,
		       pinfo.type == PFM_PMU_TYPE_CORE ? " (hardware)" : "");
		for (int idx = pinfo.first_event; idx != -1; idx = pfm_get_event_next(idx)) {
			pfm_event_info_t einfo;
			memset(&einfo, 0, sizeof(einfo));
			einfo.size = sizeof(einfo);
			if (pfm_get_event_info(idx, PFM_OS_PERF_EVENT_EXT, &einfo) == PFM_SUCCESS)
				printf("    %s::%s\n", pinfo.name, einfo.name);
		}
	}
	return 0;
#endif
}

/* 1 when a hardware cycles counter opens on this process: the host has a usable PMU. */
static int hardware_pmu(int *err)
{
	struct perf_event_attr a;
	memset(&a, 0, sizeof(a));
	a.size = sizeof(a);
	a.type = PERF_TYPE_HARDWARE;
	a.config = PERF_COUNT_HW_CPU_CYCLES;
	a.exclude_kernel = 1;
	a.disabled = 1;
	int fd = (int)syscall(SYS_perf_event_open, &a, 0, -1, -1, PERF_FLAG_FD_CLOEXEC);
	*err = fd < 0 ? errno : 0;
	if (fd >= 0)
		close(fd);
	return fd >= 0;
}

int sb_doctor_counters(void (*line)(const char *what, int ok, const char *detail))
{
	char buf[256];
#ifdef SB_HAVE_LIBPFM
	char err[256];
	snprintf(buf, sizeof(buf), "libpfm4 %s", sb_counters_libpfm_version());
	line("libpfm4", !pfm_ready(err, sizeof(err)), buf);
#else
	line("libpfm4", 0, "not built in: --counters is unavailable");
#endif
	int e;
	int hw = hardware_pmu(&e);
	snprintf(buf, sizeof(buf), "%s", hw ? "cycles, instructions, cache and TLB events can be counted"
		 : e == ENOENT || e == EOPNOTSUPP ? "none (a VM without a virtual PMU?): hardware events will be "
		 "reported unavailable; software events (task-clock, page-faults, context-switches) still count"
		 : unavailable_reason(e));
	line("hardware PMU", hw, buf);
	struct perf_event_attr a;
	memset(&a, 0, sizeof(a));
	a.size = sizeof(a);
	a.type = PERF_TYPE_SOFTWARE;
	a.config = PERF_COUNT_SW_TASK_CLOCK;
	int fd = (int)syscall(SYS_perf_event_open, &a, 0, -1, -1, PERF_FLAG_FD_CLOEXEC);
	line("software counters", fd >= 0, fd >= 0 ? "task-clock, page-faults, context-switches" :
	     unavailable_reason(errno));
	if (fd >= 0)
		close(fd);
	return 0;
}
