// SPDX-License-Identifier: MIT
/* The growable array of grow.h. */
#include "grow.h"

#include <stdint.h>
#include <stdlib.h>

void *sb_grow(void *items, size_t *cap, size_t need, size_t elem, size_t first)
{
	size_t c = *cap ? *cap : (first ? first : 1);

	if (need <= *cap)
		return items;
	if (!elem)
		return NULL;   /* nothing to hold: a caller's mistake, not a zero-byte realloc */
	while (c < need) {
		if (c > SIZE_MAX / 2)
			return NULL;
		c *= 2;
	}
	if (c > SIZE_MAX / elem)
		return NULL;
	void *p = realloc(items, c * elem);
	if (p)
		*cap = c;
	return p;
}
