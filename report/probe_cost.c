// SPDX-License-Identifier: MIT
/*
 * "What the probes cost": for a run made with a --probe list (off,phases,stages), each probed case
 * against the same case with probes off. Both ran in the same run, by the same workers, batches
 * interleaved, so the ratio of their medians is the probes' effect; its bootstrap CI says how sure.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "compare_stats.h"
#include "probe_cost.h"

/* The key without its trailing ";probe=LEVEL", or NULL when the case is not on a probe-level axis. */
static const char *base_key(const struct sb_rcase *c, size_t *len)
{
	const char *key = c->m->key_given ? c->m->key : NULL, *p = key ? strstr(key, ";probe=") : NULL;

	if (!p || strchr(p + 1, ';'))
		return NULL;
	*len = (size_t)(p - key);
	return key;
}

static const struct sb_rcase *off_twin(const struct sb_report *r, const struct sb_rcase *c)
{
	size_t len, l2;
	const char *key = base_key(c, &len);

	for (size_t i = 0; key && i < r->ncases; i++) {
		const struct sb_rcase *o = &r->cases[i];
		const char *k2 = base_key(o, &l2);

		if (o->run == c->run && o->ok && k2 && l2 == len && !strncmp(key, k2, len) &&
		    o->m->ax[SB_AF_PROBE].given && !strcmp(o->probe_level, "off"))
			return o;
	}
	return NULL;
}

/* "+3.1% [+2.8%, +3.4%]" for one metric, or "" when either side lacks it. */
static void change(const struct sb_rcase *off, const struct sb_rcase *c, const char *metric, char *buf,
		   size_t len)
{
	size_t na, nb;
	double *a = sb_case_samples(off, metric, &na, 0), *b = sb_case_samples(c, metric, &nb, 0);
	double lo, hi, ma = sb_rstat(off, metric, SB_SF_MEDIAN), mb = sb_rstat(c, metric, SB_SF_MEDIAN);

	buf[0] = 0;
	if (a && b && ma > 0 && isfinite(mb) &&
	    !sb_bootstrap_ratio_ci(a, na, b, nb, SB_COMPARE_BOOTSTRAP, 1, 0.95, &lo, &hi))
		snprintf(buf, len, "%+.1f%% [%+.1f%%, %+.1f%%]", 100 * (mb / ma - 1), 100 * (lo - 1), 100 * (hi - 1));
	free(a);
	free(b);
}

int sb_probe_cost_table(FILE *f, const struct sb_page_ops *o, const struct sb_report *r, size_t run)
{
	int rows = 0;

	for (size_t i = 0; i < r->ncases; i++) {
		const struct sb_rcase *c = &r->cases[i], *off;
		const char *level = c->probe_level;
		char name[160], base[32], med[32], create[64], total[64];

		if (c->run != (int)run || !c->ok || !strcmp(level, "off") || !(off = off_twin(r, c)))
			continue;
		if (!rows++) {
			const char *head[] = { "case", "probes", "create off (us)", "create probed (us)",
					       "create change [95% CI]", "total change [95% CI]" };
			o->table_begin(f, head, "llrrrr", 6);
		}
		snprintf(name, sizeof(name), "%s", off->label);
		if (strstr(name, " probe="))
			*strstr(name, " probe=") = 0;
		snprintf(base, sizeof(base), "%.1f", sb_rstat(off, sb_metric_names[SB_MET_CREATE], SB_SF_MEDIAN) / 1e3);
		snprintf(med, sizeof(med), "%.1f", sb_rstat(c, sb_metric_names[SB_MET_CREATE], SB_SF_MEDIAN) / 1e3);
		change(off, c, sb_metric_names[SB_MET_CREATE], create, sizeof(create));
		change(off, c, sb_metric_names[SB_MET_TOTAL], total, sizeof(total));
		const char *cells[] = { name, level, base, med, create, total };
		o->table_row(f, cells, 6);
	}
	if (rows)
		o->table_end(f);
	return rows;
}
