// SPDX-License-Identifier: MIT
/* The axis field table of axis_fields.h, from the list of axis_list.h. */
#include "axis_fields.h"

#include <string.h>

const struct sb_axis_field sb_axis_fields[SB_N_AXIS_FIELDS] = {
#define SB_AXIS(ID, KEY, FIELD, LABEL, KIND, ABSENT, ...) [SB_AF_##ID] = { KEY, FIELD, LABEL, SB_AK_##KIND, ABSENT },
#include "axis_list.h"
};

int sb_axis_field_by_key(const char *key)
{
	for (int i = 0; i < SB_N_AXIS_FIELDS; i++)
		if (!strcmp(key, sb_axis_fields[i].key))
			return i;
	return -1;
}
