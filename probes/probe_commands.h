/* SPDX-License-Identifier: MIT */
/* The subcommand probes/ implements (trace), for bench/main.c's table. Returns the process exit status. */
#ifndef SB_PROBE_COMMANDS_H
#define SB_PROBE_COMMANDS_H

#include "exit_codes.h"

int cmd_trace(int argc, char **argv);

#endif
