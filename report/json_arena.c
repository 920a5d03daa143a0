// SPDX-License-Identifier: MIT
/*
 * The arena of json_arena.h: blocks of SB_ARENA_BLOCK bytes, bump-allocated, newest first in a list. A
 * free of an arena value while the arena is active (jansson frees an object's old bucket table when it
 * grows) is a no-op; any other free is free().
 */
#include "json_arena.h"

#include <jansson.h>
#include <pthread.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

/* Large enough that blocks are few (a 44 MB file's document is about 60 of them), small enough to waste little. */
#define SB_ARENA_BLOCK (2u << 20)
/* Every allocation aligned as malloc's are: jansson's structs hold pointers, sizes and doubles. */
#define SB_ARENA_ALIGN 16u

struct block {
	struct block *next;
	size_t size; /* bytes of data after the header */
	/* data follows, aligned */
};

struct sb_json_arena {
	struct block *blocks; /* newest first */
	size_t used;          /* bytes used of the newest block */
};

static _Thread_local struct sb_json_arena *active;

#define HEADER ((sizeof(struct block) + SB_ARENA_ALIGN - 1) & ~(size_t)(SB_ARENA_ALIGN - 1))

static char *data_of(struct block *b)
{
	return (char *)b + HEADER;
}

static void *arena_alloc(struct sb_json_arena *a, size_t size)
{
	size = (size + SB_ARENA_ALIGN - 1) & ~(size_t)(SB_ARENA_ALIGN - 1);
	if (a->blocks && size <= a->blocks->size - a->used) {
		void *p = data_of(a->blocks) + a->used;
		a->used += size;
		return p;
	}
	/* A value larger than a block gets a block of its own, behind the newest so that one keeps filling. */
	size_t bsize = size > SB_ARENA_BLOCK / 4 ? size : SB_ARENA_BLOCK;
	struct block *b = malloc(HEADER + bsize);
	if (!b)
		return NULL;
	b->size = bsize;
	if (bsize != SB_ARENA_BLOCK && a->blocks) {
		b->next = a->blocks->next;
		a->blocks->next = b;
		return data_of(b);
	}
	b->next = a->blocks;
	a->blocks = b;
	a->used = size;
	return data_of(b);
}

static int arena_has(const struct sb_json_arena *a, const void *p)
{
	for (const struct block *b = a->blocks; b; b = b->next) {
		const char *d = (const char *)b + HEADER;
		if ((const char *)p >= d && (const char *)p < d + b->size)
			return 1;
	}
	return 0;
}

static void *sb_json_malloc(size_t size)
{
	return active ? arena_alloc(active, size) : malloc(size);
}

static void sb_json_free(void *p)
{
	if (p && active && arena_has(active, p))
		return; /* freed with the arena */
	free(p);
}

static void install(void)
{
	json_set_alloc_funcs(sb_json_malloc, sb_json_free);
}

struct sb_json_arena *sb_json_arena_begin(void)
{
	static pthread_once_t once = PTHREAD_ONCE_INIT;
	struct sb_json_arena *a = calloc(1, sizeof(*a));
	if (!a)
		return NULL;
	pthread_once(&once, install);
	active = a;
	return a;
}

void sb_json_arena_end(struct sb_json_arena *a)
{
	if (a && active == a)
		active = NULL;
}

void sb_json_arena_free(struct sb_json_arena *a)
{
	if (!a)
		return;
	sb_json_arena_end(a);
	for (struct block *b = a->blocks, *next; b; b = next) {
		next = b->next;
		free(b);
	}
	free(a);
}
