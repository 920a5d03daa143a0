// SPDX-License-Identifier: MIT
#include "results_read.h"
#include "results_check.h"
#include "results_limit.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <math.h>
#include <stdio.h>
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

static int check_header(const struct sb_parsed *p, const char *path, char *err, size_t errlen)
{
	const json_t *doc = p->doc;
	const char *schema = json_is_object(doc) ? json_string_value(json_object_get(doc, "schema")) : NULL;
	if (!schema) {
		snprintf(err, errlen, "%s: not a spawnbench results file (no \"schema\" field)", path);
		return -1;
	}
	if (strcmp(schema, SB_SCHEMA)) {
		snprintf(err, errlen, "%s: schema \"%s\" is not supported (this spawnbench reads \"%s\")", path, schema, SB_SCHEMA);
		return -1;
	}
	if (!json_is_array(json_object_get(doc, "cases"))) {
		snprintf(err, errlen, "%s: no \"cases\" array", path);
		return -1;
	}
	return 0;
}

int sb_results_read(const char *path, struct sb_parsed *out, char *err, size_t errlen)
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
	if (check_header(out, path, err, errlen) || sb_results_check(out, path, err, errlen)) {
		sb_parsed_free(out);
		return -1;
	}
	return 0;
}

/* A series back into the document, as the integers (or reals) the file wrote. */
static json_t *series_json(const struct sb_series *s)
{
	json_t *a = json_array();
	for (size_t i = 0; a && i < s->n; i++) {
		double x = s->v[i];
		json_t *v = x == floor(x) && fabs(x) < 0x1p63 ? json_integer((json_int_t)x) : json_real(x);
		if (json_array_append_new(a, v))
			json_decref(a), a = NULL;
	}
	return a;
}

json_t *sb_results_load(const char *path, char *err, size_t errlen)
{
	struct sb_parsed p;
	if (sb_results_read(path, &p, err, errlen))
		return NULL;
	size_t i;
	json_t *c;
	json_array_foreach(json_object_get(p.doc, "cases"), i, c) {
		json_t *samples = json_object_get(c, "samples");
		for (size_t k = 0; i < p.n_cases && k < p.cases[i].n; k++) {
			const struct sb_series *s = &p.cases[i].s[k];
			if (json_object_set_new(samples, s->metric, series_json(s))) {
				snprintf(err, errlen, "%s: out of memory", path);
				sb_parsed_free(&p);
				return NULL;
			}
		}
	}
	json_t *doc = json_incref(p.doc);
	sb_parsed_free(&p);
	return doc;
}

size_t sb_results_usable_cases(const json_t *doc)
{
	size_t i, n = 0;
	json_t *c;
	json_array_foreach(json_object_get(doc, "cases"), i, c) {
		if (strcmp(sb_json_str(c, "status", ""), sb_status_name(SB_ST_OK)))
			continue;
		const char *k;
		json_t *v;
		json_object_foreach(json_object_get(c, "samples"), k, v) {
			if (strcmp(k, "child_pid") && json_array_size(v) > 0) {
				n++;
				break;
			}
		}
	}
	return n;
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

double sb_case_stat(const json_t *c, const char *metric, const char *field)
{
	json_t *m = json_object_get(json_object_get(c, "stats"), metric);
	return sb_json_num(m, field, NAN);
}
