// SPDX-License-Identifier: MIT
/*
 * A case's key and label, from the axis table: each row's key token (axes.h, "method=NAME" first) in the
 * order of bench/lib/axis_list.h, joined by ';'; the label is the method and each row's word, for what
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
	c->key[0] = c->label[0] = '\0';
	for (size_t a = 0; a < sb_n_axes; a++) {
		tok[0] = '\0';
		sb_axis_key(&sb_axes[a], c, tok, sizeof(tok));
		if (tok[0]) {
			if (c->key[0])
				append(c->key, sizeof(c->key), ";");
			append(c->key, sizeof(c->key), tok);
		}
		tok[0] = '\0';
		sb_axis_label(&sb_axes[a], c, tok, sizeof(tok));
		append(c->label, sizeof(c->label), tok);
	}
}
