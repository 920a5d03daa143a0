// SPDX-License-Identifier: MIT
/*
 * A program for spawnbench --exec: the child says where it is. One line per run, appended to the file named
 * by argv[1] or else to "<argv[0]>.log" (spawnbench execs without arguments, so the tests copy this program
 * under a different name per run):
 *
 *   pid=P nspid=A,B,.. user=I pid_ns=I net=I mnt=I uts=I ipc=I cgroup=I time=I init=H init_pid_ns=I init_ppid=Q
 *   init_parent=COMM
 *
 * pid is getpid() (in the child's own PID namespace), nspid its id at every level (the NSpid line), each
 * namespace an inode number (0 when unreadable). init=H is the host pid of PID 1 of the child's PID namespace
 * (-1 in the host's): for setns that must be spawnbench's holder, a child of the worker (init_parent), and
 * init_pid_ns its namespace inode as read through /proc/H (0 when the kernel refuses: a child without
 * capabilities may not read the links of a holder that has them in the same user namespace). /proc is the
 * host's (the child's mount namespace is a copy at most).
 */
#include <dirent.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

static const char *const types[] = { "user", "pid", "net", "mnt", "uts", "ipc", "cgroup", "time" };

static unsigned long ns_inode(const char *pid, const char *type)
{
	char path[64];
	struct stat sb;
	snprintf(path, sizeof(path), "/proc/%s/ns/%s", pid, type);
	return stat(path, &sb) ? 0 : (unsigned long)sb.st_ino;
}

/* The value of "Key:" in /proc/PID/status, tabs turned into commas. */
static int status_field(const char *pid, const char *key, char *out, size_t len)
{
	char path[64], line[256];
	snprintf(path, sizeof(path), "/proc/%s/status", pid);
	FILE *f = fopen(path, "re");
	size_t kl = strlen(key);
	int found = 0;
	while (f && !found && fgets(line, sizeof(line), f)) {
		if (strncmp(line, key, kl) || line[kl] != ':')
			continue;
		char *v = line + kl + 1;
		while (*v == '\t' || *v == ' ')
			v++;
		v[strcspn(v, "\n")] = 0;
		for (char *p = v; *p; p++)
			if (*p == '\t')
				*p = ',';
		snprintf(out, len, "%s", v);
		found = 1;
	}
	if (f)
		fclose(f);
	return found ? 0 : -1;
}

/*
 * The host pid of PID 1 of our PID namespace: pidfd_open(1) resolves 1 in our namespace (the kernel's own
 * answer, no scanning), and the pidfd's fdinfo gives its pid in the namespace of this /proc (the host's).
 */
static long find_init(void)
{
	int fd = (int)syscall(SYS_pidfd_open, 1, 0);
	if (fd < 0)
		return -1;
	char path[64];
	snprintf(path, sizeof(path), "/proc/self/fdinfo/%d", fd);
	FILE *f = fopen(path, "re");
	char line[128];
	long found = -1;
	while (f && fgets(line, sizeof(line), f))
		if (!strncmp(line, "Pid:", 4))
			found = atol(line + 4);
	if (f)
		fclose(f);
	close(fd);
	return found;
}

int main(int argc, char **argv)
{
	/* "self", not getpid(): /proc is the host's, where the pid in our own namespace names someone else. */
	const char *self = "self";
	char logpath[4096], line[1024], nspid[128] = "?";
	if (argc > 1)
		snprintf(logpath, sizeof(logpath), "%s", argv[1]);
	else
		snprintf(logpath, sizeof(logpath), "%s.log", argv[0]);
	status_field(self, "NSpid", nspid, sizeof(nspid));

	int n = snprintf(line, sizeof(line), "pid=%d nspid=%s", (int)getpid(), nspid);
	unsigned long pid_ns = 0;
	for (size_t i = 0; i < sizeof(types) / sizeof(types[0]); i++) {
		unsigned long ino = ns_inode(self, types[i]);
		if (!strcmp(types[i], "pid"))
			pid_ns = ino;
		n += snprintf(line + n, sizeof(line) - (size_t)n, " %s%s=%lu", types[i],
			      strcmp(types[i], "pid") ? "" : "_ns", ino);
	}
	long init = pid_ns != ns_inode("1", "pid") ? find_init() : -1;
	char ppid[32] = "-1", comm[64] = "-";
	unsigned long init_ns = 0;
	if (init > 0) {
		char ip[32], path[64];
		snprintf(ip, sizeof(ip), "%ld", init);
		init_ns = ns_inode(ip, "pid");
		status_field(ip, "PPid", ppid, sizeof(ppid));
		snprintf(path, sizeof(path), "/proc/%s/comm", ppid);
		FILE *f = fopen(path, "re");
		if (f && fgets(comm, sizeof(comm), f))
			comm[strcspn(comm, "\n")] = 0;
		if (f)
			fclose(f);
	}
	n += snprintf(line + n, sizeof(line) - (size_t)n, " init=%ld init_pid_ns=%lu init_ppid=%s init_parent=%s\n", init,
		      init_ns, ppid, comm);

	/* One write(2) on an O_APPEND file: lines from concurrent children do not interleave. */
	int fd = open(logpath, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0666);
	if (fd < 0 || write(fd, line, (size_t)n) != n)
		return 1;
	close(fd);
	return 0;
}
