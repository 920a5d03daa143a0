// SPDX-License-Identifier: MIT
/*
 * A case's key and label, from the axis table: "method=NAME" then each axis's key token in its naming
 * position (axes.h: name_pos), joined by ';'; the label is the method and each axis's word, for what
 * differs from the defaults. The key is what results files and compare match cases on: its bytes must not
 * change for a case that existed before.
 */
#include <stdio.h>
#include <string.h>

#include "axes.h"

static void append(char *dst, size_t len, const char *s)
{
	size_t o = strlen(dst);
	if (o + 1 < len)
		snprintf(dst + o, len - o, "%s", s);
}

void sb_case_name(struct sb_case *c)
{
	char tok[SB_PATH_MAX + 64];
	snprintf(c->key, sizeof(c->key), "method=%s", sb_methods[c->w.method].name);
	snprintf(c->label, sizeof(c->label), "%s", sb_methods[c->w.method].name);
	for (int pos = 1; pos <= (int)sb_n_axes; pos++) {
		const struct sb_axis *a = sb_axis_named_at(pos);
		tok[0] = '\0';
		a->key_token(c, tok, sizeof(tok));
		if (tok[0]) {
			append(c->key, sizeof(c->key), ";");
			append(c->key, sizeof(c->key), tok);
		}
		tok[0] = '\0';
		a->label_token(c, tok, sizeof(tok));
		append(c->label, sizeof(c->label), tok);
	}
}
