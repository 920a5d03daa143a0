// SPDX-License-Identifier: MIT
/* Samples and statistics of a results file checked on read (results_check.h). */
#include "results_check.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int sb_is_duration(const char *metric)
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

static const char *bad_number(double x, int rate)
{
	if (rate)
		return !isfinite(x) || x <= 0 ? "is not a positive rate" : NULL;
	return bad_duration(x);
}

int sb_check_numbers(const double *x, size_t n, int rate, const char *metric, const char *where, char *err,
		     size_t errlen)
{
	for (size_t i = 0; i < n; i++) {
		const char *why = bad_number(x[i], rate);
		if (why) {
			snprintf(err, errlen, "%s: %s.%.40s[%zu] = %g %s", where, rate ? "throughput" : "samples", metric, i,
				 x[i], why);
			return -1;
		}
	}
	return 0;
}

int sb_check_values(const json_t *arr, int rate, const char *metric, const char *where, double **out, size_t *n,
		    char *err, size_t errlen)
{
	size_t len = json_array_size(arr), i;
	json_t *v;
	double *x = calloc(len ? len : 1, sizeof(*x));
	*out = NULL;
	*n = 0;
	if (!x) {
		snprintf(err, errlen, "%s: out of memory", where);
		return -1;
	}
	json_array_foreach(arr, i, v) {
		if (!json_is_number(v)) {
			snprintf(err, errlen, "%s: %s.%.40s[%zu] is not a number", where, rate ? "throughput" : "samples",
				 metric, i);
			free(x);
			return -1;
		}
		x[i] = json_number_value(v);
	}
	if (!len || sb_check_numbers(x, len, rate, metric, where, err, errlen)) {
		free(x);
		return len ? -1 : 0;
	}
	*out = x;
	*n = len;
	return 0;
}

int sb_check_stats(const json_t *st, const char *metric, const char *where, char *err, size_t errlen)
{
	const char *field;
	json_t *v;
	if (!json_is_object(st)) {
		snprintf(err, errlen, "%s: stats.%.40s is not an object", where, metric);
		return -1;
	}
	json_object_foreach((json_t *)st, field, v) {
		if (!json_is_number(v) || !isfinite(json_number_value(v))) {
			snprintf(err, errlen, "%s: stats.%.40s.%.40s is not a finite number", where, metric, field);
			return -1;
		}
	}
	return 0;
}
