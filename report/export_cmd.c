// SPDX-License-Identifier: MIT
#include <stdio.h>

#include "commands.h"

int cmd_export(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	fprintf(stderr, "spawnbench export: not built yet\n");
	return SB_EXIT_USAGE;
}
