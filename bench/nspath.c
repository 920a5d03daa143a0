// SPDX-License-Identifier: MIT
/*
 * --ns-path on the controller's side. Nothing to prepare: each setns case's worker makes its own holder (so the
 * holder dies with the worker, PR_SET_PDEATHSIG), and the controller's subreaper reaps whatever is left.
 */
#include "nspath.h"

int sb_nspath_prepare(struct sb_run_config *cfg, char *err, size_t errlen)
{
	(void)cfg;
	(void)err;
	(void)errlen;
	return 0;
}

void sb_nspath_cleanup(struct sb_run_config *cfg)
{
	(void)cfg;
}
