/* SPDX-License-Identifier: MIT */
/*
 * The axes of a case as the results file spells them, one row each, generated from the list of
 * axis_list.h: the token in a case's key ("mem=67108864"), the field of a case in the results file
 * ("mem_bytes"), the token that starts it in a case's label ("mem=64M"), the kind of its value and the
 * value a reader takes when the field is absent (a file from before the axis existed). report/'s reader
 * (results_model.c), its case identity and export's parameters iterate this table: an axis added to the
 * list is read, grouped and exported without naming it again.
 */
#ifndef SB_AXIS_FIELDS_H
#define SB_AXIS_FIELDS_H
#include <stddef.h>

/* In the order a case's key lists them: the rows of axis_list.h. */
enum sb_axis_field_id {
#define SB_AXIS(ID, ...) SB_AF_##ID,
#include "axis_list.h"
	SB_N_AXIS_FIELDS
};

/* Where "status" stands among a case's axis fields in the results file (JPOS of axis_list.h). */
#define SB_AXIS_JSON_STATUS 15

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
