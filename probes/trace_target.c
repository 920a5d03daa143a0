// SPDX-License-Identifier: MIT
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "trace_target.h"

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
