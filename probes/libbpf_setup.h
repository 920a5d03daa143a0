/* SPDX-License-Identifier: MIT */
/* What every loader does first: libbpf's messages only with -v, and syscall numbers for this arch. */
#ifndef SB_LIBBPF_SETUP_H
#define SB_LIBBPF_SETUP_H
#include <stddef.h>

void sb_libbpf_setup(int verbose);
/* "Operation not permitted (need root, or CAP_BPF and CAP_PERFMON)" style text for a failed load. */
void sb_bpf_errmsg(char *buf, size_t len, const char *what, int err);

#endif
