/* SPDX-License-Identifier: MIT */
/*
 * What a signal that stops a run leaves of the cases it was measuring: a case in flight keeps the samples
 * it had and the statistics from them, marked `interrupted` (never `ok`, never an `error` of spawns that
 * did not fail); one that had not measured anything yet is `skipped` for the reason `interrupted`.
 */
#ifndef SB_INTERRUPTED_H
#define SB_INTERRUPTED_H
#include "cases.h"

/* For a case still pending when the run was stopped: sets its status and reason. */
void sb_case_mark_interrupted(struct sb_case *c);

#endif
