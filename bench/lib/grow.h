/* SPDX-License-Identifier: MIT */
/*
 * The one growable array: room for `need` elements in an array that holds *cap, by doubling. Used as
 *
 *	if (v->n == v->cap && !(p = sb_grow(v->items, &v->cap, v->n + 1, sizeof(*p), 256)))
 *		return -1;
 *	v->items = p;
 */
#ifndef SB_GROW_H
#define SB_GROW_H
#include <stddef.h>

/*
 * The array, moved or not, with *cap >= need (doubling from `first`); NULL when out of memory or the size
 * would overflow, and then the old array and *cap are untouched (the caller still owns and frees it).
 */
void *sb_grow(void *items, size_t *cap, size_t need, size_t elem, size_t first);

#endif
