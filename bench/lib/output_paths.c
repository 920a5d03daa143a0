// SPDX-License-Identifier: MIT
/* Output paths checked before anything runs: one file named twice, dangling links, unwritable places. */
#include "output_paths.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "exit_codes.h"

/* What a path names: device and inode when it exists, else the real parent directory plus the name. */
struct file_id {
	int exists, regular;
	dev_t dev;
	ino_t ino;
	char path[PATH_MAX + NAME_MAX + 2];
};

static void file_id(const char *path, struct file_id *id)
{
	struct stat st;
	memset(id, 0, sizeof(*id));
	if (!stat(path, &st)) {
		id->exists = 1;
		id->regular = S_ISREG(st.st_mode);
		id->dev = st.st_dev;
		id->ino = st.st_ino;
		return;
	}
	char target[PATH_MAX], dir[PATH_MAX];
	if (sb_output_target(path, target, sizeof(target)))
		snprintf(target, sizeof(target), "%s", path);
	snprintf(dir, sizeof(dir), "%s", target);
	char *slash = strrchr(dir, '/');
	const char *name = slash ? slash + 1 : target;
	if (slash)
		*slash = '\0';
	char *real = realpath(slash ? (dir[0] ? dir : "/") : ".", NULL);
	/* A parent that does not exist yet: compare the names as given. */
	snprintf(id->path, sizeof(id->path), "%s/%s", real ? real : dir, name);
	free(real);
}

static int same_file(const struct file_id *a, const struct file_id *b)
{
	if (a->exists != b->exists)
		return 0;
	return a->exists ? a->dev == b->dev && a->ino == b->ino : !strcmp(a->path, b->path);
}

int sb_outputs_distinct(const struct sb_named_path *outs, size_t nout, const struct sb_named_path *ins, size_t nin,
			char *err, size_t errlen)
{
	for (size_t i = 0; i < nout; i++) {
		if (!outs[i].path)
			continue;
		struct file_id a, b;
		file_id(outs[i].path, &a);
		if (a.exists && !a.regular)
			continue;
		for (size_t j = 0; j < nout + nin; j++) {
			const struct sb_named_path *o = j < nout ? &outs[j] : &ins[j - nout];
			if (j == i || !o->path)
				continue;
			file_id(o->path, &b);
			if (!same_file(&a, &b))
				continue;
			snprintf(err, errlen, "%s '%.200s' and %s '%.200s' are the same file: %s", outs[i].what,
				 outs[i].path, o->what, o->path,
				 j < nout ? "one output would replace the other" : "the output would replace an input");
			return SB_EXIT_USAGE;
		}
	}
	return 0;
}

int sb_output_target(const char *path, char *out, size_t outlen)
{
	char cur[PATH_MAX], link[PATH_MAX];
	if (strlen(path) >= sizeof(cur) || strlen(path) >= outlen) {
		errno = ENAMETOOLONG;
		return -1;
	}
	snprintf(cur, sizeof(cur), "%s", path);
	struct stat st;
	/* A link to something that exists is followed by the writer itself (realpath): leave it as it is. */
	if (!stat(cur, &st) || lstat(cur, &st) || !S_ISLNK(st.st_mode)) {
		snprintf(out, outlen, "%s", path);
		return 0;
	}
	for (int hops = 0; hops < 40; hops++) {
		if (lstat(cur, &st) || !S_ISLNK(st.st_mode)) {
			if (strlen(cur) >= outlen) {
				errno = ENAMETOOLONG;
				return -1;
			}
			snprintf(out, outlen, "%s", cur);
			return 0;
		}
		ssize_t n = readlink(cur, link, sizeof(link) - 1);
		if (n < 0)
			return -1;
		link[n] = '\0';
		char *slash = strrchr(cur, '/');
		if (link[0] == '/' || !slash) {
			snprintf(cur, sizeof(cur), "%s", link);
			continue;
		}
		/* A relative target is relative to the directory holding the link. */
		slash[1] = '\0';
		if (strlen(cur) + strlen(link) >= sizeof(cur)) {
			errno = ENAMETOOLONG;
			return -1;
		}
		strcat(cur, link);
	}
	errno = ELOOP;
	return -1;
}

/* mkdir -p of every directory above path's last component. 0, or -1 with errno. */
static int make_parents(char *dir)
{
	for (char *p = dir + 1; *p; p++) {
		if (*p != '/')
			continue;
		*p = '\0';
		int rc = mkdir(dir, 0755);
		*p = '/';
		if (rc && errno != EEXIST)
			return -1;
	}
	return mkdir(dir, 0755) && errno != EEXIST ? -1 : 0;
}

static int usage_or_runtime(int e)
{
	return e == EACCES || e == EPERM || e == EROFS || e == ENOSPC || e == EDQUOT || e == EIO ? SB_EXIT_RUNTIME
												  : SB_EXIT_USAGE;
}

int sb_output_check(const char *what, const char *path, char *err, size_t errlen)
{
	char target[PATH_MAX];
	if (!path[0]) {
		snprintf(err, errlen, "%s: the file name is empty", what);
		return SB_EXIT_USAGE;
	}
	if (sb_output_target(path, target, sizeof(target))) {
		snprintf(err, errlen, "%s '%.200s': %s", what, path, strerror(errno));
		return SB_EXIT_USAGE;
	}
	struct stat st;
	if (!stat(target, &st)) {
		if (S_ISDIR(st.st_mode)) {
			snprintf(err, errlen, "%s '%.200s' is a directory: name a file", what, path);
			return SB_EXIT_USAGE;
		}
		if (!S_ISREG(st.st_mode)) {
			/* Written in place (a device, a pipe): may it be opened for writing? Never open it now: a
			 * FIFO without a reader would block. */
			if (access(target, W_OK)) {
				snprintf(err, errlen, "%s '%.200s': %s", what, path, strerror(errno));
				return SB_EXIT_RUNTIME;
			}
			return 0;
		}
	} else if (errno != ENOENT) {
		snprintf(err, errlen, "%s '%.200s': %s", what, path, strerror(errno));
		return usage_or_runtime(errno);
	}
	/* A regular file or a new one: it is written as a temporary beside it, so the directory must take one. */
	char dir[PATH_MAX];
	snprintf(dir, sizeof(dir), "%s", target);
	char *slash = strrchr(dir, '/');
	if (slash == dir)
		slash[1] = '\0';
	else if (slash)
		*slash = '\0';
	else
		snprintf(dir, sizeof(dir), ".");
	if (slash && make_parents(dir)) {
		int e = errno;
		snprintf(err, errlen, "%s '%.200s': cannot create the directory '%.200s': %s", what, path, dir,
			 strerror(e));
		return usage_or_runtime(e);
	}
	char probe[PATH_MAX + 32];
	snprintf(probe, sizeof(probe), "%s/.spawnbench-check.XXXXXX", dir);
	int fd = mkostemp(probe, O_CLOEXEC);
	if (fd < 0) {
		int e = errno;
		snprintf(err, errlen, "%s '%.200s': cannot create files in '%.200s': %s", what, path, dir, strerror(e));
		return usage_or_runtime(e);
	}
	close(fd);
	unlink(probe);
	return 0;
}
