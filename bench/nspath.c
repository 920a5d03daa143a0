// SPDX-License-Identifier: MIT
/* --ns-path on the controller's side: nothing to prepare while only the clone path exists. */
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
