// SPDX-License-Identifier: MIT
#include <stdio.h>

#include "commands.h"

int cmd_report(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	fprintf(stderr, "spawnbench report: not built yet\n");
	return SB_EXIT_USAGE;
}
