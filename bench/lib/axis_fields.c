// SPDX-License-Identifier: MIT
/* The axis field table of axis_fields.h. */
#include "axis_fields.h"

#include <string.h>

const struct sb_axis_field sb_axis_fields[SB_N_AXIS_FIELDS] = {
	[SB_AF_METHOD] = { SB_AXF_METHOD, NULL, SB_AK_STRING, "?" },
	[SB_AF_PRESET] = { SB_AXF_PRESET, NULL, SB_AK_STRING, "none" },
	[SB_AF_FLAGS] = { SB_AXF_FLAGS, NULL, SB_AK_LIST, "" },
	[SB_AF_EXIT] = { SB_AXF_EXIT, NULL, SB_AK_STRING, "-" },
	[SB_AF_EXEC] = { SB_AXF_EXEC, "exec=", SB_AK_STRING, "none" },
	[SB_AF_MEM] = { SB_AXF_MEM, "mem=", SB_AK_NUMBER, "0" },
	[SB_AF_MEM_KIND] = { SB_AXF_MEM_KIND, NULL, SB_AK_STRING, "anon" },
	[SB_AF_VMAS] = { SB_AXF_VMAS, "vmas=", SB_AK_NUMBER, "1" },
	[SB_AF_THP] = { SB_AXF_THP, NULL, SB_AK_STRING, "off" },
	[SB_AF_STACK] = { SB_AXF_STACK, "stack=", SB_AK_NUMBER, "0" },
	[SB_AF_STACK_TOUCH] = { SB_AXF_STACK_TOUCH, NULL, SB_AK_BOOL, "false" },
	[SB_AF_NS] = { SB_AXF_NS, "ns=", SB_AK_LIST, "" },
	[SB_AF_NS_PATH] = { SB_AXF_NS_PATH, NULL, SB_AK_STRING, "clone" },
	[SB_AF_USERNS_ADDED] = { SB_AXF_USERNS_ADDED, NULL, SB_AK_BOOL, "false" },
	[SB_AF_CONCURRENCY] = { SB_AXF_CONCURRENCY, "x", SB_AK_NUMBER, "1" },
	[SB_AF_CHILD_WRITES] = { SB_AXF_CHILD_WRITES, NULL, SB_AK_BOOL, "false" },
	[SB_AF_COUNT] = { SB_AXF_COUNT, NULL, SB_AK_BOOL, "false" },
	[SB_AF_PROBE] = { SB_AXF_PROBE, NULL, SB_AK_STRING, "off" },
};

int sb_axis_field_by_key(const char *key)
{
	for (int i = 0; i < SB_N_AXIS_FIELDS; i++)
		if (!strcmp(key, sb_axis_fields[i].key))
			return i;
	return -1;
}
