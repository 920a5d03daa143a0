// SPDX-License-Identifier: MIT
#include <bpf/libbpf.h>
#include <errno.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "libbpf_setup.h"

static int verbose_level;

/*
 * The verifier's log of the last program that failed to load on this thread. libbpf loads without a log
 * first and, when the kernel refuses, loads again with one and hands it to the print callback between
 * "-- BEGIN PROG LOAD LOG --" and "-- END PROG LOAD LOG --": kept here so a refusal can be told from a
 * missing privilege (both can be EACCES) and shown by `doctor -v`.
 */
static _Thread_local char *load_log;
static _Thread_local char load_prog[64];

static void keep_load_log(const char *msg)
{
	static const char begin[] = "-- BEGIN PROG LOAD LOG --\n", end[] = "-- END PROG LOAD LOG --";
	const char *b = strstr(msg, begin), *q, *e;

	if (!b)
		return;
	/* "libbpf: prog 'NAME': -- BEGIN ..." (the "libbpf: " prefix is in the format) */
	q = strstr(msg, "prog '");
	load_prog[0] = 0;
	if (q && q < b)
		sscanf(q + 6, "%63[^']", load_prog);
	b += sizeof(begin) - 1;
	e = strstr(b, end);
	free(load_log);
	load_log = strndup(b, e ? (size_t)(e - b) : strlen(b));
}

static int print_fn(enum libbpf_print_level level, const char *fmt, va_list ap)
{
	char *msg = NULL;
	int n;

	if (level == LIBBPF_WARN && strstr(fmt, "BEGIN PROG LOAD LOG")) {
		va_list aq;

		va_copy(aq, ap);
		if (vasprintf(&msg, fmt, aq) < 0)
			msg = NULL;
		va_end(aq);
		if (msg)
			keep_load_log(msg);
	}
	/* libbpf explains every failed feature probe at length; that is noise unless asked for */
	if ((level == LIBBPF_DEBUG && verbose_level < 2) || (level == LIBBPF_INFO && verbose_level < 1) ||
	    (level == LIBBPF_WARN && verbose_level < 1)) {
		free(msg);
		return 0;
	}
	n = msg ? fputs(msg, stderr) : vfprintf(stderr, fmt, ap);
	free(msg);
	return n;
}

void sb_libbpf_setup(int verbose)
{
	verbose_level = verbose;
	libbpf_set_print(print_fn);
}

void sb_bpf_errmsg(char *buf, size_t len, const char *what, int err)
{
	if (err < 0)
		err = -err;
	snprintf(buf, len, "%s: %s%s", what, strerror(err),
		 (err == EPERM || err == EACCES) && geteuid() != 0 ?
			 " (probes need root, or CAP_BPF and CAP_PERFMON)" : "");
}

void sb_bpf_log_forget(void)
{
	free(load_log);
	load_log = NULL;
	load_prog[0] = 0;
}

const char *sb_bpf_verifier_log(const char **prog)
{
	if (prog)
		*prog = load_prog;
	return load_log;
}

/*
 * The line that says why: the log ends with the path that failed, its last instruction, the verifier's
 * complaint, then "processed N insns ..." (and, on newer kernels, "verification time"/"stack depth").
 * The complaint is the last line before the first "processed " line; without one, the last line.
 */
static void complaint(const char *log, char *out, size_t len)
{
	const char *end = strstr(log, "\nprocessed ");
	const char *p = end ? end : log + strlen(log), *start;

	while (p > log && (p[-1] == '\n' || p[-1] == ' '))
		p--;
	start = p;
	while (start > log && start[-1] != '\n')
		start--;
	snprintf(out, len, "%.*s", (int)(p - start), start);
}

void sb_bpf_load_errmsg(char *buf, size_t len, const char *what, int err)
{
	char why[256];

	if (!load_log || !*load_log) {
		sb_bpf_errmsg(buf, len, what, err);
		return;
	}
	complaint(load_log, why, sizeof(why));
	snprintf(buf, len, "%s: %s%s%s rejected by the verifier: %s", what, *load_prog ? "program " : "",
		 load_prog, *load_prog ? " was" : "", *why ? why : "(empty log)");
}

static void *destroy_link(void *link)
{
	bpf_link__destroy(link);
	return NULL;
}

/*
 * Releasing a per-syscall tracepoint waits out RCU grace periods, about 70 ms here, one after the other:
 * twelve of them made turning the phase probes off take most of a second. Released from one thread each,
 * part of the waiting overlaps. (A link whose release could not get a thread is released here.)
 */
static void detach_in_parallel(struct bpf_object_skeleton *sk)
{
	pthread_t th[64];
	int started[64] = { 0 };

	for (int i = 0; i < sk->prog_cnt && i < 64; i++) {
		struct bpf_link **l = sk->progs[i].link;

		if (!*l)
			continue;
		started[i] = !pthread_create(&th[i], NULL, destroy_link, *l);
		if (!started[i])
			bpf_link__destroy(*l);
		*l = NULL;
	}
	for (int i = 0; i < sk->prog_cnt && i < 64; i++)
		if (started[i])
			pthread_join(th[i], NULL);
}

int sb_skeleton_attach(struct bpf_object_skeleton *sk, int on)
{
	int e;

	if (!on) {
		detach_in_parallel(sk);
		bpf_object__detach_skeleton(sk);
		return 0;
	}
	e = bpf_object__attach_skeleton(sk);
	if (e)
		bpf_object__detach_skeleton(sk);   /* half-attached would time some hooks and not others */
	return e;
}
