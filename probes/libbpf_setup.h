/* SPDX-License-Identifier: MIT */
/* What every loader shares: libbpf's messages only with -v, error text, attaching and detaching. */
#ifndef SB_LIBBPF_SETUP_H
#define SB_LIBBPF_SETUP_H
#include <stddef.h>

void sb_libbpf_setup(int verbose);
/* "Operation not permitted (need root, or CAP_BPF and CAP_PERFMON)" style text for a failed load. */
void sb_bpf_errmsg(char *buf, size_t len, const char *what, int err);
/*
 * For a failed skeleton load: when the verifier refused a program, "WHAT: program P was rejected by the
 * verifier: <its complaint>" (EACCES and EINVAL from the verifier are no privilege problem); otherwise as
 * sb_bpf_errmsg. Call sb_bpf_log_forget() before the load, so that an older log is not taken for its.
 */
void sb_bpf_load_errmsg(char *buf, size_t len, const char *what, int err);
void sb_bpf_log_forget(void);
/* The verifier's log of the last refused program on this thread (its name in *prog), or NULL. */
const char *sb_bpf_verifier_log(const char **prog);

/*
 * Attach (on) or detach (off) every program of a loaded skeleton; a failed attach leaves none attached.
 * 0 or a negative errno.
 */
struct bpf_object_skeleton;
int sb_skeleton_attach(struct bpf_object_skeleton *sk, int on);

#endif
