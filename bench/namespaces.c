// SPDX-License-Identifier: MIT
#include "namespaces.h"

#include <linux/sched.h>
#include <stdio.h>
#include <string.h>

#include "parse.h"

#ifndef CLONE_NEWTIME
#define CLONE_NEWTIME 0x00000080
#endif

const struct sb_ns_type sb_ns_types[SB_N_NS_TYPES] = {
	{ "user", CLONE_NEWUSER, "user" },
	{ "pid", CLONE_NEWPID, "pid_for_children" },
	{ "net", CLONE_NEWNET, "net" },
	{ "mnt", CLONE_NEWNS, "mnt" },
	{ "uts", CLONE_NEWUTS, "uts" },
	{ "ipc", CLONE_NEWIPC, "ipc" },
	{ "cgroup", CLONE_NEWCGROUP, "cgroup" },
	{ "time", CLONE_NEWTIME, "time_for_children" },
};

uint64_t sb_ns_flags(uint64_t f)
{
	return f & SB_NS_ALL_FLAGS;
}

static int one_set(char *word, uint64_t *set, char *err, size_t errlen)
{
	*set = 0;
	if (!strcmp(word, "none"))
		return 0;
	if (!strcmp(word, "all")) {
		*set = SB_NS_ALL_FLAGS;
		return 0;
	}
	size_t len = strlen(word);
	if (!len || word[0] == '+' || word[len - 1] == '+' || strstr(word, "++")) {
		snprintf(err, errlen, "'%s': a '+' combination needs a namespace name on each side", word);
		return -1;
	}
	char *save = NULL;
	for (char *tok = strtok_r(word, "+", &save); tok; tok = strtok_r(NULL, "+", &save)) {
		size_t i;
		for (i = 0; i < SB_N_NS_TYPES; i++)
			if (!strcmp(tok, sb_ns_types[i].name))
				break;
		if (i == SB_N_NS_TYPES) {
			const char *names[SB_N_NS_TYPES + 3];
			for (size_t j = 0; j < SB_N_NS_TYPES; j++)
				names[j] = sb_ns_types[j].name;
			names[SB_N_NS_TYPES] = "none";
			names[SB_N_NS_TYPES + 1] = "all";
			names[SB_N_NS_TYPES + 2] = "sweep";
			sb_unknown_name(err, errlen, "namespace", tok, names, SB_N_NS_TYPES + 3,
					"known: user pid net mnt uts ipc cgroup time, none, all, sweep, and '+' combinations");
			return -1;
		}
		*set |= sb_ns_types[i].flag;
	}
	if (!*set) {
		snprintf(err, errlen, "empty namespace combination");
		return -1;
	}
	return 0;
}

int sb_parse_ns_list(const char *list, uint64_t *sets, int max_sets, char *err, size_t errlen)
{
	char buf[1024];
	char *items[300];
	if (strlen(list) >= sizeof(buf)) {
		snprintf(err, errlen, "namespace list too long");
		return -1;
	}
	strcpy(buf, list);
	int n = sb_split_list(buf, items, 300, err, errlen);
	if (n < 0)
		return -1;
	int count = 0;
	for (int i = 0; i < n; i++) {
		if (!strcmp(items[i], "sweep")) {
			for (unsigned m = 0; m < (1u << SB_N_NS_TYPES); m++) {
				uint64_t set = 0;
				for (int b = 0; b < SB_N_NS_TYPES; b++)
					if (m & (1u << b))
						set |= sb_ns_types[b].flag;
				if (count == max_sets)
					goto too_many;
				sets[count++] = set;
			}
			continue;
		}
		uint64_t set;
		if (one_set(items[i], &set, err, errlen))
			return -1;
		if (count == max_sets)
			goto too_many;
		sets[count++] = set;
	}
	/* Drop repeats so "net,net" or "sweep,net" do not measure a case twice. */
	int out = 0;
	for (int i = 0; i < count; i++) {
		int dup = 0;
		for (int j = 0; j < out; j++)
			dup |= sets[j] == sets[i];
		if (!dup)
			sets[out++] = sets[i];
	}
	return out;
too_many:
	snprintf(err, errlen, "too many namespace sets (at most %d)", max_sets);
	return -1;
}

void sb_ns_set_name(uint64_t set, char *buf, size_t len)
{
	if (!set) {
		snprintf(buf, len, "none");
		return;
	}
	size_t off = 0;
	buf[0] = '\0';
	for (int i = 0; i < SB_N_NS_TYPES; i++) {
		if (!(set & sb_ns_types[i].flag))
			continue;
		int w = snprintf(buf + off, len - off, "%s%s", off ? "+" : "", sb_ns_types[i].name);
		if (w < 0 || (size_t)w >= len - off)
			return;
		off += (size_t)w;
	}
}
