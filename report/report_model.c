// SPDX-License-Identifier: MIT
/* From loaded results documents to the flat case list figures group and filter. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "report.h"
#include "results_read.h"

static void join_strings(const json_t *arr, int skip_ns_flags, char *buf, size_t len)
{
	size_t i, o = 0;
	json_t *v;
	buf[0] = 0;
	json_array_foreach(arr, i, v) {
		const char *s = json_string_value(v);
		/* Namespace flags (newpid, newnet, ...) are an axis of their own. */
		if (!s || (skip_ns_flags && !strncmp(s, "new", 3)))
			continue;
		int n = snprintf(buf + o, len - o, "%s%s", o ? "+" : "", s);
		if (n < 0 || (size_t)n >= len - o)
			break;
		o += (size_t)n;
	}
}

static void fill_case(struct sb_rcase *c, json_t *j, int run)
{
	c->j = j;
	c->run = run;
	c->label = sb_json_str(j, "label", sb_json_str(j, "key", "?"));
	c->method = sb_json_str(j, "method", "?");
	c->preset = sb_json_str(j, "preset", "none");
	c->exec = sb_json_str(j, "exec", "none");
	c->mem_kind = sb_json_str(j, "mem_kind", "anon");
	c->thp = sb_json_str(j, "thp", "off");
	c->ns_path = sb_json_str(j, "ns_path", "clone");
	c->mem_bytes = sb_json_num(j, "mem_bytes", 0);
	c->rss_bytes = sb_json_num(json_object_get(j, "spawner"), "vm_rss_bytes", NAN);
	c->stack_bytes = sb_json_num(j, "stack_bytes", 0);
	c->vmas = (int)sb_json_num(j, "vmas", 1);
	c->stack_touch = json_is_true(json_object_get(j, "stack_touch"));
	c->concurrency = (int)sb_json_num(j, "concurrency", 1);
	c->probe_level = sb_json_str(j, "probe_level", "off");
	c->counting = json_is_true(json_object_get(j, "counting"));
	c->child_writes = json_is_true(json_object_get(j, "child_writes"));
	c->ok = !strcmp(sb_json_str(j, "status", ""), sb_status_name(SB_ST_OK));
	join_strings(json_object_get(j, "namespaces"), 0, c->ns, sizeof(c->ns));
	join_strings(json_object_get(j, "flags"), 1, c->flags, sizeof(c->flags));
}

int sb_report_build(struct sb_report *r, char *err, size_t errlen)
{
	size_t total = 0;
	for (size_t i = 0; i < r->nruns; i++)
		total += json_array_size(json_object_get(r->runs[i].doc, "cases"));
	r->cases = calloc(total ? total : 1, sizeof(*r->cases));
	if (!r->cases) {
		snprintf(err, errlen, "out of memory");
		return -1;
	}
	for (size_t i = 0; i < r->nruns; i++) {
		struct sb_rrun *run = &r->runs[i];
		size_t k;
		json_t *c;
		json_array_foreach(json_object_get(run->doc, "cases"), k, c) {
			if (json_is_object(c))
				fill_case(&r->cases[r->ncases++], c, (int)i);
		}
		const char *base = strrchr(run->path, '/');
		base = base ? base + 1 : run->path;
		snprintf(run->name, sizeof(run->name), "%s", base);
		size_t l = strlen(run->name);
		if (l > 5 && !strcmp(run->name + l - 5, ".json"))
			run->name[l - 5] = 0;
		snprintf(run->when, sizeof(run->when), "%s", sb_json_str(run->doc, "created", ""));
		snprintf(run->commit, sizeof(run->commit), "%s",
			 sb_json_str(json_object_get(run->doc, "tool"), "git_commit", "unknown"));
	}
	return 0;
}

void sb_report_free(struct sb_report *r)
{
	for (size_t i = 0; i < r->nruns; i++)
		json_decref(r->runs[i].doc);
	free(r->cases);
	r->cases = NULL;
	r->nruns = r->ncases = 0;
}

void sb_case_ident(const struct sb_rcase *c, unsigned skip, char *buf, size_t len)
{
	char mem[32] = "*", stack[32], conc[16] = "*";
	/* Touched and untouched stacks are different lines of the stack sweep, never one. */
	snprintf(stack, sizeof(stack), "*/%d", c->stack_touch);
	if (!(skip & SB_AX_MEM))
		snprintf(mem, sizeof(mem), "%.0f", c->mem_bytes);
	if (!(skip & SB_AX_STACK))
		snprintf(stack, sizeof(stack), "%.0f/%d", c->stack_bytes, c->stack_touch);
	if (!(skip & SB_AX_CONC))
		snprintf(conc, sizeof(conc), "%d", c->concurrency);
	snprintf(buf, len, "%d|%s|%s|%s|%s|%s|%s|%d|%s|%s|%s|%s|%s|%s|%d|%d", c->run, c->method, c->preset,
		 c->flags, c->exec, mem, c->mem_kind, (skip & SB_AX_VMAS) ? -1 : c->vmas, c->thp, stack, (skip & SB_AX_NS) ? "*" : c->ns,
		 c->ns_path, conc, c->probe_level, c->counting, c->child_writes);
}

/* Label tokens that belong to each axis, as the driver writes them. */
static int token_of(const char *tok, size_t n, unsigned skip)
{
	if ((skip & SB_AX_MEM) && n > 4 && !strncmp(tok, "mem=", 4))
		return 1;
	if ((skip & SB_AX_STACK) && n > 6 && !strncmp(tok, "stack=", 6))
		return 1;
	if ((skip & SB_AX_NS) && n > 3 && !strncmp(tok, "ns=", 3))
		return 1;
	if ((skip & SB_AX_VMAS) && n > 5 && !strncmp(tok, "vmas=", 5))
		return 1;
	if ((skip & SB_AX_CONC) && n > 1 && tok[0] == 'x' && strspn(tok + 1, "0123456789") == n - 1)
		return 1;
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
	json_t *arr = json_object_get(json_object_get(c->j, "samples"), metric);
	size_t i, m = 0;
	json_t *v;
	*n = 0;
	if (!json_is_array(arr) || !json_array_size(arr))
		return NULL;
	double *d = malloc(json_array_size(arr) * sizeof(*d));
	if (!d)
		return NULL;
	json_array_foreach(arr, i, v) {
		if (json_is_number(v))
			d[m++] = json_number_value(v);
	}
	if (sorted)
		qsort(d, m, sizeof(*d), cmp_double);
	*n = m;
	return d;
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
