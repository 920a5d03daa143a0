/* SPDX-License-Identifier: MIT */
/* Loads stages_exact.bpf.c as backend "fentry" or "kprobe": exact time per copy_process stage. */
#ifndef SB_STAGES_EXACT_LOADER_H
#define SB_STAGES_EXACT_LOADER_H
#include <stddef.h>
#include <stdint.h>

#include "shared_maps.h"
#include "stages_exact.h"

enum sb_exact_kind { SB_EXACT_FENTRY, SB_EXACT_KPROBE };

struct sb_exact;

/* Loads and attaches; NULL with the reason in err (this is also the feature probe). */
struct sb_exact *sb_exact_open(enum sb_exact_kind kind, const struct sb_shared_maps *m, char *err,
			       size_t errlen);
/* Attach (1) or detach (0) every program (open() attaches them). 0 or -errno. */
int sb_exact_attach(struct sb_exact *x, int on);
/* Exclusive time and calls per stage since the last drain (summed over CPUs), then zeroed. */
int sb_exact_drain(struct sb_exact *x, struct sb_xs_total out[SB_N_XS]);
const char *sb_exact_stage_name(unsigned stage);
void sb_exact_close(struct sb_exact *x);

#endif
