/* SPDX-License-Identifier: MIT */
/*
 * Output paths, checked before anything runs: an output that is the same file as another output or as an
 * input is refused, since writing it would silently replace the other; a path that can never be written is
 * refused, and a place that cannot be written is told apart from a bad name. Shared by run, compare and
 * export.
 *
 * Return convention: 0 when the paths are fine; otherwise the exit status the command should end with
 * (SB_EXIT_USAGE for a bad path, SB_EXIT_RUNTIME for a place that cannot be written) and the reason in err.
 */
#ifndef SB_OUTPUT_PATHS_H
#define SB_OUTPUT_PATHS_H
#include <stddef.h>

/* A path and how the command line named it ("-o", "--csv", "BASE"), for messages. */
struct sb_named_path {
	const char *what;
	const char *path;
};

/*
 * Refuse any output that is the same file as another output or an input: by device and inode when it
 * exists, else by the real path of its parent directory plus its name. Existing files that are not regular
 * (/dev/null, a terminal, a pipe) are written in place and never replace anything: they are exempt.
 */
int sb_outputs_distinct(const struct sb_named_path *outs, size_t nout, const struct sb_named_path *ins, size_t nin,
			char *err, size_t errlen);

/*
 * Where writing path lands: a symlink whose target does not exist yet is followed (through a chain of
 * links) to the path it names, so the file is created there and the link stays a link. Any other path is
 * copied as it is. 0, or -1 (a loop of links, or a name too long) with errno.
 */
int sb_output_target(const char *path, char *out, size_t outlen);

/*
 * Can an output be created at path? Refuses an empty name, a directory, and a path under something that
 * is not a directory (SB_EXIT_USAGE); a directory where files cannot be created, or a device that cannot
 * be opened for writing, is SB_EXIT_RUNTIME. Creates missing parent directories, as the writer would, and
 * leaves no file behind.
 */
int sb_output_check(const char *what, const char *path, char *err, size_t errlen);

#endif
