// SPDX-License-Identifier: MIT
/* Placeholder until libpfm4 counters land: --counters is refused. */
#include "counters.h"

#include <stdio.h>

#include "commands.h"

int sb_counters_prepare(struct sb_run_config *cfg, char *err, size_t errlen)
{
	if (!cfg->counters[0])
		return 0;
	snprintf(err, errlen, "--counters: counters are not built into this spawnbench");
	return SB_EXIT_USAGE;
}

json_t *sb_counters_case_json(const struct sb_run_config *cfg, const struct sb_case *c)
{
	(void)cfg;
	(void)c;
	return NULL;
}

const char *sb_counters_case_summary(const struct sb_run_config *cfg, const struct sb_case *c, char *buf, size_t len)
{
	(void)cfg;
	(void)c;
	(void)buf;
	(void)len;
	return NULL;
}

int sb_list_counters(void)
{
	printf("counters: not built into this spawnbench\n");
	return 0;
}

int sb_doctor_counters(void (*line)(const char *what, int ok, const char *detail))
{
	line("libpfm4 counters", 0, "not built in");
	return 0;
}
