// SPDX-License-Identifier: MIT
/* Samples and statistics of a results file checked on read; statistics recomputed from the samples. */
#include "results_check.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "stats.h"

/* The layout of a metric's statistics in a results file (docs/results-schema.md, "stats"). */
static json_t *stats_json(const struct sb_stats *s)
{
	return json_pack("{s:I, s:f, s:f, s:f, s:f, s:f, s:f, s:f, s:f, s:f, s:I}", "n", (json_int_t)s->n,
			 "min", s->min, "max", s->max, "median", s->median, "ci95_low", s->ci95_low,
			 "ci95_high", s->ci95_high, "mean", s->mean, "stddev", s->stddev, "p90", s->p90,
			 "p99", s->p99, "outliers", (json_int_t)s->outliers);
}

static int is_duration(const char *metric)
{
	size_t l = strlen(metric);
	return l > 3 && !strcmp(metric + l - 3, "_ns");
}

/* One sample: why it is not a duration in ns, or NULL. */
static const char *bad_sample(const json_t *v, double *x)
{
	if (!json_is_number(v))
		return "is not a number";
	*x = json_number_value(v);
	if (!isfinite(*x))
		return "is not finite";
	if (*x < 0)
		return "is negative";
	if (*x != floor(*x))
		return "is not a whole number of nanoseconds";
	if (*x > SB_SAMPLE_MAX_NS)
		return "is beyond 2^53 ns (104 days)";
	return NULL;
}

/*
 * Check the numbers of one array (samples.<metric>, or throughput.spawns_per_s when rate is set: positive
 * rates, not durations) and put their statistics in stats.<metric>. 0, or -1 naming the field.
 */
static int recompute(json_t *c, json_t *arr, const char *field, const char *metric, int rate, const char *where,
		     char *err, size_t errlen)
{
	size_t n = json_array_size(arr), i;
	json_t *v;
	double *x = malloc((n ? n : 1) * sizeof(*x));
	if (!x) {
		snprintf(err, errlen, "%s: out of memory", where);
		return -1;
	}
	json_array_foreach(arr, i, v) {
		const char *why = rate ? (!json_is_number(v) ? "is not a number" :
					  !isfinite(x[i] = json_number_value(v)) || x[i] <= 0 ? "is not a positive rate" : NULL)
				       : bad_sample(v, &x[i]);
		if (why) {
			char shown[48] = "";
			if (json_is_number(v))
				snprintf(shown, sizeof(shown), " = %g", json_number_value(v));
			snprintf(err, errlen, "%s: %s.%.40s[%zu]%s %s", where, field, rate ? "spawns_per_s" : metric, i,
				 shown, why);
			free(x);
			return -1;
		}
	}
	struct sb_stats s;
	if (n && !sb_stats_compute(x, n, &s)) {
		json_t *stats = json_object_get(c, "stats");
		if (!stats) {
			stats = json_object();
			json_object_set_new(c, "stats", stats);
		}
		json_object_set_new(stats, metric, stats_json(&s));
	}
	free(x);
	return 0;
}

static int check_case(json_t *c, const char *where, char *err, size_t errlen)
{
	json_t *samples = json_object_get(c, "samples"), *stats = json_object_get(c, "stats");
	if (stats && !json_is_object(stats)) {
		snprintf(err, errlen, "%s: \"stats\" is not an object", where);
		return -1;
	}
	const char *metric, *field;
	json_t *m, *v;
	json_object_foreach(stats, metric, m) {
		if (!json_is_object(m)) {
			snprintf(err, errlen, "%s: stats.%.40s is not an object", where, metric);
			return -1;
		}
		json_object_foreach(m, field, v) {
			if (!json_is_number(v) || !isfinite(json_number_value(v))) {
				snprintf(err, errlen, "%s: stats.%.40s.%.40s is not a finite number", where, metric, field);
				return -1;
			}
		}
	}
	json_object_foreach(samples, metric, m)
		if (is_duration(metric) && json_is_array(m) && recompute(c, m, "samples", metric, 0, where, err, errlen))
			return -1;
	json_t *rates = json_object_get(json_object_get(c, "throughput"), "spawns_per_s");
	if (json_is_array(rates) && recompute(c, rates, "throughput", "spawns_per_s", 1, where, err, errlen))
		return -1;
	return 0;
}

int sb_results_check(json_t *doc, const char *path, char *err, size_t errlen)
{
	size_t i;
	json_t *c;
	json_array_foreach(json_object_get(doc, "cases"), i, c) {
		if (!json_is_object(c))
			continue;
		char where[400];
		snprintf(where, sizeof(where), "%.200s: case %zu (%.120s)", path, i,
			 json_string_value(json_object_get(c, "label")) ? json_string_value(json_object_get(c, "label"))
									: "no label");
		if (check_case(c, where, err, errlen))
			return -1;
	}
	return 0;
}
