// SPDX-License-Identifier: MIT
#include <stdio.h>

#include "commands.h"

int cmd_trace(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	fprintf(stderr, "spawnbench trace: not built yet\n");
	return SB_EXIT_USAGE;
}
