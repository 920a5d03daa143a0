// SPDX-License-Identifier: MIT
#include "privileges.h"

#include <errno.h>
#include <sched.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/vfs.h>
#include <sys/wait.h>
#include <unistd.h>

#ifndef CGROUP2_SUPER_MAGIC
#define CGROUP2_SUPER_MAGIC 0x63677270
#endif

static int has_cap(int cap)
{
	FILE *f = fopen("/proc/self/status", "re");
	char line[256];
	unsigned long long eff = 0;
	if (!f)
		return 0;
	while (fgets(line, sizeof(line), f))
		if (sscanf(line, "CapEff: %llx", &eff) == 1)
			break;
	fclose(f);
	return (eff >> cap) & 1;
}

int sb_cgroup2_mount(char *buf, size_t len)
{
	struct statfs sfs;
	if (!statfs("/sys/fs/cgroup", &sfs) && sfs.f_type == CGROUP2_SUPER_MAGIC) {
		snprintf(buf, len, "/sys/fs/cgroup");
		return 0;
	}
	FILE *f = fopen("/proc/self/mounts", "re");
	char dev[256], dir[4096], type[64];
	int rc = -1;
	while (f && fscanf(f, "%255s %4095s %63s %*[^\n]", dev, dir, type) == 3) {
		if (!strcmp(type, "cgroup2")) {
			snprintf(buf, len, "%s", dir);
			rc = 0;
			break;
		}
	}
	if (f)
		fclose(f);
	return rc;
}

int sb_try_namespaces(unsigned long flags)
{
	pid_t pid = fork();
	if (pid < 0)
		return 0;
	if (pid == 0)
		_exit(unshare((int)flags) ? 1 : 0);
	int st;
	pid_t r;
	while ((r = waitpid(pid, &st, 0)) < 0 && errno == EINTR)
		;
	if (r != pid)
		return 0;
	return WIFEXITED(st) && WEXITSTATUS(st) == 0;
}

void sb_probe_privileges(struct sb_privileges *p)
{
	memset(p, 0, sizeof(*p));
	p->euid = (int)geteuid();
	p->cap_sys_admin = has_cap(21 /* CAP_SYS_ADMIN */);
	p->user_namespaces = sb_try_namespaces(CLONE_NEWUSER);
	char cg[4096];
	p->cgroup2 = !sb_cgroup2_mount(cg, sizeof(cg)) && !access(cg, W_OK);
}
