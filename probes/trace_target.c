// SPDX-License-Identifier: MIT
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <poll.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include "trace_target.h"

int sb_target_findable(const char *cmd, char *err, size_t errlen)
{
	/* The search execvp makes: a name with a slash as it is, else each directory of $PATH. */
	if (strchr(cmd, '/')) {
		struct stat st;
		const char *why = NULL;
		if (stat(cmd, &st) || access(cmd, X_OK))
			why = strerror(errno);
		else if (S_ISDIR(st.st_mode))
			why = "is a directory";
		if (why)
			snprintf(err, errlen, "%.200s: %s", cmd, why);
		return why ? -1 : 0;
	}
	const char *path = getenv("PATH");
	char dir[4096], full[8192];
	for (const char *p = path && *path ? path : "/usr/local/bin:/usr/bin:/bin"; *p;) {
		size_t n = strcspn(p, ":");
		snprintf(dir, sizeof(dir), "%.*s", (int)n, p);
		snprintf(full, sizeof(full), "%s/%s", n ? dir : ".", cmd);
		struct stat st;
		if (!stat(full, &st) && S_ISREG(st.st_mode) && !access(full, X_OK))
			return 0;
		p += n + (p[n] == ':');
	}
	snprintf(err, errlen, "%.200s: command not found in $PATH", cmd);
	return -1;
}

int sb_target_watch(pid_t pid)
{
	int fd = (int)syscall(SYS_pidfd_open, pid, 0);
	if (fd < 0 && errno == ESRCH)
		return -1;
	/* Kernels before 5.3 have no pidfd: kill(pid, 0) is the fallback (it cannot tell a zombie apart). */
	return fd < 0 ? (kill(pid, 0) && errno == ESRCH ? -1 : -2) : fd;
}

int sb_target_gone(int watch, pid_t pid)
{
	if (watch >= 0) {
		struct pollfd p = { .fd = watch, .events = POLLIN };
		return poll(&p, 1, 0) == 1;
	}
	return kill(pid, 0) && errno == ESRCH;
}

int sb_target_start(struct sb_target *t, char **argv)
{
	int p[2];
	char c;

	t->pid = -1;
	t->gate = -1;
	if (pipe2(p, O_CLOEXEC))
		return -errno;
	t->pid = fork();
	if (t->pid < 0) {
		int e = errno;

		close(p[0]);
		close(p[1]);
		return -e;
	}
	if (t->pid == 0) {
		close(p[1]);
		/* trace killed (even SIGKILL) must not leave the command running under init */
		pid_t parent = getppid();
		prctl(PR_SET_PDEATHSIG, SIGKILL);
		if (getppid() != parent)
			_exit(127);
		/* EOF at the gate: the parent is following us now (or died, and we go anyway) */
		while (read(p[0], &c, 1) < 0 && errno == EINTR)
			;
		execvp(argv[0], argv);
		fprintf(stderr, "spawnbench trace: %s: %s\n", argv[0], strerror(errno));
		_exit(127);
	}
	close(p[0]);
	t->gate = p[1];
	return 0;
}

void sb_target_release(struct sb_target *t)
{
	if (t->gate >= 0)
		close(t->gate);
	t->gate = -1;
}

int sb_target_done(struct sb_target *t, int *status)
{
	if (t->pid <= 0)
		return 1;
	pid_t r = waitpid(t->pid, status, WNOHANG);

	if (r == t->pid || (r < 0 && errno == ECHILD)) {
		t->pid = -1;
		return 1;
	}
	return 0;
}

void sb_target_stop(struct sb_target *t)
{
	int st;

	sb_target_release(t);
	if (t->pid <= 0)
		return;
	kill(t->pid, SIGTERM);
	waitpid(t->pid, &st, 0);
	t->pid = -1;
}
