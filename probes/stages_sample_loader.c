// SPDX-License-Identifier: MIT
#include <bpf/bpf.h>
#include <bpf/libbpf.h>
#include <errno.h>
#include <linux/perf_event.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "libbpf_setup.h"
#include "stage_map.h"
#include "stages_sample.h"
#include "stages_sample.skel.h"
#include "stages_sample_loader.h"

/* Stacks read per syscall when draining; more than any hash bucket holds (a smaller buffer is ENOSPC). */
#define DRAIN_CHUNK 512

struct sb_sampler {
	struct stages_sample_bpf *skel;
	struct bpf_link **links;
	int *perf_fds;   /* owned by the links; kept to pause and resume sampling */
	int n_links;
	int enabled;
	unsigned hz;
	struct sb_stack *keys; /* drain scratch: DRAIN_CHUNK stacks and their counts */
	__u64 *counts;
};

static int open_cpu_clock(int cpu, unsigned hz)
{
	struct perf_event_attr a = {
		.type = PERF_TYPE_SOFTWARE,
		.config = PERF_COUNT_SW_CPU_CLOCK, /* no hardware PMU needed */
		.size = sizeof(a),
		/* a fixed period, not a frequency: the kernel's frequency tuning would bias short windows */
		.sample_period = 1000000000ull / hz,
	};

	return syscall(SYS_perf_event_open, &a, -1, cpu, -1, PERF_FLAG_FD_CLOEXEC);
}

struct sb_sampler *sb_sampler_open(const struct sb_shared_maps *m, unsigned hz, char *err, size_t errlen)
{
	struct sb_sampler *s = calloc(1, sizeof(*s));
	int ncpu = libbpf_num_possible_cpus(), e;

	if (!s || ncpu <= 0) {
		snprintf(err, errlen, "out of memory");
		goto fail;
	}
	s->hz = hz ? hz : SB_DEFAULT_SAMPLE_HZ;
	s->keys = calloc(DRAIN_CHUNK, sizeof(*s->keys));
	s->counts = calloc(DRAIN_CHUNK, sizeof(*s->counts));
	s->links = calloc(ncpu, sizeof(*s->links));
	s->perf_fds = calloc(ncpu, sizeof(*s->perf_fds));
	s->skel = stages_sample_bpf__open();
	if (!s->keys || !s->counts || !s->links || !s->perf_fds || !s->skel) {
		sb_bpf_errmsg(err, errlen, "opening the stage sampler", errno ? errno : ENOMEM);
		goto fail;
	}
	if (bpf_map__reuse_fd(s->skel->maps.tracked, m->tracked) ||
	    bpf_map__reuse_fd(s->skel->maps.inflight, m->inflight) ||
	    bpf_map__reuse_fd(s->skel->maps.copying, m->copying)) {
		sb_bpf_errmsg(err, errlen, "sharing maps with the stage sampler", errno);
		goto fail;
	}
	sb_bpf_log_forget();
	e = stages_sample_bpf__load(s->skel);
	if (e) {
		sb_bpf_load_errmsg(err, errlen, "loading the stage sampler (perf_event program)", e);
		goto fail;
	}
	for (int cpu = 0; cpu < ncpu; cpu++) {
		int fd = open_cpu_clock(cpu, s->hz);

		if (fd < 0) {
			if (errno == ENODEV) /* possible but offline */
				continue;
			sb_bpf_errmsg(err, errlen, "opening a cpu-clock perf event for sampling", errno);
			goto fail;
		}
		s->links[s->n_links] = bpf_program__attach_perf_event(s->skel->progs.sb_sample, fd);
		if (!s->links[s->n_links]) {
			e = errno;
			close(fd);
			sb_bpf_errmsg(err, errlen, "attaching the stage sampler to a perf event", e);
			goto fail;
		}
		s->perf_fds[s->n_links++] = fd;
	}
	s->enabled = 1;
	return s;
fail:
	sb_sampler_close(s);
	return NULL;
}

/* One stack's samples go to the stage of its innermost known frame. */
static void credit(const struct sb_stack *st, __u64 count, const struct sb_ksyms *ks, sb_stage_count_cb cb,
		   void *ctx, int debug)
{
	const char *names[SB_STACK_DEPTH];
	size_t depth = 0;

	while (depth < SB_STACK_DEPTH && st->ip[depth]) {
		/* return addresses point after the call; -1 keeps a tail call in its caller */
		names[depth] = sb_ksyms_name(ks, depth ? st->ip[depth] - 1 : st->ip[depth]);
		depth++;
	}
	const char *stage = sb_stage_of_stack(names, depth);

	/* SB_PROBE_DEBUG_STACKS=1: show the stacks no stage claimed, to extend stage_map.c */
	if (debug && (!stage || !strcmp(stage, SB_STAGE_OTHER))) {
		fprintf(stderr, "%s x%llu:", stage ? stage : "outside", (unsigned long long)count);
		for (size_t i = 0; i < depth && i < 12; i++)
			fprintf(stderr, " %s", names[i] ? names[i] : "?");
		fprintf(stderr, "\n");
	}
	cb(ctx, stage, count);
}

/* Read and empty the table a chunk at a time (the batch cursor is a hash bucket index). */
int sb_sampler_drain(struct sb_sampler *s, const struct sb_ksyms *ks, sb_stage_count_cb cb, void *ctx)
{
	int fd = bpf_map__fd(s->skel->maps.stack_counts), e;
	const char *dbg = getenv("SB_PROBE_DEBUG_STACKS");
	int debug = dbg && *dbg == '1';
	__u32 cursor, *in = NULL;

	do {
		__u32 n = DRAIN_CHUNK;

		e = bpf_map_lookup_and_delete_batch(fd, in, &cursor, s->keys, s->counts, &n, NULL);
		if (e && errno != ENOENT) /* ENOENT: the last chunk */
			return -errno;
		for (__u32 i = 0; i < n; i++)
			credit(&s->keys[i], s->counts[i], ks, cb, ctx, debug);
		in = &cursor;
	} while (!e);
	return 0;
}

int sb_sampler_enable(struct sb_sampler *s, int on)
{
	if (on == s->enabled)
		return 0;
	for (int i = 0; i < s->n_links; i++)
		if (ioctl(s->perf_fds[i], on ? PERF_EVENT_IOC_ENABLE : PERF_EVENT_IOC_DISABLE, 0))
			return -errno;
	s->enabled = on;
	return 0;
}

uint64_t sb_sampler_lost(const struct sb_sampler *s)
{
	return __atomic_load_n(&s->skel->bss->samples_lost, __ATOMIC_RELAXED);
}

unsigned sb_sampler_hz(const struct sb_sampler *s)
{
	return s->hz;
}

void sb_sampler_close(struct sb_sampler *s)
{
	if (!s)
		return;
	for (int i = 0; i < s->n_links; i++)
		bpf_link__destroy(s->links[i]);
	stages_sample_bpf__destroy(s->skel);
	free(s->links);
	free(s->perf_fds);
	free(s->keys);
	free(s->counts);
	free(s);
}
