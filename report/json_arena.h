/* SPDX-License-Identifier: MIT */
/*
 * An arena for the jansson values of one parsed results file. A file of 10,000 cases is about two million
 * values, object members and strings, each a malloc of its own and a free at the end; compare spent a
 * sixth of its time freeing them one by one. While an arena is active on a thread, every jansson
 * allocation of that thread is carved from large blocks, and the document is freed with its blocks, all
 * at once, without visiting a value.
 *
 * Rules for a document built in an arena (results_parse.h says so too): it is read-only (no member added,
 * replaced or removed: a jansson free of an arena value outside the arena's active time would hand free()
 * a pointer malloc never gave), and no value of it is kept (json_incref) past the arena's end.
 *
 * jansson's allocator is process-wide: sb_json_arena_begin() installs one, once, that behaves exactly as
 * malloc/free on any thread without an active arena, so values made before or elsewhere are unaffected.
 */
#ifndef SB_JSON_ARENA_H
#define SB_JSON_ARENA_H

struct sb_json_arena;

/*
 * Start an arena on the calling thread: its jansson allocations go there until sb_json_arena_end().
 * NULL when out of memory (jansson then allocates as usual).
 */
struct sb_json_arena *sb_json_arena_begin(void);
/* Stop the calling thread's arena (its values stay valid until sb_json_arena_free). */
void sb_json_arena_end(struct sb_json_arena *a);
/* Free every value made in the arena (NULL is fine). */
void sb_json_arena_free(struct sb_json_arena *a);

#endif
