// SPDX-License-Identifier: MIT
/*
 * A results file's text to a jansson document plus per-case arrays of samples (results_parse.h), driven by
 * yajl's parse events. A stack of frames follows where the parser is; the frame roles mark the only path
 * treated apart, top-level "cases" -> a case object -> its "samples" object -> an array of numbers.
 */
#include "results_parse.h"

#include <errno.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <yajl/yajl_parse.h>

#include "grow.h"
#include "json_arena.h"

/* jansson's own nesting limit, kept so that what loaded before still loads and nothing deeper does. */
#define SB_PARSE_MAX_DEPTH 2048
/* Longer number text than any 64-bit integer or double needs, with room to spare. */
#define SB_PARSE_MAX_NUMBER 400

enum frame_role {
	R_VALUE,   /* any other object or array */
	R_ROOT,    /* the top-level object */
	R_CASES,   /* its "cases" array */
	R_CASE,    /* an object element of "cases" */
	R_SAMPLES, /* a case's "samples" object */
	R_SERIES,  /* an array in "samples", read into a series while it holds only numbers */
};

struct frame {
	json_t *node;   /* NULL for a series */
	enum frame_role role;
	int has_key;    /* an object's key (in kbuf) is waiting for its value */
	size_t case_i;  /* R_CASE, R_SAMPLES, R_SERIES: which case */
	/*
	 * The key's text. A frame keeps its buffer when it is popped, for the next object at its depth: most
	 * of a file's events are keys, and a copy of each made and freed was a tenth of the time to parse it.
	 */
	char *kbuf;
	size_t kcap;
};

struct parse {
	struct sb_parsed *out;
	struct frame *f;
	size_t depth, cap;
	size_t cap_used; /* frames that were ever pushed (their key buffers are freed at the end) */
	char err[160];
};

static int fail(struct parse *p, const char *why)
{
	snprintf(p->err, sizeof(p->err), "%s", why);
	return 0;
}

static struct frame *top(struct parse *p)
{
	return p->depth ? &p->f[p->depth - 1] : NULL;
}

static struct sb_case_series *case_of(struct parse *p, size_t i)
{
	return &p->out->cases[i];
}

static struct sb_series *last_series(struct parse *p, struct frame *f)
{
	struct sb_case_series *cs = case_of(p, f->case_i);
	return &cs->s[cs->n - 1];
}

/* A key already used in this object: as a member of the document, or (in "samples") as a series. */
static int duplicate(struct parse *p, const struct frame *f, const char *key)
{
	if (json_object_get(f->node, key))
		return 1;
	if (f->role != R_SAMPLES)
		return 0;
	const struct sb_case_series *cs = case_of(p, f->case_i);
	for (size_t i = 0; i < cs->n; i++)
		if (!strcmp(cs->s[i].metric, key))
			return 1;
	return 0;
}

/* Room for one more element of the "cases" array in the series table. */
static int note_case(struct parse *p)
{
	struct sb_parsed *o = p->out;
	struct sb_case_series *c = o->cases;
	if (o->n_cases == o->cap_cases && !(c = sb_grow(o->cases, &o->cap_cases, o->n_cases + 1, sizeof(*c), 256)))
		return fail(p, "out of memory");
	o->cases = c;
	o->cases[o->n_cases++] = (struct sb_case_series){ 0 };
	return 1;
}

static int series_to_json(struct parse *p);

/* Put a new value where the parser is. Takes the reference to v, also on failure. */
static int add(struct parse *p, json_t *v)
{
	struct frame *f = top(p);
	if (!v)
		return fail(p, "out of memory");
	if (f && f->role == R_SERIES && !series_to_json(p)) {
		json_decref(v);
		return 0;
	}
	f = top(p);
	if (!f) {
		p->out->doc = v;
		return 1;
	}
	if (json_is_array(f->node)) {
		if (json_array_append_new(f->node, v))
			return fail(p, "out of memory");
		return f->role == R_CASES ? note_case(p) : 1;
	}
	if (!f->has_key) {
		json_decref(v);
		return fail(p, "value without a key");
	}
	f->has_key = 0;
	return json_object_set_new_nocheck(f->node, f->kbuf, v) ? fail(p, "out of memory") : 1;
}

static int push(struct parse *p, json_t *node, enum frame_role role, size_t case_i)
{
	if (p->depth >= SB_PARSE_MAX_DEPTH)
		return fail(p, "maximum parsing depth reached");
	struct frame *f = p->f;
	if (p->depth == p->cap)
		f = sb_grow(p->f, &p->cap, p->depth + 1, sizeof(*f), 16);
	if (!f)
		return fail(p, "out of memory");
	if (p->depth == p->cap_used)
		f[p->cap_used++] = (struct frame){ 0 }; /* a depth not reached before: no key buffer yet */
	p->f = f;
	f = &p->f[p->depth++];
	*f = (struct frame){ .node = node, .role = role, .case_i = case_i, .kbuf = f->kbuf, .kcap = f->kcap };
	return 1;
}

/*
 * A "samples" array met something other than a number: it goes into the document as it is (its numbers so
 * far first), and the checks that read the document name what is wrong with it.
 */
static int series_to_json(struct parse *p)
{
	struct frame *f = top(p);
	struct sb_case_series *cs = case_of(p, f->case_i);
	struct sb_series *s = last_series(p, f);
	json_t *arr = json_array();
	for (size_t i = 0; arr && i < s->n; i++)
		if (json_array_append_new(arr, json_real(s->v[i])))
			json_decref(arr), arr = NULL;
	if (!arr)
		return fail(p, "out of memory");
	struct frame *parent = &p->f[p->depth - 2];
	int ok = !json_object_set_new_nocheck(parent->node, s->metric, arr);
	free(s->metric);
	free(s->v);
	cs->n--;
	f->node = arr;
	f->role = R_VALUE;
	return ok ? 1 : fail(p, "out of memory");
}

static int series_add(struct parse *p, double x)
{
	struct sb_series *s = last_series(p, top(p));
	double *v = s->v;
	if (s->n == s->cap && !(v = sb_grow(s->v, &s->cap, s->n + 1, sizeof(*v), 64)))
		return fail(p, "out of memory");
	s->v = v;
	s->v[s->n++] = x;
	return 1;
}

/*
 * Room in a new series for as many samples as the same metric had in the case before: the cases of a
 * file mostly measure as many spawns, and growing every series by doubling cost a copy and a free each.
 */
static int series_presize(struct parse *p, size_t case_i, struct sb_series *s)
{
	const struct sb_case_series *prev = case_i ? case_of(p, case_i - 1) : NULL;
	size_t k = case_of(p, case_i)->n - 1, want = 0;
	if (prev && k < prev->n && !strcmp(prev->s[k].metric, s->metric))
		want = prev->s[k].n;
	if (!want)
		return 1;
	if (!(s->v = malloc(want * sizeof(*s->v))))
		return fail(p, "out of memory");
	s->cap = want;
	return 1;
}

static int on_null(void *ctx)
{
	return add(ctx, json_null());
}

static int on_boolean(void *ctx, int b)
{
	return add(ctx, json_boolean(b));
}

/*
 * A sample as most are written: up to 15 decimal digits, which a double holds exactly. 1 with the value,
 * or 0 for anything else (strtod reads those). Most of the text of a results file is such numbers.
 */
static int plain_digits(const char *s, size_t len, double *x)
{
	uint64_t v = 0;
	if (!len || len > 15)
		return 0;
	for (size_t i = 0; i < len; i++) {
		if (s[i] < '0' || s[i] > '9')
			return 0;
		v = v * 10 + (uint64_t)(s[i] - '0');
	}
	*x = (double)v;
	return 1;
}

/*
 * A decimal as statistics are written (94617.88, -0.5): at most 15 digits and no exponent. 1 with the
 * value, or 0 for anything else. Both the digits as an integer and the power of ten are doubles exactly
 * (below 2^53 and 10^22), so their quotient, rounded once, is the correctly rounded value strtod gives.
 */
static int short_decimal(const char *s, size_t len, double *x)
{
	static const double pow10[] = { 1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15 };
	uint64_t v = 0;
	size_t i = s[0] == '-', digits = 0, frac = 0;
	int dot = 0;
	for (; i < len; i++) {
		if (s[i] == '.' && !dot) {
			dot = 1;
			continue;
		}
		if (s[i] < '0' || s[i] > '9' || ++digits > 15)
			return 0;
		v = v * 10 + (uint64_t)(s[i] - '0');
		frac += dot;
	}
	if (!digits)
		return 0;
	*x = (double)v / pow10[frac];
	if (s[0] == '-')
		*x = -*x;
	return 1;
}

static int on_number(void *ctx, const char *s, size_t len)
{
	struct parse *p = ctx;
	char text[SB_PARSE_MAX_NUMBER + 1];
	double x;
	int in_series = top(p) && top(p)->role == R_SERIES;
	if (in_series && plain_digits(s, len, &x))
		return series_add(p, x);
	if (len > SB_PARSE_MAX_NUMBER)
		return fail(p, "number too long");
	memcpy(text, s, len);
	text[len] = '\0';
	errno = 0;
	if (in_series)
		return series_add(p, short_decimal(s, len, &x) ? x : strtod(text, NULL));
	if (!strpbrk(text, ".eE")) {
		long long i = strtoll(text, NULL, 10);
		if (errno == ERANGE)
			return fail(p, text[0] == '-' ? "too big negative integer" : "too big integer");
		return add(p, json_integer(i));
	}
	double d = short_decimal(s, len, &x) ? x : strtod(text, NULL);
	if (!isfinite(d))
		return fail(p, "real number overflow");
	return add(p, json_real(d));
}

static int on_string(void *ctx, const unsigned char *s, size_t len)
{
	if (memchr(s, '\0', len))
		return fail(ctx, "\\u0000 is not allowed");
	return add(ctx, json_stringn_nocheck((const char *)s, len));
}

static int on_start_map(void *ctx)
{
	struct parse *p = ctx;
	struct frame *f = top(p);
	enum frame_role role = !f ? R_ROOT
			       : f->role == R_CASES ? R_CASE
			       : f->role == R_CASE && f->has_key && !strcmp(f->kbuf, "samples") ? R_SAMPLES
			       : R_VALUE;
	size_t case_i = role == R_CASE ? p->out->n_cases : f ? f->case_i : 0;
	json_t *o = json_object();
	if (!o || !add(p, o))
		return o ? 0 : fail(p, "out of memory");
	return push(p, o, role, case_i);
}

static int on_map_key(void *ctx, const unsigned char *s, size_t len)
{
	struct parse *p = ctx;
	struct frame *f = top(p);
	if (memchr(s, '\0', len))
		return fail(p, "\\u0000 is not allowed");
	char *k = f->kbuf;
	if (len >= f->kcap && !(k = sb_grow(f->kbuf, &f->kcap, len + 1, 1, 32)))
		return fail(p, "out of memory");
	f->kbuf = k;
	memcpy(k, s, len);
	k[len] = '\0';
	f->has_key = 0;
	if (duplicate(p, f, k))
		return fail(p, "duplicate object key");
	f->has_key = 1;
	return 1;
}

static int on_end(void *ctx)
{
	struct parse *p = ctx;
	p->depth--;
	return 1;
}

static int on_start_array(void *ctx)
{
	struct parse *p = ctx;
	struct frame *f = top(p);
	if (f && f->role == R_SAMPLES) {
		struct sb_case_series *cs = case_of(p, f->case_i);
		struct sb_series *s = cs->s;
		if (cs->n == cs->cap && !(s = sb_grow(cs->s, &cs->cap, cs->n + 1, sizeof(*s), 8)))
			return fail(p, "out of memory");
		cs->s = s;
		s = &cs->s[cs->n];
		*s = (struct sb_series){ .metric = strdup(f->kbuf) };
		if (!s->metric)
			return fail(p, "out of memory");
		cs->n++;
		f->has_key = 0;
		if (!series_presize(p, f->case_i, s))
			return 0;
		return push(p, NULL, R_SERIES, f->case_i);
	}
	enum frame_role role = f && f->role == R_ROOT && f->has_key && !strcmp(f->kbuf, "cases") ? R_CASES : R_VALUE;
	json_t *a = json_array();
	if (!a || !add(p, a))
		return a ? 0 : fail(p, "out of memory");
	return push(p, a, role, f ? f->case_i : 0);
}

static const yajl_callbacks callbacks = {
	.yajl_null = on_null,
	.yajl_boolean = on_boolean,
	.yajl_number = on_number,
	.yajl_string = on_string,
	.yajl_start_map = on_start_map,
	.yajl_map_key = on_map_key,
	.yajl_end_map = on_end,
	.yajl_start_array = on_start_array,
	.yajl_end_array = on_end,
};

/* How far the text read so far goes, in lines, for messages: line of the byte at off, where that line starts. */
struct text_pos {
	size_t off, line, line_start;
};

static void advance(struct text_pos *t, const char *s, size_t n)
{
	for (const char *nl; n && (nl = memchr(s, '\n', n));) {
		size_t k = (size_t)(nl - s) + 1;
		t->line++;
		t->line_start = t->off + k;
		t->off += k;
		s += k;
		n -= k;
	}
	t->off += n;
}

/* yajl's own message, its first line without the "lexical error: " style prefix kept short. */
static void yajl_reason(yajl_handle h, const char *buf, size_t len, char *out, size_t outlen)
{
	unsigned char *e = yajl_get_error(h, 0, (const unsigned char *)buf, len);
	snprintf(out, outlen, "%s", e ? (const char *)e : "parse error");
	out[strcspn(out, "\n")] = '\0';
	if (e)
		yajl_free_error(h, e);
}

static void frames_free(struct parse *p)
{
	for (size_t i = 0; i < p->cap_used; i++)
		free(p->f[i].kbuf);
	free(p->f);
}

struct sb_results_parser {
	struct parse p;
	yajl_handle h;
	struct text_pos pos;
};

struct sb_results_parser *sb_results_parser_new(struct sb_parsed *out)
{
	struct sb_results_parser *r = calloc(1, sizeof(*r));
	*out = (struct sb_parsed){ 0 };
	if (!r)
		return NULL;
	r->p.out = out;
	r->pos.line = 1;
	if (!(r->h = yajl_alloc(&callbacks, NULL, &r->p))) {
		free(r);
		return NULL;
	}
	out->arena = sb_json_arena_begin();
	return r;
}

void sb_results_parser_free(struct sb_results_parser *r)
{
	if (!r)
		return;
	sb_json_arena_end(r->p.out->arena);
	yajl_free(r->h);
	frames_free(&r->p);
	free(r);
}

/* The message of a failed parse; the parser and what it made are freed. */
static int parse_failed(struct sb_results_parser *r, const char *chunk, size_t n, int ended, char *err, size_t errlen)
{
	char why[200];
	struct text_pos at = r->pos;
	struct sb_parsed *out = r->p.out;
	if (r->p.err[0])
		snprintf(why, sizeof(why), "%s", r->p.err);
	else
		yajl_reason(r->h, chunk, n, why, sizeof(why));
	if (!ended) {
		size_t off = yajl_get_bytes_consumed(r->h);
		advance(&at, chunk, off > n ? n : off);
	}
	if (ended && !r->p.err[0])
		snprintf(err, errlen, "truncated JSON (input ends at line %zu): %s", at.line, why);
	else
		snprintf(err, errlen, "not valid JSON at line %zu, column %zu: %s", at.line, at.off - at.line_start + 1, why);
	sb_results_parser_free(r);
	sb_parsed_free(out);
	return -1;
}

int sb_results_parser_feed(struct sb_results_parser *r, const char *chunk, size_t n, char *err, size_t errlen)
{
	if (yajl_parse(r->h, (const unsigned char *)chunk, n) != yajl_status_ok)
		return parse_failed(r, chunk, n, 0, err, errlen);
	advance(&r->pos, chunk, n);
	return 0;
}

int sb_results_parser_end(struct sb_results_parser *r, char *err, size_t errlen)
{
	if (yajl_complete_parse(r->h) != yajl_status_ok)
		return parse_failed(r, "", 0, 1, err, errlen);
	sb_results_parser_free(r);
	return 0;
}

int sb_results_parse(const char *buf, size_t len, struct sb_parsed *out, char *err, size_t errlen)
{
	struct sb_results_parser *r = sb_results_parser_new(out);
	if (!r) {
		snprintf(err, errlen, "out of memory");
		return -1;
	}
	if (sb_results_parser_feed(r, buf, len, err, errlen))
		return -1;
	return sb_results_parser_end(r, err, errlen);
}

const double *sb_parsed_series(const struct sb_parsed *p, size_t i, const char *metric, size_t *n)
{
	*n = 0;
	if (i >= p->n_cases)
		return NULL;
	const struct sb_case_series *cs = &p->cases[i];
	for (size_t k = 0; k < cs->n; k++)
		if (!strcmp(cs->s[k].metric, metric)) {
			*n = cs->s[k].n;
			return cs->s[k].v;
		}
	return NULL;
}

void sb_parsed_free(struct sb_parsed *p)
{
	for (size_t i = 0; i < p->n_cases; i++) {
		for (size_t k = 0; k < p->cases[i].n; k++) {
			free(p->cases[i].s[k].metric);
			free(p->cases[i].s[k].v);
		}
		free(p->cases[i].s);
	}
	free(p->cases);
	if (p->arena)
		sb_json_arena_free(p->arena); /* the document with it, without visiting each value */
	else
		json_decref(p->doc);
	*p = (struct sb_parsed){ 0 };
}
