// SPDX-License-Identifier: MIT
/* Cases in flight when a signal stopped the run: interrupted with their samples, or skipped. */
#include "interrupted.h"

#include <stdio.h>

#include "spawn_errors.h"

void sb_case_mark_interrupted(struct sb_case *c)
{
	if (!c->n_samples && !c->failed_spawns) {
		c->status = SB_ST_SKIPPED;
		snprintf(c->reason, sizeof(c->reason), "interrupted");
		return;
	}
	c->status = SB_ST_INTERRUPTED;
	if (c->failed_spawns)
		snprintf(c->reason, sizeof(c->reason), "interrupted after %zu spawns (%zu more failed, first: %s)",
			 c->n_samples, c->failed_spawns, sb_spawn_error_text(c->first_errno));
	else
		snprintf(c->reason, sizeof(c->reason), "interrupted after %zu spawns", c->n_samples);
}
