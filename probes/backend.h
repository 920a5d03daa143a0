/* SPDX-License-Identifier: MIT */
/*
 * The stage backends and the fallback chain: fentry -> kprobe -> tracepoint. Each is tried by really
 * loading and attaching it (a feature probe, not a kernel-version guess); a forced backend is tried alone.
 */
#ifndef SB_BACKEND_H
#define SB_BACKEND_H
#include <stddef.h>

#include "ksyms.h"
#include "stages_exact_loader.h"
#include "stages_sample_loader.h"

enum sb_backend { SB_BE_AUTO, SB_BE_FENTRY, SB_BE_KPROBE, SB_BE_TRACEPOINT };

struct sb_stage_backend {
	enum sb_backend kind;
	struct sb_exact *exact;     /* fentry, kprobe */
	struct sb_sampler *sampler; /* tracepoint */
	struct sb_ksyms *ksyms;     /* tracepoint: names for the sampled stacks */
	char why[512];              /* the backends passed over and why (for -v and the notes) */
};

const char *sb_backend_name(enum sb_backend b);
/* "auto", "fentry", "kprobe", "tracepoint" -> kind; -1 for anything else. */
int sb_backend_parse(const char *name);
/* Returns 0, or -1 with the reason in err (every candidate failed). */
int sb_backend_open(struct sb_stage_backend *be, enum sb_backend want, const struct sb_shared_maps *m,
		    unsigned hz, char *err, size_t errlen);
void sb_backend_close(struct sb_stage_backend *be);

#endif
