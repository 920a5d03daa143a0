/* SPDX-License-Identifier: MIT */
/*
 * The axes of a case as the results file spells them, one row each: the token in a case's key
 * ("mem=67108864"), the field of a case in the results file ("mem_bytes"), the token that starts it in a
 * case's label ("mem=64M"), the kind of its value and the value a reader takes when the field is absent
 * (a file from before the axis existed). The driver's axis table (bench/axes.c) takes its key and field
 * names from here, the results writer (bench/results_json.c) writes these fields, and report/'s reader
 * (results_model.c), its case identity and export's parameters iterate this table: an axis added here is
 * read, grouped and exported without naming it again.
 */
#ifndef SB_AXIS_FIELDS_H
#define SB_AXIS_FIELDS_H
#include <stddef.h>

/*
 * Key token and results field of each axis as one pair of literals, so a static table (bench/axes.c)
 * can be initialised with them; sb_axis_fields[] is built from the same pairs.
 */
#define SB_AXF_METHOD "method", "method"
#define SB_AXF_PRESET "preset", "preset"
#define SB_AXF_FLAGS "flags", "flags"
#define SB_AXF_EXIT "exit", "exit_signal"
#define SB_AXF_EXEC "exec", "exec"
#define SB_AXF_MEM "mem", "mem_bytes"
#define SB_AXF_MEM_KIND "mem_kind", "mem_kind"
#define SB_AXF_VMAS "vmas", "vmas"
#define SB_AXF_THP "thp", "thp"
#define SB_AXF_STACK "stack", "stack_bytes"
#define SB_AXF_STACK_TOUCH "stack_touch", "stack_touch"
#define SB_AXF_NS "ns", "namespaces"
#define SB_AXF_NS_PATH "ns_path", "ns_path"
#define SB_AXF_USERNS_ADDED "userns_added", "userns_added"
#define SB_AXF_CONCURRENCY "concurrency", "concurrency"
#define SB_AXF_CHILD_WRITES "child_writes", "child_writes"
#define SB_AXF_COUNT "count", "counting"
#define SB_AXF_PROBE "probe", "probe_level"

/* In the order a case's key lists them. */
enum sb_axis_field_id {
	SB_AF_METHOD,
	SB_AF_PRESET,
	SB_AF_FLAGS,
	SB_AF_EXIT,
	SB_AF_EXEC,
	SB_AF_MEM,
	SB_AF_MEM_KIND,
	SB_AF_VMAS,
	SB_AF_THP,
	SB_AF_STACK,
	SB_AF_STACK_TOUCH,
	SB_AF_NS,
	SB_AF_NS_PATH,
	SB_AF_USERNS_ADDED,
	SB_AF_CONCURRENCY,
	SB_AF_CHILD_WRITES,
	SB_AF_COUNT,
	SB_AF_PROBE,
	SB_N_AXIS_FIELDS
};

enum sb_axis_kind {
	SB_AK_STRING, /* "fork", "on" */
	SB_AK_NUMBER, /* a whole number: bytes, a count */
	SB_AK_BOOL,   /* true / false */
	SB_AK_LIST,   /* an array of names, read joined with '+' ("net+pid") */
};

struct sb_axis_field {
	const char *key;   /* token in a case's key */
	const char *json;  /* field of a case in the results file */
	const char *label; /* what starts its token in a case's label ("mem=", "x" for x4), or NULL */
	enum sb_axis_kind kind;
	const char *absent; /* the value of a file without the field, as text ("1", "off", "false") */
};

extern const struct sb_axis_field sb_axis_fields[SB_N_AXIS_FIELDS];

/* The row whose key token is key, or -1. */
int sb_axis_field_by_key(const char *key);

#endif
