// SPDX-License-Identifier: MIT
/* The adaptive warm-up (steady state) and the stage-sample quota; see steady.h for the rules. */
#include "steady.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "mann_whitney.h"
#include "methods_table.h"
#include "stats.h"
#include "warnings.h"

enum { MIN_SERIES = 30, MAX_EXTENSIONS = 3 };
#define STEADY_ALPHA 0.01
#define STEADY_SHIFT 0.10
#define STAGE_BUDGET_S 10.0

static double median_of(const double *v, size_t n)
{
	struct sb_stats s;
	return sb_stats_compute(v, n, &s) ? NAN : s.median;
}

int sb_series_moves(const double *v, size_t n, double *p_out, double *shift_out)
{
	size_t third = n / 3;
	*p_out = 1;
	*shift_out = 0;
	if (n < MIN_SERIES)
		return 0;
	double ma = median_of(v, third), mb = median_of(v + n - third, third);
	*p_out = sb_mann_whitney_p(v, third, v + n - third, third);
	*shift_out = mb > 0 ? ma / mb - 1 : 0;
	return *p_out < STEADY_ALPHA && fabs(*shift_out) > STEADY_SHIFT;
}

/* The metric's values in spawn order, and the sample index of each. */
static size_t series(const struct sb_case *c, int metric, double *v, size_t *at)
{
	size_t n = 0;
	for (size_t i = 0; i < c->n_samples; i++) {
		if (!(c->samples[i].valid & (1u << metric)))
			continue;
		at[n] = i;
		v[n++] = (double)c->samples[i].m[metric];
	}
	return n;
}

const char *sb_steady_gate(const struct sb_run_config *cfg, struct sb_case *c, const char *stop)
{
	double *v = malloc((c->n_samples + 1) * sizeof(*v));
	size_t *at = malloc((c->n_samples + 1) * sizeof(*at));
	double p, shift;
	if (!v || !at)
		goto out;
	size_t n = series(c, cfg->stop_metric, v, at);
	if (!sb_series_moves(v, n, &p, &shift))
		goto out;
	size_t drop = at[n / 3];   /* every sample before the first one of the second third */
	/* The cap: three extensions, and no more extra spawns than the case measures (a stages case may measure more). */
	size_t cap = c->n_samples > cfg->iterations ? c->n_samples : cfg->iterations;
	/*
	 * A probed case's kernel data is joined spawn by spawn as batches arrive and cannot be taken back:
	 * dropping the driver's samples alone would make the two disagree, so such a case is only warned about.
	 */
	int can_extend = strcmp(stop, "max-time") && strcmp(stop, "interrupted") && c->probe_level == SB_PROBE_OFF &&
			 c->steady_checks < MAX_EXTENSIONS && c->warmup_dropped + drop <= cap;
	if (!can_extend) {
		sb_case_warn(c, "not-steady", "the median of the first third of the %s samples is %.3gx the last "
			     "third's (U test p = %.2g) after %zu spawns of extra warm-up: the series never settled",
			     sb_metric_short[cfg->stop_metric], 1 + shift, p, c->warmup_dropped);
		goto out;
	}
	memmove(c->samples, c->samples + drop, (c->n_samples - drop) * sizeof(*c->samples));
	c->n_samples -= drop;
	c->warmup_dropped += drop;
	c->steady_checks++;
	stop = NULL;
out:
	free(v);
	free(at);
	return stop;
}

const char *sb_stage_quota_gate(const struct sb_run_config *cfg, struct sb_case *c, struct sb_probe_session *probe,
				size_t index, const char *stop, double measured_s)
{
	if (!probe || c->probe_level != SB_PROBE_STAGES || !cfg->stage_samples)
		return stop;
	c->stage_samples = sb_probe_case_stage_samples(probe, index);
	double budget = cfg->max_time_s > 0 ? cfg->max_time_s : STAGE_BUDGET_S;
	if (c->stage_samples >= cfg->stage_samples)
		return stop;
	if (measured_s < budget && strcmp(stop, "interrupted"))
		return NULL;
	sb_case_warn(c, "few-stage-samples", "%llu samples fell inside copy_process, fewer than the %u asked for "
		     "(--stage-samples) in %.1f s of spawning: the stage shares are not shown",
		     (unsigned long long)c->stage_samples, cfg->stage_samples, measured_s);
	return stop;
}
