// SPDX-License-Identifier: MIT
#include "cases.h"

#include <linux/sched.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "axes.h"
#include "clone_flags.h"
#include "commands.h"
#include "methods_table.h"
#include "namespaces.h"
#include "parse.h"

void sb_add_note(struct sb_run_config *cfg, const char *fmt, ...)
{
	if (cfg->n_notes == (int)(sizeof(cfg->notes) / sizeof(cfg->notes[0])))
		return;
	va_list ap;
	va_start(ap, fmt);
	if (vasprintf(&cfg->notes[cfg->n_notes], fmt, ap) >= 0)
		cfg->n_notes++;
	va_end(ap);
}

/* The child program lives beside the spawnbench binary (build tree) or in ../libexec/spawnbench. */
static int find_helper(const char *name, char *out, size_t len)
{
	char self[SB_PATH_MAX];
	const char *env = getenv("SPAWNBENCH_LIBEXEC");
	if (env) {
		snprintf(out, len, "%s/%s", env, name);
		return access(out, X_OK);
	}
	ssize_t n = readlink("/proc/self/exe", self, sizeof(self) - 1);
	if (n <= 0)
		return -1;
	self[n] = '\0';
	char *slash = strrchr(self, '/');
	if (!slash)
		return -1;
	*slash = '\0';
	snprintf(out, len, "%s/%s", self, name);
	if (!access(out, X_OK))
		return 0;
	snprintf(out, len, "%s/../libexec/spawnbench/%s", self, name);
	return access(out, X_OK);
}

int sb_find_helper(const char *name, char *out, size_t len)
{
	return find_helper(name, out, len);
}

void sb_helper_missing(const char *name, char *msg, size_t len)
{
	char self[SB_PATH_MAX];
	const char *env = getenv("SPAWNBENCH_LIBEXEC");
	if (env) {
		snprintf(msg, len, "cannot find the %s program in $SPAWNBENCH_LIBEXEC (%.200s/%s)", name, env, name);
		return;
	}
	ssize_t n = readlink("/proc/self/exe", self, sizeof(self) - 1);
	self[n > 0 ? n : 0] = '\0';
	char *slash = strrchr(self, '/');
	if (slash)
		*slash = '\0';
	snprintf(msg, len, "cannot find the %s program beside the binary (%.200s/%s) nor in %.200s/../libexec/"
		 "spawnbench; install it there or set SPAWNBENCH_LIBEXEC to its directory", name, self, name, self);
}

static int add_case(struct sb_run_config *cfg, const struct sb_case *c, char *err, size_t errlen)
{
	for (size_t i = 0; i < cfg->n_cases; i++)
		if (!strcmp(cfg->cases[i].key, c->key))
			return 0;   /* the same case from two lines of a plan: measure it once */
	if (cfg->n_cases >= 4096) {
		snprintf(err, errlen, "more than 4096 cases: split the plan");
		return -1;
	}
	struct sb_case *n = realloc(cfg->cases, (cfg->n_cases + 1) * sizeof(*n));
	if (!n) {
		snprintf(err, errlen, "out of memory");
		return -1;
	}
	cfg->cases = n;
	cfg->cases[cfg->n_cases++] = *c;
	return 0;
}

int sb_validate_case(const struct sb_case *c, char *err, size_t errlen)
{
	const struct sb_case_wire *w = &c->w;
	if ((w->ns_flags & CLONE_NEWPID) && (w->method == SB_M_PTHREAD || (w->clone_flags & CLONE_THREAD))) {
		snprintf(err, errlen, "%s: EINVAL: CLONE_THREAD was specified in the flags mask, but the current process "
			 "previously called unshare(2) with the CLONE_NEWPID flag or used setns(2) to reassociate itself "
			 "with a PID namespace", c->label);
		return SB_EXIT_USAGE;
	}
	if (sb_methods[w->method].takes_flags) {
		const char *rule = sb_flag_rule_broken((enum sb_method)w->method, w->clone_flags, w->exit_signal);
		if (rule) {
			snprintf(err, errlen, "%s: %s", c->label, rule);
			return SB_EXIT_USAGE;
		}
		if ((w->clone_flags & CLONE_THREAD) && w->exec_kind != SB_EXEC_NONE) {
			snprintf(err, errlen, "%s: a CLONE_THREAD child cannot exec: execve() from a thread replaces "
				 "the whole spawner", c->label);
			return SB_EXIT_USAGE;
		}
	}
	return 0;
}

/* A "cases:" line: for each method, the product of its axes, as an odometer over the axis table. */
static int expand_one(struct sb_run_config *cfg, const struct sb_matrix *m, char *err, size_t errlen)
{
	for (int mi = 0; mi < m->n_methods; mi++) {
		const struct sb_axis_ctx x = { cfg, m, &sb_methods[m->methods[mi]] };
		const struct sb_method_info *info = x.info;
		size_t before = cfg->n_cases;
		int n[SB_MAX_AXES], idx[SB_MAX_AXES] = { 0 };
		const int turns = sb_axes_turns();
		for (int t = 1; t <= turns; t++)
			n[t - 1] = sb_axis_count(sb_axis_turn(t), &x);
		do {
			struct sb_case c;
			if (sb_axes_case(&x, idx, &c))
				continue;   /* a point of the product this method cannot take */
			if (sb_axes_resolve(&c, err, errlen))
				return -1;
			sb_case_name(&c);
			if (add_case(cfg, &c, err, errlen))
				return -1;
		} while (sb_odometer_next(idx, n, (size_t)turns));
		if (cfg->n_cases == before) {
			snprintf(err, errlen, "method %s: no case left from these axes (%s)", info->name,
				 info->must_exec ? "it always execs: use --exec child or a program path"
				 : !info->can_exec ? "it cannot exec: use --exec none"
				 : !info->takes_flags ? "namespaces on the spawn call need clone or clone3"
				 : "check --exec and --ns");
			return -1;
		}
	}
	return 0;
}

int sb_expand_cases(struct sb_run_config *cfg, char *err, size_t errlen)
{
	for (int i = 0; i < cfg->n_matrices; i++)
		if (expand_one(cfg, &cfg->matrices[i], err, errlen))
			return SB_EXIT_USAGE;
	if (!cfg->n_cases) {
		snprintf(err, errlen, "no cases to run");
		return SB_EXIT_USAGE;
	}
	return 0;
}

void sb_free_cases(struct sb_run_config *cfg)
{
	for (size_t i = 0; i < cfg->n_cases; i++) {
		free(cfg->cases[i].samples);
		free(cfg->cases[i].throughput);
	}
	free(cfg->cases);
	cfg->cases = NULL;
	cfg->n_cases = 0;
	for (int i = 0; i < cfg->n_notes; i++)
		free(cfg->notes[i]);
	cfg->n_notes = 0;
	for (int i = 0; i < cfg->n_matrices; i++)
		for (int j = 0; j < cfg->matrices[i].n_execs; j++)
			free(cfg->matrices[i].execs[j]);
}
