// SPDX-License-Identifier: MIT
/*
 * The axis table (axes.h), one entry per row of bench/lib/axis_list.h, and the generic code that serves a
 * row from its columns where it has no hook of its own (axis_hooks.c): counting a digit's values, setting
 * one on a case, its key and label tokens, its value in the results file, and finding its option.
 */
#include "axes.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "axis_hooks.h"
#include "axis_parse.h"

/*
 * The rows of bench/lib/axis_list.h as entries of struct sb_axis. The option's own columns come first in
 * its braces; where its values go in the matrix (LIST, SWITCH) is set after them, field by field.
 */
const struct sb_axis sb_axes[SB_N_AXIS_FIELDS] = {
#define SB_AXIS(ID, KEY, FIELD, LABEL, KIND, ABSENT, STORE, MATRIX, OPT, TURN, JPOS, HOOKS_) \
	[SB_AF_##ID] = { .f = &sb_axis_fields[SB_AF_##ID], STORE OPT MATRIX .turn = (TURN), .jpos = (JPOS), \
			 .hooks = HOOKS_ }, // NOLINT(bugprone-macro-parentheses): an initializer
#define WIRE(type, field) .store = offsetof(struct sb_case, w.field), .store_size = sizeof(type),
#define CASE(type, field) .store = offsetof(struct sb_case, field), .store_size = sizeof(type),
#define NOSTORE
#define OPT(o_name, o_short, o_arg, o_help, ...) .opt = { o_name, o_short, o_arg, o_help, __VA_ARGS__ },
#define NOOPT
#define LIST(type, vals, n_vals, max_vals) .matrix = SB_AM_LIST, .elem_size = sizeof(type), \
	.opt.values = offsetof(struct sb_matrix, vals), .opt.count = offsetof(struct sb_matrix, n_vals), \
	.opt.max = (max_vals),
#define SWITCH(field) .matrix = SB_AM_SWITCH, .opt.values = offsetof(struct sb_matrix, field), .opt.max = 1,
#define NOMATRIX
#define HOOKS(...) { __VA_ARGS__ }
#include "axis_list.h"
};
const size_t sb_n_axes = SB_N_AXIS_FIELDS;

_Static_assert(SB_N_AXIS_FIELDS <= SB_MAX_AXES, "raise SB_MAX_AXES");

int sb_axes_turns(void)
{
	int n = 0;
	for (size_t a = 0; a < sb_n_axes; a++)
		n = sb_axes[a].turn > n ? sb_axes[a].turn : n;
	return n;
}

const struct sb_axis *sb_axis_turn(int turn)
{
	for (size_t a = 0; a < sb_n_axes; a++)
		if (sb_axes[a].turn == turn)
			return &sb_axes[a];
	return NULL;
}

/* A whole number of 4 bytes (an int, a uint32_t) or 8 (a uint64_t) at p. */
static uint64_t read_number(const void *p, size_t size)
{
	if (size == sizeof(uint64_t)) {
		uint64_t v;
		memcpy(&v, p, sizeof(v));
		return v;
	}
	uint32_t v;
	memcpy(&v, p, sizeof(v));
	return v;
}

/* The value a case keeps for a row with a STORE. */
static uint64_t stored(const struct sb_axis *a, const struct sb_case *c)
{
	return read_number((const char *)c + a->store, a->store_size);
}

static void store(const struct sb_axis *a, struct sb_case *c, uint64_t v)
{
	char *p = (char *)c + a->store;
	if (a->store_size == sizeof(uint64_t)) {
		memcpy(p, &v, sizeof(v));
	} else {
		uint32_t v32 = (uint32_t)v;
		memcpy(p, &v32, sizeof(v32));
	}
}

/* Value i of the matrix's list. */
static uint64_t matrix_value(const struct sb_axis *a, const struct sb_matrix *m, int i)
{
	return read_number((const char *)m + a->opt.values + (size_t)i * a->elem_size, a->elem_size);
}

static int word_count(const struct sb_axis *a)
{
	int n = 0;
	while (a->opt.words && a->opt.words[n])
		n++;
	return n;
}

/* The default is the value a results file without the field stands for (ABSENT). */
static uint64_t default_value(const struct sb_axis *a)
{
	const char *absent = a->f->absent;
	switch (a->f->kind) {
	case SB_AK_BOOL:
		return !strcmp(absent, "true");
	case SB_AK_STRING:
		for (int i = 0; i < word_count(a); i++)
			if (!strcmp(a->opt.words[i], absent))
				return (uint64_t)i;
		return 0;
	default:
		return strtoull(absent, NULL, 10);
	}
}

static const char *word(const struct sb_axis *a, uint64_t v)
{
	return v < (uint64_t)word_count(a) ? a->opt.words[v] : "?";
}

int sb_axis_count(const struct sb_axis *a, const struct sb_axis_ctx *x)
{
	if (a->hooks.count)
		return a->hooks.count(x);
	if (a->matrix != SB_AM_LIST || a->opt.in_cfg)
		return 1;
	int n = *(const int *)((const char *)x->m + a->opt.count);
	return n ? n : 1;
}

static int axis_apply(const struct sb_axis *a, const struct sb_axis_ctx *x, int i, struct sb_case *c)
{
	if (a->hooks.apply)
		return a->hooks.apply(x, i, c);
	if (!a->store_size)
		return 0;
	uint64_t v = default_value(a);
	if (a->matrix == SB_AM_LIST && *(const int *)((const char *)x->m + a->opt.count))
		v = matrix_value(a, x->m, i);
	else if (a->matrix == SB_AM_SWITCH)
		v = (uint64_t)*(const int *)((const char *)x->m + a->opt.values);
	store(a, c, v);
	return 0;
}

void sb_axis_key(const struct sb_axis *a, const struct sb_case *c, char *buf, size_t len)
{
	if (a->hooks.key) {
		a->hooks.key(c, buf, len);
		return;
	}
	if (!a->store_size)
		return;
	uint64_t v = stored(a, c);
	if (a->hooks.key_omits_default && v == default_value(a))
		return;
	if (a->f->kind == SB_AK_STRING)
		snprintf(buf, len, "%s=%s", a->f->key, word(a, v));
	else
		snprintf(buf, len, "%s=%llu", a->f->key, (unsigned long long)v);
}

/* " LABEL" and the value, when it is not the default: " vmas=2", " x4"; a switch or a word: " thp". */
void sb_axis_label(const struct sb_axis *a, const struct sb_case *c, char *buf, size_t len)
{
	if (a->hooks.label) {
		a->hooks.label(c, buf, len);
		return;
	}
	const char *l = a->f->label;
	if (!a->store_size || !l)
		return;
	uint64_t v = stored(a, c);
	if (v == default_value(a))
		return;
	if (a->f->kind == SB_AK_NUMBER || a->f->kind == SB_AK_LIST)
		snprintf(buf, len, " %s%llu", l, (unsigned long long)v);
	else if (a->f->kind == SB_AK_STRING && l[0] && l[strlen(l) - 1] == '=')
		snprintf(buf, len, " %s%s", l, word(a, v));
	else
		snprintf(buf, len, " %s", l);   /* a switch, or a word with a label of its own: " thp" */
}

static json_t *axis_json(const struct sb_axis *a, const struct sb_run_config *cfg, const struct sb_case *c)
{
	if (a->hooks.json)
		return a->hooks.json(cfg, c);
	if (!a->store_size)
		return NULL;
	uint64_t v = stored(a, c);
	switch (a->f->kind) {
	case SB_AK_BOOL:
		return json_boolean(v);
	case SB_AK_STRING:
		return json_string(word(a, v));
	default:
		return json_integer((json_int_t)v);
	}
}

int sb_axes_json(const struct sb_run_config *cfg, const struct sb_case *c, json_t *o, int first, int last)
{
	int end = 0;
	for (size_t a = 0; a < sb_n_axes; a++)
		end = sb_axes[a].jpos > end ? sb_axes[a].jpos : end;
	for (int pos = first; pos <= last && pos <= end; pos++) {
		for (size_t a = 0; a < sb_n_axes; a++) {
			if (sb_axes[a].jpos != pos)
				continue;
			json_t *v = axis_json(&sb_axes[a], cfg, c);
			if (v && json_object_set_new(o, sb_axes[a].f->json, v))
				return -1;
		}
	}
	return 0;
}

static int opt_is(const struct sb_axis_opt *o, const char *name, size_t len, char short_name)
{
	if (!o->name)
		return 0;
	return short_name ? o->short_name == short_name : strlen(o->name) == len && !strncmp(o->name, name, len);
}

const struct sb_axis_opt *sb_axis_option(const char *name, size_t len, char short_name)
{
	for (size_t a = 0; a < sb_n_axes; a++)
		if (opt_is(&sb_axes[a].opt, name, len, short_name))
			return &sb_axes[a].opt;
	return NULL;
}

void sb_axis_options_each(void (*fn)(const struct sb_axis_opt *o, void *ctx), void *ctx)
{
	for (size_t a = 0; a < sb_n_axes; a++)
		if (sb_axes[a].opt.name)
			fn(&sb_axes[a].opt, ctx);
}

int sb_axes_case(const struct sb_axis_ctx *x, const int *idx, struct sb_case *c)
{
	memset(c, 0, sizeof(*c));
	c->w.method = (uint32_t)(x->info - sb_methods);
	c->w.cpu = -1;
	c->w.warmup = x->cfg->warmup;
	for (int t = 1; t <= sb_axes_turns(); t++)
		if (axis_apply(sb_axis_turn(t), x, idx[t - 1], c))
			return 1;
	return 0;
}

int sb_axes_resolve(struct sb_case *c, char *err, size_t errlen)
{
	struct sb_case_wire *w = &c->w;

	if (w->exec_kind == SB_EXEC_CHILD) {
		if (sb_find_helper("spawnbench-child", w->exec_path, sizeof(w->exec_path))) {
			sb_helper_missing("spawnbench-child", err, errlen);
			return -1;
		}
	} else if (w->exec_kind == SB_EXEC_PATH) {
		const char *exec = c->exec_label;
		/* A label that fills its buffer may be a longer path cut short: refused, never looked up. */
		if (exec[0] != '/' || strlen(exec) + 1 >= sizeof(c->exec_label) || strlen(exec) >= sizeof(w->exec_path) ||
		    access(exec, X_OK)) {
			snprintf(err, errlen, "--exec '%.80s%s': not an absolute path to an executable "
				 "program (use none, child or a path like /bin/true)", exec,
				 strlen(exec) > 80 ? "..." : "");
			return -1;
		}
		snprintf(w->exec_path, sizeof(w->exec_path), "%s", exec);
	}
	return 0;
}

int sb_odometer_next(int *idx, const int *n, size_t k)
{
	for (size_t i = k; i-- > 0;) {
		if (++idx[i] < n[i])
			return 1;
		idx[i] = 0;
	}
	return 0;
}
