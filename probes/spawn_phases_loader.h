/* SPDX-License-Identifier: MIT */
/* Loads spawn_phases.bpf.c: the per-spawn records every backend builds on. */
#ifndef SB_SPAWN_PHASES_LOADER_H
#define SB_SPAWN_PHASES_LOADER_H
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#include "shared_maps.h"
#include "spawn_phases.h"

typedef void (*sb_spawn_cb)(void *ctx, const struct sb_spawn_event *ev);

struct sb_phases_opts {
	int follow_children;   /* trace mode: the children of followed processes are followed too */
	const char *comm;      /* follow every process with this name too, or NULL */
	int kmem;              /* count page and slab allocations inside copy_process (a program on every
				* allocation of the machine: opt-in, see docs/probes.md) */
	int stages;            /* a stage backend will be opened: it needs the copy_process count too */
	sb_spawn_cb on_spawn;  /* called from sb_phases_poll() for each finished spawn */
	void *ctx;
};

struct sb_phases;

/* NULL with a one-line reason in err when BPF can't be used. */
struct sb_phases *sb_phases_open(const struct sb_phases_opts *o, char *err, size_t errlen);
int sb_phases_track(struct sb_phases *p, pid_t tgid);
void sb_phases_untrack_all(struct sb_phases *p);
/* Delivers finished spawns; waits up to timeout_ms (0 = only what is there). Returns records or -errno. */
int sb_phases_poll(struct sb_phases *p, int timeout_ms);
/*
 * Attach (on) or detach (off) every program; open() leaves them attached. Detached, no hook of ours runs
 * anywhere: a case measured "off" in a run with probes pays nothing for them. 0 or -errno.
 */
int sb_phases_attach(struct sb_phases *p, int on);
uint64_t sb_phases_lost(const struct sb_phases *p);
uint64_t sb_phases_seen(const struct sb_phases *p);
/* The maps the stage objects share (see spawn_maps.bpf.h). */
struct sb_shared_maps sb_phases_shared_maps(const struct sb_phases *p);
void sb_phases_close(struct sb_phases *p);
/*
 * Where the syscall boundaries come from: "fentry" (fentry/fexit on the syscall functions: no syscall
 * tracepoint, so the machine's syscalls keep their fast path), "syscall-tracepoints" (per-syscall tracefs
 * events) or "raw-syscall-tracepoints" (generic sys_enter/sys_exit). Tried in that order;
 * SB_PROBE_PHASE_HOOKS=fentry|tracepoint forces one.
 */
const char *sb_phases_hooks(const struct sb_phases *p);
/* Why fentry was passed over ("" when it is used). */
const char *sb_phases_passed_over(const struct sb_phases *p);

#endif
