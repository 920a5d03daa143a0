// SPDX-License-Identifier: MIT
/*
 * The value parsers of the axis table (axis_parse.h). A generic parser finds its field by the entry's
 * offsets: values at o->values, their count (an int) at o->count, in the matrix (or the run configuration
 * for --probe, whose entry has in_cfg).
 */
#include "axis_parse.h"

#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "axes.h"
#include "clone_flags.h"
#include "namespaces.h"
#include "parse.h"

static void *field(void *dst, size_t off)
{
	return (char *)dst + off;
}

/* Split a copy of arg (cut to len bytes) at its commas into items[max]. n, or -1 with err set. */
static int split_copy(const char *arg, char *buf, size_t len, char **items, int max, char *err, size_t errlen)
{
	snprintf(buf, len, "%s", arg);
	return sb_split_list(buf, items, max, err, errlen);
}

int sb_ap_sizes(const struct sb_axis_opt *o, const char *arg, void *dst, char *err, size_t errlen)
{
	char buf[1024], *items[64];
	uint64_t *out = field(dst, o->values);
	int n = split_copy(arg, buf, sizeof(buf), items, o->max < 64 ? o->max : 64, err, errlen);
	if (n < 0)
		return -1;
	for (int i = 0; i < n; i++)
		if (sb_parse_size(items[i], &out[i], err, errlen))
			return -1;
	*(int *)field(dst, o->count) = n;
	return 0;
}

int sb_ap_stacks(const struct sb_axis_opt *o, const char *arg, void *dst, char *err, size_t errlen)
{
	const uint64_t *v = field(dst, o->values);
	if (sb_ap_sizes(o, arg, dst, err, errlen))
		return -1;
	for (int i = 0; i < *(int *)field(dst, o->count); i++) {
		if (v[i] < o->lo || v[i] > o->hi) {
			snprintf(err, errlen, "--%s: %llu bytes is outside 4K..4G", o->name, (unsigned long long)v[i]);
			return -1;
		}
	}
	return 0;
}

int sb_parse_uint_list(const char *arg, uint32_t *out, int max, uint64_t lo, uint64_t hi, const char *what,
		       char *err, size_t errlen)
{
	char buf[512], *items[64];
	int n = split_copy(arg, buf, sizeof(buf), items, max < 64 ? max : 64, err, errlen);
	for (int i = 0; i < n; i++) {
		uint64_t v;
		if (sb_parse_uint(items[i], hi, &v, err, errlen))
			return -1;
		if (v < lo) {
			snprintf(err, errlen, "%s must be at least %llu", what, (unsigned long long)lo);
			return -1;
		}
		out[i] = (uint32_t)v;
	}
	return n;
}

static int uints_upto(const struct sb_axis_opt *o, uint64_t hi, const char *arg, void *dst, char *err,
		      size_t errlen)
{
	char what[40];
	snprintf(what, sizeof(what), "--%s", o->name);
	int n = sb_parse_uint_list(arg, field(dst, o->values), o->max, o->lo, hi, what, err, errlen);
	if (n < 0)
		return -1;
	*(int *)field(dst, o->count) = n;
	return 0;
}

int sb_ap_uints(const struct sb_axis_opt *o, const char *arg, void *dst, char *err, size_t errlen)
{
	return uints_upto(o, o->hi, arg, dst, err, errlen);
}

/* Spawners: 64 per online CPU, and no more than the probes follow. */
int sb_ap_concurrency(const struct sb_axis_opt *o, const char *arg, void *dst, char *err, size_t errlen)
{
	long cores = sysconf(_SC_NPROCESSORS_ONLN);
	uint64_t limit = (uint64_t)(cores > 0 ? cores : 1) * 64;
	if (limit > o->hi)
		limit = o->hi;
	if (uints_upto(o, limit, arg, dst, err, errlen)) {
		size_t l = strlen(err);
		snprintf(err + l, errlen - l, " (the limit is 64 spawners per online CPU, and %llu in all)",
			 (unsigned long long)o->hi);
		return -1;
	}
	return 0;
}

/* Two words, o->words[0] (value 0) and o->words[1] (value 1): on/off, anon/shared. */
int sb_ap_two_words(const struct sb_axis_opt *o, const char *arg, void *dst, char *err, size_t errlen)
{
	char buf[64], *items[2];
	int *out = field(dst, o->values);
	int k = split_copy(arg, buf, sizeof(buf), items, 2, err, errlen);
	if (k < 0)
		return -1;
	for (int i = 0; i < k; i++) {
		if (!strcmp(items[i], o->words[1]))
			out[i] = 1;
		else if (!strcmp(items[i], o->words[0]))
			out[i] = 0;
		else {
			snprintf(err, errlen, "--%s: '%s' is neither %s nor %s", o->name, items[i], o->words[1],
				 o->words[0]);
			return -1;
		}
	}
	*(int *)field(dst, o->count) = k;
	return 0;
}

/* Strings the matrix owns (sb_free_cases frees them); a later list replaces an earlier one. */
int sb_ap_strings(const struct sb_axis_opt *o, const char *arg, void *dst, char *err, size_t errlen)
{
	char buf[1024], *items[16];
	char **out = field(dst, o->values);
	int *count = field(dst, o->count);
	int n = split_copy(arg, buf, sizeof(buf), items, o->max < 16 ? o->max : 16, err, errlen);
	if (n < 0)
		return -1;
	for (int i = 0; i < *count; i++)
		free(out[i]);
	for (int i = 0; i < n; i++)
		out[i] = strdup(items[i]);
	*count = n;
	return 0;
}

int sb_ap_switch(const struct sb_axis_opt *o, const char *arg, void *dst, char *err, size_t errlen)
{
	(void)arg, (void)err, (void)errlen;
	*(int *)field(dst, o->values) = 1;
	return 0;
}

/* "all" of --method: every method. Not an index of sb_methods, nor sb_method_by_name's -1 (unknown). */
#define ALL_METHODS SB_N_METHODS
/* Words a --method list may hold ("fork,fork" names one method twice). */
#define MAX_METHOD_WORDS 32

/* Method names or "all", each method once, in the order first named. */
int sb_ap_methods(const struct sb_axis_opt *o, const char *arg, void *dst, char *err, size_t errlen)
{
	(void)o;
	struct sb_matrix *m = dst;
	char buf[512], *items[MAX_METHOD_WORDS];
	int n = split_copy(arg, buf, sizeof(buf), items, MAX_METHOD_WORDS, err, errlen);
	if (n < 0)
		return -1;
	m->n_methods = 0;
	for (int i = 0; i < n; i++) {
		int id = !strcmp(items[i], "all") ? ALL_METHODS : sb_method_by_name(items[i]);
		if (id == -1) {
			const char *names[SB_N_METHODS];
			for (int j = 0; j < SB_N_METHODS; j++)
				names[j] = sb_methods[j].name;
			sb_unknown_name(err, errlen, "method", items[i], names, SB_N_METHODS,
					"known: fork vfork clone clone3 posix_spawn posix_spawn-fa pthread, all");
			return -1;
		}
		for (int j = 0; j < SB_N_METHODS; j++) {
			if ((id == ALL_METHODS || id == j) && m->n_methods < SB_N_METHODS) {
				int seen = 0;
				for (int k = 0; k < m->n_methods; k++)
					seen |= m->methods[k] == j;
				if (!seen)
					m->methods[m->n_methods++] = j;
			}
		}
	}
	return 0;
}

/* Room for one more flag set, or 0 with err set: --preset and --flags add to one list. */
static int flagset_room(const struct sb_matrix *m, char *err, size_t errlen)
{
	int max = (int)(sizeof(m->flagsets) / sizeof(m->flagsets[0]));
	if (m->n_flagsets < max)
		return 1;
	snprintf(err, errlen, "too many flag sets (at most %d)", max);
	return 0;
}

static void set_flagset(struct sb_matrix *m, const char *preset, uint64_t flags, int exit_signal)
{
	snprintf(m->flagsets[m->n_flagsets].preset, sizeof(m->flagsets[0].preset), "%s", preset);
	m->flagsets[m->n_flagsets].flags = flags;
	m->flagsets[m->n_flagsets].exit_signal = exit_signal;
	m->n_flagsets++;
}

int sb_ap_presets(const struct sb_axis_opt *o, const char *arg, void *dst, char *err, size_t errlen)
{
	struct sb_matrix *m = dst;
	char buf[512], *items[SB_MAX_FLAGSETS];
	int n = split_copy(arg, buf, sizeof(buf), items, o->max < SB_MAX_FLAGSETS ? o->max : SB_MAX_FLAGSETS, err,
			   errlen);
	if (n < 0)
		return -1;
	for (int i = 0; i < n; i++) {
		const struct sb_preset *p = sb_find_preset(items[i]);
		if (!p) {
			/* The suggestion looks among every preset: the table holds at most SB_MAX_PRESETS. */
			const char *names[SB_MAX_PRESETS];
			for (size_t j = 0; j < sb_n_presets; j++)
				names[j] = sb_presets[j].name;
			sb_unknown_name(err, errlen, "preset", items[i], names, sb_n_presets,
					"see 'spawnbench list --presets'");
			return -1;
		}
		if (!flagset_room(m, err, errlen))
			return -1;
		set_flagset(m, p->name, p->flags, p->exit_signal);
	}
	return 0;
}

/* One raw flag set per --flags; with thread in it the child sends no exit signal. */
int sb_ap_flags(const struct sb_axis_opt *o, const char *arg, void *dst, char *err, size_t errlen)
{
	(void)o;
	struct sb_matrix *m = dst;
	uint64_t flags;
	if (!flagset_room(m, err, errlen) || sb_parse_flag_list(arg, &flags, err, errlen))
		return -1;
	set_flagset(m, "raw", flags, strstr(arg, "thread") ? 0 : SIGCHLD);
	return 0;
}

/* The exit signal of every --flags set given so far. */
int sb_ap_exit_signal(const struct sb_axis_opt *o, const char *arg, void *dst, char *err, size_t errlen)
{
	(void)o;
	struct sb_matrix *m = dst;
	if (strcmp(arg, "sigchld") && strcmp(arg, "none")) {
		snprintf(err, errlen, "--exit-signal: '%s' is neither sigchld nor none", arg);
		return -1;
	}
	for (int i = 0; i < m->n_flagsets; i++)
		if (!strcmp(m->flagsets[i].preset, "raw"))
			m->flagsets[i].exit_signal = strcmp(arg, "none") ? SIGCHLD : 0;
	return 0;
}

int sb_ap_ns(const struct sb_axis_opt *o, const char *arg, void *dst, char *err, size_t errlen)
{
	int n = sb_parse_ns_list(arg, field(dst, o->values), o->max, err, errlen);
	if (n < 0)
		return -1;
	*(int *)field(dst, o->count) = n;
	return 0;
}

int sb_ap_ns_paths(const struct sb_axis_opt *o, const char *arg, void *dst, char *err, size_t errlen)
{
	char buf[64], *items[SB_N_NSPATHS];
	int *out = field(dst, o->values), n;
	if ((n = split_copy(arg, buf, sizeof(buf), items, SB_N_NSPATHS, err, errlen)) < 0)
		return -1;
	for (int i = 0; i < n; i++) {
		int k;
		for (k = 0; k < SB_N_NSPATHS && strcmp(items[i], o->words[k]); k++)
			;
		if (k == SB_N_NSPATHS) {
			snprintf(err, errlen, "--%s: unknown path '%s' (clone, unshare, setns)", o->name, items[i]);
			return -1;
		}
		out[i] = k;
	}
	*(int *)field(dst, o->count) = n;
	return 0;
}

/* One level for every case, or a list: each case is run once per level, side by side. */
int sb_ap_probe(const struct sb_axis_opt *o, const char *arg, void *dst, char *err, size_t errlen)
{
	(void)o;
	struct sb_run_config *cfg = dst;
	char buf[64], *items[4];
	int k = split_copy(arg, buf, sizeof(buf), items, 4, err, errlen);
	if (k < 0)
		return -1;
	cfg->probe.level = SB_PROBE_OFF;
	cfg->n_probe_levels = 0;
	for (int i = 0; i < k; i++) {
		int l = !strcmp(items[i], "off") ? SB_PROBE_OFF : !strcmp(items[i], "phases") ? SB_PROBE_PHASES
			: !strcmp(items[i], "stages") ? SB_PROBE_STAGES : -1;
		if (l < 0) {
			snprintf(err, errlen, "--probe: '%s' is not a level (off, phases, stages, or a list of them)",
				 items[i]);
			return -1;
		}
		for (int j = 0; j < cfg->n_probe_levels; j++)
			if (cfg->probe_levels[j] == l) {
				snprintf(err, errlen, "--probe: '%s' is listed twice", items[i]);
				return -1;
			}
		cfg->probe_levels[cfg->n_probe_levels++] = l;
		if (l > (int)cfg->probe.level)
			cfg->probe.level = (enum sb_probe_level)l;
	}
	return 0;
}
