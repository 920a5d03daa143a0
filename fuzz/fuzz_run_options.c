// SPDX-License-Identifier: MIT
/*
 * Fuzz `spawnbench run`'s option parser, case expansion and validation (what runs before anything spawns),
 * and plan files: the input is split into words for the command line, and also written to a file and
 * loaded as a plan.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli_run.h"

static struct sb_run_config cfg;

static void expand_and_free(void)
{
	char err[700];
	if (!sb_expand_cases(&cfg, err, sizeof(err)))
		for (size_t i = 0; i < cfg.n_cases; i++)
			(void)sb_validate_case(&cfg.cases[i], err, sizeof(err));
	sb_free_cases(&cfg);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size > 4096)
		return 0;
	char *s = malloc(size + 1), err[700];
	if (!s)
		return 0;
	memcpy(s, data, size);
	s[size] = '\0';

	/* As a command line. */
	char *words[128], *copy = strdup(s);
	int n = 0;
	for (char *save = NULL, *t = strtok_r(copy, " \t\n", &save); t && n < 128; t = strtok_r(NULL, " \t\n", &save))
		words[n++] = t;
	sb_run_config_defaults(&cfg);
	static struct sb_matrix m;
	memset(&m, 0, sizeof(m));
	int axis = 0;
	FILE *devnull = freopen("/dev/null", "w", stdout);   /* --help prints */
	(void)devnull;
	if (!sb_parse_run_options(n, words, SB_OPT_GLOBAL | SB_OPT_AXIS, &cfg, &m, &axis, err, sizeof(err)) &&
	    m.n_methods) {
		cfg.matrices[0] = m;
		cfg.n_matrices = 1;
		memset(&m, 0, sizeof(m));
	}
	for (int i = 0; i < m.n_execs; i++)
		free(m.execs[i]);
	expand_and_free();
	free(copy);

	/* As a plan file. */
	char path[] = "/tmp/sbfuzz-plan-XXXXXX";
	int fd = mkstemp(path);
	if (fd >= 0) {
		if (write(fd, data, size) == (ssize_t)size) {
			sb_run_config_defaults(&cfg);
			if (!sb_load_plan(path, &cfg, err, sizeof(err)))
				expand_and_free();
			else
				sb_free_cases(&cfg);
		}
		close(fd);
		unlink(path);
	}
	free(s);
	return 0;
}
