/* SPDX-License-Identifier: MIT */
/* Rendering numbers and times for people: durations and timestamps (sizes: sb_format_size in parse.h). */
#ifndef SB_FORMAT_H
#define SB_FORMAT_H
#include <stddef.h>

/* "12.3 us" style rendering of a duration in ns: three significant digits, no exponent. */
void sb_format_ns(double ns, char *buf, size_t len);
/* ISO 8601 UTC now ("2026-01-31T12:00:00Z"). */
void sb_iso_now(char *buf, size_t len);

#endif
