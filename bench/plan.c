// SPDX-License-Identifier: MIT
/*
 * Plan files: named benchmark matrices (data/plans/NAME.plan).
 *
 *   # comment
 *   description: one line shown by `spawnbench list --plans`
 *   options: --iterations 100 --target-ci 2%      (run options, overridden by the command line)
 *   cases: --method fork,vfork --mem 0,64M        (one matrix per line; only axes)
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli_run.h"
#include "commands.h"

/* Tokens point into the plan's text, which must live as long as the run configuration. */
static char *plan_text;

/*
 * Where the named plans are: $SPAWNBENCH_PLANS; else the binary's own prefix (an installed copy,
 * <prefix>/bin/spawnbench -> <prefix>/share/spawnbench/plans), so an install never reads the plans of the
 * source tree it was built from; else the source tree's data/plans (the build tree, where the binary has
 * no prefix of its own).
 */
const char *sb_plans_dir(void)
{
	static char dir[4096];
	const char *env = getenv("SPAWNBENCH_PLANS");
	if (env)
		return env;
	char self[4000];
	ssize_t n = readlink("/proc/self/exe", self, sizeof(self) - 1);
	if (n > 0) {
		self[n] = '\0';
		char *slash = strrchr(self, '/');
		if (slash)
			*slash = '\0';
		char rel[4096];
		snprintf(rel, sizeof(rel), "%s/../share/spawnbench/plans", self);
		if (!access(rel, R_OK) && realpath(rel, dir))
			return dir;
	}
	return SB_PLANS_DIR;
}

static int tokenize(char *s, char **tok, int max)
{
	int n = 0;
	for (char *save = NULL, *t = strtok_r(s, " \t", &save); t; t = strtok_r(NULL, " \t", &save)) {
		if (n == max)
			return -1;
		tok[n++] = t;
	}
	return n;
}

int sb_load_plan(const char *name, struct sb_run_config *cfg, char *err, size_t errlen)
{
	char path[4200];
	if (strchr(name, '/'))
		snprintf(path, sizeof(path), "%s", name);
	else
		snprintf(path, sizeof(path), "%s/%s.plan", sb_plans_dir(), name);
	struct stat st;
	/* A FIFO with no writer would block the open for ever; a device or a directory is no plan either. */
	if (!stat(path, &st) && !S_ISREG(st.st_mode)) {
		snprintf(err, errlen, "plan '%.80s%s': not a regular file", name, strlen(name) > 80 ? "..." : "");
		return SB_EXIT_USAGE;
	}
	FILE *f = fopen(path, "re");
	if (!f) {
		snprintf(err, errlen, "plan '%.80s%s': %s (%.120s; 'spawnbench list --plans' shows the named plans)",
			 name, strlen(name) > 80 ? "..." : "", strerror(errno), path);
		return SB_EXIT_USAGE;
	}
	free(plan_text);
	plan_text = NULL;
	size_t cap = 0;
	ssize_t len = getdelim(&plan_text, &cap, '\0', f);
	fclose(f);
	if (len < 0) {
		snprintf(err, errlen, "plan '%s': empty or unreadable", path);
		return SB_EXIT_USAGE;
	}
	if (strlen(plan_text) != (size_t)len) {
		snprintf(err, errlen, "plan '%s': contains a NUL byte", path);
		return SB_EXIT_USAGE;
	}
	int lineno = 0;
	char *save = NULL;
	cfg->n_matrices = 0;
	for (char *line = strtok_r(plan_text, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
		lineno++;
		line += strspn(line, " \t");
		if (!*line || *line == '#' || !strncmp(line, "description:", 12))
			continue;
		char *tok[128];
		int n, rc;
		char sub[400];
		if (!strncmp(line, "options:", 8)) {
			if ((n = tokenize(line + 8, tok, 128)) < 0)
				goto too_long;
			rc = sb_parse_run_options(n, tok, SB_OPT_GLOBAL, cfg, NULL, NULL, sub, sizeof(sub));
		} else if (!strncmp(line, "cases:", 6)) {
			if (cfg->n_matrices == SB_MAX_MATRICES) {
				snprintf(err, errlen, "%s:%d: too many cases: lines (at most %d)", path, lineno, SB_MAX_MATRICES);
				return SB_EXIT_USAGE;
			}
			struct sb_matrix *m = &cfg->matrices[cfg->n_matrices++];
			memset(m, 0, sizeof(*m));
			if ((n = tokenize(line + 6, tok, 128)) < 0)
				goto too_long;
			rc = sb_parse_run_options(n, tok, SB_OPT_AXIS, cfg, m, NULL, sub, sizeof(sub));
			if (!rc && !m->n_methods) {
				snprintf(sub, sizeof(sub), "a cases: line needs --method");
				rc = SB_EXIT_USAGE;
			}
		} else {
			snprintf(err, errlen, "%s:%d: expected 'description:', 'options:' or 'cases:'", path, lineno);
			return SB_EXIT_USAGE;
		}
		if (rc) {
			snprintf(err, errlen, "%s:%d: %s", path, lineno, rc == 1 ? "--help in a plan" : sub);
			return SB_EXIT_USAGE;
		}
	}
	if (!cfg->n_matrices) {
		snprintf(err, errlen, "plan '%s' has no cases: lines", path);
		return SB_EXIT_USAGE;
	}
	return 0;
too_long:
	snprintf(err, errlen, "%s:%d: line has too many words", path, lineno);
	return SB_EXIT_USAGE;
}
