// SPDX-License-Identifier: MIT
/* Counter hooks: none yet (counters are opened only when a case asks for events). */
#include "spawner.h"

int sb_wcounters_open(struct spawn_ctx *x, struct sb_ready *ready)
{
	(void)x;
	(void)ready;
	return 0;
}
void sb_wcounters_call_begin(struct spawn_ctx *x) { (void)x; }
void sb_wcounters_call_end(struct spawn_ctx *x) { (void)x; }
void sb_wcounters_reaped(struct spawn_ctx *x) { (void)x; }
