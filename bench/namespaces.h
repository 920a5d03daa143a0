/* SPDX-License-Identifier: MIT */
/* Namespace type names, their CLONE_NEW* flags, and the --ns list syntax (none, net+pid, all, sweep). */
#ifndef SB_NAMESPACES_H
#define SB_NAMESPACES_H
#include <stddef.h>
#include <stdint.h>

#define SB_N_NS_TYPES 8
struct sb_ns_type {
	const char *name;    /* "user", "pid", ... */
	uint64_t flag;       /* CLONE_NEWUSER, ... */
	const char *proc;    /* file under /proc/PID/ns/ */
};
extern const struct sb_ns_type sb_ns_types[SB_N_NS_TYPES];

#define SB_NS_ALL_FLAGS 0x7e020080ULL /* every CLONE_NEW* flag below, or'ed; checked in a test */

/*
 * "none,net,net+pid,all,sweep" -> a list of flag sets (sweep = all 256 combinations, none first).
 * Returns the count of sets, or -1 with a message naming the unknown word and the closest name.
 */
int sb_parse_ns_list(const char *list, uint64_t *sets, int max_sets, char *err, size_t errlen);
/* "net+pid" style name of a set ("none" for 0), in a fixed order. */
void sb_ns_set_name(uint64_t set, char *buf, size_t len);
/* The namespace part of a flag word. */
uint64_t sb_ns_flags(uint64_t clone_flags);

#endif
