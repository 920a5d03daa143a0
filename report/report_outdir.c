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

/* Names of a directory's entries, recursively, relative to it, directories with a trailing '/'. */
struct names {
	char **v;
	size_t n, cap;
};

static int names_add(struct names *ns, const char *name)
{
	if (ns->n == ns->cap) {
		size_t cap = ns->cap ? ns->cap * 2 : 64;
		char **v = realloc(ns->v, cap * sizeof(*v));
		if (!v)
			return -1;
		ns->v = v;
		ns->cap = cap;
	}
	if (!(ns->v[ns->n] = strdup(name)))
		return -1;
	ns->n++;
	return 0;
}

static void names_free(struct names *ns)
{
	for (size_t i = 0; i < ns->n; i++)
		free(ns->v[i]);
	free(ns->v);
	memset(ns, 0, sizeof(*ns));
}

static int cmp_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Every entry under root/rel (the marker excepted) into ns. -1 with errno. */
static int list_tree(const char *root, const char *rel, struct names *ns)
{
	char path[PATH_MAX];
	snprintf(path, sizeof(path), "%s%s%s", root, rel[0] ? "/" : "", rel);
	DIR *d = opendir(path);
	if (!d)
		return -1;
	struct dirent *e;
	int rc = 0;
	while (!rc && (e = readdir(d))) {
		if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, "..") || (!rel[0] && !strcmp(e->d_name, SB_REPORT_MARKER)))
			continue;
		char sub[PATH_MAX], name[PATH_MAX + 1];
		snprintf(sub, sizeof(sub), "%s%s%s", rel, rel[0] ? "/" : "", e->d_name);
		struct stat st;
		snprintf(path, sizeof(path), "%s/%s", root, sub);
		int isdir = !lstat(path, &st) && S_ISDIR(st.st_mode);
		snprintf(name, sizeof(name), "%s%s", sub, isdir ? "/" : "");
		rc = names_add(ns, name);
		if (!rc && isdir)
			rc = list_tree(root, sub, ns);
	}
	closedir(d);
	return rc;
}

/* The manifest: what the report in dir wrote, one name a line after a header line. -1 with errno. */
static int read_manifest(const char *dir, struct names *ns)
{
	char path[PATH_MAX], line[PATH_MAX + 2];
	snprintf(path, sizeof(path), "%s/" SB_REPORT_MARKER, dir);
	FILE *f = fopen(path, "re");
	if (!f)
		return -1;
	int rc = 0, first = 1;
	while (!rc && fgets(line, sizeof(line), f)) {
		line[strcspn(line, "\n")] = 0;
		if (!first && line[0])
			rc = names_add(ns, line);
		first = 0;
	}
	fclose(f);
	if (ns->n)
		qsort(ns->v, ns->n, sizeof(*ns->v), cmp_name);
	return rc;
}

/*
 * An earlier report may be replaced only when it holds nothing but what that report wrote: anything a
 * user added since (notes, a folder of their own) would go with it. 0, or -1 naming what is foreign.
 */
static int only_report_files(const char *dir, char *err, size_t errlen)
{
	struct names have = { 0 }, wrote = { 0 };
	int rc = 0;
	if (read_manifest(dir, &wrote) || list_tree(dir, "", &have)) {
		snprintf(err, errlen, "%s: cannot read the earlier report: %s", dir, strerror(errno));
		rc = -1;
		goto out;
	}
	if (have.n)
		qsort(have.v, have.n, sizeof(*have.v), cmp_name);
	char shown[512] = "";
	const char *in_dir = NULL;
	size_t foreign = 0, len = 0;
	for (size_t i = 0; i < have.n; i++) {
		if (wrote.n && bsearch(&have.v[i], wrote.v, wrote.n, sizeof(*wrote.v), cmp_name))
			continue;
		/* What a foreign directory holds goes with it: the directory alone is named (sorted: it came first). */
		if (in_dir && !strncmp(have.v[i], in_dir, strlen(in_dir)))
			continue;
		if (have.v[i][strlen(have.v[i]) - 1] == '/')
			in_dir = have.v[i];
		if (foreign++ < 4 && len < sizeof(shown) - 1)
			len += (size_t)snprintf(shown + len, sizeof(shown) - len, "%s%.100s", len ? ", " : "", have.v[i]);
	}
	if (foreign) {
		snprintf(err, errlen, "%s: holds %zu entr%s that no earlier spawnbench report wrote (%s%s); refusing to "
			 "replace it: move them away or choose another directory", dir, foreign, foreign == 1 ? "y" : "ies",
			 shown, foreign > 4 ? ", ..." : "");
		rc = -1;
	}
out:
	names_free(&have);
	names_free(&wrote);
	return rc;
}

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
		return only_report_files(dir, err, errlen) ? -1 : 1;
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

/* Write the manifest of tmp: every file and directory the report wrote. 0, or -1 with errno. */
static int write_manifest(const char *tmp)
{
	struct names ns = { 0 };
	char marker[PATH_MAX];
	snprintf(marker, sizeof(marker), "%s/" SB_REPORT_MARKER, tmp);
	FILE *f = NULL;
	int rc = list_tree(tmp, "", &ns);
	if (!rc && !(f = fopen(marker, "we")))
		rc = -1;
	if (!rc) {
		fprintf(f, "spawnbench report: what it wrote; a later report replaces this directory only while it "
			   "holds nothing else\n");
		for (size_t i = 0; i < ns.n; i++)
			fprintf(f, "%s\n", ns.v[i]);
	}
	if (f && (fflush(f) || ferror(f)))
		rc = -1;
	int e = errno;
	if (f && fclose(f))
		rc = -1;
	names_free(&ns);
	errno = rc ? e : 0;
	return rc;
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
	if (write_manifest(tmp)) {
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
