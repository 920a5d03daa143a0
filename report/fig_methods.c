// SPDX-License-Identifier: MIT
/*
 * Figure 2: the methods side by side at one parent size (the smallest measured), each exec mode, no
 * namespaces, one spawner, default stack. Sorted by median so the ranking reads top to bottom.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "fig_hbar.h"
#include "report_group.h"

/* The default child stack of the driver: other sizes belong to figure 6. */
#define DEFAULT_STACK (64 * 1024)

static int keep(const struct sb_report *r, const struct sb_rcase *c)
{
	return sb_case_has_metric(r, c) && !c->ns[0] && c->concurrency == 1 && !c->stack_touch &&
	       (c->stack_bytes == 0 || c->stack_bytes == DEFAULT_STACK);
}

static int by_median(const void *a, const void *b)
{
	const struct sb_hbar *x = a, *y = b;
	return (x->med > y->med) - (x->med < y->med);
}

static int draw_run(struct sb_report *r, int run, int *drawn)
{
	double mem = INFINITY;
	size_t n = 0, methods = 0;
	for (size_t i = 0; i < r->ncases; i++)
		if (r->cases[i].run == run && keep(r, &r->cases[i]))
			mem = fmin(mem, r->cases[i].mem_bytes);
	if (r->methods_mem >= 0)
		mem = r->methods_mem;
	struct sb_hbar *b = calloc(r->ncases + 1, sizeof(*b));
	const char *seen[16];
	if (!b) {
		snprintf(r->err, sizeof(r->err), "out of memory");
		return -1;
	}
	for (size_t i = 0; i < r->ncases; i++) {
		const struct sb_rcase *c = &r->cases[i];
		if (c->run != run || !keep(r, c) || c->mem_bytes != mem)
			continue;
		size_t k;
		for (k = 0; k < methods && strcmp(seen[k], c->method); k++)
			;
		if (k == methods && methods < 16)
			seen[methods++] = c->method;
		snprintf(b[n].label, sizeof(b[n].label), "%s", c->label);
		b[n].med = sb_rstat(c, r->metric, SB_SF_MEDIAN);
		b[n].lo = sb_rstat(c, r->metric, SB_SF_CI95_LOW);
		b[n].hi = sb_rstat(c, r->metric, SB_SF_CI95_HIGH);
		/* Colour tells the exec modes apart: spawning a program and spawning a copy differ in kind. */
		b[n].series = strcmp(c->exec, "none") ? 1 : 0;
		n++;
	}
	int rc = 0;
	if (methods >= 2) {
		struct sb_fig *fig = sb_report_add_fig(r);
		char size[32], title[200];
		if (!fig) {
			free(b);
			return -1;
		}
		qsort(b, n, sizeof(*b), by_median);
		sb_fig_name(r, fig, "fig2-methods", run);
		sb_fmt_bytes(mem, size, sizeof(size));
		snprintf(title, sizeof(title), "spawn methods, %s%s%s%s", mem ? size : "no added parent memory",
			 mem ? " of parent memory" : "",
			 r->nruns > 1 ? ": " : "", r->nruns > 1 ? r->runs[run].name : "");
		static const char *const series[] = { "no exec (child exits)", "with exec" };
		char xl[64];
		snprintf(xl, sizeof(xl), "median %.*s latency", (int)strcspn(r->metric, "_"), r->metric);
		snprintf(fig->title, sizeof(fig->title), "Spawn methods side by side%s%s",
			 r->nruns > 1 ? ": " : "", r->nruns > 1 ? r->runs[run].name : "");
		snprintf(fig->caption, sizeof(fig->caption),
			 "Median %s of every method and preset measured with %s%s, without "
			 "namespaces, with one spawner and the default child stack; whiskers are the 95%% confidence "
			 "interval of the median. Colour separates cases that exec a program from those whose child "
			 "exits at once.", sb_metric_words(r->metric), mem ? size : "no added parent memory",
			 mem ? " of touched parent memory" : "");
		rc = sb_hbar_draw(r, fig, b, n, xl, title, series, 2, 0);
		(*drawn)++;
	}
	free(b);
	return rc;
}

int sb_fig_methods(struct sb_report *r)
{
	int drawn = 0;
	for (size_t run = 0; run < r->nruns; run++)
		if (draw_run(r, (int)run, &drawn))
			return -1;
	if (!drawn && r->methods_mem >= 0) {
		char size[32];
		sb_fmt_bytes(r->methods_mem, size, sizeof(size));
		sb_report_omit(r, "Figure 2 (methods side by side)",
			       "no run measured two or more methods with %s of parent memory (--methods-mem)", size);
	} else if (!drawn) {
		sb_report_omit(r, "Figure 2 (methods side by side)",
			       "no run measured two or more methods at the same parent size without namespaces");
	}
	return 0;
}
