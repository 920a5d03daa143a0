// SPDX-License-Identifier: MIT
/* The size bound on a results file, checked before a reader parses it (see results_limit.h). */
#include "results_limit.h"

#include "parse.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>

int sb_results_size_ok(const char *path, uint64_t bytes, char *err, size_t errlen)
{
	const char *env = getenv("SPAWNBENCH_RESULTS_MAX");
	uint64_t max = SB_RESULTS_MAX_DEFAULT;
	char perr[128], lim[32];

	if (env && *env && sb_parse_size(env, &max, perr, sizeof(perr))) {
		snprintf(err, errlen, "SPAWNBENCH_RESULTS_MAX: %s", perr);
		return -1;
	}
	if (bytes <= max)
		return 0;
	sb_format_size(max, lim, sizeof(lim));
	snprintf(err, errlen,
		 "%s: %" PRIu64 " bytes is over the %s limit on a results file (set SPAWNBENCH_RESULTS_MAX to read it)",
		 path, bytes, lim);
	return -1;
}
