/* SPDX-License-Identifier: MIT */
/* Kernel text symbols from /proc/kallsyms, to name the frames of sampled kernel stacks. */
#ifndef SB_KSYMS_H
#define SB_KSYMS_H
#include <stdint.h>

struct sb_ksyms;

/* NULL with errno set when /proc/kallsyms can't be read or shows no addresses (kptr_restrict). */
struct sb_ksyms *sb_ksyms_load(void);
/* The function containing addr, without a ".isra.0"-style suffix, or NULL. */
const char *sb_ksyms_name(const struct sb_ksyms *ks, uint64_t addr);
void sb_ksyms_free(struct sb_ksyms *ks);

#endif
