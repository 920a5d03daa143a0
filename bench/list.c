// SPDX-License-Identifier: MIT
/* spawnbench list: what can be asked for. */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli_run.h"
#include "clone_flags.h"
#include "commands.h"
#include "counters.h"
#include "methods_table.h"
#include "namespaces.h"

static void list_methods(void)
{
	printf("methods:\n");
	for (int i = 0; i < SB_N_METHODS; i++)
		printf("  %-15s %s\n", sb_methods[i].name, sb_methods[i].about);
}

static void list_presets(void)
{
	printf("presets (clone, clone3):\n");
	for (size_t i = 0; i < sb_n_presets; i++)
		printf("  %-15s %s\n", sb_presets[i].name, sb_presets[i].about);
	printf("raw flags (--flags a,b,c):\n ");
	for (size_t i = 0; i < sb_n_flag_names; i++)
		printf(" %s%s", sb_flag_names[i].name, sb_flag_names[i].clone3_only ? "(clone3)" : "");
	printf("\n");
}

static void list_namespaces(void)
{
	printf("namespaces (--ns): none");
	for (int i = 0; i < SB_N_NS_TYPES; i++)
		printf(" %s", sb_ns_types[i].name);
	printf(", a+b combinations, all, sweep (all 256 combinations)\n");
}

static int list_plans(void)
{
	const char *dir = sb_plans_dir();
	struct dirent **ents;
	int n = scandir(dir, &ents, NULL, alphasort);
	printf("plans (%s):\n", dir);
	if (n < 0) {
		printf("  (none found)\n");
		return 0;
	}
	for (int i = 0; i < n; i++) {
		size_t l = strlen(ents[i]->d_name);
		if (l > 5 && !strcmp(ents[i]->d_name + l - 5, ".plan")) {
			char path[4400], line[512], desc[512] = "";
			snprintf(path, sizeof(path), "%s/%s", dir, ents[i]->d_name);
			FILE *f = fopen(path, "re");
			while (f && fgets(line, sizeof(line), f))
				if (!strncmp(line, "description:", 12)) {
					snprintf(desc, sizeof(desc), "%s", line + 12 + strspn(line + 12, " "));
					desc[strcspn(desc, "\n")] = '\0';
					break;
				}
			if (f)
				fclose(f);
			printf("  %-18.*s %s\n", (int)(l - 5), ents[i]->d_name, desc);
		}
		free(ents[i]);
	}
	free(ents);
	return 0;
}


/* What `list` shows, in the order asked; none: everything. */
enum list_item { L_METHODS, L_PRESETS, L_NAMESPACES, L_PLANS, L_COUNTERS };

struct list_opts {
	enum list_item items[16];
	int n, help;
};

static const struct { const char *name, *alias; enum list_item item; } list_names[] = {
	{ "--methods", NULL, L_METHODS },       { "--presets", "--flags", L_PRESETS },
	{ "--namespaces", "--ns", L_NAMESPACES }, { "--plans", NULL, L_PLANS },
	{ "--counters", NULL, L_COUNTERS },
};

/* 0, or SB_EXIT_USAGE after saying why. --help is printed here and sets o->help: nothing more to do. */
static int parse_args(int argc, char **argv, struct list_opts *o)
{
	memset(o, 0, sizeof(*o));
	for (int i = 1; i < argc; i++) {
		size_t k = 0, n = sizeof(list_names) / sizeof(list_names[0]);
		if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h")) {
			printf("usage: spawnbench list [--methods] [--presets] [--namespaces] [--plans] [--counters]\n");
			o->help = 1;
			return 0;
		}
		while (k < n && strcmp(argv[i], list_names[k].name) &&
		       (!list_names[k].alias || strcmp(argv[i], list_names[k].alias)))
			k++;
		if (k == n) {
			fprintf(stderr, "spawnbench list: unknown option '%s' (--methods, --presets, --namespaces, "
				"--plans, --counters)\n", argv[i]);
			return SB_EXIT_USAGE;
		}
		if (o->n < (int)(sizeof(o->items) / sizeof(o->items[0])))
			o->items[o->n++] = list_names[k].item;
	}
	return 0;
}

int cmd_list(int argc, char **argv)
{
	struct list_opts o;
	int rc = parse_args(argc, argv, &o);
	if (rc || o.help)
		return rc;
	for (int i = 0; i < o.n; i++) {
		switch (o.items[i]) {
		case L_METHODS: list_methods(); break;
		case L_PRESETS: list_presets(); break;
		case L_NAMESPACES: list_namespaces(); break;
		case L_PLANS: list_plans(); break;
		case L_COUNTERS: return sb_list_counters();   /* its status: libpfm4 may be missing */
		}
	}
	if (!o.n) {
		list_methods();
		list_presets();
		list_namespaces();
		list_plans();
		printf("counters: 'spawnbench list --counters'\n");
	}
	return SB_EXIT_OK;
}
