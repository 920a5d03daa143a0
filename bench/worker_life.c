// SPDX-License-Identifier: MIT
/* Starting, stopping and reaping workers; see worker_life.h. Returns 0 or -errno with a message. */
#include "worker_life.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include "interrupted.h"
#include "io.h"

extern char **environ;

/* Set-up time a worker may take: shaping memory (at a pessimistic 50 MiB/s) plus the warm-up spawns. */
static int setup_timeout_ms(const struct sb_case_wire *w, double spawn_timeout_s)
{
	double s = 10 + (double)w->mem_bytes / (50.0 * 1024 * 1024) + spawn_timeout_s * (w->warmup + 1);
	return s > 2e6 ? -1 : (int)(s * 1000);
}

int sb_worker_death(pid_t pid, char *buf, size_t len)
{
	int st = 0;
	pid_t p = pid > 0 ? waitpid(pid, &st, WNOHANG) : -1;
	for (int k = 0; p == 0 && k < 100; k++) {
		usleep(1000);
		p = waitpid(pid, &st, WNOHANG);
	}
	if (p != pid)
		return 0;
	if (WIFSIGNALED(st))
		snprintf(buf, len, "the worker was killed by signal %d (%s)%s", WTERMSIG(st), strsignal(WTERMSIG(st)),
			 WTERMSIG(st) == SIGKILL ? ": the OOM killer? (a memory limit lower than the case needs)" : "");
	else
		snprintf(buf, len, "the worker exited with status %d", WEXITSTATUS(st));
	return 1;
}

/*
 * posix_spawn the worker with child_fd (its end of the socket), this process's pid and the wire's layout
 * as arguments: it asks for a parent-death signal, checks that pid is still its parent and that it was
 * built with the same layout. 0 or an errno value.
 */
static int spawn_worker(const char *path, int child_fd, pid_t *pid)
{
	char fdarg[16], pidarg[16], layout[96];
	snprintf(fdarg, sizeof(fdarg), "%d", child_fd);
	snprintf(pidarg, sizeof(pidarg), "%d", (int)getpid());
	snprintf(layout, sizeof(layout), SB_WIRE_LAYOUT_FMT, SB_WIRE_LAYOUT_ARGS);
	char *argv[] = { "spawnbench-worker", fdarg, pidarg, layout, NULL };

	posix_spawnattr_t attr;
	sigset_t none, defaults;
	sigemptyset(&none);
	sigemptyset(&defaults);
	sigaddset(&defaults, SIGPIPE);
	sigaddset(&defaults, SIGINT);
	sigaddset(&defaults, SIGTERM);
	sigaddset(&defaults, SIGHUP);
	sigaddset(&defaults, SIGQUIT);
	posix_spawnattr_init(&attr);
	/* Own process group: a terminal's Ctrl-C reaches the controller, which decides for everyone. */
	posix_spawnattr_setflags(&attr, POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF);
	posix_spawnattr_setpgroup(&attr, 0);
	posix_spawnattr_setsigmask(&attr, &none);
	posix_spawnattr_setsigdefault(&attr, &defaults);
	/* The programs children exec must not read spawnbench's stdin (a pipe, the keyboard): /dev/null. */
	posix_spawn_file_actions_t fa;
	posix_spawn_file_actions_init(&fa);
	posix_spawn_file_actions_addopen(&fa, STDIN_FILENO, "/dev/null", O_RDONLY, 0);
	int err = posix_spawn(pid, path, &fa, &attr, argv, environ);
	posix_spawn_file_actions_destroy(&fa);
	posix_spawnattr_destroy(&attr);
	return err;
}

/* Send the case to a started worker and wait for its answer: 0, or -errno with msg set. */
static int await_ready(struct sb_worker *out, const struct sb_case_wire *w, double spawn_timeout_s,
		       struct sb_ready *ready, char *msg, size_t len)
{
	struct pollfd pfd = { .fd = out->fd, .events = POLLIN };
	int pr = sb_write_full(out->fd, w, sizeof(*w)) ? 1 : poll(&pfd, 1, setup_timeout_ms(w, spawn_timeout_s));
	if (pr < 0 && errno == EINTR && sb_stop_signal)
		return -EINTR;
	if (pr == 0) {
		kill(-out->pid, SIGKILL);
		snprintf(msg, len, "the worker's set-up and warm-up did not finish in time: a child that does not exit? "
			 "(--spawn-timeout)");
		return -ETIMEDOUT;
	}
	if (sb_read_full(out->fd, ready, sizeof(*ready), 0)) {
		int e = errno ? errno : EPIPE;
		if (e == EINTR && sb_stop_signal)
			return -EINTR;
		if (!sb_worker_death(out->pid, msg, len))
			snprintf(msg, len, "worker ended during set-up (%s)", e == EPIPE || !errno ? "no answer" : strerror(e));
		return -e;
	}
	if (ready->err) {
		snprintf(msg, len, "%s", ready->msg[0] ? ready->msg : strerror(ready->err));
		return -ready->err;
	}
	return 0;
}

int sb_worker_start(const char *path, const struct sb_case_wire *w, double spawn_timeout_s, struct sb_worker *out,
		    struct sb_ready *ready, char *msg, size_t len)
{
	int sv[2];
	out->pid = -1;
	out->fd = -1;
	if (socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sv)) {
		snprintf(msg, len, "socketpair: %s", strerror(errno));
		return -errno;
	}
	/* The worker's end alone crosses the exec. */
	int child_fd = fcntl(sv[1], F_DUPFD, 10);
	close(sv[1]);
	int err = spawn_worker(path, child_fd, &out->pid);
	close(child_fd);
	if (err) {
		close(sv[0]);
		snprintf(msg, len, "cannot start %s: %s", path, strerror(err));
		return -err;
	}
	out->fd = sv[0];
	return await_ready(out, w, spawn_timeout_s, ready, msg, len);
}

void sb_worker_stop(struct sb_worker *w)
{
	if (w->fd >= 0) {
		struct sb_cmd quit = { SB_CMD_QUIT, 0 };
		(void)sb_write_full(w->fd, &quit, sizeof(quit));
		close(w->fd);
		w->fd = -1;
	}
	if (w->pid > 0) {
		/* It exits on QUIT; SIGKILL covers one stuck in a spawn that never returns. */
		int st;
		for (int i = 0; i < 200; i++) {
			pid_t r = waitpid(w->pid, &st, WNOHANG);
			if (r == w->pid || (r < 0 && errno == ECHILD))
				goto done;
			usleep(i < 20 ? 1000 : 10000);
		}
		kill(w->pid, SIGKILL);
		while (waitpid(w->pid, &st, 0) < 0 && errno == EINTR)
			;
done:
		w->pid = -1;
	}
}

void sb_reap_all_children(void)
{
	/* /proc/self/task/<tid>/children lists this process's children, orphans it adopted included. */
	for (int round = 0; round < 100; round++) {
		int found = 0;
		DIR *d = opendir("/proc/self/task");
		struct dirent *e;
		while (d && (e = readdir(d))) {
			if (e->d_name[0] == '.')
				continue;
			char path[300];
			snprintf(path, sizeof(path), "/proc/self/task/%s/children", e->d_name);
			FILE *f = fopen(path, "re");
			int pid;
			while (f && fscanf(f, "%d", &pid) == 1) {
				kill(pid, SIGKILL);
				found = 1;
			}
			if (f)
				fclose(f);
		}
		if (d)
			closedir(d);
		int st;
		while (waitpid(-1, &st, WNOHANG | __WALL) > 0)
			found = 1;
		if (!found)
			return;
		usleep(1000);
	}
}
