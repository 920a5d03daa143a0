// SPDX-License-Identifier: MIT
/* Fuzz the command line's value parsers: sizes, durations, ratios, whole numbers, lists, name suggestions. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "parse.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *s = malloc(size + 1), err[256];
	if (!s)
		return 0;
	memcpy(s, data, size);
	s[size] = '\0';
	uint64_t u;
	double d;
	char buf[64];
	if (!sb_parse_size(s, &u, err, sizeof(err))) {
		/* What parses must print back as something that parses to the same value. */
		sb_format_size(u, buf, sizeof(buf));
		uint64_t again;
		if (sb_parse_size(buf, &again, err, sizeof(err)) || again != u)
			abort();
	}
	(void)sb_parse_seconds(s, &d, err, sizeof(err));
	if (!sb_parse_ratio(s, &d, err, sizeof(err)) && !(d >= 0 && d < 1))
		abort();
	(void)sb_parse_uint(s, 1000000, &u, err, sizeof(err));
	const char *const names[] = { "fork", "vfork", "clone", "clone3", "posix_spawn" };
	(void)sb_closest(s, names, 5);
	char *items[16];
	(void)sb_split_list(s, items, 16, err, sizeof(err));
	free(s);
	return 0;
}
