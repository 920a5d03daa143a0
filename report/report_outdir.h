/* SPDX-License-Identifier: MIT */
/*
 * The output directory appears whole or not at all: everything is written into a temporary directory
 * beside it, which is swapped into place only when every file was written and every figure drawn.
 */
#ifndef SB_REPORT_OUTDIR_H
#define SB_REPORT_OUTDIR_H
#include <stddef.h>

/*
 * The manifest that marks a directory as a spawnbench report: a header line, then every file and folder the
 * report wrote ("figures/" with a trailing slash). A later run replaces the directory only while it holds
 * nothing else.
 */
#define SB_REPORT_MARKER ".spawnbench-report"

/*
 * Check that dir may be written (absent, empty, or an earlier report holding only what its manifest
 * lists; anything else is named in err) and create the temporary
 * directory beside it (missing parents are created). 0, or -1 with the reason in err.
 */
int sb_outdir_prepare(const char *dir, char *tmp, size_t tmplen, char *err, size_t errlen);
/* Move tmp into place as dir, replacing an earlier report. 0, or -1 with the reason in err. */
int sb_outdir_commit(const char *tmp, const char *dir, char *err, size_t errlen);
/* Remove a directory tree (the temporary on failure, or the replaced report). */
void sb_outdir_remove(const char *path);

#endif
