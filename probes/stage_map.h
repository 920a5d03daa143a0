/* SPDX-License-Identifier: MIT */
/*
 * Which stage of copy_process a sampled kernel stack belongs to: the innermost frame, below copy_process,
 * that names a known stage. Several kernel functions map to one stage (dup_fd is copy_files, ...).
 */
#ifndef SB_STAGE_MAP_H
#define SB_STAGE_MAP_H
#include <stddef.h>

#define SB_STAGE_SELF "copy_process_self"   /* in copy_process's own code: inlined helpers included */
#define SB_STAGE_OTHER "other"              /* below copy_process, in no known stage */

/*
 * frames[0] is the innermost (the sampled instruction). Returns the stage name, or NULL when
 * copy_process is not on the stack (the sample fell in syscall entry or kernel_clone around it).
 */
const char *sb_stage_of_stack(const char *const *frames, size_t n);

#endif
