// SPDX-License-Identifier: MIT
/* What every export walks over: the ok cases of a pool and the metrics asked for. */
#include <string.h>

#include "export_formats.h"

static int is_all(const struct sb_export_opts *o)
{
	return o->nmetrics == 1 && !strcmp(o->metrics[0], "all");
}

int sb_export_each(const struct sb_pool *p, const struct sb_export_opts *o, sb_export_fn fn, void *ctx)
{
	for (size_t i = 0; i < p->ncases; i++) {
		const struct sb_pool_case *c = &p->cases[i];
		if (c->status != SB_ST_OK)
			continue; /* skipped and failed cases have nothing to export */
		if (is_all(o)) {
			for (size_t m = 0; m < c->nmetrics; m++)
				if (c->metrics[m].n && fn(c, c->metrics[m].name, c->metrics[m].v, c->metrics[m].n, ctx))
					return -1;
			continue;
		}
		for (size_t m = 0; m < o->nmetrics; m++) {
			size_t n;
			const double *v = sb_pool_samples(c, o->metrics[m], &n);
			if (v && fn(c, o->metrics[m], v, n, ctx))
				return -1;
		}
	}
	return 0;
}

const char *sb_export_name(const struct sb_pool *p, const struct sb_pool_case *c)
{
	for (size_t i = 0; i < p->ncases; i++)
		if (&p->cases[i] != c && !strcmp(p->cases[i].label, c->label))
			return c->key;
	return c->label;
}
