/* SPDX-License-Identifier: MIT */
/* The subcommands report/ implements, for bench/main.c's table. Each returns the process exit status. */
#ifndef SB_REPORT_COMMANDS_H
#define SB_REPORT_COMMANDS_H

#include "exit_codes.h"

int cmd_report(int argc, char **argv);
int cmd_compare(int argc, char **argv);
int cmd_export(int argc, char **argv);

#endif
