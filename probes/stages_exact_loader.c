// SPDX-License-Identifier: MIT
#include <bpf/bpf.h>
#include <bpf/btf.h>
#include <bpf/libbpf.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "libbpf_setup.h"
#include "stages_exact.skel.h"
#include "stages_exact_loader.h"

/* In enum sb_exact_stage order: the kernel function and the stage name it reports (stage_map.c's). */
static const struct {
	const char *fn, *stage;
} xs[SB_N_XS] = {
	[SB_XS_COPY_PROCESS] = { "copy_process", "copy_process_self" },
	[SB_XS_DUP_MMAP] = { "dup_mmap", "dup_mmap" },
	[SB_XS_COPY_PAGE_RANGE] = { "copy_page_range", "copy_page_range" },
	[SB_XS_COPY_NAMESPACES] = { "copy_namespaces", "copy_namespaces" },
	[SB_XS_COPY_NET_NS] = { "copy_net_ns", "copy_net_ns" },
	[SB_XS_COPY_MNT_NS] = { "copy_mnt_ns", "copy_mnt_ns" },
	[SB_XS_COPY_PID_NS] = { "copy_pid_ns", "copy_pid_ns" },
	[SB_XS_CREATE_USER_NS] = { "create_user_ns", "create_user_ns" },
	[SB_XS_COPY_UTSNAME] = { "copy_utsname", "copy_utsname" },
	[SB_XS_COPY_IPCS] = { "copy_ipcs", "copy_ipcs" },
	[SB_XS_COPY_CGROUP_NS] = { "copy_cgroup_ns", "copy_cgroup_ns" },
	[SB_XS_COPY_TIME_NS] = { "copy_time_ns", "copy_time_ns" },
	[SB_XS_COPY_CREDS] = { "copy_creds", "copy_creds" },
	[SB_XS_SCHED_FORK] = { "sched_fork", "sched_fork" },
	[SB_XS_DUP_FD] = { "dup_fd", "copy_files" },
	[SB_XS_COPY_SEMUNDO] = { "copy_semundo", "copy_semundo" },
	[SB_XS_ALLOC_PID] = { "alloc_pid", "alloc_pid" },
	[SB_XS_COPY_THREAD] = { "copy_thread", "copy_thread" },
	[SB_XS_PERF_EVENT_INIT_TASK] = { "perf_event_init_task", "perf_event" },
	[SB_XS_CGROUP_CAN_FORK] = { "cgroup_can_fork", "cgroup" },
	[SB_XS_SECURITY_TASK_ALLOC] = { "security_task_alloc", "security" },
};

struct sb_exact {
	struct stages_exact_bpf *skel;
	int ncpu;
	int attached;
};

const char *sb_exact_stage_name(unsigned stage)
{
	return stage < SB_N_XS ? xs[stage].stage : "?";
}

/* Which stage functions can be hooked: fentry needs them in BTF; kprobes need them in kallsyms (not
 * inlined). One pass over kallsyms, which is long. */
static void find_functions(enum sb_exact_kind kind, int found[SB_N_XS])
{
	if (kind == SB_EXACT_FENTRY) {
		struct btf *vmlinux = btf__load_vmlinux_btf();

		for (int i = 0; i < SB_N_XS; i++)
			found[i] = vmlinux && btf__find_by_name_kind(vmlinux, xs[i].fn, BTF_KIND_FUNC) > 0;
		btf__free(vmlinux);
		return;
	}
	FILE *f = fopen("/proc/kallsyms", "re");
	char line[256], name[128], type;
	unsigned long long addr;

	for (int i = 0; i < SB_N_XS; i++)
		found[i] = 0;
	while (f && fgets(line, sizeof(line), f)) {
		if (sscanf(line, "%llx %c %127s", &addr, &type, name) != 3 || (type != 't' && type != 'T'))
			continue;
		for (int i = 0; i < SB_N_XS; i++)
			found[i] |= !strcmp(name, xs[i].fn);
	}
	if (f)
		fclose(f);
}

static int stage_of_fn(const char *fn)
{
	for (int i = 0; i < SB_N_XS; i++)
		if (!strcmp(fn, xs[i].fn))
			return i;
	return -1;
}

struct sb_exact *sb_exact_open(enum sb_exact_kind kind, const struct sb_shared_maps *m, char *err,
			       size_t errlen)
{
	const char *want = kind == SB_EXACT_FENTRY ? "fentry_" : "kprobe_";
	const char *want_ret = kind == SB_EXACT_FENTRY ? "fexit_" : "kretprobe_";
	struct sb_exact *x = calloc(1, sizeof(*x));
	struct bpf_program *prog;
	int e, usable = 0, found[SB_N_XS];

	if (!x) {
		snprintf(err, errlen, "out of memory");
		return NULL;
	}
	x->ncpu = libbpf_num_possible_cpus();
	x->skel = stages_exact_bpf__open();
	if (!x->skel) {
		sb_bpf_errmsg(err, errlen, "opening the exact stage probes", errno);
		goto fail;
	}
	if (bpf_map__reuse_fd(x->skel->maps.tracked, m->tracked) ||
	    bpf_map__reuse_fd(x->skel->maps.inflight, m->inflight) ||
	    bpf_map__reuse_fd(x->skel->maps.copying, m->copying)) {
		sb_bpf_errmsg(err, errlen, "sharing maps with the exact stage probes", errno);
		goto fail;
	}
	if (kind == SB_EXACT_KPROBE && access("/sys/bus/event_source/devices/kprobe/type", F_OK)) {
		snprintf(err, errlen, "this kernel has no kprobes");
		goto fail;
	}
	find_functions(kind, found);
	/* Keep only this backend's programs, for functions this kernel really has. */
	bpf_object__for_each_program(prog, x->skel->obj) {
		const char *name = bpf_program__name(prog);
		int st = -1;

		if (!strncmp(name, want, strlen(want)))
			st = stage_of_fn(name + strlen(want));
		else if (!strncmp(name, want_ret, strlen(want_ret)))
			st = stage_of_fn(name + strlen(want_ret));
		int on = st >= 0 && found[st];
		bpf_program__set_autoload(prog, on);
		usable += on;
	}
	if (!usable) {
		snprintf(err, errlen, "no copy_process function can be hooked");
		goto fail;
	}
	sb_bpf_log_forget();
	e = stages_exact_bpf__load(x->skel);
	if (e) {
		sb_bpf_load_errmsg(err, errlen, kind == SB_EXACT_FENTRY ? "loading fentry/fexit programs" :
								     "loading kprobe programs", e);
		goto fail;
	}
	e = stages_exact_bpf__attach(x->skel);
	if (e) {
		sb_bpf_errmsg(err, errlen, kind == SB_EXACT_FENTRY ? "attaching fentry/fexit programs" :
								     "attaching kprobes", e);
		goto fail;
	}
	x->attached = 1;
	return x;
fail:
	sb_exact_close(x);
	return NULL;
}

int sb_exact_attach(struct sb_exact *x, int on)
{
	int e = on == x->attached ? 0 : sb_skeleton_attach(x->skel->skeleton, on);

	if (!e)
		x->attached = on;
	return e;
}

int sb_exact_drain(struct sb_exact *x, struct sb_xs_total out[SB_N_XS])
{
	int fd = bpf_map__fd(x->skel->maps.totals);
	struct sb_xs_total *per_cpu = calloc(x->ncpu, sizeof(*per_cpu));

	if (!per_cpu)
		return -ENOMEM;
	for (__u32 st = 0; st < SB_N_XS; st++) {
		out[st].ns = out[st].calls = 0;
		if (bpf_map_lookup_elem(fd, &st, per_cpu))
			continue;
		for (int c = 0; c < x->ncpu; c++) {
			out[st].ns += per_cpu[c].ns;
			out[st].calls += per_cpu[c].calls;
		}
		memset(per_cpu, 0, x->ncpu * sizeof(*per_cpu));
		bpf_map_update_elem(fd, &st, per_cpu, BPF_ANY);
	}
	free(per_cpu);
	return 0;
}

void sb_exact_close(struct sb_exact *x)
{
	if (!x)
		return;
	stages_exact_bpf__destroy(x->skel);
	free(x);
}
