// SPDX-License-Identifier: MIT
#include "methods_table.h"

#include <string.h>

const struct sb_method_info sb_methods[SB_N_METHODS] = {
	[SB_M_FORK] = { "fork", "fork(): glibc wrapper (clone with SIGCHLD), copies the parent's address space", 0, 0, 1, 0, 1 },
	[SB_M_VFORK] = { "vfork", "vfork(): shares memory, parent suspended until the child execs or exits", 0, 0, 1, 0, 1 },
	[SB_M_CLONE] = { "clone", "clone(): glibc wrapper with any flag set, child runs on its own stack", 1, 1, 1, 0, 1 },
	[SB_M_CLONE3] = { "clone3", "clone3(): raw system call (pidfd, into-cgroup, clear-sighand, time namespace)", 1, 1, 1, 0, 1 },
	[SB_M_POSIX_SPAWN] = { "posix_spawn", "posix_spawn(): glibc's CLONE_VM|CLONE_VFORK + exec", 0, 0, 1, 1, 0 },
	[SB_M_POSIX_SPAWN_FA] = { "posix_spawn-fa", "posix_spawn() with file actions: 3 x dup2 + 1 x close", 0, 0, 1, 1, 0 },
	[SB_M_PTHREAD] = { "pthread", "pthread_create() + pthread_join(): the NPTL thread reference", 0, 1, 0, 0, 1 },
};

int sb_method_by_name(const char *name)
{
	for (int i = 0; i < SB_N_METHODS; i++)
		if (!strcmp(sb_methods[i].name, name))
			return i;
	return -1;
}
