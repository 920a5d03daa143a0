// SPDX-License-Identifier: MIT
#include "compare_run.h"

#include <math.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "grow.h"


/* The order metrics appear in when "all" is asked for: the order a spawn happens in. */
static const enum sb_metric metric_order[] = { SB_MET_CREATE, SB_MET_START, SB_MET_EXEC, SB_MET_TOTAL, SB_MET_NSENTER };
#define N_ORDER (sizeof(metric_order) / sizeof(metric_order[0]))

static struct sb_cmp_row *row_add(struct sb_cmp *c, const struct sb_pool_case *bc,
				  const struct sb_pool_case *nc, const char *metric)
{
	struct sb_cmp_row *r = c->rows;
	if (c->nrows == c->cap_rows && !(r = sb_grow(c->rows, &c->cap_rows, c->nrows + 1, sizeof(*r), 64)))
		return NULL;
	c->rows = r;
	r = &c->rows[c->nrows++];
	*r = (struct sb_cmp_row){ .bc = bc, .nc = nc, .metric = metric, .base_median = NAN, .new_median = NAN };
	r->v = (struct sb_verdict){ NAN, NAN, NAN, NAN, SB_V_NOISE };
	return r;
}

/* Record why a row was not compared; the row stays in the table so nothing disappears silently. */
static void __attribute__((format(printf, 2, 3))) not_compared(struct sb_cmp_row *r, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(r->why, sizeof(r->why), fmt, ap);
	va_end(ap);
}

static const char *reason_of(const struct sb_pool_case *pc)
{
	return pc->reason ? pc->reason : "no reason given";
}

/* One row's figures and verdict. Reads only the pools and the row: rows are compared on several threads. */
static void compare_one(const struct sb_cmp *c, struct sb_cmp_row *r)
{
	const size_t *be, *ne;
	size_t kb, kn;
	const double *b = sb_pool_runs(r->bc, r->metric, &r->nb, &be, &kb);
	const double *n = sb_pool_runs(r->nc, r->metric, &r->nn, &ne, &kn);

	if (r->nb)
		r->base_median = sb_compare_median(b, r->nb);
	if (r->nn)
		r->new_median = sb_compare_median(n, r->nn);
	if (r->bc->status != SB_ST_OK)
		not_compared(r, "%s in base: %s", r->bc->status_name, reason_of(r->bc));
	else if (r->nc->status != SB_ST_OK)
		not_compared(r, "%s in new: %s", r->nc->status_name, reason_of(r->nc));
	else if (!r->nb || !r->nn)
		not_compared(r, "%s not measured in %s", r->metric, r->nb ? "new" : "base");
	else if (r->nb < SB_COMPARE_MIN_SAMPLES || r->nn < SB_COMPARE_MIN_SAMPLES)
		not_compared(r, "too few samples (%zu base, %zu new; %d needed per side)", r->nb, r->nn,
			     SB_COMPARE_MIN_SAMPLES);
	else if (sb_compare_runs(b, r->nb, be, kb, n, r->nn, ne, kn, c->threshold, c->alpha, &r->v))
		not_compared(r, "no ratio: base median is not positive");
	else {
		r->compared = 1;
		r->one_run = kb < 2 || kn < 2;
	}
}

/* Rows handed out a batch at a time to each thread, so threads that get slower rows take fewer. */
#define ROWS_PER_TAKE 64
#define MAX_THREADS 4

struct row_work {
	const struct sb_cmp *c;
	atomic_size_t next;
};

static void *compare_rows(void *arg)
{
	struct row_work *w = arg;
	size_t n = w->c->nrows, i;
	while ((i = atomic_fetch_add(&w->next, ROWS_PER_TAKE)) < n)
		for (size_t e = i + ROWS_PER_TAKE < n ? i + ROWS_PER_TAKE : n; i < e; i++)
			compare_one(w->c, &w->c->rows[i]);
	sb_compare_release_plans();
	return NULL;
}

/*
 * Every row compared, on as many threads as there are CPUs (up to MAX_THREADS): on a large file this is
 * a third of compare's time and rows are independent. A row's figures do not depend on the thread that
 * made them, so the output is the same on any machine. Without threads, this one does them all.
 */
static void compare_all(struct sb_cmp *c)
{
	struct row_work w = { .c = c };
	pthread_t t[MAX_THREADS - 1];
	long cpus = sysconf(_SC_NPROCESSORS_ONLN);
	size_t want = c->nrows / ROWS_PER_TAKE, nt = 0;
	if (want > (size_t)(cpus > 1 ? cpus : 1))
		want = (size_t)(cpus > 1 ? cpus : 1);
	if (want > MAX_THREADS)
		want = MAX_THREADS;
	atomic_init(&w.next, 0);
	while (nt + 1 < want && !pthread_create(&t[nt], NULL, compare_rows, &w))
		nt++;
	compare_rows(&w);
	for (size_t i = 0; i < nt; i++)
		pthread_join(t[i], NULL);
	for (size_t i = 0; i < c->nrows; i++) {
		const struct sb_cmp_row *r = &c->rows[i];
		if (!r->compared) {
			c->not_compared++;
			continue;
		}
		c->count[r->v.verdict]++;
		if (r->one_run)
			c->single_run = 1;
	}
}

static int has_metric(const struct sb_pool_case *pc, const char *m)
{
	size_t n;
	return sb_pool_samples(pc, m, &n) != NULL;
}

/*
 * The rows of one case pair (compared later, all at once): the asked metrics either side measured, or
 * with "all" every *_ns one.
 */
static int rows_for_case(struct sb_cmp *c, const struct sb_pool_case *bc, const struct sb_pool_case *nc,
			 const char *const *metrics, size_t nmetrics)
{
	size_t added = 0;
	int all = nmetrics == 1 && !strcmp(metrics[0], SB_CMP_ALL_METRICS);
	const char *order[N_ORDER];
	for (size_t i = 0; i < N_ORDER; i++)
		order[i] = sb_metric_names[metric_order[i]];
	const char *const *list = all ? order : metrics;
	size_t nlist = all ? N_ORDER : nmetrics;

	for (size_t i = 0; i < nlist; i++) {
		if (!has_metric(bc, list[i]) && !has_metric(nc, list[i]))
			continue; /* e.g. exec_ns of a case without exec: nothing to say */
		if (!row_add(c, bc, nc, list[i]))
			return -1;
		added++;
	}
	if (!added) {
		/* Keep the case visible: a case that vanished from the table would look like a pass. */
		if (!row_add(c, bc, nc, all ? sb_metric_names[SB_MET_TOTAL] : metrics[0]))
			return -1;
	}
	return 0;
}

static void note_host_difference(struct sb_cmp *c, enum sb_host_field field, const char *what)
{
	const char *b = sb_pool_host(&c->base, field), *n = sb_pool_host(&c->new_, field);
	if (strcmp(b, n) && c->nnotes < sizeof(c->notes) / sizeof(c->notes[0]))
		snprintf(c->notes[c->nnotes++], sizeof(c->notes[0]), "%s differs: base \"%s\", new \"%s\"", what, b, n);
}

/* A run stopped by a signal has fewer cases and fewer samples than asked: a reader must know. */
static void note_interrupted(struct sb_cmp *c, const struct sb_pool *p, const char *side)
{
	for (size_t i = 0; i < p->ndocs; i++) {
		if (p->files[i].interrupted && c->nnotes < sizeof(c->notes) / sizeof(c->notes[0]))
			snprintf(c->notes[c->nnotes++], sizeof(c->notes[0]), "%s file %.120s is an interrupted run: its "
				 "cases in flight are interrupted (fewer samples), those not started skipped", side,
				 p->paths[i]);
	}
}

int sb_cmp_run(struct sb_cmp *c, const char *const *metrics, size_t nmetrics)
{
	c->only_base = calloc(c->base.ncases + 1, sizeof(*c->only_base));
	c->only_new = calloc(c->new_.ncases + 1, sizeof(*c->only_new));
	if (!c->only_base || !c->only_new)
		return -1;
	for (size_t i = 0; i < c->base.ncases; i++) {
		const struct sb_pool_case *bc = &c->base.cases[i];
		const struct sb_pool_case *nc = sb_pool_find(&c->new_, bc->key);
		if (!nc)
			c->only_base[c->n_only_base++] = bc;
		else if (rows_for_case(c, bc, nc, metrics, nmetrics))
			return -1;
	}
	compare_all(c);
	for (size_t i = 0; i < c->new_.ncases; i++)
		if (!sb_pool_find(&c->base, c->new_.cases[i].key))
			c->only_new[c->n_only_new++] = &c->new_.cases[i];
	if (c->single_run && c->nnotes < sizeof(c->notes) / sizeof(c->notes[0]))
		snprintf(c->notes[c->nnotes++], sizeof(c->notes[0]),
			 "one run on a side: the CI shows the noise within that run, not between runs; on a shared "
			 "machine pass several runs per side (docs/statistics.md)");
	note_interrupted(c, &c->base, "base");
	note_interrupted(c, &c->new_, "new");
	note_host_difference(c, SB_H_HOSTNAME, "host");
	note_host_difference(c, SB_H_KERNEL, "kernel");
	note_host_difference(c, SB_H_CPU_MODEL, "CPU");
	note_host_difference(c, SB_H_GLIBC, "glibc");
	return 0;
}

int sb_cmp_exit_status(const struct sb_cmp *c)
{
	size_t compared = 0;
	for (size_t i = 0; i < SB_V_KINDS; i++)
		compared += c->count[i];
	/* A comparison that compared nothing must not pass a CI job: the plan or the baseline is wrong. */
	if (!compared)
		return 2;
	return c->count[SB_V_REGRESSION] ? 1 : 0;
}

void sb_cmp_free(struct sb_cmp *c)
{
	free(c->rows);
	free(c->only_base);
	free(c->only_new);
	sb_pool_free_pair(&c->base, &c->new_);
}
