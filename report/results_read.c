// SPDX-License-Identifier: MIT
#include "results_read.h"
#include "results_limit.h"

#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* The whole file in memory (its size is bounded before): yajl parses from one buffer. */
static char *read_all(const char *path, size_t size, char *err, size_t errlen)
{
	char *buf = malloc(size ? size : 1);
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	size_t got = 0;
	if (!buf || fd < 0) {
		snprintf(err, errlen, "%s: %s", path, buf ? strerror(errno) : "out of memory");
		goto fail;
	}
	while (got < size) {
		ssize_t r = read(fd, buf + got, size - got);
		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0) {
			snprintf(err, errlen, "%s: %s", path, r < 0 ? strerror(errno) : "changed size while being read");
			goto fail;
		}
		got += (size_t)r;
	}
	close(fd);
	return buf;
fail:
	if (fd >= 0)
		close(fd);
	free(buf);
	return NULL;
}

static int check_header(const json_t *doc, const char *path, char *err, size_t errlen)
{
	const char *schema = json_is_object(doc) ? json_string_value(json_object_get(doc, "schema")) : NULL;
	if (!schema) {
		snprintf(err, errlen, "%s: not a spawnbench results file (no \"schema\" field)", path);
		return -1;
	}
	if (strcmp(schema, SB_SCHEMA_ID)) {
		snprintf(err, errlen, "%s: schema \"%s\" is not supported (this spawnbench reads \"%s\")", path, schema,
			 SB_SCHEMA_ID);
		return -1;
	}
	if (!json_is_array(json_object_get(doc, "cases"))) {
		snprintf(err, errlen, "%s: no \"cases\" array", path);
		return -1;
	}
	return 0;
}

int sb_results_parse_file(const char *path, struct sb_parsed *out, char *err, size_t errlen)
{
	struct stat st;
	char why[300];
	*out = (struct sb_parsed){ 0 };
	if (stat(path, &st)) {
		snprintf(err, errlen, "%s: %s", path, strerror(errno));
		return -1;
	}
	if (!S_ISREG(st.st_mode)) {
		snprintf(err, errlen, "%s: not a regular file", path);
		return -1;
	}
	if (sb_results_size_ok(path, (uint64_t)st.st_size, err, errlen))
		return -1;
	char *buf = read_all(path, (size_t)st.st_size, err, errlen);
	if (!buf)
		return -1;
	int bad = sb_results_parse(buf, (size_t)st.st_size, out, why, sizeof(why));
	free(buf);
	if (bad) {
		snprintf(err, errlen, "%s: %s", path, why);
		return -1;
	}
	if (check_header(out->doc, path, err, errlen)) {
		sb_parsed_free(out);
		return -1;
	}
	return 0;
}

const char *sb_json_str(const json_t *obj, const char *key, const char *fallback)
{
	const char *s = json_string_value(json_object_get(obj, key));
	return s ? s : fallback;
}

double sb_json_num(const json_t *obj, const char *key, double fallback)
{
	json_t *v = json_object_get(obj, key);
	return json_is_number(v) ? json_number_value(v) : fallback;
}
