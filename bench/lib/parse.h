/* SPDX-License-Identifier: MIT */
/* Parsers for what users type: sizes, durations, ratios, lists, and "did you mean" for names. */
#ifndef SB_PARSE_H
#define SB_PARSE_H
#include <stddef.h>
#include <stdint.h>

/* Each parser returns 0 on success, or -1 with a one-line message in err. */

/* "0", "4096", "4K", "64M", "1G", "1.5G", "2GiB", "512MB": binary multiples (K = 1024). */
int sb_parse_size(const char *s, uint64_t *out, char *err, size_t errlen);
/* Format bytes the way sb_parse_size reads them back ("512M", "1G", "4K", "1000"). */
void sb_format_size(uint64_t bytes, char *buf, size_t len);
/* "30s", "500ms", "2m", "1.5" (seconds). */
int sb_parse_seconds(const char *s, double *out, char *err, size_t errlen);
/* "2%" or "0.02" -> 0.02; must lie in [0, 1). */
int sb_parse_ratio(const char *s, double *out, char *err, size_t errlen);
/* A non-negative decimal integer no larger than max. */
int sb_parse_uint(const char *s, uint64_t max, uint64_t *out, char *err, size_t errlen);

/* Split a comma-separated list in place; empty items are an error. Returns the count or -1. */
int sb_split_list(char *s, char **items, int max_items, char *err, size_t errlen);

/*
 * "unknown WHAT 'word'; did you mean 'x'? (HINT)" into err: the one wording every name parser uses.
 * The suggestion is the closest of names[0..n) (omitted when none is close); hint may be NULL.
 */
void sb_unknown_name(char *err, size_t errlen, const char *what, const char *word, const char *const *names,
		     size_t n, const char *hint);
/* The candidate closest to word by edit distance, or NULL when none is close enough to suggest. */
const char *sb_closest(const char *word, const char *const *candidates, size_t n);

#endif
