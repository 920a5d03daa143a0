// SPDX-License-Identifier: MIT
/* Trace profiles as results documents for compare (compare_trace.h). */
#include "compare_trace.h"

#include <string.h>

#include "results_limit.h"
#include "results_read.h"

#include <stdint.h>
#include <sys/stat.h>

/* Marks a converted profile, so the pools can tell profiles from results files. */
#define FROM_TRACE "converted_from"

/* One case of the converted document: the probe object as trace wrote it, timed by its syscall phase. */
static json_t *trace_case(const char *label, json_t *probe)
{
	json_t *s = json_object_get(json_object_get(probe, "phase_samples"), SB_TRACE_METRIC);
	json_t *samples = json_object();

	if (!samples)
		return NULL;
	if (json_is_array(s))
		json_object_set(samples, SB_TRACE_METRIC, s);
	return json_pack("{s:s, s:s, s:s, s:o, s:O}", "key", label, "label", label, "status", sb_status_name(SB_ST_OK), "samples",
			 samples, "probe", probe);
}

static json_t *as_results(json_t *t, const char *path, char *err, size_t errlen)
{
	json_t *cases = json_array(), *m, *doc;
	const char *label;

	if (!cases)
		goto nomem;
	json_object_foreach(json_object_get(t, "methods"), label, m) {
		if (json_is_object(m) && json_array_append_new(cases, trace_case(label, m)))
			goto nomem;
	}
	if (json_is_object(json_object_get(t, "all")) &&
	    json_array_append_new(cases, trace_case("all spawns", json_object_get(t, "all"))))
		goto nomem;
	doc = json_pack("{s:s, s:s, s:{}, s:o}", "schema", SB_SCHEMA_ID, FROM_TRACE, SB_TRACE_SCHEMA, "host",
			"cases", cases);
	if (doc)
		return doc;
	cases = NULL;
nomem:
	json_decref(cases);
	snprintf(err, errlen, "%s: out of memory", path);
	return NULL;
}

int sb_compare_read(const char *path, struct sb_results *r, char *err, size_t errlen)
{
	struct sb_parsed f;
	json_t *t, *doc = NULL;
	const char *schema;

	*r = (struct sb_results){ 0 };
	if (!sb_results_parse_file(path, &f, err, errlen))
		return sb_results_from_parsed(r, &f, path, err, errlen);
	/*
	 * Only a file that parsed but is not a results file may be a profile: keep the first message else (and
	 * never parse one over the size bound, which is what the first message may be about).
	 */
	struct stat st;
	if (stat(path, &st) || !S_ISREG(st.st_mode) || sb_results_size_ok(path, (uint64_t)st.st_size, NULL, 0))
		return -1;
	t = json_load_file(path, 0, NULL);
	schema = json_string_value(json_object_get(t, "schema"));
	if (schema && !strcmp(schema, SB_TRACE_SCHEMA))
		doc = as_results(t, path, err, errlen);
	json_decref(t);
	return doc ? sb_results_from_doc(r, doc, path, err, errlen) : -1;
}

static int is_trace(const struct sb_results *r)
{
	return r->converted_from != NULL;
}

int sb_trace_pools(const struct sb_pool *base, const struct sb_pool *new_, char *err, size_t errlen)
{
	size_t traces = 0, all = base->ndocs + new_->ndocs;

	for (size_t i = 0; i < base->ndocs; i++)
		traces += is_trace(&base->files[i]);
	for (size_t i = 0; i < new_->ndocs; i++)
		traces += is_trace(&new_->files[i]);
	if (traces && traces != all) {
		snprintf(err, errlen, "cannot compare trace profiles (%s) with results files: give trace profiles on "
				      "both sides, or results files on both", SB_TRACE_SCHEMA);
		return -1;
	}
	return traces ? 1 : 0;
}
