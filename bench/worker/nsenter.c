// SPDX-License-Identifier: MIT
/* --ns-path unshare / setns in the worker: not supported yet (refused at the command line). */
#include <errno.h>

#include "spawner.h"

int sb_nspath_setup(struct spawn_ctx *x, struct sb_ready *ready)
{
	(void)x;
	(void)ready;
	return -EOPNOTSUPP;
}

int sb_nspath_spawn(struct spawn_ctx *x, int (*spawn)(struct spawn_ctx *))
{
	return spawn(x);
}
