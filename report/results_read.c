// SPDX-License-Identifier: MIT
#include "results_read.h"
#include "results_limit.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

json_t *sb_results_load(const char *path, char *err, size_t errlen)
{
	struct stat st;
	if (stat(path, &st)) {
		snprintf(err, errlen, "%s: %s", path, strerror(errno));
		return NULL;
	}
	if (!S_ISREG(st.st_mode)) {
		snprintf(err, errlen, "%s: not a regular file", path);
		return NULL;
	}
	if (sb_results_size_ok(path, (uint64_t)st.st_size, err, errlen))
		return NULL;
	json_error_t je;
	json_t *doc = json_load_file(path, JSON_REJECT_DUPLICATES, &je);
	if (!doc) {
		if (json_error_code(&je) == json_error_premature_end_of_input)
			snprintf(err, errlen, "%s: truncated JSON (input ends at line %d): %s", path, je.line, je.text);
		else
			snprintf(err, errlen, "%s: not valid JSON at line %d, column %d: %s", path, je.line, je.column, je.text);
		return NULL;
	}
	const char *schema = json_is_object(doc) ? json_string_value(json_object_get(doc, "schema")) : NULL;
	if (!schema) {
		snprintf(err, errlen, "%s: not a spawnbench results file (no \"schema\" field)", path);
		goto bad;
	}
	if (strcmp(schema, SB_SCHEMA_ID)) {
		snprintf(err, errlen, "%s: schema \"%s\" is not supported (this spawnbench reads \"%s\")", path, schema, SB_SCHEMA_ID);
		goto bad;
	}
	if (!json_is_array(json_object_get(doc, "cases"))) {
		snprintf(err, errlen, "%s: no \"cases\" array", path);
		goto bad;
	}
	return doc;
bad:
	json_decref(doc);
	return NULL;
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
