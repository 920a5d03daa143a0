// SPDX-License-Identifier: MIT
/* The stop signals, and the cases in flight when one stopped the run: interrupted with their samples, or skipped. */
#include "interrupted.h"

#include <stdio.h>
#include <string.h>

#include "spawn_errors.h"

volatile sig_atomic_t sb_stop_signal;

static void on_stop(int sig)
{
	sb_stop_signal = sig;
}

void sb_install_stop_handlers(void)
{
	struct sigaction sa;
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_stop;   /* no SA_RESTART: a blocking read returns EINTR and the loop looks */
	sigemptyset(&sa.sa_mask);
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGHUP, &sa, NULL);
	sigaction(SIGQUIT, &sa, NULL);   /* Ctrl-\ would dump core and lose every finished case */
	signal(SIGPIPE, SIG_IGN);   /* a dead worker is an EPIPE, not the end of the run */
}

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

void sb_cases_mark_unbegun(struct sb_run_config *cfg)
{
	/* Not begun: no sample and no failed spawn, so each becomes skipped, "interrupted". */
	for (size_t i = 0; i < cfg->n_cases; i++)
		if (cfg->cases[i].status == SB_ST_PENDING)
			sb_case_mark_interrupted(&cfg->cases[i]);
}
