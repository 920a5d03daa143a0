// SPDX-License-Identifier: MIT
/* spawnbench: dispatch to the subcommand named by argv[1]. */
#include <stdio.h>
#include <string.h>

#include "commands.h"
#include "parse.h"
#include "probe_commands.h"
#include "report_commands.h"
#include "version.h"

static const struct command {
	const char *name;
	int (*fn)(int, char **);
	const char *summary;
} commands[] = {
	{ "run", cmd_run, "run a matrix of spawn cases, print a table, write results JSON" },
	{ "report", cmd_report, "figures, tables and a report from results files" },
	{ "compare", cmd_compare, "regression verdict per case between two sets of results" },
	{ "export", cmd_export, "convert results to hyperfine / github-action-benchmark / CSV" },
	{ "trace", cmd_trace, "live per-stage profile of the spawns of any process (root)" },
	{ "doctor", cmd_doctor, "what this host allows and what will be degraded" },
	{ "list", cmd_list, "methods, flag presets, namespaces, counters, plans" },
};
#define N_COMMANDS (sizeof(commands) / sizeof(commands[0]))

static void usage(FILE *f)
{
	fprintf(f, "usage: spawnbench COMMAND [OPTIONS]\n\ncommands:\n");
	for (size_t i = 0; i < N_COMMANDS; i++)
		fprintf(f, "  %-9s %s\n", commands[i].name, commands[i].summary);
	fprintf(f, "\n'spawnbench COMMAND --help' describes a command; 'man spawnbench' (docs/spawnbench.1) all of them.\n");
}

int main(int argc, char **argv)
{
	if (argc < 2) {
		usage(stderr);
		return SB_EXIT_USAGE;
	}
	if (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h") || !strcmp(argv[1], "help")) {
		usage(stdout);
		return SB_EXIT_OK;
	}
	if (!strcmp(argv[1], "--version")) {
		printf("spawnbench %s (%s)\n", SB_VERSION, SB_GIT_COMMIT);
		return SB_EXIT_OK;
	}
	const char *names[N_COMMANDS];
	for (size_t i = 0; i < N_COMMANDS; i++) {
		if (!strcmp(argv[1], commands[i].name))
			return commands[i].fn(argc - 1, argv + 1);
		names[i] = commands[i].name;
	}
	char err[256];
	sb_unknown_name(err, sizeof(err), "command", argv[1], names, N_COMMANDS, NULL);
	fprintf(stderr, "spawnbench: %s\n", err);
	usage(stderr);
	return SB_EXIT_USAGE;
}
