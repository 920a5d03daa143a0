/* SPDX-License-Identifier: MIT */
/* clone(2) flag names, the named presets, and the rules clone(2) states for combining them. */
#ifndef SB_CLONE_FLAGS_H
#define SB_CLONE_FLAGS_H
#include <stddef.h>
#include <stdint.h>

#include "wire.h"

struct sb_flag_name {
	const char *name;   /* lower case, without CLONE_: "vm", "newnet", ... */
	uint64_t flag;
	int clone3_only;    /* the bit does not fit clone()'s flags word or clone() rejects it */
};

struct sb_preset {
	const char *name;
	uint64_t flags;
	int exit_signal;    /* SIGCHLD or 0 */
	const char *about;
};

extern const struct sb_flag_name sb_flag_names[];
extern const size_t sb_n_flag_names;
/* The most entries sb_presets[] may have: a mistyped preset is matched against every name (axis_parse.c). */
#define SB_MAX_PRESETS 32
extern const struct sb_preset sb_presets[];
extern const size_t sb_n_presets;

/* "vm,fs,files,sighand" -> flags. Unknown names are refused with the closest known name. */
int sb_parse_flag_list(const char *list, uint64_t *flags, char *err, size_t errlen);
const struct sb_preset *sb_find_preset(const char *name);
/* Comma-free lower-case names of every set flag, written into names (max entries). Returns the count. */
size_t sb_flag_names_of(uint64_t flags, const char **names, size_t max);

/*
 * The rule of clone(2)'s ERRORS list (or of spawnbench) that flags break for this method, or NULL when the
 * combination is valid. Checked before anything runs.
 */
const char *sb_flag_rule_broken(enum sb_method method, uint64_t flags, int exit_signal);

#endif
