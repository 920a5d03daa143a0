// SPDX-License-Identifier: MIT
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "case_match.h"

const char *sb_case_key(const struct sb_rcase *c)
{
	return c->m->key;
}

const struct sb_rcase *sb_case_in_run(const struct sb_report *r, int run, const char *key)
{
	for (size_t i = 0; i < r->ncases; i++) {
		const struct sb_rcase *c = &r->cases[i];
		if (c->run == run && c->ok && !strcmp(sb_case_key(c), key) &&
		    isfinite(sb_rstat(c, r->metric, SB_SF_MEDIAN)))
			return c;
	}
	return NULL;
}

int sb_case_verdict(const struct sb_report *r, const struct sb_rcase *base, const struct sb_rcase *c,
		    struct sb_verdict *v)
{
	size_t nb, nn;
	double *b = sb_case_samples(base, r->metric, &nb, 0), *n = sb_case_samples(c, r->metric, &nn, 0);
	int rc = (b && n) ? sb_compare_metric(b, nb, n, nn, SB_MATCH_THRESHOLD, SB_MATCH_ALPHA, v) : -1;
	free(b);
	free(n);
	return rc;
}
