/* SPDX-License-Identifier: MIT */
/* What a failed spawn's error code means: an errno from the kernel, or two codes of spawnbench's own. */
#ifndef SB_SPAWN_ERRORS_H
#define SB_SPAWN_ERRORS_H
#include <errno.h>
#include <string.h>

/*
 * The worker reports a child that ran but did not end cleanly with these errno values, which no spawning
 * call returns itself: ENOEXEC for exit status 127 (the exec in the child failed), ECHILD for any other
 * non-zero exit or a death by signal.
 */
static inline const char *sb_spawn_error_text(int err)
{
	if (err == ENOEXEC)
		return "the exec in the child failed (exit status 127)";
	if (err == ECHILD)
		return "the child did not exit cleanly (non-zero exit status or killed by a signal)";
	return strerror(err);
}

#endif
