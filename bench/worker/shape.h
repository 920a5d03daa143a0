/* SPDX-License-Identifier: MIT */
/* Making the spawner the size the case asks for, and reading back what it really holds. */
#ifndef SB_SHAPE_H
#define SB_SHAPE_H
#include <stddef.h>

#include "wire.h"

/* Map mem_bytes over c->vmas mappings (kept apart by unmapped holes so they never merge) and touch it. */
int sb_shape_memory(const struct sb_case_wire *c, char *msg, size_t len);
/* The mappings sb_shape_memory made, for children that write to them. */
struct sb_region {
	char *base;
	size_t len;
};
extern struct sb_region *sb_regions;
extern size_t sb_n_regions;
/* A child stack of c->stack_bytes with a PROT_NONE guard page below it. */
int sb_make_stack(const struct sb_case_wire *c, void **base, size_t *size, char *msg, size_t len);
/* VmRSS, VmPTE, AnonHugePages and the number of mappings of this process. */
void sb_read_footprint(struct sb_ready *r);

#endif
