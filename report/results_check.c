// SPDX-License-Identifier: MIT
/* Samples and statistics of a results file checked on read; statistics recomputed from the samples. */
#include "results_check.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "stats.h"

static int is_duration(const char *metric)
{
	size_t l = strlen(metric);
	return l > 3 && !strcmp(metric + l - 3, "_ns");
}

/* One number of a duration metric: why it is not a duration in ns, or NULL. */
static const char *bad_duration(double x)
{
	if (!isfinite(x))
		return "is not finite";
	if (x < 0)
		return "is negative";
	if (x != floor(x))
		return "is not a whole number of nanoseconds";
	if (x > SB_SAMPLE_MAX_NS)
		return "is beyond 2^53 ns (104 days)";
	return NULL;
}

static const char *bad_rate(double x)
{
	return !isfinite(x) || x <= 0 ? "is not a positive rate" : NULL;
}

/*
 * obj.key = v, in the node already there when it is a number (a file's own statistics are mostly
 * rewritten with what they already said: updating them in place spares allocating and freeing a dozen
 * values per metric of every case). 0, or -1 out of memory.
 */
static int set_number(json_t *obj, const char *key, double v, int integer)
{
	json_t *at = json_object_get(obj, key);
	if (json_is_real(at) && !integer)
		return json_real_set(at, v);
	if (json_is_integer(at) && v == floor(v) && fabs(v) < 0x1p63)
		return json_integer_set(at, (json_int_t)v);
	return json_object_set_new(obj, key, integer ? json_integer((json_int_t)v) : json_real(v));
}

/* Put the statistics of x[0..n) in stats.<metric> of case c. 0, or -1 out of memory. */
static int put_stats(json_t *c, const char *metric, const double *x, size_t n)
{
	struct sb_stats s;
	if (!n || sb_stats_compute(x, n, &s))
		return 0;
	json_t *stats = json_object_get(c, "stats");
	if (!stats) {
		stats = json_object();
		if (!stats || json_object_set_new(c, "stats", stats))
			return -1;
	}
	json_t *m = json_object_get(stats, metric);
	if (!json_is_object(m) && (!(m = json_object()) || json_object_set_new(stats, metric, m)))
		return -1;
	/* The layout of a metric's statistics in a results file (docs/results-schema.md, "stats"). */
	const struct {
		const char *name;
		double v;
		int integer;
	} f[] = { { "n", (double)s.n, 1 },          { "min", s.min, 0 },       { "max", s.max, 0 },
		  { "median", s.median, 0 },        { "ci95_low", s.ci95_low, 0 }, { "ci95_high", s.ci95_high, 0 },
		  { "mean", s.mean, 0 },            { "stddev", s.stddev, 0 }, { "p90", s.p90, 0 },
		  { "p99", s.p99, 0 },              { "outliers", (double)s.outliers, 1 } };
	for (size_t i = 0; i < sizeof(f) / sizeof(f[0]); i++)
		if (set_number(m, f[i].name, f[i].v, f[i].integer))
			return -1;
	return 0;
}

/*
 * Check the numbers x[0..n) of one series (samples.<metric>, or throughput.spawns_per_s when rate is set:
 * positive rates, not durations) and put their statistics in stats.<metric>. 0, or -1 naming the field.
 */
static int check_numbers(json_t *c, const double *x, size_t n, const char *field, const char *metric, int rate,
			 const char *where, char *err, size_t errlen)
{
	for (size_t i = 0; i < n; i++) {
		const char *why = rate ? bad_rate(x[i]) : bad_duration(x[i]);
		if (why) {
			snprintf(err, errlen, "%s: %s.%.40s[%zu] = %g %s", where, field, rate ? "spawns_per_s" : metric, i,
				 x[i], why);
			return -1;
		}
	}
	if (put_stats(c, metric, x, n)) {
		snprintf(err, errlen, "%s: out of memory", where);
		return -1;
	}
	return 0;
}

/* The same for an array still in the document (a profile's, or one holding something else than numbers). */
static int check_array(json_t *c, json_t *arr, const char *field, const char *metric, int rate, const char *where,
		       char *err, size_t errlen)
{
	size_t n = json_array_size(arr), i;
	json_t *v;
	double *x = calloc(n ? n : 1, sizeof(*x));
	if (!x) {
		snprintf(err, errlen, "%s: out of memory", where);
		return -1;
	}
	json_array_foreach(arr, i, v) {
		if (!json_is_number(v)) {
			snprintf(err, errlen, "%s: %s.%.40s[%zu] is not a number", where, field, rate ? "spawns_per_s" : metric,
				 i);
			free(x);
			return -1;
		}
		x[i] = json_number_value(v);
	}
	int ret = check_numbers(c, x, n, field, metric, rate, where, err, errlen);
	free(x);
	return ret;
}

static int check_case(json_t *c, const struct sb_case_series *cs, const char *where, char *err, size_t errlen)
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
	for (size_t k = 0; cs && k < cs->n; k++)
		if (is_duration(cs->s[k].metric) &&
		    check_numbers(c, cs->s[k].v, cs->s[k].n, "samples", cs->s[k].metric, 0, where, err, errlen))
			return -1;
	json_object_foreach(samples, metric, m)
		if (is_duration(metric) && json_is_array(m) && check_array(c, m, "samples", metric, 0, where, err, errlen))
			return -1;
	json_t *rates = json_object_get(json_object_get(c, "throughput"), "spawns_per_s");
	if (json_is_array(rates) && check_array(c, rates, "throughput", "spawns_per_s", 1, where, err, errlen))
		return -1;
	return 0;
}

int sb_results_check(struct sb_parsed *p, const char *path, char *err, size_t errlen)
{
	size_t i;
	json_t *c;
	json_array_foreach(json_object_get(p->doc, "cases"), i, c) {
		if (!json_is_object(c))
			continue;
		char where[400];
		snprintf(where, sizeof(where), "%.200s: case %zu (%.120s)", path, i,
			 json_string_value(json_object_get(c, "label")) ? json_string_value(json_object_get(c, "label"))
									: "no label");
		if (check_case(c, i < p->n_cases ? &p->cases[i] : NULL, where, err, errlen))
			return -1;
	}
	return 0;
}
