/* SPDX-License-Identifier: MIT */
/* --ns-path on the controller's side: what must exist before setns cases run, and its removal. */
#ifndef SB_NSPATH_H
#define SB_NSPATH_H
#include <stddef.h>

#include "cases.h"

/* Create what the cases need (e.g. holder processes for setns). 0, or an exit status with err set. */
int sb_nspath_prepare(struct sb_run_config *cfg, char *err, size_t errlen);
/* Remove all of it. Safe to call twice and from any exit path. */
void sb_nspath_cleanup(struct sb_run_config *cfg);

#endif
