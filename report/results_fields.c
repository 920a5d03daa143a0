// SPDX-License-Identifier: MIT
/* Typed fields of a results document, refused by name when of the wrong type (results_fields.h). */
#include "results_fields.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

int sb_failv(const struct sb_fctx *x, const char *fmt, va_list ap)
{
	char what[256];
	vsnprintf(what, sizeof(what), fmt, ap);
	snprintf(x->err, x->errlen, "%s: %s", x->where, what);
	return -1;
}

int sb_fail(const struct sb_fctx *x, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	sb_failv(x, fmt, ap);
	va_end(ap);
	return -1;
}

/* The member, or NULL when absent or null. */
static const json_t *member(const json_t *o, const char *key)
{
	const json_t *v = json_object_get(o, key);
	return json_is_null(v) ? NULL : v;
}

int sb_field_str(const struct sb_fctx *x, const json_t *o, const char *pre, const char *key, const char **out)
{
	const json_t *v = member(o, key);
	*out = NULL;
	if (v && !json_is_string(v))
		return sb_fail(x, "%.120s%s%.60s is not a string", pre, *pre ? "." : "", key);
	*out = json_string_value(v);
	return 0;
}

int sb_field_num(const struct sb_fctx *x, const json_t *o, const char *pre, const char *key, double *out)
{
	const json_t *v = member(o, key);
	*out = NAN;
	if (v && !json_is_number(v))
		return sb_fail(x, "%.120s%s%.60s is not a number", pre, *pre ? "." : "", key);
	if (v)
		*out = json_number_value(v);
	return 0;
}

int sb_field_bool(const struct sb_fctx *x, const json_t *o, const char *pre, const char *key, int *out)
{
	const json_t *v = member(o, key);
	*out = 0;
	if (v && !json_is_boolean(v))
		return sb_fail(x, "%.120s%s%.60s is not true or false", pre, *pre ? "." : "", key);
	*out = json_is_true(v);
	return 0;
}

int sb_field_object(const struct sb_fctx *x, const json_t *o, const char *pre, const char *key, const json_t **out)
{
	const json_t *v = member(o, key);
	*out = NULL;
	if (v && !json_is_object(v))
		return sb_fail(x, "%.120s%s%.60s is not an object", pre, *pre ? "." : "", key);
	*out = v;
	return 0;
}

int sb_field_array(const struct sb_fctx *x, const json_t *o, const char *pre, const char *key, const json_t **out)
{
	const json_t *v = member(o, key);
	*out = NULL;
	if (v && !json_is_array(v))
		return sb_fail(x, "%.120s%s%.60s is not an array", pre, *pre ? "." : "", key);
	*out = v;
	return 0;
}

int sb_field_numbers(const struct sb_fctx *x, const json_t *arr, const char *field, double **v, size_t *n)
{
	size_t len = json_array_size(arr);
	*v = NULL;
	*n = 0;
	if (!json_is_array(arr))
		return sb_fail(x, "%.160s is not an array", field);
	if (!len)
		return 0;
	/* One pass: probe files hold a value per spawn and phase, and this is on the read path of each. */
	double *out = malloc(len * sizeof(*out));
	if (!out)
		return sb_fail(x, "out of memory");
	for (size_t i = 0; i < len; i++) {
		const json_t *e = json_array_get(arr, i);
		if (json_is_integer(e))
			out[i] = (double)json_integer_value(e);
		else if (json_is_real(e))
			out[i] = json_real_value(e);
		else {
			free(out);
			return sb_fail(x, "%.160s[%zu] is not a number", field, i);
		}
	}
	*v = out;
	*n = len;
	return 0;
}

int sb_field_stats(const struct sb_fctx *x, const json_t *st, const char *field, struct sb_rstats *out)
{
	const char *name;
	const json_t *v;
	*out = (struct sb_rstats){ 0 };
	if (!st || json_is_null(st))
		return 0;
	if (!json_is_object(st))
		return sb_fail(x, "%.160s is not an object", field);
	json_object_foreach((json_t *)st, name, v)
		if (!json_is_number(v))
			return sb_fail(x, "%.160s.%.40s is not a number", field, name);
	out->have = sb_stats_read(st, &out->st);
	return 0;
}
