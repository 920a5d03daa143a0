// SPDX-License-Identifier: MIT
/* Fuzz clone flag lists, preset names and namespace lists, and the flag rules on whatever parses. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "clone_flags.h"
#include "namespaces.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *s = malloc(size + 1), err[300], name[256];
	if (!s)
		return 0;
	memcpy(s, data, size);
	s[size] = '\0';
	uint64_t flags, sets[300];
	if (!sb_parse_flag_list(s, &flags, err, sizeof(err))) {
		for (int m = 0; m < SB_N_METHODS; m++) {
			(void)sb_flag_rule_broken((enum sb_method)m, flags, 17);
			(void)sb_flag_rule_broken((enum sb_method)m, flags, 0);
		}
		const char *names[64];
		(void)sb_flag_names_of(flags, names, 64);
	}
	(void)sb_find_preset(s);
	int n = sb_parse_ns_list(s, sets, 300, err, sizeof(err));
	for (int i = 0; i < n; i++) {
		if (sets[i] & ~(uint64_t)SB_NS_ALL_FLAGS)
			abort();
		sb_ns_set_name(sets[i], name, sizeof(name));
	}
	free(s);
	return 0;
}
