// SPDX-License-Identifier: MIT
#include <bpf/bpf.h>
#include <bpf/libbpf.h>
#include <errno.h>
#include <linux/perf_event.h>
#include <stdio.h>
#include <sys/mount.h>
#include <unistd.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/syscall.h>

#include "libbpf_setup.h"
#include "spawn_phases.skel.h"
#include "spawn_phases_loader.h"

struct sb_phases {
	struct spawn_phases_bpf *skel;
	int mounted_tracefs;        /* we mounted it: unmount at close */
	int per_syscall;            /* syscall events (cheap) instead of the generic sys_enter/sys_exit */
	int attached;
	enum { SB_HOOKS_FENTRY, SB_HOOKS_SYSCALL_EVENTS, SB_HOOKS_RAW_SYSCALLS } hooks;
	char why[256];              /* why fentry syscall hooks were passed over */
	struct ring_buffer *rb;
	/* per CPU: the minor-faults event that runs sb_fault_done, and its link (NULL: not opened) */
	int *fault_fds;
	struct bpf_link **fault_links;
	int n_faults;
	sb_spawn_cb on_spawn;
	void *ctx;
	uint32_t last_pid;          /* the record delivered last, to drop its twin */
	uint64_t last_newtask;
};

/*
 * A thread's record can be emitted twice when its exit and its creator's return race on two CPUs (see
 * sb_exit in spawn_phases.bpf.c); the two copies arrive back to back (both were written within
 * nanoseconds), and the second is dropped here.
 */
static int on_record(void *ctx, void *data, size_t size)
{
	struct sb_phases *p = ctx;
	const struct sb_spawn_event *ev = data;

	if (size < sizeof(*ev) || !p->on_spawn)
		return 0;
	if (ev->child_pid == p->last_pid && ev->t_newtask == p->last_newtask)
		return 0;
	p->last_pid = ev->child_pid;
	p->last_newtask = ev->t_newtask;
	p->on_spawn(p->ctx, ev);
	return 0;
}

/* Syscall numbers differ per architecture; arm64 has no fork/vfork. */
static void set_syscalls(struct spawn_phases_bpf *skel)
{
	__s32 *nr = (__s32 *)skel->rodata->nr;

	for (int i = 0; i < SB_N_SYS; i++)
		nr[i] = -1;
	nr[SB_SYS_CLONE] = SYS_clone;
#ifdef SYS_clone3
	nr[SB_SYS_CLONE3] = SYS_clone3;
#endif
#ifdef SYS_fork
	nr[SB_SYS_FORK] = SYS_fork;
#endif
#ifdef SYS_vfork
	nr[SB_SYS_VFORK] = SYS_vfork;
#endif
#ifdef SYS_wait4
	nr[SB_SYS_WAIT4] = SYS_wait4;
#endif
	nr[SB_SYS_WAITID] = SYS_waitid;
}

#define TRACEFS "/sys/kernel/tracing"

static int have_event(const char *name)
{
	char path[160];
	snprintf(path, sizeof(path), TRACEFS "/events/syscalls/%s/id", name);
	if (!access(path, R_OK))
		return 1;
	snprintf(path, sizeof(path), "/sys/kernel/debug/tracing/events/syscalls/%s/id", name);
	return !access(path, R_OK);
}

/*
 * Per-syscall events fire only for the six calls the phases need; the generic raw tracepoints fire for
 * every syscall of the machine, 100+ of them per posix_spawn. They live in tracefs: mount it if it is not
 * (and unmount it at close).
 */
static void choose_syscall_hooks(struct sb_phases *p)
{
	static const char *const names[SB_N_SYS] = { "clone", "clone3", "fork", "vfork", "wait4", "waitid" };
	struct bpf_program *enter[SB_N_SYS] = {
		p->skel->progs.sb_enter_clone, p->skel->progs.sb_enter_clone3, p->skel->progs.sb_enter_fork,
		p->skel->progs.sb_enter_vfork, p->skel->progs.sb_enter_wait4, p->skel->progs.sb_enter_waitid,
	};
	struct bpf_program *leave[SB_N_SYS] = {
		p->skel->progs.sb_exit_clone, p->skel->progs.sb_exit_clone3, p->skel->progs.sb_exit_fork,
		p->skel->progs.sb_exit_vfork, p->skel->progs.sb_exit_wait4, p->skel->progs.sb_exit_waitid,
	};

	if (!getenv("SB_PROBE_GENERIC_SYSCALLS")) {
		if (!have_event("sys_enter_clone") && !access(TRACEFS, F_OK) &&
		    !mount("nodev", TRACEFS, "tracefs", 0, NULL))
			p->mounted_tracefs = 1;
		p->per_syscall = have_event("sys_enter_clone") && have_event("sys_exit_clone");
	}
	for (int i = 0; i < SB_N_SYS; i++) {
		char en[40], ex[40];
		snprintf(en, sizeof(en), "sys_enter_%s", names[i]);
		snprintf(ex, sizeof(ex), "sys_exit_%s", names[i]);
		int use = p->per_syscall && have_event(en) && have_event(ex);
		bpf_program__set_autoload(enter[i], use);
		bpf_program__set_autoload(leave[i], use);
	}
	/* the calls libc makes after a spawn (the generic sys_exit sees them anyway) */
	static const char *const after[] = { "sys_exit_munmap", "sys_exit_rt_sigprocmask" };
	struct bpf_program *after_prog[] = { p->skel->progs.sb_exit_after_munmap,
					     p->skel->progs.sb_exit_after_rt_sigprocmask };
	for (int i = 0; i < 2; i++)
		bpf_program__set_autoload(after_prog[i], p->per_syscall && have_event(after[i]));
	bpf_program__set_autoload(p->skel->progs.sb_sys_enter, !p->per_syscall);
	bpf_program__set_autoload(p->skel->progs.sb_sys_exit, !p->per_syscall);
	if (!p->per_syscall && p->mounted_tracefs) {
		umount2(TRACEFS, MNT_DETACH);
		p->mounted_tracefs = 0;
	}
}

/* The kernel's name of a syscall's function on this architecture, for fentry/fexit. */
static int syscall_function(const char *name, char *buf, size_t len)
{
#if defined(__x86_64__)
	snprintf(buf, len, "__x64_sys_%s", name);
	return 0;
#elif defined(__aarch64__)
	snprintf(buf, len, "__arm64_sys_%s", name);
	return 0;
#else
	(void)name, (void)buf, (void)len;
	return -1;
#endif
}

/*
 * fentry/fexit on kernel_clone, the wait syscalls' functions and schedule_tail instead of syscall
 * tracepoints; every tracepoint syscall program is left out. -1 with the reason in err.
 */
static int choose_fentry_hooks(struct sb_phases *p, char *err, size_t errlen)
{
	struct spawn_phases_bpf *k = p->skel;
	struct bpf_program *prog;
	struct { struct bpf_program *prog; const char *sys; } waits[] = {
		{ k->progs.sb_fentry_wait4, "wait4" }, { k->progs.sb_fexit_wait4, "wait4" },
		{ k->progs.sb_fentry_waitid, "waitid" }, { k->progs.sb_fexit_waitid, "waitid" },
	};
	char fn[64];
	int e;

	/* the classic tracepoint programs are the per-syscall events; the generic pair is tp_btf */
	bpf_object__for_each_program(prog, k->obj)
		if (bpf_program__type(prog) == BPF_PROG_TYPE_TRACEPOINT)
			bpf_program__set_autoload(prog, false);
	bpf_program__set_autoload(k->progs.sb_sys_enter, false);
	bpf_program__set_autoload(k->progs.sb_sys_exit, false);
	for (size_t i = 0; i < sizeof(waits) / sizeof(waits[0]); i++) {
		if (syscall_function(waits[i].sys, fn, sizeof(fn))) {
			snprintf(err, errlen, "the syscall functions of this architecture are not known");
			return -1;
		}
		e = bpf_program__set_attach_target(waits[i].prog, 0, fn);
		if (e) {
			sb_bpf_errmsg(err, errlen, "finding the wait syscalls' functions in the kernel's BTF", e);
			return -1;
		}
	}
	/* libc's calls after a spawn: without them in BTF, only the page faults mark the way back */
	struct { struct bpf_program *prog; const char *sys; } after[] = {
		{ k->progs.sb_fexit_munmap, "munmap" }, { k->progs.sb_fexit_rt_sigprocmask, "rt_sigprocmask" },
	};
	for (size_t i = 0; i < sizeof(after) / sizeof(after[0]); i++)
		if (syscall_function(after[i].sys, fn, sizeof(fn)) ||
		    bpf_program__set_attach_target(after[i].prog, 0, fn))
			bpf_program__set_autoload(after[i].prog, false);
	return 0;
}

/* The tracepoint variant loads no trampoline at all. */
static void leave_out_fentry(struct spawn_phases_bpf *k)
{
	struct bpf_program *prog;

	bpf_object__for_each_program(prog, k->obj) {
		enum bpf_attach_type t = bpf_program__expected_attach_type(prog);

		if (bpf_program__type(prog) == BPF_PROG_TYPE_TRACING && (t == BPF_TRACE_FENTRY || t == BPF_TRACE_FEXIT))
			bpf_program__set_autoload(prog, false);
	}
}

/* Open, configure, load and attach one variant: syscall boundaries from fentry (1) or tracepoints (0). */
static int open_variant(struct sb_phases *p, const struct sb_phases_opts *o, int fentry, char *err, size_t errlen)
{
	int e;

	p->skel = spawn_phases_bpf__open();
	if (!p->skel) {
		sb_bpf_errmsg(err, errlen, "opening the phase probes", errno);
		return -1;
	}
	set_syscalls(p->skel);
	p->skel->rodata->follow_children = !!o->follow_children;
	if (o->comm && *o->comm) {
		p->skel->rodata->match_comm = 1;
		strncpy((char *)p->skel->rodata->comm_filter, o->comm, SB_COMM_LEN - 1);
	}
	if (fentry) {
		if (choose_fentry_hooks(p, err, errlen))
			return -1;
	} else {
		leave_out_fentry(p->skel);
		choose_syscall_hooks(p);
	}
	p->skel->rodata->use_switch = !!getenv("SB_PROBE_SCHED_SWITCH");
	p->skel->rodata->hooks_only = !!getenv("SB_PROBE_HOOKS_ONLY");
	p->skel->rodata->count_copying = o->kmem || o->stages;
	bpf_program__set_autoload(p->skel->progs.sb_switch, p->skel->rodata->use_switch);
	if (!o->kmem) {
		/* Not loaded at all: an attached program costs every allocation even when it returns at once. */
		bpf_program__set_autoload(p->skel->progs.sb_page_alloc, false);
		bpf_program__set_autoload(p->skel->progs.sb_cache_alloc, false);
		bpf_program__set_autoload(p->skel->progs.sb_kmalloc, false);
	}
	sb_bpf_log_forget();
	e = spawn_phases_bpf__load(p->skel);
	if (e) {
		sb_bpf_load_errmsg(err, errlen, fentry ? "loading fentry/fexit syscall hooks" :
				  "loading the phase probes (BPF unavailable?)", e);
		return -1;
	}
	e = spawn_phases_bpf__attach(p->skel);
	if (e) {
		sb_bpf_errmsg(err, errlen, fentry ? "attaching fentry/fexit syscall hooks" :
				  "attaching the phase probes to tracepoints", e);
		return -1;
	}
	p->hooks = fentry ? SB_HOOKS_FENTRY : p->per_syscall ? SB_HOOKS_SYSCALL_EVENTS : SB_HOOKS_RAW_SYSCALLS;
	return 0;
}

/*
 * The end of each page fault, from the software event "minor-faults" (counted at the end of
 * handle_mm_fault) on every CPU, period 1, running sb_fault_done. The program leaves at once unless the
 * faulting thread has just returned from a followed spawn. Where perf events cannot be had, the faults
 * stay unseen and the phases after the return say less (see docs/probes.md); nothing fails.
 */
static void open_fault_events(struct sb_phases *p)
{
	int ncpu = libbpf_num_possible_cpus();

	if (ncpu <= 0 || getenv("SB_PROBE_NO_FAULTS"))
		return;
	p->fault_fds = calloc(ncpu, sizeof(*p->fault_fds));
	p->fault_links = calloc(ncpu, sizeof(*p->fault_links));
	if (!p->fault_fds || !p->fault_links)
		return;
	for (int cpu = 0; cpu < ncpu; cpu++) {
		struct perf_event_attr a = {
			.type = PERF_TYPE_SOFTWARE,
			.config = PERF_COUNT_SW_PAGE_FAULTS_MIN,
			.size = sizeof(a),
			.sample_period = 1,
		};
		int fd = syscall(SYS_perf_event_open, &a, -1, cpu, -1, PERF_FLAG_FD_CLOEXEC);

		if (fd < 0)
			continue;   /* an offline CPU, or no perf events at all */
		p->fault_links[p->n_faults] = bpf_program__attach_perf_event(p->skel->progs.sb_fault_done, fd);
		if (!p->fault_links[p->n_faults]) {
			close(fd);
			continue;
		}
		p->fault_fds[p->n_faults++] = fd;
	}
}

static void close_fault_events(struct sb_phases *p)
{
	for (int i = 0; i < p->n_faults; i++)
		bpf_link__destroy(p->fault_links[i]);   /* closes the event too */
	free(p->fault_links);
	free(p->fault_fds);
	p->fault_links = NULL;
	p->fault_fds = NULL;
	p->n_faults = 0;
}

static void drop_variant(struct sb_phases *p)
{
	spawn_phases_bpf__destroy(p->skel);
	p->skel = NULL;
	if (p->mounted_tracefs)
		umount2(TRACEFS, MNT_DETACH);
	p->mounted_tracefs = 0;
	p->per_syscall = 0;
}

struct sb_phases *sb_phases_open(const struct sb_phases_opts *o, char *err, size_t errlen)
{
	struct sb_phases *p = calloc(1, sizeof(*p));
	const char *want = getenv("SB_PROBE_PHASE_HOOKS");  /* fentry, tracepoint, or unset: the first that works */

	if (!p) {
		snprintf(err, errlen, "out of memory");
		return NULL;
	}
	p->on_spawn = o->on_spawn;
	p->ctx = o->ctx;
	if (want && *want && strcmp(want, "fentry") && strcmp(want, "tracepoint")) {
		snprintf(err, errlen, "SB_PROBE_PHASE_HOOKS=%s: not fentry or tracepoint", want);
		goto fail;
	}
	if (!want || strcmp(want, "tracepoint")) {
		if (!open_variant(p, o, 1, p->why, sizeof(p->why)))
			goto opened;
		if (want && *want) {
			snprintf(err, errlen, "%s", p->why);
			goto fail;
		}
		drop_variant(p);
	}
	if (open_variant(p, o, 0, err, errlen))
		goto fail;
opened:
	p->attached = 1;
	open_fault_events(p);
	p->rb = ring_buffer__new(bpf_map__fd(p->skel->maps.events), on_record, p, NULL);
	if (!p->rb) {
		sb_bpf_errmsg(err, errlen, "opening the phase ring buffer", errno);
		goto fail;
	}
	return p;
fail:
	sb_phases_close(p);
	return NULL;
}

const char *sb_phases_hooks(const struct sb_phases *p)
{
	static const char *const names[] = {
		[SB_HOOKS_FENTRY] = "fentry",
		[SB_HOOKS_SYSCALL_EVENTS] = "syscall-tracepoints",
		[SB_HOOKS_RAW_SYSCALLS] = "raw-syscall-tracepoints",
	};
	return p ? names[p->hooks] : "none";
}

const char *sb_phases_passed_over(const struct sb_phases *p)
{
	return p && p->hooks != SB_HOOKS_FENTRY ? p->why : "";
}

int sb_phases_track(struct sb_phases *p, pid_t tgid)
{
	__u32 key = tgid;
	__u8 one = 1;

	return bpf_map_update_elem(bpf_map__fd(p->skel->maps.tracked), &key, &one, BPF_ANY) ? -errno : 0;
}

void sb_phases_untrack_all(struct sb_phases *p)
{
	int fd = bpf_map__fd(p->skel->maps.tracked);
	__u32 key, next;

	/* deleting while walking: always restart from the first key */
	while (!bpf_map_get_next_key(fd, NULL, &next)) {
		key = next;
		if (bpf_map_delete_elem(fd, &key))
			break;
	}
}

/*
 * The programs write records without waking the reader (a wake-up is an interrupt on the CPU that is
 * spawning), so a wait here is a plain sleep for what arrives meanwhile, followed by a read.
 */
int sb_phases_poll(struct sb_phases *p, int timeout_ms)
{
	int n = ring_buffer__consume(p->rb);

	if (n || timeout_ms <= 0)
		return n == -EINTR ? 0 : n;
	n = ring_buffer__poll(p->rb, timeout_ms);
	if (n == 0)
		n = ring_buffer__consume(p->rb);
	return n == -EINTR ? 0 : n;
}

int sb_phases_attach(struct sb_phases *p, int on)
{
	int e = on == p->attached ? 0 : sb_skeleton_attach(p->skel->skeleton, on);

	if (e || on == p->attached)
		return e;
	for (int i = 0; i < p->n_faults; i++)
		if (ioctl(p->fault_fds[i], on ? PERF_EVENT_IOC_ENABLE : PERF_EVENT_IOC_DISABLE, 0))
			return -errno;
	p->attached = on;
	return 0;
}

uint64_t sb_phases_lost(const struct sb_phases *p)
{
	return __atomic_load_n(&p->skel->bss->lost_events, __ATOMIC_RELAXED);
}

uint64_t sb_phases_seen(const struct sb_phases *p)
{
	return __atomic_load_n(&p->skel->bss->spawns_seen, __ATOMIC_RELAXED);
}

struct sb_shared_maps sb_phases_shared_maps(const struct sb_phases *p)
{
	return (struct sb_shared_maps){
		.tracked = bpf_map__fd(p->skel->maps.tracked),
		.inflight = bpf_map__fd(p->skel->maps.inflight),
		.copying = bpf_map__fd(p->skel->maps.copying),
	};
}

void sb_phases_close(struct sb_phases *p)
{
	if (!p)
		return;
	ring_buffer__free(p->rb);
	close_fault_events(p);
	spawn_phases_bpf__destroy(p->skel);
	if (p->mounted_tracefs)
		umount2(TRACEFS, MNT_DETACH);
	free(p);
}
