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

/*
 * Read the file a piece at a time into the parser (results_parse.h), so that a large file is never held
 * whole: size bytes, as stat gave them. 0, or -1 with "PATH: why" in err (the parser is then freed).
 */
#define SB_READ_CHUNK (1u << 20)

static int read_into(const char *path, size_t size, struct sb_results_parser *r, char *err, size_t errlen)
{
	char *buf = malloc(SB_READ_CHUNK);
	char why[300];
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	size_t got = 0;
	if (!buf || fd < 0) {
		snprintf(err, errlen, "%s: %s", path, buf ? strerror(errno) : "out of memory");
		goto fail;
	}
	while (got < size) {
		size_t want = size - got < SB_READ_CHUNK ? size - got : SB_READ_CHUNK;
		ssize_t n = read(fd, buf, want);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0) {
			snprintf(err, errlen, "%s: %s", path, n < 0 ? strerror(errno) : "changed size while being read");
			goto fail;
		}
		got += (size_t)n;
		if (sb_results_parser_feed(r, buf, (size_t)n, why, sizeof(why))) {
			r = NULL; /* freed with the failure */
			snprintf(err, errlen, "%s: %s", path, why);
			goto fail;
		}
	}
	close(fd);
	free(buf);
	if (sb_results_parser_end(r, why, sizeof(why))) {
		snprintf(err, errlen, "%s: %s", path, why);
		return -1;
	}
	return 0;
fail:
	if (fd >= 0)
		close(fd);
	free(buf);
	sb_results_parser_free(r);
	return -1;
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
	struct sb_results_parser *r = sb_results_parser_new(out);
	if (!r) {
		snprintf(err, errlen, "%s: out of memory", path);
		return -1;
	}
	if (read_into(path, (size_t)st.st_size, r, err, errlen)) {
		sb_parsed_free(out);
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
