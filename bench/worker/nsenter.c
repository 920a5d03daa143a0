// SPDX-License-Identifier: MIT
/*
 * --ns-path unshare / setns in the worker: the two other ways into namespaces (after CLONE_NEW* flags on
 * the spawn call itself).
 *
 * Both change the calling process for good (a new user namespace cannot be left again, unshare(CLONE_NEWUSER)
 * is refused in a multithreaded process), so the worker does not do them itself. Per spawn it forks a
 * helper (not timed); the helper enters the namespaces (timed: the nsenter metric), then spawns with the
 * case's method (timed as usual), hands its timestamps back through the shared stamp page, and exits. That
 * is the shape of `unshare --fork` and `nsenter` + exec.
 *
 *  - unshare: the helper calls unshare(2) with the case's CLONE_NEW* set.
 *  - setns:   at set-up the worker makes one holder process inside the target namespaces (clone3 with the
 *             set, so it is even PID 1 of a new PID namespace); the helper joins them with
 *             setns(pidfd, set) where the kernel takes a pidfd (5.8+), else one setns per /proc/PID/ns file.
 *             SPAWNBENCH_SETNS_JOIN=files|pidfd forces one of the two (tests, old-kernel comparisons).
 */
#include <errno.h>
#include <fcntl.h>
#include <linux/sched.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include "spawner.h"

#ifndef CLONE_NEWTIME
#define CLONE_NEWTIME 0x00000080
#endif

/* What the helper hands back, in the stamp page after struct sb_stamp. */
struct nspath_result {
	volatile int32_t id;       /* the child's id, or -errno */
	volatile int32_t step_err; /* errno of unshare/setns, 0 */
	volatile uint64_t t_call, t_return, t_reaped, nsenter_ns;
};

static const struct {
	uint64_t flag;
	const char *file;
} ns_files[] = {
	/* user first: joining it gives the capabilities the others need */
	{ CLONE_NEWUSER, "user" }, { CLONE_NEWPID, "pid" }, { CLONE_NEWNET, "net" }, { CLONE_NEWNS, "mnt" },
	{ CLONE_NEWUTS, "uts" }, { CLONE_NEWIPC, "ipc" }, { CLONE_NEWCGROUP, "cgroup" }, { CLONE_NEWTIME, "time" },
};
#define N_NS_FILES (sizeof(ns_files) / sizeof(ns_files[0]))

static struct {
	pid_t holder;
	pid_t worker;
	int self_pidfd;           /* the worker's own pidfd: the holder checks it after PR_SET_PDEATHSIG */
	int pidfd;                /* setns by pidfd, or -1 */
	int fds[N_NS_FILES];      /* setns by files when pidfd is refused */
	uint64_t fd_flags[N_NS_FILES];
	int n_fds;
} st = { .holder = -1, .self_pidfd = -1, .pidfd = -1 };

static void kill_holder(void)
{
	if (st.holder > 0) {
		kill(st.holder, SIGKILL);
		waitpid(st.holder, NULL, __WALL);
		st.holder = -1;
	}
}

static int make_holder(uint64_t flags, struct sb_ready *r)
{
	struct clone_args args;
	int ready_pipe[2];
	if (pipe2(ready_pipe, O_CLOEXEC))
		return -errno;
	st.self_pidfd = (int)syscall(SYS_pidfd_open, st.worker, 0); /* -1 before 5.3: no check then */
	memset(&args, 0, sizeof(args));
	args.flags = flags;
	args.exit_signal = SIGCHLD;
	long pid = syscall(SYS_clone3, &args, sizeof(args));
	if (pid == 0) {
		/*
		 * The holder: lives in the namespaces until the worker ends (or dies: PDEATHSIG). The worker
		 * may have died before the prctl; getppid() cannot tell (it is 0 in a new PID namespace), the
		 * worker's pidfd can: it is readable once the worker has exited.
		 */
		prctl(PR_SET_PDEATHSIG, SIGKILL);
		struct pollfd pf = { .fd = st.self_pidfd, .events = POLLIN };
		if (st.self_pidfd >= 0 && poll(&pf, 1, 0) > 0)
			_exit(0);
		(void)!write(ready_pipe[1], "x", 1);
		/* No descriptors: the controller must see EOF on its socket when the worker dies, not when the holder does. */
		syscall(SYS_close_range, 0U, ~0U, 0U);
		for (;;)
			pause();
	}
	int e = errno;
	close(ready_pipe[1]);
	if (st.self_pidfd >= 0)
		close(st.self_pidfd);
	if (pid < 0) {
		close(ready_pipe[0]);
		snprintf(r->msg, sizeof(r->msg), "cannot create the namespace holder: clone3: %s", strerror(e));
		return -e;
	}
	char c;
	ssize_t got = read(ready_pipe[0], &c, 1);
	close(ready_pipe[0]);
	st.holder = (pid_t)pid;
	atexit(kill_holder);
	if (got != 1) {
		snprintf(r->msg, sizeof(r->msg), "the namespace holder exited at start");
		return -ECHILD;
	}

	/* Probe setns by pidfd on a throw-away process: if it works, each spawn joins with one call. */
	const char *join = getenv("SPAWNBENCH_SETNS_JOIN");
	int want_files = join && !strcmp(join, "files"), want_pidfd = join && !strcmp(join, "pidfd");
	st.pidfd = want_files ? -1 : (int)syscall(SYS_pidfd_open, st.holder, 0);
	if (st.pidfd >= 0) {
		pid_t t = fork();
		if (t == 0)
			_exit(setns(st.pidfd, (int)flags) ? 1 : 0);
		int ws = 0;
		if (t < 0 || waitpid(t, &ws, 0) != t || !WIFEXITED(ws) || WEXITSTATUS(ws)) {
			close(st.pidfd);
			st.pidfd = -1;
		}
	}
	if (st.pidfd < 0 && want_pidfd) {
		snprintf(r->msg, sizeof(r->msg), "SPAWNBENCH_SETNS_JOIN=pidfd: this kernel refuses setns by pidfd");
		return -EINVAL;
	}
	if (st.pidfd < 0) {
		for (size_t i = 0; i < N_NS_FILES; i++) {
			if (!(flags & ns_files[i].flag))
				continue;
			char path[64];
			snprintf(path, sizeof(path), "/proc/%d/ns/%s", (int)st.holder, ns_files[i].file);
			int fd = open(path, O_RDONLY | O_CLOEXEC);
			if (fd < 0) {
				e = errno;
				snprintf(r->msg, sizeof(r->msg), "cannot open %s: %s", path, strerror(e));
				return -e;
			}
			st.fd_flags[st.n_fds] = ns_files[i].flag;
			st.fds[st.n_fds++] = fd;
		}
	}
	return 0;
}

int sb_nspath_setup(struct spawn_ctx *x, struct sb_ready *ready)
{
	st.worker = getpid();
	if (x->c->ns_path == SB_NSPATH_SETNS)
		return make_holder(x->c->ns_flags, ready);
	return 0;
}

static int enter(const struct sb_case_wire *c)
{
	if (c->ns_path == SB_NSPATH_UNSHARE)
		return unshare((int)c->ns_flags);
	if (st.pidfd >= 0)
		return setns(st.pidfd, (int)c->ns_flags);
	for (int i = 0; i < st.n_fds; i++)
		if (setns(st.fds[i], (int)st.fd_flags[i]))
			return -1;
	return 0;
}

int sb_nspath_spawn(struct spawn_ctx *x, int (*spawn)(struct spawn_ctx *))
{
	struct nspath_result *res = (struct nspath_result *)((char *)x->stamp + 64);
	memset((void *)res, 0, sizeof(*res));
	pid_t h = fork();
	if (h < 0)
		return -errno;
	if (h == 0) {
		/* Untimed: a helper whose worker is gone (SIGKILL) must not spawn on. */
		prctl(PR_SET_PDEATHSIG, SIGKILL);
		if (getppid() != st.worker)
			_exit(0);
		uint64_t t0 = sb_now_ns();
		int rc = enter(x->c);
		uint64_t t1 = sb_now_ns();
		if (rc) {
			res->step_err = errno;
			_exit(0);
		}
		res->nsenter_ns = t1 - t0;
		int id = spawn(x);
		res->t_call = x->t_call;
		res->t_return = x->t_return;
		res->t_reaped = x->t_reaped;
		res->id = id;
		_exit(0);
	}
	int ws;
	while (waitpid(h, &ws, __WALL) < 0)
		if (errno != EINTR)
			return -errno;
	if (res->step_err)
		return -res->step_err;
	if (!WIFEXITED(ws) || !res->id)
		return -ECHILD;
	x->t_call = res->t_call;
	x->t_return = res->t_return;
	x->t_reaped = res->t_reaped;
	x->cur->m[SB_MET_NSENTER] = res->nsenter_ns;
	x->cur->valid |= 1u << SB_MET_NSENTER;
	return res->id;
}
