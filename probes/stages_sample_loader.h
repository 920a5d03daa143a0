/* SPDX-License-Identifier: MIT */
/* Loads stages_sample.bpf.c on a cpu-clock perf event per CPU (backend "tracepoint"). */
#ifndef SB_STAGES_SAMPLE_LOADER_H
#define SB_STAGES_SAMPLE_LOADER_H
#include <stddef.h>
#include <stdint.h>

#include "ksyms.h"
#include "shared_maps.h"

struct sb_sampler;

/* Shares the phase object's maps. NULL with a reason in err. */
struct sb_sampler *sb_sampler_open(const struct sb_shared_maps *m, unsigned hz, char *err, size_t errlen);

/* Per stage name (NULL = inside the spawning syscall but outside copy_process): samples. */
typedef void (*sb_stage_count_cb)(void *ctx, const char *stage, uint64_t samples);
/* Hands over the stacks counted since the last drain and forgets them. Returns 0 or -errno. */
int sb_sampler_drain(struct sb_sampler *s, const struct sb_ksyms *ks, sb_stage_count_cb cb, void *ctx);
/* Pause (0) or resume (1) the sampling timers on every CPU (open() starts them). 0 or -errno. */
int sb_sampler_enable(struct sb_sampler *s, int on);
/* Samples whose stack could not be kept, since open. */
uint64_t sb_sampler_lost(const struct sb_sampler *s);
unsigned sb_sampler_hz(const struct sb_sampler *s);
void sb_sampler_close(struct sb_sampler *s);

#endif
