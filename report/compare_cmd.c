// SPDX-License-Identifier: MIT
#include <stdio.h>

#include "commands.h"

int cmd_compare(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	fprintf(stderr, "spawnbench compare: not built yet\n");
	return SB_EXIT_USAGE;
}
