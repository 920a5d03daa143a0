/* SPDX-License-Identifier: MIT */
/* Files that appear whole or not at all: write a temporary beside the target, fsync, rename. */
#ifndef SB_ATOMIC_FILE_H
#define SB_ATOMIC_FILE_H
#include <stdio.h>

struct sb_atomic_file {
	FILE *f;
	int direct;        /* the target is not a regular file (a device, a pipe): written in place, no rename */
	char tmp[4200];
	char path[4096];
};

/*
 * Opens a temporary file in path's directory (created if missing). A symlink is followed to what it names;
 * a target that exists and is not a regular file (/dev/null, /dev/stdout's pipe or terminal) is written in
 * place instead, since renaming over it would replace the device or the link. 0 or -1 with errno.
 */
int sb_atomic_open(struct sb_atomic_file *a, const char *path);
/* Flush, fsync and rename into place. 0 or -1 with errno (the temporary is removed either way). */
int sb_atomic_commit(struct sb_atomic_file *a);
/* Give up: remove the temporary. Accepts a never-opened or committed struct. */
void sb_atomic_abort(struct sb_atomic_file *a);
/*
 * The directories leading to path, not path itself (mkdir -p of its dirname; the umask decides their
 * mode). path is restored before return. 0 or -1 with errno.
 */
int sb_mkdir_parents(char *path);

#endif
