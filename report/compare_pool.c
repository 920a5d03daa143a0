// SPDX-License-Identifier: MIT
#include "compare_pool.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "compare_trace.h"
#include "results_read.h"

struct sb_pool_case *sb_pool_find(const struct sb_pool *p, const char *key)
{
	/*
	 * Hashed: this runs once per case per file and once per case matched across the two sides, so a scan
	 * made compare of a 10,240-case file quadratic (a sixth of its time went to strcmp).
	 */
	if (!p->index) { /* none yet, or it could not be rebuilt: a scan is still right */
		for (size_t i = 0; i < p->ncases; i++)
			if (!strcmp(p->cases[i].key, key))
				return &p->cases[i];
		return NULL;
	}
	json_t *at = json_object_get(p->index, key);
	json_int_t i = at ? json_integer_value(at) : -1;
	return i >= 0 && (size_t)i < p->ncases && !strcmp(p->cases[i].key, key) ? &p->cases[i] : NULL;
}

static int index_put(struct sb_pool *p, size_t i)
{
	if (!p->index && !(p->index = json_object()))
		return -1;
	return json_object_set_new(p->index, p->cases[i].key, json_integer((json_int_t)i));
}

void sb_pool_reindex(struct sb_pool *p)
{
	json_decref(p->index);
	p->index = NULL;
	for (size_t i = 0; i < p->ncases; i++)
		if (index_put(p, i)) {
			json_decref(p->index); /* out of memory: sb_pool_find scans instead */
			p->index = NULL;
			return;
		}
}

static struct sb_pool_metric *metric_get(struct sb_pool_case *c, const char *name)
{
	for (size_t i = 0; i < c->nmetrics; i++)
		if (!strcmp(c->metrics[i].name, name))
			return &c->metrics[i];
	struct sb_pool_metric *m = realloc(c->metrics, (c->nmetrics + 1) * sizeof(*m));
	if (!m)
		return NULL;
	c->metrics = m;
	m = &c->metrics[c->nmetrics];
	*m = (struct sb_pool_metric){ .name = strdup(name) };
	if (!m->name)
		return NULL;
	c->nmetrics++;
	return m;
}

static struct sb_pool_case *case_add(struct sb_pool *p, const json_t *c, const char *key)
{
	if (p->ncases == p->cap) {
		size_t cap = p->cap ? p->cap * 2 : 64;
		struct sb_pool_case *n = realloc(p->cases, cap * sizeof(*n));
		if (!n)
			return NULL;
		p->cases = n;
		p->cap = cap;
	}
	struct sb_pool_case *pc = &p->cases[p->ncases++];
	*pc = (struct sb_pool_case){
		.key = key,
		.label = sb_json_str(c, "label", key),
		.first = c,
		.status = sb_json_str(c, "status", "error"),
		.reason = json_string_value(json_object_get(c, "reason")),
	};
	if (index_put(p, p->ncases - 1)) {
		p->ncases--;
		return NULL;
	}
	return pc;
}

/* Append one run's samples of a metric. 0, or -1 out of memory. */
static int add_series(struct sb_pool_case *pc, const char *name, const double *x, size_t add)
{
	struct sb_pool_metric *m = metric_get(pc, name);
	if (!m)
		return -1;
	if (m->n + add > m->cap) {
		size_t cap = m->n + add;
		double *v = realloc(m->v, cap * sizeof(*v));
		if (!v)
			return -1;
		m->v = v;
		m->cap = cap;
	}
	if (add)
		memcpy(m->v + m->n, x, add * sizeof(*x));
	m->n += add;
	if (!add)
		return 0; /* an empty run adds nothing a resample could draw */
	size_t *e = realloc(m->ends, (m->nruns + 1) * sizeof(*e));
	if (!e)
		return -1;
	m->ends = e;
	m->ends[m->nruns++] = m->n;
	return 0;
}

/*
 * Append one case's samples: its series, then what the document still holds under "samples" (a trace
 * profile's, or an array that is not all numbers, which makes the file unreadable).
 */
static int add_samples(struct sb_pool_case *pc, const struct sb_case_series *cs, const json_t *samples,
		       const char *path, size_t ci, char *err, size_t errlen)
{
	const char *name;
	json_t *arr;
	for (size_t k = 0; cs && k < cs->n; k++)
		if (strcmp(cs->s[k].metric, "child_pid") && add_series(pc, cs->s[k].metric, cs->s[k].v, cs->s[k].n))
			goto nomem;
	json_object_foreach((json_t *)samples, name, arr) {
		if (!strcmp(name, "child_pid"))
			continue; /* identities, not measurements */
		if (!json_is_array(arr)) {
			snprintf(err, errlen, "%s: case %zu (%s): samples.%s is not an array", path, ci, pc->key, name);
			return -1;
		}
		size_t n = json_array_size(arr), i;
		double *x = malloc((n ? n : 1) * sizeof(*x));
		json_t *v;
		if (!x)
			goto nomem;
		json_array_foreach(arr, i, v) {
			if (!json_is_number(v)) {
				snprintf(err, errlen, "%s: case %zu (%s): samples.%s[%zu] is not a number", path, ci,
					 pc->key, name, i);
				free(x);
				return -1;
			}
			x[i] = json_number_value(v);
		}
		int bad = add_series(pc, name, x, n);
		free(x);
		if (bad)
			goto nomem;
	}
	return 0;
nomem:
	snprintf(err, errlen, "%s: out of memory", path);
	return -1;
}

static int pool_doc(struct sb_pool *p, const struct sb_parsed *f, const char *path, char *err, size_t errlen)
{
	size_t i;
	json_t *c;
	json_array_foreach(json_object_get(f->doc, "cases"), i, c) {
		const char *key = json_string_value(json_object_get(c, "key"));
		if (!json_is_object(c) || !key || !*key) {
			snprintf(err, errlen, "%s: case %zu has no \"key\"", path, i);
			return -1;
		}
		struct sb_pool_case *pc = sb_pool_find(p, key);
		if (!pc && !(pc = case_add(p, c, key))) {
			snprintf(err, errlen, "%s: out of memory", path);
			return -1;
		}
		pc->files++;
		if (strcmp(sb_json_str(c, "status", ""), "ok")) {
			if (!pc->files_ok && pc->files > 1 && !pc->reason)
				pc->reason = json_string_value(json_object_get(c, "reason"));
			continue; /* skipped and error cases hold no samples to pool */
		}
		if (!pc->files_ok) {
			/* The first ok run speaks for the case: its label and axes, not a skipped run's. */
			pc->first = c;
			pc->status = "ok";
			pc->reason = NULL;
		}
		pc->files_ok++;
		json_t *samples = json_object_get(c, "samples");
		if (samples && !json_is_object(samples)) {
			snprintf(err, errlen, "%s: case %zu (%s): \"samples\" is not an object", path, i, key);
			return -1;
		}
		if (add_samples(pc, i < f->n_cases ? &f->cases[i] : NULL, samples, path, i, err, errlen))
			return -1;
	}
	return 0;
}

int sb_pool_load(struct sb_pool *p, const char *const *paths, size_t n, char *err, size_t errlen)
{
	*p = (struct sb_pool){ 0 };
	p->files = calloc(n ? n : 1, sizeof(*p->files));
	p->docs = calloc(n ? n : 1, sizeof(*p->docs));
	p->paths = calloc(n ? n : 1, sizeof(*p->paths));
	if (!p->files || !p->docs || !p->paths) {
		snprintf(err, errlen, "out of memory");
		return -1;
	}
	for (size_t i = 0; i < n; i++) {
		struct sb_parsed *f = &p->files[p->ndocs];
		if (sb_compare_read(paths[i], f, err, errlen))
			return -1;
		p->docs[p->ndocs] = f->doc;
		p->paths[p->ndocs++] = paths[i];
		if (pool_doc(p, f, paths[i], err, errlen))
			return -1;
	}
	return 0;
}

struct pool_job {
	struct sb_pool *p;
	const char *const *paths;
	size_t n;
	char err[512];
	int ret;
};

static void *load_job(void *arg)
{
	struct pool_job *j = arg;
	j->ret = sb_pool_load(j->p, j->paths, j->n, j->err, sizeof(j->err));
	return NULL;
}

static void *free_job(void *arg)
{
	sb_pool_free(arg);
	return NULL;
}

/*
 * Reading a file is most of compare's time on large files and the two sides are independent: the new
 * side is read on a thread of its own while this one reads the base. Without a thread, one after the other.
 */
int sb_pool_load_pair(struct sb_pool *base, const char *const *bpaths, size_t nb, struct sb_pool *new_,
		      const char *const *npaths, size_t nn, char *err, size_t errlen)
{
	struct pool_job j = { .p = new_, .paths = npaths, .n = nn };
	pthread_t t;
	int threaded = !pthread_create(&t, NULL, load_job, &j);
	if (!threaded)
		load_job(&j);
	int ret = sb_pool_load(base, bpaths, nb, err, errlen);
	if (threaded)
		pthread_join(t, NULL);
	if (!ret && j.ret) {
		snprintf(err, errlen, "%s", j.err);
		ret = -1;
	}
	return ret;
}

void sb_pool_free_pair(struct sb_pool *a, struct sb_pool *b)
{
	pthread_t t;
	int threaded = !pthread_create(&t, NULL, free_job, b);
	sb_pool_free(a);
	if (threaded)
		pthread_join(t, NULL);
	else
		sb_pool_free(b);
}

const double *sb_pool_samples(const struct sb_pool_case *c, const char *metric, size_t *n)
{
	for (size_t i = 0; i < c->nmetrics; i++) {
		if (!strcmp(c->metrics[i].name, metric) && c->metrics[i].n) {
			*n = c->metrics[i].n;
			return c->metrics[i].v;
		}
	}
	*n = 0;
	return NULL;
}

const double *sb_pool_runs(const struct sb_pool_case *c, const char *metric, size_t *n, const size_t **ends,
			   size_t *nruns)
{
	for (size_t i = 0; i < c->nmetrics; i++) {
		if (!strcmp(c->metrics[i].name, metric) && c->metrics[i].n) {
			*n = c->metrics[i].n;
			*ends = c->metrics[i].ends;
			*nruns = c->metrics[i].nruns;
			return c->metrics[i].v;
		}
	}
	*n = 0;
	*ends = NULL;
	*nruns = 0;
	return NULL;
}

const char *sb_pool_host(const struct sb_pool *p, const char *field)
{
	const char *v = NULL;
	for (size_t i = 0; i < p->ndocs; i++) {
		const char *s = sb_json_str(json_object_get(p->docs[i], "host"), field, "");
		if (v && strcmp(v, s))
			return "(mixed)";
		v = s;
	}
	return v ? v : "";
}

void sb_pool_free(struct sb_pool *p)
{
	for (size_t i = 0; i < p->ncases; i++) {
		for (size_t j = 0; j < p->cases[i].nmetrics; j++) {
			free(p->cases[i].metrics[j].name);
			free(p->cases[i].metrics[j].v);
			free(p->cases[i].metrics[j].ends);
		}
		free(p->cases[i].metrics);
	}
	free(p->cases);
	json_decref(p->index);
	for (size_t i = 0; i < p->ndocs; i++)
		sb_parsed_free(&p->files[i]);
	free(p->files);
	free(p->docs);
	free(p->paths);
	*p = (struct sb_pool){ 0 };
}
