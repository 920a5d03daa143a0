/* SPDX-License-Identifier: MIT */
/*
 * How much memory a run may make resident at once, and so which cases may be measured side by side: 80% of
 * MemAvailable, or of the headroom the memory cgroups above this process leave (v1 and v2, ancestors
 * included), whichever is smaller. run_cmd.c refuses a case that alone needs more; the controller
 * interleaves cases in groups that fit it together.
 */
#ifndef SB_MEMORY_BUDGET_H
#define SB_MEMORY_BUDGET_H
#include <stddef.h>
#include <stdint.h>

#include "cases.h"

/* The budget in bytes; why says where it comes from ("80% of MemAvailable (3.1G)"). */
uint64_t sb_memory_budget(char *why, size_t len);

/*
 * The end of the group of cases that starts at cfg->cases[first]: the cases [first, end) in plan order whose
 * workers fit the budget together (always at least one). A case no longer pending needs nothing.
 */
size_t sb_budget_group_end(const struct sb_run_config *cfg, size_t first, uint64_t budget);

#endif
