// SPDX-License-Identifier: MIT
/* spawnbench doctor's "kernel tracing" section: each backend really loaded and attached, then released. */
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "backend.h"
#include "libbpf_setup.h"
#include "probe_session.h"
#include "spawn_phases_loader.h"

/* doctor -v: the verifier's own words for a program it refused, under the row that failed. */
static void print_verifier_log(void)
{
	const char *prog, *log = sb_bpf_verifier_log(&prog);

	if (!log)
		return;
	printf("      verifier log of %s:\n", *prog ? prog : "the refused program");
	for (const char *p = log; *p;) {
		const char *nl = strchr(p, '\n');
		int n = nl ? (int)(nl - p) : (int)strlen(p);

		printf("        %.*s\n", n, p);
		p += n + (nl != NULL);
	}
	sb_bpf_log_forget();
}

int sb_doctor_bpf(void (*line)(const char *what, int ok, const char *detail), int verbose)
{
	static const struct {
		enum sb_backend b;
		const char *what;
	} stage_backends[] = {
		{ SB_BE_FENTRY, "fentry/fexit (exact stages)" },
		{ SB_BE_KPROBE, "kprobe/kretprobe (exact stages)" },
		{ SB_BE_TRACEPOINT, "perf_event stack sampling (sampled stages)" },
	};
	struct sb_phases_opts po = { .stages = 1 };
	struct sb_phases *ph;
	char err[512];
	int ok = 0;

	sb_libbpf_setup(0);
	line("kernel BTF", !access("/sys/kernel/btf/vmlinux", R_OK), "/sys/kernel/btf/vmlinux (CO-RE)");
	ph = sb_phases_open(&po, err, sizeof(err));
	line("tracepoints (phases)", ph != NULL, ph ? "raw BTF tracepoints load and attach" : err);
	if (!ph) {
		if (verbose)
			print_verifier_log();
		return 0;
	}
	/* The phases' syscall boundaries: fentry where trampolines load, else syscall tracepoints. */
	line("fentry (phase boundaries)", !*sb_phases_passed_over(ph),
	     *sb_phases_passed_over(ph) ? sb_phases_passed_over(ph) : NULL);
	snprintf(err, sizeof(err), "phases take syscall boundaries from %s", sb_phases_hooks(ph));
	line("phase hooks", 1, err);
	for (size_t i = 0; i < sizeof(stage_backends) / sizeof(stage_backends[0]); i++) {
		struct sb_stage_backend be;
		struct sb_shared_maps m = sb_phases_shared_maps(ph);
		int got = !sb_backend_open(&be, stage_backends[i].b, &m, 0, err, sizeof(err));

		line(stage_backends[i].what, got, got ? NULL : err);
		if (!got && verbose)
			print_verifier_log();
		if (got) {
			if (!ok)
				snprintf(err, sizeof(err), "--probe-backend auto picks %s",
					 sb_backend_name(stage_backends[i].b));
			ok = 1;
			sb_backend_close(&be);
		}
	}
	if (ok)
		line("probe backend", 1, err);
	sb_phases_close(ph);
	return 0;
}
