// SPDX-License-Identifier: MIT
#include <bpf/libbpf.h>
#include <errno.h>
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
