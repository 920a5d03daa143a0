// SPDX-License-Identifier: MIT
#include "atomic_file.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

int sb_mkdir_parents(char *path)
{
	for (char *p = path + 1; *p; p++) {
		if (*p != '/')
			continue;
		*p = '\0';
		int rc = mkdir(path, 0777);
		*p = '/';
		if (rc && errno != EEXIST)
			return -1;
	}
	return 0;
}

int sb_atomic_open(struct sb_atomic_file *a, const char *path)
{
	memset(a, 0, sizeof(*a));
	if (strlen(path) >= sizeof(a->path) - 32) {
		errno = ENAMETOOLONG;
		return -1;
	}
	strcpy(a->path, path);
	/* Follow a symlink to its target, so the link stays a link. */
	char *real = realpath(path, NULL);
	if (real) {
		if (strlen(real) < sizeof(a->path) - 32)
			strcpy(a->path, real);
		free(real);
	}
	struct stat st;
	if (!stat(a->path, &st) && !S_ISREG(st.st_mode)) {
		if (S_ISDIR(st.st_mode)) {
			errno = EISDIR;
			return -1;
		}
		a->direct = 1;
		a->f = fopen(a->path, "we");
		return a->f ? 0 : -1;
	}
	path = a->path;
	char dir[4096];
	strcpy(dir, path);
	if (sb_mkdir_parents(dir))
		return -1;
	snprintf(a->tmp, sizeof(a->tmp), "%s.tmp.XXXXXX", path);
	int fd = mkostemp(a->tmp, O_CLOEXEC);
	if (fd < 0) {
		a->tmp[0] = '\0';
		return -1;
	}
	fchmod(fd, 0644);
	a->f = fdopen(fd, "w");
	if (!a->f) {
		int e = errno;
		close(fd);
		unlink(a->tmp);
		a->tmp[0] = '\0';
		errno = e;
		return -1;
	}
	return 0;
}

int sb_atomic_commit(struct sb_atomic_file *a)
{
	int rc = 0, e = 0;
	if (a->direct) {
		rc = fflush(a->f) || ferror(a->f) ? -1 : 0;
		e = rc ? (errno ? errno : EIO) : 0;
		if (fclose(a->f) && !rc) {
			rc = -1;
			e = errno;
		}
		a->f = NULL;
		errno = e;
		return rc;
	}
	if (fflush(a->f) || fsync(fileno(a->f)) || ferror(a->f)) {
		rc = -1;
		e = errno ? errno : EIO;
	}
	if (fclose(a->f) && !rc) {
		rc = -1;
		e = errno;
	}
	a->f = NULL;
	if (!rc && rename(a->tmp, a->path)) {
		rc = -1;
		e = errno;
	}
	if (rc)
		unlink(a->tmp);
	a->tmp[0] = '\0';
	errno = e;
	return rc;
}

void sb_atomic_abort(struct sb_atomic_file *a)
{
	if (a->f)
		fclose(a->f);
	a->f = NULL;
	if (a->tmp[0])
		unlink(a->tmp);
	a->tmp[0] = '\0';
}
