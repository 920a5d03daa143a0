/* SPDX-License-Identifier: MIT */
/*
 * The subcommands bench/ implements. Each returns the process exit status. The others are declared where
 * they live: probes/probe_commands.h (trace) and report/report_commands.h (report, compare, export).
 */
#ifndef SB_COMMANDS_H
#define SB_COMMANDS_H

#include "exit_codes.h"

int cmd_run(int argc, char **argv);
int cmd_list(int argc, char **argv);
int cmd_doctor(int argc, char **argv);

#endif
