// SPDX-License-Identifier: MIT
/* spawnbench doctor: what this host allows, found by trying, and what will be degraded. */
#include <errno.h>
#include <linux/sched.h>
#include <stdio.h>
#include <string.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include "commands.h"
#include "counters.h"
#include "host.h"
#include "namespaces.h"
#include "privileges.h"
#include "probe_session.h"
#include "timer.h"


static int degraded;

static void line(const char *what, int ok, const char *detail)
{
	printf("  %-28s %-4s %s\n", what, ok ? "yes" : "no", detail ? detail : "");
	degraded += !ok;
}

static int clone3_works(void)
{
	struct clone_args args;
	memset(&args, 0, sizeof(args));
	args.exit_signal = SIGCHLD;
	long pid = syscall(SYS_clone3, &args, sizeof(args));
	if (pid == 0)
		_exit(0);
	if (pid < 0)
		return 0;
	waitpid((pid_t)pid, NULL, 0);
	return 1;
}

struct doctor_opts {
	int verbose, help;
};

/* 0, or SB_EXIT_USAGE after saying why. --help is printed here and sets o->help: nothing more to do. */
static int parse_args(int argc, char **argv, struct doctor_opts *o)
{
	memset(o, 0, sizeof(*o));
	for (int i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h")) {
			printf("usage: spawnbench doctor [-v]\n"
			       "  -v, --verbose  under a probe backend the verifier refused, its log\n");
			o->help = 1;
			return 0;
		}
		if (strcmp(argv[i], "-v") && strcmp(argv[i], "--verbose")) {
			fprintf(stderr, "spawnbench doctor: unknown argument '%s' (only -v)\n", argv[i]);
			return SB_EXIT_USAGE;
		}
		o->verbose = 1;
	}
	return 0;
}

int cmd_doctor(int argc, char **argv)
{
	struct doctor_opts o;
	int rc = parse_args(argc, argv, &o);
	if (rc || o.help)
		return rc;
	struct sb_privileges p;
	sb_probe_privileges(&p);
	char buf[256], hv[128];
	printf("privileges:\n");
	snprintf(buf, sizeof(buf), "euid %d", p.euid);
	line("root", p.euid == 0, buf);
	line("CAP_SYS_ADMIN", p.cap_sys_admin, p.cap_sys_admin ? "namespaces run as asked" :
	     "privileged namespace cases run inside a new user namespace");
	line("user namespaces", p.user_namespaces, p.user_namespaces ? NULL : "namespace cases will be skipped");
	printf("namespaces (created with unshare, as this user%s):\n", p.cap_sys_admin ? "" : " inside a user namespace");
	for (int i = 0; i < SB_N_NS_TYPES; i++) {
		unsigned long f = (unsigned long)sb_ns_types[i].flag;
		if (!p.cap_sys_admin)
			f |= CLONE_NEWUSER;
		line(sb_ns_types[i].name, sb_try_namespaces(f), NULL);
	}
	printf("spawning:\n");
	line("clone3", clone3_works(), "pidfd, into-cgroup, clear-sighand, time namespaces need it");
	line("cgroup v2 (writable)", p.cgroup2, p.cgroup2 ? "into-cgroup cases run" : "into-cgroup cases are skipped");
	printf("kernel tracing (probes):\n");
	sb_doctor_bpf(line, o.verbose);
	printf("counters:\n");
	sb_doctor_counters(line);
	printf("host:\n");
	int vm = sb_virtualized(hv, sizeof(hv));
	line("bare metal", !vm, vm ? hv : NULL);
	sb_thp_mode("/sys/kernel/mm/transparent_hugepage/enabled", buf, sizeof(buf));
	line("THP available", strcmp(buf, "never") && strcmp(buf, "unknown"), buf);
	snprintf(buf, sizeof(buf), "resolution %llu ns, overhead %.1f ns per read",
		 (unsigned long long)sb_timer_resolution_ns(), sb_timer_overhead_ns());
	line("CLOCK_MONOTONIC (vDSO)", 1, buf);
	printf("%d item(s) degraded or unavailable.\n", degraded);
	return 0;
}
