/* SPDX-License-Identifier: MIT */
/* The subcommands of the spawnbench binary. Each returns the process exit status. */
#ifndef SB_COMMANDS_H
#define SB_COMMANDS_H

#include "exit_codes.h"

int cmd_run(int argc, char **argv);
int cmd_list(int argc, char **argv);
int cmd_doctor(int argc, char **argv);
int cmd_report(int argc, char **argv);
int cmd_compare(int argc, char **argv);
int cmd_export(int argc, char **argv);
int cmd_trace(int argc, char **argv);

#endif
