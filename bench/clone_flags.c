// SPDX-License-Identifier: MIT
#include "clone_flags.h"

#include <linux/sched.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>

#include "parse.h"

#ifndef CLONE_NEWTIME
#define CLONE_NEWTIME 0x00000080
#endif
#ifndef CLONE_CLEAR_SIGHAND
#define CLONE_CLEAR_SIGHAND 0x100000000ULL
#endif
#ifndef CLONE_INTO_CGROUP
#define CLONE_INTO_CGROUP 0x200000000ULL
#endif

const struct sb_flag_name sb_flag_names[] = {
	{ "vm", CLONE_VM, 0 },
	{ "fs", CLONE_FS, 0 },
	{ "files", CLONE_FILES, 0 },
	{ "sighand", CLONE_SIGHAND, 0 },
	{ "pidfd", CLONE_PIDFD, 0 },
	{ "ptrace", CLONE_PTRACE, 0 },
	{ "vfork", CLONE_VFORK, 0 },
	{ "parent", CLONE_PARENT, 0 },
	{ "thread", CLONE_THREAD, 0 },
	{ "newns", CLONE_NEWNS, 0 },
	{ "sysvsem", CLONE_SYSVSEM, 0 },
	{ "settls", CLONE_SETTLS, 0 },
	{ "parent_settid", CLONE_PARENT_SETTID, 0 },
	{ "child_cleartid", CLONE_CHILD_CLEARTID, 0 },
	{ "untraced", CLONE_UNTRACED, 0 },
	{ "child_settid", CLONE_CHILD_SETTID, 0 },
	{ "newcgroup", CLONE_NEWCGROUP, 0 },
	{ "newuts", CLONE_NEWUTS, 0 },
	{ "newipc", CLONE_NEWIPC, 0 },
	{ "newuser", CLONE_NEWUSER, 0 },
	{ "newpid", CLONE_NEWPID, 0 },
	{ "newnet", CLONE_NEWNET, 0 },
	{ "io", CLONE_IO, 0 },
	{ "newtime", CLONE_NEWTIME, 1 },
	{ "clear_sighand", CLONE_CLEAR_SIGHAND, 1 },
	{ "into_cgroup", CLONE_INTO_CGROUP, 1 },
};
const size_t sb_n_flag_names = sizeof(sb_flag_names) / sizeof(sb_flag_names[0]);

#define NPTL_FLAGS (CLONE_VM | CLONE_FS | CLONE_FILES | CLONE_SIGHAND | CLONE_THREAD | CLONE_SYSVSEM | \
		    CLONE_PARENT_SETTID | CLONE_CHILD_CLEARTID)

const struct sb_preset sb_presets[] = {
	{ "process", 0, SIGCHLD, "a new process, like fork: just SIGCHLD" },
	{ "vfork-like", CLONE_VM | CLONE_VFORK, SIGCHLD, "VM|VFORK: shares memory, parent waits for exec/exit" },
	{ "linuxthreads", CLONE_VM | CLONE_FS | CLONE_FILES | CLONE_SIGHAND, SIGCHLD,
	  "VM|FS|FILES|SIGHAND: the pre-NPTL thread, a process sharing everything" },
#if defined(__x86_64__)
	{ "thread-like", NPTL_FLAGS | CLONE_SETTLS, 0,
	  "the NPTL set VM|FS|FILES|SIGHAND|THREAD|SYSVSEM|PARENT_SETTID|CHILD_CLEARTID|SETTLS" },
#else
	{ "thread-like", NPTL_FLAGS, 0,
	  "the NPTL set VM|FS|FILES|SIGHAND|THREAD|SYSVSEM|PARENT_SETTID|CHILD_CLEARTID (no SETTLS here)" },
#endif
	{ "pidfd", CLONE_PIDFD, SIGCHLD, "a process with CLONE_PIDFD, reaped through the pidfd" },
	{ "into-cgroup", CLONE_INTO_CGROUP, SIGCHLD, "clone3 CLONE_INTO_CGROUP into a cgroup the run creates" },
	{ "clear-sighand", CLONE_CLEAR_SIGHAND, SIGCHLD, "clone3 CLONE_CLEAR_SIGHAND: handlers reset in the child" },
};
const size_t sb_n_presets = sizeof(sb_presets) / sizeof(sb_presets[0]);
_Static_assert(sizeof(sb_presets) / sizeof(sb_presets[0]) <= SB_MAX_PRESETS, "raise SB_MAX_PRESETS");

const struct sb_preset *sb_find_preset(const char *name)
{
	for (size_t i = 0; i < sb_n_presets; i++)
		if (!strcmp(sb_presets[i].name, name))
			return &sb_presets[i];
	return NULL;
}

static int flag_by_name(const char *name, uint64_t *flag)
{
	for (size_t i = 0; i < sb_n_flag_names; i++) {
		if (!strcasecmp(name, sb_flag_names[i].name)) {
			*flag = sb_flag_names[i].flag;
			return 0;
		}
	}
	/* Accept the C spelling too: CLONE_VM, clone_newnet. */
	if (!strncasecmp(name, "clone_", 6))
		return flag_by_name(name + 6, flag);
	return -1;
}

int sb_parse_flag_list(const char *list, uint64_t *flags, char *err, size_t errlen)
{
	char buf[512];
	char *items[64];
	if (strlen(list) >= sizeof(buf)) {
		snprintf(err, errlen, "flag list too long");
		return -1;
	}
	strcpy(buf, list);
	int n = sb_split_list(buf, items, 64, err, errlen);
	if (n < 0)
		return -1;
	*flags = 0;
	for (int i = 0; i < n; i++) {
		uint64_t f;
		if (!strcmp(items[i], "sigchld") || !strcmp(items[i], "none"))
			continue;   /* the exit signal is not a flag; accepted for readability */
		if (flag_by_name(items[i], &f)) {
			const char *names[sizeof(sb_flag_names) / sizeof(sb_flag_names[0])];
			for (size_t j = 0; j < sb_n_flag_names; j++)
				names[j] = sb_flag_names[j].name;
			sb_unknown_name(err, errlen, "clone flag", items[i], names, sb_n_flag_names,
					"see 'spawnbench list --presets'");
			return -1;
		}
		*flags |= f;
	}
	return 0;
}

size_t sb_flag_names_of(uint64_t flags, const char **names, size_t max)
{
	size_t n = 0;
	for (size_t i = 0; i < sb_n_flag_names && n < max; i++)
		if (flags & sb_flag_names[i].flag)
			names[n++] = sb_flag_names[i].name;
	return n;
}

#define BOTH(a, b) ((flags & (a)) && (flags & (b)))

const char *sb_flag_rule_broken(enum sb_method method, uint64_t flags, int exit_signal)
{
	/* clone(2), ERRORS, in the order the page lists them. */
	if (BOTH(CLONE_SIGHAND, CLONE_CLEAR_SIGHAND))
		return "EINVAL: both CLONE_SIGHAND and CLONE_CLEAR_SIGHAND were specified";
	if ((flags & CLONE_SIGHAND) && !(flags & CLONE_VM))
		return "EINVAL: CLONE_SIGHAND was specified, but CLONE_VM was not";
	if ((flags & CLONE_THREAD) && !(flags & CLONE_SIGHAND))
		return "EINVAL: CLONE_THREAD was specified, but CLONE_SIGHAND was not";
	if (BOTH(CLONE_FS, CLONE_NEWNS))
		return "EINVAL: both CLONE_FS and CLONE_NEWNS were specified";
	if (BOTH(CLONE_NEWUSER, CLONE_FS))
		return "EINVAL: both CLONE_NEWUSER and CLONE_FS were specified";
	if (BOTH(CLONE_NEWIPC, CLONE_SYSVSEM))
		return "EINVAL: both CLONE_NEWIPC and CLONE_SYSVSEM were specified";
	if ((flags & (CLONE_NEWPID | CLONE_NEWUSER)) && (flags & (CLONE_THREAD | CLONE_PARENT)))
		return "EINVAL: CLONE_NEWPID or CLONE_NEWUSER was specified with CLONE_THREAD or CLONE_PARENT";
	if (method == SB_M_CLONE3 && (flags & CLONE_DETACHED))
		return "EINVAL (clone3() only): CLONE_DETACHED was specified";
	if (BOTH(CLONE_PIDFD, CLONE_THREAD))
		return "EINVAL: CLONE_PIDFD was specified together with CLONE_THREAD";
	if (method == SB_M_CLONE && BOTH(CLONE_PIDFD, CLONE_PARENT_SETTID))
		return "EINVAL (clone() only): CLONE_PIDFD was specified together with CLONE_PARENT_SETTID";
	if (method == SB_M_CLONE) {
		for (size_t i = 0; i < sb_n_flag_names; i++)
			if (sb_flag_names[i].clone3_only && (flags & sb_flag_names[i].flag))
				return sb_flag_names[i].flag == CLONE_NEWTIME
					? "CLONE_NEWTIME needs clone3(): in clone() its bit is part of the exit-signal byte (CSIGNAL)"
					: "CLONE_CLEAR_SIGHAND and CLONE_INTO_CGROUP exist only for clone3(): clone()'s flags word is 32 bits";
	}
	if ((flags & CLONE_THREAD) && exit_signal)
		return "a CLONE_THREAD child sends no exit signal: use exit signal none (the thread-like preset does)";
	/* spawnbench's own rules: what it cannot measure honestly. */
	if (flags & CLONE_PARENT)
		return "CLONE_PARENT makes the child a sibling of the spawner, which then cannot reap it or time its exit";
	if ((flags & CLONE_VFORK) && (flags & CLONE_THREAD))
		return "CLONE_VFORK with CLONE_THREAD would suspend the spawner until a thread of its own group exits";
	if ((flags & CLONE_SETTLS) && !(flags & CLONE_VM))
		return "CLONE_SETTLS without CLONE_VM: the TLS block spawnbench provides lives in the spawner's memory";
#if !defined(__x86_64__)
	if (flags & CLONE_SETTLS)
		return "CLONE_SETTLS: spawnbench builds a TLS block only on x86_64";
#endif
	return NULL;
}
