// SPDX-License-Identifier: MIT
#include <bpf/libbpf.h>
#include <errno.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "libbpf_setup.h"

static int verbose_level;

static int print_fn(enum libbpf_print_level level, const char *fmt, va_list ap)
{
	/* libbpf explains every failed feature probe at length; that is noise unless asked for */
	if (level == LIBBPF_DEBUG && verbose_level < 2)
		return 0;
	if (level == LIBBPF_INFO && verbose_level < 1)
		return 0;
	if (level == LIBBPF_WARN && verbose_level < 1)
		return 0;
	return vfprintf(stderr, fmt, ap);
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
