// SPDX-License-Identifier: MIT
#include <bpf/bpf.h>
#include <bpf/libbpf.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>

#include "libbpf_setup.h"
#include "spawn_phases.skel.h"
#include "spawn_phases_loader.h"

struct sb_phases {
	struct spawn_phases_bpf *skel;
	struct ring_buffer *rb;
	sb_spawn_cb on_spawn;
	void *ctx;
};

static int on_record(void *ctx, void *data, size_t size)
{
	struct sb_phases *p = ctx;

	if (size >= sizeof(struct sb_spawn_event) && p->on_spawn)
		p->on_spawn(p->ctx, data);
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

struct sb_phases *sb_phases_open(const struct sb_phases_opts *o, char *err, size_t errlen)
{
	struct sb_phases *p = calloc(1, sizeof(*p));
	int e;

	if (!p) {
		snprintf(err, errlen, "out of memory");
		return NULL;
	}
	p->on_spawn = o->on_spawn;
	p->ctx = o->ctx;
	p->skel = spawn_phases_bpf__open();
	if (!p->skel) {
		sb_bpf_errmsg(err, errlen, "opening the phase probes", errno);
		goto fail;
	}
	set_syscalls(p->skel);
	p->skel->rodata->follow_children = !!o->follow_children;
	if (o->comm && *o->comm) {
		p->skel->rodata->match_comm = 1;
		strncpy((char *)p->skel->rodata->comm_filter, o->comm, SB_COMM_LEN - 1);
	}
	e = spawn_phases_bpf__load(p->skel);
	if (e) {
		sb_bpf_errmsg(err, errlen, "loading the phase probes (BPF unavailable?)", e);
		goto fail;
	}
	e = spawn_phases_bpf__attach(p->skel);
	if (e) {
		sb_bpf_errmsg(err, errlen, "attaching the phase probes to tracepoints", e);
		goto fail;
	}
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

int sb_phases_poll(struct sb_phases *p, int timeout_ms)
{
	int n = timeout_ms > 0 ? ring_buffer__poll(p->rb, timeout_ms) : ring_buffer__consume(p->rb);

	return n == -EINTR ? 0 : n;
}

uint64_t sb_phases_lost(const struct sb_phases *p)
{
	return __atomic_load_n(&p->skel->bss->lost_events, __ATOMIC_RELAXED);
}

uint64_t sb_phases_seen(const struct sb_phases *p)
{
	return __atomic_load_n(&p->skel->bss->spawns_seen, __ATOMIC_RELAXED);
}

int sb_phases_tracked_fd(const struct sb_phases *p)
{
	return bpf_map__fd(p->skel->maps.tracked);
}

int sb_phases_inflight_fd(const struct sb_phases *p)
{
	return bpf_map__fd(p->skel->maps.inflight);
}

void sb_phases_close(struct sb_phases *p)
{
	if (!p)
		return;
	ring_buffer__free(p->rb);
	spawn_phases_bpf__destroy(p->skel);
	free(p);
}
