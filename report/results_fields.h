/* SPDX-License-Identifier: MIT */
/*
 * Typed fields of a results document for the model's readers (results_model_probe.c,
 * results_model_counters.c, results_model_run.c): each accessor reads one member of an object and
 * refuses a value of the wrong type with "WHERE: PREFIX.KEY is not a number", so a reader states a part's
 * layout as a list of calls and never meets a value it did not check (PREFIX "" for a top-level member).
 * An absent member, or a JSON null, reads as absent: NULL for strings and objects, NAN for numbers, 0 for
 * flags. Each returns 0, or -1 with the message in the context's err.
 */
#ifndef SB_RESULTS_FIELDS_H
#define SB_RESULTS_FIELDS_H
#include <jansson.h>
#include <stdarg.h>
#include <stddef.h>

#include "results_model.h"

struct sb_fctx {
	const char *where; /* "PATH: case N (LABEL)", or the path for the header */
	char *err;
	size_t errlen;
};

int sb_fail(const struct sb_fctx *x, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
int sb_failv(const struct sb_fctx *x, const char *fmt, va_list ap) __attribute__((format(printf, 2, 0)));
int sb_field_str(const struct sb_fctx *x, const json_t *o, const char *pre, const char *key, const char **out);
int sb_field_num(const struct sb_fctx *x, const json_t *o, const char *pre, const char *key, double *out);
int sb_field_bool(const struct sb_fctx *x, const json_t *o, const char *pre, const char *key, int *out);
int sb_field_object(const struct sb_fctx *x, const json_t *o, const char *pre, const char *key, const json_t **out);
int sb_field_array(const struct sb_fctx *x, const json_t *o, const char *pre, const char *key, const json_t **out);
/* An array of numbers (field names it in messages) into *v (malloc'd; NULL when empty), *n. */
int sb_field_numbers(const struct sb_fctx *x, const json_t *arr, const char *field, double **v, size_t *n);
/* A statistics object: every member a number; the known ones into out (sb_stats_read). NULL reads as none. */
int sb_field_stats(const struct sb_fctx *x, const json_t *st, const char *field, struct sb_rstats *out);

#endif
