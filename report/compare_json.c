// SPDX-License-Identifier: MIT
/* JSON form of a comparison (schema "spawnbench-compare/1", described in docs/ci.md). */
#include "compare_output.h"
#include "compare_explain.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>


/* JSON has no NaN: a value that does not exist is left out, as in the results files. */
static void set_num(json_t *o, const char *k, double v)
{
	if (isfinite(v))
		json_object_set_new(o, k, json_real(v));
}

static json_t *side_json(const struct sb_pool *p)
{
	json_t *files = json_array();
	for (size_t i = 0; i < p->ndocs; i++)
		json_array_append_new(files, json_string(p->paths[i]));
	return json_pack("{s:o, s:s, s:s, s:s}", "files", files, "hostname", sb_pool_host(p, SB_H_HOSTNAME),
			 "kernel", sb_pool_host(p, SB_H_KERNEL), "cpu_model", sb_pool_host(p, SB_H_CPU_MODEL));
}

static json_t *row_json(const struct sb_cmp_row *r)
{
	json_t *b = json_pack("{s:I}", "n", (json_int_t)r->nb), *n = json_pack("{s:I}", "n", (json_int_t)r->nn);
	set_num(b, "median", r->base_median);
	set_num(n, "median", r->new_median);
	json_t *o = json_pack("{s:s, s:s, s:s, s:o, s:o, s:s}", "key", r->bc->key, "label", r->bc->label,
			      "metric", r->metric, "base", b, "new", n, "verdict",
			      r->compared ? sb_verdict_name(r->v.verdict) : "not compared");
	if (!o)
		return NULL;
	if (r->compared) {
		set_num(o, "ratio", r->v.ratio);
		set_num(o, "ratio_ci95_low", r->v.ratio_low);
		set_num(o, "ratio_ci95_high", r->v.ratio_high);
		set_num(o, "p_value", r->v.p_value);
	} else {
		json_object_set_new(o, "reason", json_string(r->why));
	}
	return o;
}

static json_t *case_list(const struct sb_pool_case *const *cases, size_t n)
{
	json_t *a = json_array();
	for (size_t i = 0; i < n; i++)
		json_array_append_new(a, json_pack("{s:s, s:s}", "key", cases[i]->key, "label", cases[i]->label));
	return a;
}

json_t *sb_cmp_to_json(const struct sb_cmp *c)
{
	json_t *rows = json_array(), *notes = json_array();
	for (size_t i = 0; i < c->nrows; i++) {
		json_t *r = row_json(&c->rows[i]);
		sb_cmp_explain_json(c, &c->rows[i], r);
		json_array_append_new(rows, r);
	}
	for (size_t i = 0; i < c->nnotes; i++)
		json_array_append_new(notes, json_string(c->notes[i]));
	json_t *summary = json_pack("{s:I, s:I, s:I, s:I, s:I, s:I, s:I, s:I}",
				    "regression", (json_int_t)c->count[SB_V_REGRESSION],
				    "improvement", (json_int_t)c->count[SB_V_IMPROVEMENT],
				    "no_change", (json_int_t)c->count[SB_V_NO_CHANGE],
				    "noise", (json_int_t)c->count[SB_V_NOISE],
				    "inconclusive", (json_int_t)c->count[SB_V_INCONCLUSIVE],
				    "not_compared", (json_int_t)c->not_compared,
				    "only_in_base", (json_int_t)c->n_only_base,
				    "only_in_new", (json_int_t)c->n_only_new);
	return json_pack("{s:s, s:f, s:f, s:o, s:o, s:o, s:i, s:o, s:o, s:o, s:o}",
			 "schema", SB_COMPARE_SCHEMA, "threshold", c->threshold, "alpha", c->alpha,
			 "base", side_json(&c->base), "new", side_json(&c->new_), "summary", summary,
			 "exit_status", sb_cmp_exit_status(c), "rows", rows,
			 "only_in_base", case_list(c->only_base, c->n_only_base),
			 "only_in_new", case_list(c->only_new, c->n_only_new), "notes", notes);
}

char *sb_cmp_json_text(const struct sb_cmp *c)
{
	json_t *doc = sb_cmp_to_json(c);
	char *text = doc ? json_dumps(doc, JSON_INDENT(2) | JSON_PRESERVE_ORDER | JSON_REAL_PRECISION(12)) : NULL;
	json_decref(doc);
	return text;
}

int sb_cmp_write_json_text(const char *text, FILE *f)
{
	size_t len = text ? strlen(text) : 0;
	if (!text || fwrite(text, 1, len, f) != len || fputc('\n', f) == EOF)
		return -1;
	return ferror(f) ? -1 : 0;
}

int sb_cmp_write_json(const struct sb_cmp *c, FILE *f)
{
	char *text = sb_cmp_json_text(c);
	int ret = sb_cmp_write_json_text(text, f);
	free(text);
	return ret;
}
