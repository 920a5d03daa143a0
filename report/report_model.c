// SPDX-License-Identifier: MIT
/* From loaded results documents to the flat case list figures group and filter. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "report.h"

static void fill_case(struct sb_rcase *c, const struct sb_result_case *m, int run)
{
	const struct sb_raxis *ax = m->ax;
	c->m = m;
	c->run = run;
	c->label = m->label;
	c->method = ax[SB_AF_METHOD].s;
	c->preset = ax[SB_AF_PRESET].s;
	c->exec = ax[SB_AF_EXEC].s;
	c->mem_kind = ax[SB_AF_MEM_KIND].s;
	c->thp = ax[SB_AF_THP].s;
	c->ns_path = ax[SB_AF_NS_PATH].s;
	c->mem_bytes = ax[SB_AF_MEM].num;
	c->rss_bytes = m->rss_bytes;
	c->stack_bytes = ax[SB_AF_STACK].num;
	c->vmas = (int)ax[SB_AF_VMAS].num;
	c->stack_touch = (int)ax[SB_AF_STACK_TOUCH].num;
	c->concurrency = (int)ax[SB_AF_CONCURRENCY].num;
	c->probe_level = ax[SB_AF_PROBE].s;
	c->counting = (int)ax[SB_AF_COUNT].num;
	c->child_writes = (int)ax[SB_AF_CHILD_WRITES].num;
	c->ok = m->status == SB_ST_OK;
	snprintf(c->ns, sizeof(c->ns), "%s", ax[SB_AF_NS].s);
	snprintf(c->flags, sizeof(c->flags), "%s", m->flags_no_ns);
}

int sb_report_add_run(struct sb_report *r, const char *path, char *err, size_t errlen)
{
	struct sb_rrun *run = &r->runs[r->nruns];
	size_t usable = 0;
	if (r->nruns >= SB_REPORT_MAX_FILES) {
		snprintf(err, errlen, "more than %d results files", SB_REPORT_MAX_FILES);
		return -1;
	}
	if (sb_results_read(&run->res, path, err, errlen))
		return -1;
	run->path = path;
	r->nruns++;
	for (size_t k = 0; k < run->res.ncases; k++)
		usable += sb_rcase_usable(&run->res.cases[k]);
	if (!usable) {
		snprintf(err, errlen, "%s: no usable cases (%zu cases, none with status ok and samples)", path,
			 run->res.ncases);
		return -1;
	}
	return 0;
}

int sb_report_build(struct sb_report *r, char *err, size_t errlen)
{
	size_t total = 0;
	for (size_t i = 0; i < r->nruns; i++)
		total += r->runs[i].res.ncases;
	r->cases = calloc(total ? total : 1, sizeof(*r->cases));
	if (!r->cases) {
		snprintf(err, errlen, "out of memory");
		return -1;
	}
	for (size_t i = 0; i < r->nruns; i++) {
		struct sb_rrun *run = &r->runs[i];
		for (size_t k = 0; k < run->res.ncases; k++)
			if (!run->dropped || !run->dropped[k])
				fill_case(&r->cases[r->ncases++], &run->res.cases[k], (int)i);
		const char *base = strrchr(run->path, '/');
		base = base ? base + 1 : run->path;
		snprintf(run->name, sizeof(run->name), "%s", base);
		size_t l = strlen(run->name);
		if (l > 5 && !strcmp(run->name + l - 5, ".json"))
			run->name[l - 5] = 0;
		snprintf(run->when, sizeof(run->when), "%s", run->res.created);
		snprintf(run->commit, sizeof(run->commit), "%s", run->res.git_commit);
	}
	return 0;
}

void sb_report_free(struct sb_report *r)
{
	for (size_t i = 0; i < r->nruns; i++) {
		sb_results_free(&r->runs[i].res);
		free(r->runs[i].dropped);
		r->runs[i].dropped = NULL;
	}
	free(r->cases);
	r->cases = NULL;
	r->nruns = r->ncases = 0;
}

void sb_case_ident(const struct sb_rcase *c, unsigned skip, char *buf, size_t len)
{
	/* Every axis of the table, so an axis added there splits lines without being named here. */
	size_t o = (size_t)snprintf(buf, len, "%d", c->run);
	for (int a = 0; a < SB_N_AXIS_FIELDS && o < len; a++) {
		/* Namespace flags belong to the ns axis: skipping it must not leave them in the flags. */
		const char *v = a == SB_AF_FLAGS ? c->m->flags_no_ns : c->m->ax[a].s;
		o += (size_t)snprintf(buf + o, len - o, "|%s", (skip & (1u << a)) ? "*" : v);
	}
}

/* Whether a label token belongs to a skipped axis: it starts with the axis's label token (axis_fields.h);
 * a token without '=' ("x" of x4) must be followed by digits only. */
static int token_of(const char *tok, size_t n, unsigned skip)
{
	for (int a = 0; a < SB_N_AXIS_FIELDS; a++) {
		const char *l = sb_axis_fields[a].label;
		size_t ll = l ? strlen(l) : 0;
		if (!(skip & (1u << a)) || !l || n <= ll || strncmp(tok, l, ll))
			continue;
		if (l[ll - 1] == '=' || strspn(tok + ll, "0123456789") == n - ll)
			return 1;
	}
	return 0;
}

void sb_case_group_label(const struct sb_rcase *c, unsigned skip, char *buf, size_t len)
{
	size_t o = 0;
	const char *p = c->label;
	buf[0] = 0;
	while (*p) {
		size_t n = strcspn(p, " ");
		if (n && !token_of(p, n, skip) && o + n + 2 < len) {
			if (o)
				buf[o++] = ' ';
			memcpy(buf + o, p, n);
			o += n;
			buf[o] = 0;
		}
		p += n;
		p += strspn(p, " ");
	}
	/* The stack token carried "(touched)"; keep that distinction when the token goes. */
	if ((skip & SB_AX_STACK) && c->stack_touch && o + 9 < len)
		snprintf(buf + o, len - o, " touched");
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return (x > y) - (x < y);
}

double *sb_case_samples(const struct sb_rcase *c, const char *metric, size_t *n, int sorted)
{
	const struct sb_rmetric *m = sb_rcase_metric_named(c->m, metric);
	*n = 0;
	if (!m || !m->n)
		return NULL;
	double *d = malloc(m->n * sizeof(*d));
	if (!d)
		return NULL;
	memcpy(d, m->v, m->n * sizeof(*d));
	if (sorted)
		qsort(d, m->n, sizeof(*d), cmp_double);
	*n = m->n;
	return d;
}

double sb_rstat(const struct sb_rcase *c, const char *metric, enum sb_stat_field f)
{
	return sb_rcase_stat(c->m, metric, f);
}

const char *sb_metric_words(const char *metric)
{
	int m = sb_metric_by_name(metric);
	return m < 0 ? metric : sb_metric_about[m];
}

void sb_fig_name(const struct sb_report *r, struct sb_fig *f, const char *stem, int run)
{
	f->run = run;
	if (run >= 0 && r->nruns > 1)
		snprintf(f->name, sizeof(f->name), "%s-r%d", stem, run + 1);
	else
		snprintf(f->name, sizeof(f->name), "%s", stem);
}
