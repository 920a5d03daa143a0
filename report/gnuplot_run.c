// SPDX-License-Identifier: MIT
/*
 * gnuplot runs as a child in the output directory (so the scripts name files relative to themselves),
 * its stderr goes to a scratch file there; on failure that text is what the user sees.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <signal.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "gnuplot_run.h"
#include "gnuplot_script.h"

#define MAX_JOBS 16

struct gp_job {
	pid_t pid;
	char script[96];
};

static struct gp_job jobs[MAX_JOBS];
static int njobs;

volatile sig_atomic_t sb_gp_stop;

/* The longest one gnuplot may take, in seconds: $SPAWNBENCH_GNUPLOT_TIMEOUT, else 120. */
static double gp_timeout_s(void)
{
	const char *e = getenv("SPAWNBENCH_GNUPLOT_TIMEOUT");
	char *end;
	double v = e ? strtod(e, &end) : 0;
	return e && end != e && !*end && v > 0 ? v : 120;
}

static double now_s(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/*
 * Wait for a gnuplot, but not for ever: a signal to report (sb_gp_stop) or the time-out ends it, with
 * whatever it started (its own process group). Returns waitpid's status, or -1 with why in *why.
 */
static int wait_bounded(pid_t pid, const char **why)
{
	double deadline = now_s() + gp_timeout_s();
	struct timespec nap = { 0, 1000000 };
	int st;
	*why = NULL;
	for (;;) {
		pid_t w = waitpid(pid, &st, WNOHANG);
		if (w == pid)
			return st;
		if (w < 0 && errno != EINTR)
			return -1;
		if (sb_gp_stop || now_s() > deadline) {
			*why = sb_gp_stop ? "interrupted" : "timeout";
			kill(-pid, SIGKILL);
			kill(pid, SIGKILL);
			while (waitpid(pid, &st, 0) < 0 && errno == EINTR)
				;
			return -1;
		}
		nanosleep(&nap, NULL);
		if (nap.tv_nsec < 20000000)
			nap.tv_nsec *= 2;
	}
}

static int max_jobs(void)
{
	long n = sysconf(_SC_NPROCESSORS_ONLN);
	if (n < 1)
		n = 1;
	return n > MAX_JOBS ? MAX_JOBS : (int)n;
}

static void errfile(const struct sb_report *r, const char *script, char *buf, size_t len)
{
	snprintf(buf, len, "%s/.%s.stderr", r->dir, script);
}

/* Fork, chdir into the output directory, send stderr to the scratch file and exec. */
static pid_t spawn_gnuplot(struct sb_report *r, const char *arg, const char *errpath)
{
	pid_t pid = fork();
	if (pid != 0)
		return pid;
	setpgid(0, 0);   /* so that a hung gnuplot is ended with whatever it started */
	int fd = open(errpath, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
	int null = open("/dev/null", O_RDWR | O_CLOEXEC);
	if (fd < 0 || null < 0 || chdir(r->dir))
		_exit(126);
	dup2(null, STDIN_FILENO);
	dup2(null, STDOUT_FILENO);
	dup2(fd, STDERR_FILENO);
	execlp(r->gnuplot, r->gnuplot, arg, (char *)NULL);
	dprintf(STDERR_FILENO, "cannot run %s: %s\n", r->gnuplot, strerror(errno));
	_exit(127);
}

/* The last few lines gnuplot wrote, joined on one line: enough to see the failing command and why. */
static void read_message(const char *path, char *buf, size_t len)
{
	char text[4096];
	size_t n = 0;
	FILE *f = fopen(path, "r");
	buf[0] = 0;
	if (!f)
		return;
	/* Keep the tail: a long run of warnings must not push out the error itself. */
	int c;
	while ((c = fgetc(f)) != EOF) {
		if (n == sizeof(text) - 1) {
			memmove(text, text + 1024, n - 1024);
			n -= 1024;
		}
		text[n++] = (char)c;
	}
	fclose(f);
	text[n] = 0;
	size_t o = 0;
	for (char *p = text; *p && o + 1 < len; p++) {
		if (*p == '\n') {
			if (o && buf[o - 1] != ' ' && p[1])
				buf[o++] = ' ';
			continue;
		}
		buf[o++] = *p;
	}
	buf[o] = 0;
}

static int reap(struct sb_report *r, struct gp_job *j)
{
	int rc = 0;
	char path[4200], msg[900];
	const char *why;
	int st = wait_bounded(j->pid, &why);
	errfile(r, j->script, path, sizeof(path));
	if (why && !r->err[0]) {
		if (!strcmp(why, "timeout"))
			snprintf(r->err, sizeof(r->err), "gnuplot (%s) did not finish %s within %.0f s "
				 "(SPAWNBENCH_GNUPLOT_TIMEOUT)", r->gnuplot, j->script, gp_timeout_s());
		else
			snprintf(r->err, sizeof(r->err), "interrupted");
	}
	if (st == -1 || !WIFEXITED(st) || WEXITSTATUS(st)) {
		read_message(path, msg, sizeof(msg));
		if (!r->err[0]) {
			if (st != -1 && WIFEXITED(st) && WEXITSTATUS(st) == 127)
				snprintf(r->err, sizeof(r->err), "gnuplot (%s) could not be run: %s", r->gnuplot, msg);
			else
				snprintf(r->err, sizeof(r->err), "gnuplot failed on %s: %s", j->script,
					 msg[0] ? msg : "no message");
		}
		rc = -1;
	}
	unlink(path);
	return rc;
}

int sb_gp_wait_all(struct sb_report *r)
{
	int rc = 0;
	for (int i = 0; i < njobs; i++)
		if (reap(r, &jobs[i]))
			rc = -1;
	njobs = 0;
	return rc;
}

int sb_gp_start(struct sb_report *r, const char *script)
{
	char path[4200];
	if (njobs >= max_jobs()) {
		/* Oldest first: figures are started in order and take similar time. */
		int rc = reap(r, &jobs[0]);
		memmove(jobs, jobs + 1, (size_t)(njobs - 1) * sizeof(jobs[0]));
		njobs--;
		if (rc)
			return -1;
	}
	errfile(r, script, path, sizeof(path));
	pid_t pid = spawn_gnuplot(r, script, path);
	if (pid < 0) {
		snprintf(r->err, sizeof(r->err), "cannot start gnuplot: %s", strerror(errno));
		return -1;
	}
	jobs[njobs].pid = pid;
	snprintf(jobs[njobs].script, sizeof(jobs[njobs].script), "%s", script);
	njobs++;
	return 0;
}

int sb_gp_check(struct sb_report *r)
{
	struct gp_job j = { 0 };
	char path[4200];
	snprintf(j.script, sizeof(j.script), "--version");
	errfile(r, j.script, path, sizeof(path));
	j.pid = spawn_gnuplot(r, "--version", path);
	if (j.pid < 0) {
		snprintf(r->err, sizeof(r->err), "cannot start gnuplot: %s", strerror(errno));
		return -1;
	}
	return reap(r, &j);
}
