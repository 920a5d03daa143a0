/* SPDX-License-Identifier: MIT */
/* The subcommands of the spawnbench binary. Each returns the process exit status. */
#ifndef SB_COMMANDS_H
#define SB_COMMANDS_H

/* Exit statuses shared by every subcommand (documented in docs/spawnbench.1). */
enum sb_exit {
	SB_EXIT_OK = 0,
	SB_EXIT_REGRESSION = 1,   /* compare: at least one case regressed */
	SB_EXIT_USAGE = 2,        /* bad input: refused before anything ran */
	SB_EXIT_PROBE = 3,        /* probes requested but BPF unavailable / not permitted */
	SB_EXIT_RUNTIME = 4,      /* the run could not go on (I/O error writing results, ...) */
	SB_EXIT_INTERRUPTED = 130,/* SIGINT/SIGTERM/SIGHUP/SIGQUIT; finished cases were written */
};

int cmd_run(int argc, char **argv);
int cmd_list(int argc, char **argv);
int cmd_doctor(int argc, char **argv);
int cmd_report(int argc, char **argv);
int cmd_compare(int argc, char **argv);
int cmd_export(int argc, char **argv);
int cmd_trace(int argc, char **argv);

#endif
