/* SPDX-License-Identifier: MIT */
/*
 * The exit statuses every subcommand returns (documented in docs/spawnbench.1). In the leaf library so
 * that probes/ and report/ can return them without including the driver's headers.
 */
#ifndef SB_EXIT_CODES_H
#define SB_EXIT_CODES_H

enum sb_exit {
	SB_EXIT_OK = 0,
	SB_EXIT_REGRESSION = 1,   /* compare: at least one case regressed */
	SB_EXIT_USAGE = 2,        /* bad input: refused before anything ran */
	SB_EXIT_PROBE = 3,        /* probes requested but BPF unavailable / not permitted */
	SB_EXIT_RUNTIME = 4,      /* the run could not go on (I/O error writing results, ...) */
	SB_EXIT_INTERRUPTED = 130,/* SIGINT/SIGTERM/SIGHUP/SIGQUIT; finished cases were written */
};

#endif
