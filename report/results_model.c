// SPDX-License-Identifier: MIT
/*
 * The reader of the results model (results_model.h): a checked document walked once, case by case, into
 * typed structs. A field of the wrong type is refused here, naming the file, the case and the field, so
 * the readers downstream never meet one.
 */
#include "results_model.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "results_check.h"
#include "results_fields.h"
#include "results_model_parts.h"
#include "results_read.h"

const char *const sb_host_field_names[SB_N_HOST_FIELDS] = { "hostname", "kernel", "cpu_model", "glibc" };

/* Where a case is, for messages: "PATH: case N (LABEL)". */
struct where {
	char s[400];
	char *err;
	size_t errlen;
};

__attribute__((format(printf, 2, 3))) static int refuse(struct where *w, const char *fmt, ...)
{
	const struct sb_fctx x = { w->s, w->err, w->errlen };
	va_list ap;
	va_start(ap, fmt);
	sb_failv(&x, fmt, ap);
	va_end(ap);
	return -1;
}

static int nomem(struct where *w)
{
	return refuse(w, "out of memory");
}

/* The metric named so, added at the end when the case has none yet; -1 when out of memory. */
static int metric_slot(struct sb_result_case *c, const char *name)
{
	for (size_t i = 0; i < c->nmetrics; i++)
		if (!strcmp(c->metrics[i].name, name))
			return (int)i;
	struct sb_rmetric *m = realloc(c->metrics, (c->nmetrics + 1) * sizeof(*m));
	if (!m)
		return -1;
	c->metrics = m;
	int id = !strcmp(name, SB_RATE_NAME) ? SB_RM_RATE : sb_metric_by_name(name);
	/* Only the full name is a key of the file: "total" is not total_ns. */
	if (id >= 0 && strcmp(name, sb_metric_names[id]))
		id = SB_RM_OTHER;
	c->metrics[c->nmetrics] = (struct sb_rmetric){ .name = name, .id = id };
	if (id >= 0)
		c->by_id[id] = (int)c->nmetrics;
	else if (id == SB_RM_RATE)
		c->rate = (int)c->nmetrics;
	return (int)c->nmetrics++;
}

/* The statistics the file stores; checked, and kept for metrics that come without samples. */
static int read_stats(struct sb_result_case *c, const json_t *stats, struct where *w)
{
	const char *name;
	json_t *st;
	if (stats && !json_is_object(stats))
		return refuse(w, "\"stats\" is not an object");
	json_object_foreach((json_t *)stats, name, st) {
		if (sb_check_stats(st, name, w->s, w->err, w->errlen))
			return -1;
		int k = metric_slot(c, name);
		if (k < 0)
			return nomem(w);
		c->metrics[k].have = sb_stats_read(st, &c->metrics[k].lazy_st);
	}
	return 0;
}

unsigned sb_stats_read(const json_t *st, struct sb_stats *s)
{
	const char *field;
	json_t *v;
	unsigned have = 0;
	int next = 0;
	memset(s, 0, sizeof(*s));
	json_object_foreach((json_t *)st, field, v) {
		/* Writers give the fields in the table's order: the one after the last is tried first. */
		int f = next < SB_N_STAT_FIELDS && !strcmp(field, sb_stat_field_names[next]) ? next
											      : sb_stat_field_by_name(field);
		next = f + 1;
		if (f < 0 || !json_is_number(v))
			continue; /* a statistic a later writer added */
		sb_stat_set(s, (enum sb_stat_field)f, json_number_value(v));
		have |= 1u << f;
	}
	return have;
}

/*
 * Values of a metric, already checked: kept (v is taken, even on failure) and, when summarise is set,
 * summarised; the statistics are then the samples' own, whatever the file says.
 */
static int keep_values(struct sb_result_case *c, const char *name, double *v, size_t n, int summarise,
		       struct where *w)
{
	int k = metric_slot(c, name);
	if (k < 0) {
		free(v);
		return nomem(w);
	}
	struct sb_rmetric *m = &c->metrics[k];
	/* Statistics still owed to the values about to be replaced are theirs: made now, while they exist. */
	if (m->st_pending && !sb_rmetric_stats(m)) {
		free(v);
		return nomem(w);
	}
	free(m->v);
	m->v = n ? v : NULL;
	m->n = n;
	if (!n)
		free(v);
	if (summarise && n) {
		m->st_pending = 1;
		m->have = (1u << SB_N_STAT_FIELDS) - 1;
	}
	return 0;
}

const struct sb_stats *sb_rmetric_stats(const struct sb_rmetric *m)
{
	if (m->st_pending) {
		/* The model is not const to its owner: only readers see it so. */
		struct sb_rmetric *w = (struct sb_rmetric *)m;
		if (sb_stats_compute(w->v, w->n, &w->lazy_st))
			return NULL;
		w->st_pending = 0;
	}
	return &m->lazy_st;
}

/* One array of values (samples of a duration, or the rates of the rounds): checked, kept, summarised. */
static int read_values(struct sb_result_case *c, const char *name, const json_t *arr, int rate, struct where *w)
{
	double *v;
	size_t n;
	if (sb_check_values(arr, rate, name, w->s, &v, &n, w->err, w->errlen))
		return -1;
	return keep_values(c, name, v, n, 1, w);
}

/*
 * A series the parser read beside the document (results_parse.h): a duration's is checked and summarised,
 * another metric's kept as it is. Its values are taken from s.
 */
static int read_series(struct sb_result_case *c, struct sb_series *s, struct where *w)
{
	int duration = sb_is_duration(s->metric);
	if (duration && sb_check_numbers(s->v, s->n, 0, s->metric, w->s, w->err, w->errlen))
		return -1;
	double *v = s->v;
	s->v = NULL;
	return keep_values(c, s->metric, v, s->n, duration, w);
}

/* Samples of a metric that is not a duration: numbers, kept as the file gives them (no statistics made). */
static int read_other(struct sb_result_case *c, const char *name, const json_t *arr, struct where *w)
{
	size_t i, n = json_array_size(arr);
	json_t *x;
	json_array_foreach(arr, i, x)
		if (!json_is_number(x))
			return refuse(w, "samples.%.40s[%zu] is not a number", name, i);
	double *v = malloc((n ? n : 1) * sizeof(*v));
	if (!v)
		return nomem(w);
	json_array_foreach(arr, i, x)
		v[i] = json_number_value(x);
	return keep_values(c, name, v, n, 0, w);
}

static int read_metrics(struct sb_result_case *c, const json_t *j, struct sb_case_series *cs, struct where *w)
{
	const json_t *samples = json_object_get(j, "samples");
	const char *name;
	json_t *arr;
	if (read_stats(c, json_object_get(j, "stats"), w))
		return -1;
	if (samples && !json_is_object(samples))
		return refuse(w, "\"samples\" is not an object");
	for (size_t k = 0; cs && k < cs->n; k++)
		if (strcmp(cs->s[k].metric, "child_pid") && read_series(c, &cs->s[k], w))
			return -1;
	json_object_foreach((json_t *)samples, name, arr) {
		if (!strcmp(name, "child_pid"))
			continue; /* identities, not measurements */
		if (!json_is_array(arr))
			return refuse(w, "samples.%.40s is not an array", name);
		if (sb_is_duration(name) ? read_values(c, name, arr, 0, w) : read_other(c, name, arr, w))
			return -1;
	}
	const json_t *rates = json_object_get(json_object_get(j, "throughput"), SB_RATE_NAME);
	if (rates && !json_is_array(rates))
		return refuse(w, "throughput.%s is not an array", SB_RATE_NAME);
	if (rates && read_values(c, SB_RATE_NAME, rates, 1, w))
		return -1;
	return 0;
}

/* Join an array of names with '+' into c->lists; the text of a list axis. */
static const char *join_list(struct sb_result_case *c, const json_t *arr, int skip_ns, size_t *used, size_t cap)
{
	size_t i;
	json_t *v;
	char *start = c->lists + *used;
	size_t o = 0;
	start[0] = 0;
	json_array_foreach(arr, i, v) {
		const char *s = json_string_value(v);
		/* Namespace flags (newpid, newnet, ...) are an axis of their own. */
		if (!s || (skip_ns && !strncmp(s, "new", 3)))
			continue;
		int n = snprintf(start + o, cap - *used - o, "%s%s", o ? "+" : "", s);
		if (n < 0 || (size_t)n >= cap - *used - o)
			break;
		o += (size_t)n;
	}
	*used += o + 1;
	return start;
}

static size_t list_bytes(const json_t *arr)
{
	size_t i, n = 1;
	json_t *v;
	json_array_foreach(arr, i, v)
		n += strlen(json_string_value(v) ? json_string_value(v) : "") + 1;
	return n;
}

static int read_axes(struct sb_result_case *c, const json_t *j, struct where *w)
{
	size_t cap = 0, used = 0;
	for (int a = 0; a < SB_N_AXIS_FIELDS; a++) {
		const json_t *v = json_object_get(j, sb_axis_fields[a].json);
		if (sb_axis_fields[a].kind != SB_AK_LIST)
			continue;
		if (v && !json_is_array(v))
			return refuse(w, "\"%s\" is not an array", sb_axis_fields[a].json);
		cap += list_bytes(v);
	}
	cap += list_bytes(json_object_get(j, sb_axis_fields[SB_AF_FLAGS].json)); /* flags_no_ns */
	if (!(c->lists = malloc(cap)))
		return nomem(w);
	for (int a = 0; a < SB_N_AXIS_FIELDS; a++) {
		const struct sb_axis_field *f = &sb_axis_fields[a];
		const json_t *v = json_object_get(j, f->json);
		struct sb_raxis *x = &c->ax[a];
		x->given = v != NULL && !json_is_null(v);
		switch (f->kind) {
		case SB_AK_STRING:
			if (x->given && !json_is_string(v))
				return refuse(w, "\"%s\" is not a string", f->json);
			x->s = x->given ? json_string_value(v) : f->absent;
			break;
		case SB_AK_NUMBER:
			if (x->given && !json_is_number(v))
				return refuse(w, "\"%s\" is not a number", f->json);
			x->num = x->given ? json_number_value(v) : strtod(f->absent, NULL);
			snprintf(c->text[a], sizeof(c->text[a]), "%.0f", x->num);
			x->s = c->text[a];
			break;
		case SB_AK_BOOL:
			if (x->given && !json_is_boolean(v) && !json_is_number(v))
				return refuse(w, "\"%s\" is not true or false", f->json);
			x->num = x->given ? json_is_true(v) || (json_is_number(v) && json_number_value(v) != 0)
					  : !strcmp(f->absent, "true");
			snprintf(c->text[a], sizeof(c->text[a]), "%d", (int)x->num);
			x->s = c->text[a];
			break;
		case SB_AK_LIST:
			x->s = join_list(c, v, 0, &used, cap);
			break;
		}
	}
	c->flags_no_ns = join_list(c, json_object_get(j, sb_axis_fields[SB_AF_FLAGS].json), 1, &used, cap);
	return 0;
}

static int read_warnings(struct sb_result_case *c, const json_t *j, struct where *w)
{
	const json_t *arr = json_object_get(j, "warnings");
	size_t i;
	json_t *e;
	if (!arr)
		return 0;
	if (!json_is_array(arr))
		return refuse(w, "\"warnings\" is not an array");
	if (!(c->warnings = calloc(json_array_size(arr) + 1, sizeof(*c->warnings))))
		return nomem(w);
	json_array_foreach(arr, i, e) {
		if (!json_is_object(e))
			return refuse(w, "warnings[%zu] is not an object", i);
		c->warnings[c->nwarnings++] = (struct sb_rwarning){ sb_json_str(e, "code", "?"), sb_json_str(e, "message", "") };
	}
	return 0;
}

static const char *opt_str(const json_t *j, const char *field, struct where *w, int *bad)
{
	const json_t *v = json_object_get(j, field);
	if (v && !json_is_string(v) && !json_is_null(v)) {
		*bad = refuse(w, "\"%s\" is not a string", field);
		return NULL;
	}
	return json_string_value(v);
}

static int read_case(struct sb_result_case *c, const json_t *j, struct sb_case_series *cs, size_t index,
		     struct where *w)
{
	int bad = 0;
	*c = (struct sb_result_case){ .index = index, .rate = -1 };
	for (int m = 0; m < SB_N_METRICS; m++)
		c->by_id[m] = -1;
	const char *key = opt_str(j, "key", w, &bad), *label = opt_str(j, "label", w, &bad);
	c->status_name = opt_str(j, "status", w, &bad);
	c->reason = opt_str(j, "reason", w, &bad);
	c->errno_name = opt_str(j, "errno_name", w, &bad);
	c->failed_spawns = sb_json_num(j, "failed_spawns", 0);
	if (bad)
		return -1;
	c->key_given = key && *key;
	c->label_given = label != NULL;
	c->label = label ? label : key ? key : "?";
	c->key = key ? key : c->label;
	int st = c->status_name ? sb_status_by_name(c->status_name) : -1;
	/* A word this reader does not know is no measurement to use: it counts as an error. */
	c->status = st < 0 ? SB_ST_ERROR : (enum sb_status)st;
	const json_t *sp = json_object_get(j, "spawner");
	c->rss_bytes = sb_json_num(sp, "vm_rss_bytes", NAN);
	c->mappings = sb_json_num(sp, "mappings", NAN);
	c->same_cpu_share = sb_json_num(json_object_get(j, "placement"), "same_cpu_share", -1);
	if (read_metrics(c, j, cs, w) || read_axes(c, j, w) || read_warnings(c, j, w))
		return -1;
	/* The typed parts a case may carry, read only when it has them (results_model_parts.h). */
	const json_t *probe = json_object_get(j, "probe"), *counters = json_object_get(j, "counters");
	if (probe && !json_is_null(probe) && sb_rprobe_read(probe, &c->probe, w->s, w->err, w->errlen))
		return -1;
	if (counters && !json_is_null(counters) && sb_rcounters_read(counters, &c->counters, w->s, w->err, w->errlen))
		return -1;
	return 0;
}

static void case_free(struct sb_result_case *c)
{
	for (size_t m = 0; m < c->nmetrics; m++)
		free(c->metrics[m].v);
	free(c->metrics);
	free(c->lists);
	free(c->warnings);
	sb_rprobe_free(c->probe);
	sb_rcounters_free(c->counters);
}

void sb_results_free(struct sb_results *r)
{
	for (size_t i = 0; i < r->ncases; i++)
		case_free(&r->cases[i]);
	free(r->cases);
	sb_rrun_desc_free(&r->desc);
	sb_parsed_free(&r->src);
	*r = (struct sb_results){ 0 };
}

int sb_results_from_parsed(struct sb_results *r, struct sb_parsed *f, const char *path, char *err, size_t errlen)
{
	json_t *doc = f->doc;
	const json_t *cases = json_object_get(doc, "cases"), *tool = json_object_get(doc, "tool");
	const json_t *host = json_object_get(doc, "host"), *run = json_object_get(doc, "run");
	*r = (struct sb_results){
		.src = *f,
		.doc = doc,
		.path = path,
		.created = sb_json_str(doc, "created", ""),
		.tool_version = sb_json_str(tool, "version", ""),
		.git_commit = sb_json_str(tool, "git_commit", "unknown"),
		.interrupted = json_is_true(json_object_get(run, "interrupted")),
		.stamp_ns = sb_json_num(json_object_get(run, "stamp_ns"), "median", NAN),
		.converted_from = json_string_value(json_object_get(doc, "converted_from")),
	};
	for (int h = 0; h < SB_N_HOST_FIELDS; h++)
		r->host[h] = json_string_value(json_object_get(host, sb_host_field_names[h]));
	if (sb_rrun_desc_read(doc, &r->desc, path, err, errlen))
		goto fail;
	r->cases = calloc(json_array_size(cases) + 1, sizeof(*r->cases));
	if (!r->cases) {
		snprintf(err, errlen, "%s: out of memory", path);
		goto fail;
	}
	size_t i;
	json_t *c;
	json_array_foreach(cases, i, c) {
		if (!json_is_object(c)) {
			snprintf(err, errlen, "%s: case %zu is not an object", path, i);
			goto fail;
		}
		struct where w = { .err = err, .errlen = errlen };
		const char *label = json_string_value(json_object_get(c, "label"));
		snprintf(w.s, sizeof(w.s), "%.200s: case %zu (%.120s)", path, i, label ? label : "no label");
		struct sb_result_case *rc = &r->cases[r->ncases++];
		if (read_case(rc, c, i < r->src.n_cases ? &r->src.cases[i] : NULL, i, &w))
			goto fail;
	}
	return 0;
fail:
	sb_results_free(r);
	return -1;
}

int sb_results_from_doc(struct sb_results *r, json_t *doc, const char *path, char *err, size_t errlen)
{
	struct sb_parsed f = { .doc = doc };
	return sb_results_from_parsed(r, &f, path, err, errlen);
}

int sb_results_read(struct sb_results *r, const char *path, char *err, size_t errlen)
{
	struct sb_parsed f;
	if (sb_results_parse_file(path, &f, err, errlen)) {
		*r = (struct sb_results){ 0 };
		return -1;
	}
	return sb_results_from_parsed(r, &f, path, err, errlen);
}

const struct sb_rmetric *sb_rcase_metric(const struct sb_result_case *c, int id)
{
	int k = id == SB_RM_RATE ? c->rate : id >= 0 && id < SB_N_METRICS ? c->by_id[id] : -1;
	return k >= 0 ? &c->metrics[k] : NULL;
}

const struct sb_rmetric *sb_rcase_metric_named(const struct sb_result_case *c, const char *name)
{
	for (size_t i = 0; i < c->nmetrics; i++)
		if (!strcmp(c->metrics[i].name, name))
			return &c->metrics[i];
	return NULL;
}

double sb_rcase_stat(const struct sb_result_case *c, const char *metric, enum sb_stat_field f)
{
	const struct sb_rmetric *m = sb_rcase_metric_named(c, metric);
	const struct sb_stats *st = m && (m->have & (1u << f)) ? sb_rmetric_stats(m) : NULL;
	return st ? sb_stat_get(st, f) : NAN;
}

int sb_rcase_usable(const struct sb_result_case *c)
{
	if (c->status != SB_ST_OK)
		return 0;
	for (size_t i = 0; i < c->nmetrics; i++)
		if (c->metrics[i].id != SB_RM_RATE && c->metrics[i].n)
			return 1;
	return 0;
}
