/* SPDX-License-Identifier: MIT */
/*
 * The value parsers of the axis table (axes.h): each reads an option's value into the field its table entry
 * names. Generic ones (a list of sizes, of whole numbers, of two words, of strings; a switch) are driven by
 * the entry's offsets and bounds; the others (methods, presets, raw flags, namespaces...) know their field.
 * All return 0, or -1 with a message in err; a message that does not start with "--" is prefixed with the
 * option by the caller. Each keeps the size of the copy it splits (a 100 KB value is cut there first), so
 * the messages quoting a long value stay what they were.
 */
#ifndef SB_AXIS_PARSE_H
#define SB_AXIS_PARSE_H
#include <stddef.h>
#include <stdint.h>

struct sb_axis_opt;

int sb_ap_sizes(const struct sb_axis_opt *o, const char *arg, void *dst, char *err, size_t errlen);
int sb_ap_stacks(const struct sb_axis_opt *o, const char *arg, void *dst, char *err, size_t errlen);
int sb_ap_uints(const struct sb_axis_opt *o, const char *arg, void *dst, char *err, size_t errlen);
int sb_ap_concurrency(const struct sb_axis_opt *o, const char *arg, void *dst, char *err, size_t errlen);
int sb_ap_two_words(const struct sb_axis_opt *o, const char *arg, void *dst, char *err, size_t errlen);
int sb_ap_strings(const struct sb_axis_opt *o, const char *arg, void *dst, char *err, size_t errlen);
int sb_ap_switch(const struct sb_axis_opt *o, const char *arg, void *dst, char *err, size_t errlen);
int sb_ap_methods(const struct sb_axis_opt *o, const char *arg, void *dst, char *err, size_t errlen);
int sb_ap_presets(const struct sb_axis_opt *o, const char *arg, void *dst, char *err, size_t errlen);
int sb_ap_flags(const struct sb_axis_opt *o, const char *arg, void *dst, char *err, size_t errlen);
int sb_ap_exit_signal(const struct sb_axis_opt *o, const char *arg, void *dst, char *err, size_t errlen);
int sb_ap_ns(const struct sb_axis_opt *o, const char *arg, void *dst, char *err, size_t errlen);
int sb_ap_ns_paths(const struct sb_axis_opt *o, const char *arg, void *dst, char *err, size_t errlen);
int sb_ap_probe(const struct sb_axis_opt *o, const char *arg, void *dst, char *err, size_t errlen);

/* A comma list of whole numbers in lo..hi into out[max] (what names it in messages). n, or -1 with err. */
int sb_parse_uint_list(const char *arg, uint32_t *out, int max, uint64_t lo, uint64_t hi, const char *what,
		       char *err, size_t errlen);

#endif
