// SPDX-License-Identifier: MIT
#include "parse.h"

#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

static int fail(char *err, size_t errlen, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(err, errlen, fmt, ap);
	va_end(ap);
	return -1;
}

/* strtod accepts "inf", "nan", hex floats and leading spaces: allow only plain decimals. */
static int plain_decimal(const char *s, double *out, const char **end)
{
	const char *p = s;
	int digits = 0;
	while (isdigit((unsigned char)*p)) {
		p++;
		digits++;
	}
	if (*p == '.') {
		p++;
		while (isdigit((unsigned char)*p)) {
			p++;
			digits++;
		}
	}
	if (!digits)
		return -1;
	char buf[64];
	size_t len = (size_t)(p - s);
	if (len >= sizeof(buf))
		return -1;
	memcpy(buf, s, len);
	buf[len] = '\0';
	*out = strtod(buf, NULL);
	*end = p;
	return 0;
}

int sb_parse_size(const char *s, uint64_t *out, char *err, size_t errlen)
{
	double v;
	const char *p;
	if (!s || plain_decimal(s, &v, &p))
		return fail(err, errlen, "'%s' is not a size (examples: 0, 4096, 4K, 64M, 1.5G)", s ? s : "");
	double mult = 1;
	switch (toupper((unsigned char)*p)) {
	case 'K': mult = 1024.0; p++; break;
	case 'M': mult = 1024.0 * 1024; p++; break;
	case 'G': mult = 1024.0 * 1024 * 1024; p++; break;
	case 'T': mult = 1024.0 * 1024 * 1024 * 1024; p++; break;
	}
	if (mult > 1 && (!strcasecmp(p, "iB") || !strcasecmp(p, "B")))
		p += strlen(p);
	else if (mult == 1 && !strcasecmp(p, "B"))
		p++;
	if (*p)
		return fail(err, errlen, "'%s': unknown size suffix '%s' (use K, M, G or T, binary multiples)", s, p);
	double bytes = v * mult;
	if (bytes >= 18446744073709551616.0)
		return fail(err, errlen, "'%s' is too large", s);
	if (bytes != floor(bytes))
		return fail(err, errlen, "'%s' is not a whole number of bytes", s);
	*out = (uint64_t)bytes;
	return 0;
}

void sb_format_size(uint64_t b, char *buf, size_t len)
{
	static const char units[] = "KMGT";
	int u = -1;
	uint64_t v = b;
	while (v && v % 1024 == 0 && u < 3) {
		v /= 1024;
		u++;
	}
	if (u < 0)
		snprintf(buf, len, "%llu", (unsigned long long)b);
	else
		snprintf(buf, len, "%llu%c", (unsigned long long)v, units[u]);
}

int sb_parse_seconds(const char *s, double *out, char *err, size_t errlen)
{
	double v;
	const char *p;
	if (!s || plain_decimal(s, &v, &p))
		return fail(err, errlen, "'%s' is not a duration (examples: 30s, 500ms, 2m)", s ? s : "");
	if (!strcmp(p, "") || !strcmp(p, "s"))
		*out = v;
	else if (!strcmp(p, "ms"))
		*out = v / 1000;
	else if (!strcmp(p, "m") || !strcmp(p, "min"))
		*out = v * 60;
	else if (!strcmp(p, "h"))
		*out = v * 3600;
	else
		return fail(err, errlen, "'%s': unknown duration unit '%s' (use ms, s, m or h)", s, p);
	if (*out > 7 * 24 * 3600.0)
		return fail(err, errlen, "'%s' is longer than a week", s);
	return 0;
}

int sb_parse_ratio(const char *s, double *out, char *err, size_t errlen)
{
	double v;
	const char *p;
	if (!s || plain_decimal(s, &v, &p))
		return fail(err, errlen, "'%s' is not a ratio (examples: 2%%, 0.02)", s ? s : "");
	if (!strcmp(p, "%"))
		v /= 100;
	else if (*p)
		return fail(err, errlen, "'%s': expected a number or a percentage", s);
	if (v >= 1)
		return fail(err, errlen, "'%s' must be below 100%%", s);
	*out = v;
	return 0;
}

int sb_parse_uint(const char *s, uint64_t max, uint64_t *out, char *err, size_t errlen)
{
	if (!s || !*s)
		return fail(err, errlen, "expected a number, got nothing");
	for (const char *p = s; *p; p++)
		if (!isdigit((unsigned char)*p))
			return fail(err, errlen, "'%s' is not a non-negative whole number", s);
	errno = 0;
	unsigned long long v = strtoull(s, NULL, 10);
	if (errno || v > max)
		return fail(err, errlen, "'%s' is out of range (at most %llu)", s, (unsigned long long)max);
	*out = v;
	return 0;
}

int sb_split_list(char *s, char **items, int max_items, char *err, size_t errlen)
{
	int n = 0;
	char *p = s;
	for (;;) {
		char *comma = strchr(p, ',');
		if (comma)
			*comma = '\0';
		if (!*p)
			return fail(err, errlen, "empty item in list");
		if (n == max_items)
			return fail(err, errlen, "too many items in list (at most %d)", max_items);
		items[n++] = p;
		if (!comma)
			return n;
		p = comma + 1;
	}
}

static size_t edit_distance(const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b);
	if (la > 63 || lb > 63)
		return (size_t)-1;
	size_t prev[64], cur[64];
	for (size_t j = 0; j <= lb; j++)
		prev[j] = j;
	for (size_t i = 1; i <= la; i++) {
		cur[0] = i;
		for (size_t j = 1; j <= lb; j++) {
			size_t sub = prev[j - 1] + (tolower((unsigned char)a[i - 1]) != tolower((unsigned char)b[j - 1]));
			size_t del = prev[j] + 1, ins = cur[j - 1] + 1;
			cur[j] = sub < del ? (sub < ins ? sub : ins) : (del < ins ? del : ins);
		}
		memcpy(prev, cur, sizeof(prev));
	}
	return prev[lb];
}

void sb_unknown_name(char *err, size_t errlen, const char *what, const char *word, const char *const *names,
		     size_t n, const char *hint)
{
	const char *near = sb_closest(word, names, n);
	snprintf(err, errlen, "unknown %s '%s'%s%s%s%s%s%s", what, word, near ? "; did you mean '" : "",
		 near ? near : "", near ? "'?" : "", hint ? " (" : "", hint ? hint : "", hint ? ")" : "");
}

const char *sb_closest(const char *word, const char *const *cand, size_t n)
{
	const char *best = NULL;
	size_t best_d = (size_t)-1;
	for (size_t i = 0; i < n; i++) {
		size_t d = edit_distance(word, cand[i]);
		if (d < best_d) {
			best_d = d;
			best = cand[i];
		}
	}
	/* A suggestion further away than a third of the word is noise, not help. */
	size_t limit = strlen(word) / 3 + 1;
	return best_d <= limit ? best : NULL;
}
