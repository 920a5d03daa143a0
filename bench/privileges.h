/* SPDX-License-Identifier: MIT */
/* What this process may do, found by trying rather than by guessing from uid or version. */
#ifndef SB_PRIVILEGES_H
#define SB_PRIVILEGES_H
#include <stddef.h>

struct sb_privileges {
	int euid;
	int cap_sys_admin;
	int user_namespaces;   /* an unprivileged-style user namespace can be created */
	int cgroup2;           /* /sys/fs/cgroup is cgroup v2 and writable */
};

void sb_probe_privileges(struct sb_privileges *p);
/* Where the cgroup v2 hierarchy is mounted (/sys/fs/cgroup, or /sys/fs/cgroup/unified on hybrid hosts). 0 or -1. */
int sb_cgroup2_mount(char *buf, size_t len);
/* 1 when a child created with these CLONE_NEW* flags (via unshare) succeeds. */
int sb_try_namespaces(unsigned long flags);

#endif
