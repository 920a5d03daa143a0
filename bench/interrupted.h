/* SPDX-License-Identifier: MIT */
/*
 * A signal that stops a run, and what it leaves of the cases. SIGINT, SIGTERM, SIGHUP and SIGQUIT only set
 * sb_stop_signal; the controller's loops look at it at their safe points (a blocking read returns EINTR).
 * A case in flight keeps the samples it had and the statistics from them, marked `interrupted` (never `ok`,
 * never an `error` of spawns that did not fail); one that had not measured anything yet is `skipped` for
 * the reason `interrupted`.
 */
#ifndef SB_INTERRUPTED_H
#define SB_INTERRUPTED_H
#include <signal.h>

#include "cases.h"

/* Set by SIGINT/SIGTERM/SIGHUP/SIGQUIT: the run stops at the next safe point. */
extern volatile sig_atomic_t sb_stop_signal;
/* Install the handlers (without SA_RESTART), and ignore SIGPIPE: a dead worker is an EPIPE. */
void sb_install_stop_handlers(void);

/* For a case still pending when the run was stopped: sets its status and reason. */
void sb_case_mark_interrupted(struct sb_case *c);
/* After a stopped run: every case not begun is skipped for the reason "interrupted". */
void sb_cases_mark_unbegun(struct sb_run_config *cfg);

#endif
