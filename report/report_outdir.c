// SPDX-License-Identifier: MIT
/* Atomic output directory: temporary beside the target, then one rename (or exchange) into place. */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "atomic_file.h"
#include "report_outdir.h"

static int dir_state(const char *dir, char *err, size_t errlen)
{
	struct stat st;
	if (stat(dir, &st)) {
		if (errno == ENOENT)
			return 0;
		snprintf(err, errlen, "%s: %s", dir, strerror(errno));
		return -1;
	}
	if (!S_ISDIR(st.st_mode)) {
		snprintf(err, errlen, "%s: exists and is not a directory", dir);
		return -1;
	}
	char marker[PATH_MAX];
	snprintf(marker, sizeof(marker), "%s/" SB_REPORT_MARKER, dir);
	if (!access(marker, F_OK))
		return 1;
	DIR *d = opendir(dir);
	if (!d) {
		snprintf(err, errlen, "%s: %s", dir, strerror(errno));
		return -1;
	}
	struct dirent *e;
	int empty = 1;
	while ((e = readdir(d)))
		if (strcmp(e->d_name, ".") && strcmp(e->d_name, ".."))
			empty = 0;
	closedir(d);
	/* Never replace a directory the user filled with something else. */
	if (!empty) {
		snprintf(err, errlen, "%s: exists, is not empty and is not an earlier spawnbench report; "
				      "refusing to replace it", dir);
		return -1;
	}
	return 2;
}

int sb_outdir_prepare(const char *dir, char *tmp, size_t tmplen, char *err, size_t errlen)
{
	char copy[PATH_MAX];
	if (!dir[0] || strlen(dir) >= sizeof(copy) - 32) {
		snprintf(err, errlen, "output directory name is empty or too long");
		return -1;
	}
	snprintf(copy, sizeof(copy), "%s", dir);
	size_t l = strlen(copy);
	while (l > 1 && copy[l - 1] == '/')
		copy[--l] = 0;
	if (dir_state(copy, err, errlen) < 0)
		return -1;
	char *slash = strrchr(copy, '/');
	const char *base = slash ? slash + 1 : copy;
	if (!strcmp(base, ".") || !strcmp(base, "..")) {
		snprintf(err, errlen, "%s: name a directory to create, not . or ..", dir);
		return -1;
	}
	if (slash && sb_mkdir_parents(copy)) {
		snprintf(err, errlen, "%s: cannot create parent directories: %s", dir, strerror(errno));
		return -1;
	}
	/* Same parent as the target, so the final rename never crosses file systems. */
	snprintf(tmp, tmplen, "%.*s.%s.tmp-XXXXXX", slash ? (int)(slash - copy + 1) : 0, copy, base);
	if (!mkdtemp(tmp)) {
		snprintf(err, errlen, "%s: cannot create a temporary directory beside it: %s", dir, strerror(errno));
		return -1;
	}
	return 0;
}

int sb_outdir_commit(const char *tmp, const char *dir, char *err, size_t errlen)
{
	char marker[PATH_MAX];
	snprintf(marker, sizeof(marker), "%s/" SB_REPORT_MARKER, tmp);
	int fd = open(marker, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
	if (fd < 0 || close(fd)) {
		snprintf(err, errlen, "%s: %s", marker, strerror(errno));
		return -1;
	}
	/* mkdtemp made it private; the report gets the mode any new directory would get. */
	mode_t mask = umask(0);
	umask(mask);
	if (chmod(tmp, 0777 & ~mask)) {
		snprintf(err, errlen, "%s: %s", tmp, strerror(errno));
		return -1;
	}
	int state = dir_state(dir, err, errlen);
	if (state < 0)
		return -1;
	if (state == 0) {
		if (rename(tmp, dir)) {
			snprintf(err, errlen, "cannot move the report to %s: %s", dir, strerror(errno));
			return -1;
		}
		return 0;
	}
	if (state == 2 && !rmdir(dir) && !rename(tmp, dir))
		return 0;
	/* An earlier report: swap the two in one step so readers never see a missing directory. */
	if (!renameat2(AT_FDCWD, tmp, AT_FDCWD, dir, RENAME_EXCHANGE)) {
		sb_outdir_remove(tmp);
		return 0;
	}
	char old[PATH_MAX];
	snprintf(old, sizeof(old), "%s.old", tmp);
	if (rename(dir, old) || rename(tmp, dir)) {
		snprintf(err, errlen, "cannot replace %s: %s", dir, strerror(errno));
		return -1;
	}
	sb_outdir_remove(old);
	return 0;
}

static int rm_one(const char *path, const struct stat *st, int type, struct FTW *ftw)
{
	(void)st;
	(void)ftw;
	if (type == FTW_DP)
		rmdir(path);
	else
		unlink(path);
	return 0;
}

void sb_outdir_remove(const char *path)
{
	nftw(path, rm_one, 16, FTW_DEPTH | FTW_PHYS);
}
