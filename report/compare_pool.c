// SPDX-License-Identifier: MIT
#include "compare_pool.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "compare_trace.h"

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
	m = &c->metrics[c->nmetrics++];
	*m = (struct sb_pool_metric){ .name = name };
	return m;
}

static struct sb_pool_case *case_add(struct sb_pool *p, const struct sb_result_case *c)
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
		.key = c->key,
		.label = c->label,
		.first = c,
		.status = c->status_name ? c->status : SB_ST_ERROR,
		.status_name = c->status_name ? c->status_name : "error",
		.reason = c->reason,
	};
	if (index_put(p, p->ncases - 1)) {
		p->ncases--;
		return NULL;
	}
	return pc;
}

/* Append one case's samples (the model checked them), one run per metric it measured. */
static int add_samples(struct sb_pool_case *pc, const struct sb_result_case *c)
{
	for (size_t k = 0; k < c->nmetrics; k++) {
		const struct sb_rmetric *rm = &c->metrics[k];
		if (rm->id == SB_RM_RATE || !rm->v || !rm->n)
			continue; /* rounds are not spawns; statistics without samples give nothing to pool */
		struct sb_pool_metric *m = metric_get(pc, rm->name);
		if (!m)
			return -1;
		if (!m->n) {
			m->v = rm->v; /* one run so far: the model's samples serve (the files live as long as the pool) */
		} else {
			if (m->n + rm->n > m->cap) {
				size_t cap = m->n + rm->n;
				double *v = realloc(m->own, cap * sizeof(*v));
				if (!v)
					return -1;
				if (!m->own) /* the second run: the first one's samples copied in first */
					memcpy(v, m->v, m->n * sizeof(*v));
				m->v = m->own = v;
				m->cap = cap;
			}
			memcpy(m->own + m->n, rm->v, rm->n * sizeof(*rm->v)); // NOLINT(clang-analyzer-core.NonNullParamChecker): grown to n + rm->n above
		}
		m->n += rm->n;
		size_t *e = realloc(m->ends, (m->nruns + 1) * sizeof(*e));
		if (!e)
			return -1;
		m->ends = e;
		m->ends[m->nruns++] = m->n;
	}
	return 0;
}

static int pool_file(struct sb_pool *p, const struct sb_results *res, char *err, size_t errlen)
{
	for (size_t i = 0; i < res->ncases; i++) {
		const struct sb_result_case *c = &res->cases[i];
		if (!c->key_given) {
			snprintf(err, errlen, "%s: case %zu has no \"key\"", res->path, c->index);
			return -1;
		}
		struct sb_pool_case *pc = sb_pool_find(p, c->key);
		if (!pc && !(pc = case_add(p, c)))
			goto nomem;
		pc->files++;
		if (c->status != SB_ST_OK || !c->status_name) {
			if (!pc->files_ok && pc->files > 1 && !pc->reason)
				pc->reason = c->reason;
			continue; /* skipped and error cases hold no samples to pool */
		}
		if (!pc->files_ok) {
			/* The first ok run speaks for the case: its label and axes, not a skipped run's. */
			pc->first = c;
			pc->status = SB_ST_OK;
			pc->status_name = c->status_name;
			pc->reason = NULL;
		}
		pc->files_ok++;
		if (add_samples(pc, c))
			goto nomem;
	}
	return 0;
nomem:
	snprintf(err, errlen, "%s: out of memory", res->path);
	return -1;
}

int sb_pool_load(struct sb_pool *p, const char *const *paths, size_t n, char *err, size_t errlen)
{
	*p = (struct sb_pool){ 0 };
	p->files = calloc(n ? n : 1, sizeof(*p->files));
	p->paths = calloc(n ? n : 1, sizeof(*p->paths));
	if (!p->files || !p->paths) {
		snprintf(err, errlen, "out of memory");
		return -1;
	}
	for (size_t i = 0; i < n; i++) {
		if (sb_compare_read(paths[i], &p->files[p->ndocs], err, errlen))
			return -1;
		p->paths[p->ndocs++] = paths[i];
		if (pool_file(p, &p->files[p->ndocs - 1], err, errlen))
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

const char *sb_pool_host(const struct sb_pool *p, enum sb_host_field field)
{
	const char *v = NULL;
	for (size_t i = 0; i < p->ndocs; i++) {
		const char *s = p->files[i].host[field] ? p->files[i].host[field] : "";
		if (v && strcmp(v, s))
			return "(mixed)";
		v = s;
	}
	return v ? v : "";
}

void sb_pool_case_free(struct sb_pool_case *c)
{
	for (size_t j = 0; j < c->nmetrics; j++) {
		free(c->metrics[j].own);
		free(c->metrics[j].ends);
	}
	free(c->metrics);
}

void sb_pool_free(struct sb_pool *p)
{
	for (size_t i = 0; i < p->ncases; i++)
		sb_pool_case_free(&p->cases[i]);
	free(p->cases);
	json_decref(p->index);
	for (size_t i = 0; i < p->ndocs; i++)
		sb_results_free(&p->files[i]);
	free(p->files);
	free(p->paths);
	*p = (struct sb_pool){ 0 };
}
