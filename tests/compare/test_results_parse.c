// SPDX-License-Identifier: MIT
/*
 * The results-file parser: samples of cases read into arrays beside the document, everything else (and any
 * sample array holding something other than numbers) left in the document, and the rules the jansson
 * loader enforced (duplicates, depth, integer range, NUL, one value) refused with line and column.
 */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "results_parse.h"

static struct sb_parsed parse_ok(const char *text)
{
	struct sb_parsed p;
	char err[300] = "";
	int rc = sb_results_parse(text, strlen(text), &p, err, sizeof(err));
	if (rc)
		print_error("unexpected refusal: %s\n", err);
	assert_int_equal(rc, 0);
	assert_non_null(p.doc);
	return p;
}

/* The parse of text fails and its message contains want. */
static void refused(const char *text, size_t len, const char *want)
{
	struct sb_parsed p;
	char err[300] = "";
	assert_int_equal(sb_results_parse(text, len, &p, err, sizeof(err)), -1);
	if (!strstr(err, want))
		print_error("want '%s' in: %s\n", want, err);
	assert_non_null(strstr(err, want));
	assert_null(p.doc);
	assert_int_equal(p.n_cases, 0);
}

static void samples_go_beside_the_document(void **state)
{
	(void)state;
	struct sb_parsed p = parse_ok("{\"schema\": \"spawnbench/1\", \"cases\": [\n"
				      " {\"label\": \"a\", \"samples\": {\"total_ns\": [3, 1, 2], \"child_pid\": [7, 8, 9],"
				      "  \"note\": \"x\"}, \"stats\": {\"total_ns\": {\"n\": 3}}},\n"
				      " 7,\n"
				      " {\"samples\": {\"create_ns\": [], \"start_ns\": [1.5, -5, 12345678901234567]}}]}");
	size_t n;
	const double *v = sb_parsed_series(&p, 0, "total_ns", &n);
	assert_int_equal(p.n_cases, 3);
	assert_non_null(v);
	assert_int_equal(n, 3);
	assert_true(v[0] == 3 && v[1] == 1 && v[2] == 2);
	v = sb_parsed_series(&p, 0, "child_pid", &n);
	assert_int_equal(n, 3);
	assert_true(v[2] == 9);
	/* What is not an array of numbers stays in the document; the series do not. */
	json_t *c0 = json_array_get(json_object_get(p.doc, "cases"), 0);
	json_t *s0 = json_object_get(c0, "samples");
	assert_string_equal(json_string_value(json_object_get(s0, "note")), "x");
	assert_null(json_object_get(s0, "total_ns"));
	assert_int_equal(json_integer_value(json_object_get(json_object_get(json_object_get(c0, "stats"), "total_ns"), "n")), 3);
	/* A case that is not an object has no series; an empty array is a series of none. */
	assert_null(sb_parsed_series(&p, 1, "total_ns", &n));
	assert_int_equal(n, 0);
	assert_int_equal(json_integer_value(json_array_get(json_object_get(p.doc, "cases"), 1)), 7);
	assert_non_null(sb_parsed_series(&p, 2, "create_ns", &n) ? "" : "series"); /* present, holding none */
	assert_int_equal(n, 0);
	v = sb_parsed_series(&p, 2, "start_ns", &n);
	assert_int_equal(n, 3);
	assert_true(v[0] == 1.5 && v[1] == -5 && v[2] == 12345678901234567.0);
	assert_null(sb_parsed_series(&p, 3, "total_ns", &n));
	sb_parsed_free(&p);
	assert_null(p.doc);
}

static void other_values_stay_typed(void **state)
{
	(void)state;
	struct sb_parsed p = parse_ok("{\"schema\": \"spawnbench/1\", \"i\": -42, \"r\": 2.5, \"e\": 1e3, \"t\": true,"
				      " \"n\": null, \"s\": \"\\u00e9\", \"a\": [1, [2]], \"cases\": []}");
	assert_true(json_is_integer(json_object_get(p.doc, "i")));
	assert_int_equal(json_integer_value(json_object_get(p.doc, "i")), -42);
	assert_true(json_is_real(json_object_get(p.doc, "r")));
	assert_true(json_is_real(json_object_get(p.doc, "e")));
	assert_true(json_real_value(json_object_get(p.doc, "e")) == 1000.0);
	assert_true(json_is_true(json_object_get(p.doc, "t")));
	assert_true(json_is_null(json_object_get(p.doc, "n")));
	assert_string_equal(json_string_value(json_object_get(p.doc, "s")), "\xc3\xa9");
	assert_int_equal(json_array_size(json_array_get(json_object_get(p.doc, "a"), 1)), 1);
	assert_int_equal(p.n_cases, 0);
	sb_parsed_free(&p);
}

/* Only the top-level cases' samples are series: the same names deeper are ordinary arrays. */
static void only_top_level_cases(void **state)
{
	(void)state;
	struct sb_parsed p = parse_ok("{\"x\": {\"cases\": [{\"samples\": {\"t\": [1]}}]},"
				      " \"cases\": [{\"probe\": {\"samples\": {\"t\": [4]}}}]}");
	json_t *inner = json_object_get(json_array_get(json_object_get(json_object_get(p.doc, "x"), "cases"), 0), "samples");
	size_t n;
	assert_int_equal(json_array_size(json_object_get(inner, "t")), 1);
	assert_int_equal(p.n_cases, 1);
	assert_null(sb_parsed_series(&p, 0, "t", &n));
	json_t *probe = json_object_get(json_array_get(json_object_get(p.doc, "cases"), 0), "probe");
	assert_int_equal(json_array_size(json_object_get(json_object_get(probe, "samples"), "t")), 1);
	sb_parsed_free(&p);
}

/* A sample array with something else in it goes to the document whole, for the checks to name. */
static void mixed_array_left_in_document(void **state)
{
	(void)state;
	struct sb_parsed p = parse_ok("{\"cases\": [{\"samples\": {\"total_ns\": [1, \"a\", {\"b\": [2]}, 3], "
				      "\"create_ns\": [5]}}]}");
	size_t n;
	assert_null(sb_parsed_series(&p, 0, "total_ns", &n));
	assert_non_null(sb_parsed_series(&p, 0, "create_ns", &n));
	assert_int_equal(n, 1);
	json_t *a = json_object_get(json_object_get(json_array_get(json_object_get(p.doc, "cases"), 0), "samples"), "total_ns");
	assert_int_equal(json_array_size(a), 4);
	assert_true(json_number_value(json_array_get(a, 0)) == 1);
	assert_string_equal(json_string_value(json_array_get(a, 1)), "a");
	assert_true(json_is_object(json_array_get(a, 2)));
	assert_true(json_number_value(json_array_get(a, 3)) == 3);
	sb_parsed_free(&p);
}

static void bad_text_refused(void **state)
{
	(void)state;
	refused("", 0, "truncated JSON (input ends at line 1)");
	refused("{\"cases\": [\n{\"samples\": {\"t\": [1, 2", 35, "truncated JSON (input ends at line 2)");
	refused("this is not json\n", 17, "not valid JSON at line 1, column");
	refused("{\"a\": 1,\n \"a\": 2}", 17, "line 2");
	refused("{\"a\": 1, \"a\": 2}", 16, "duplicate object key");
	refused("{\"cases\": [{\"samples\": {\"t\": [1], \"t\": [2]}}]}", 47, "duplicate object key");
	refused("{\"cases\": [{\"samples\": {\"t\": [1], \"t\": 3}}]}", 45, "duplicate object key");
	refused("{\"a\": 99999999999999999999}", 27, "too big integer");
	refused("{\"a\": -99999999999999999999}", 28, "too big negative integer");
	refused("{\"a\": 1e999}", 12, "real number overflow");
	refused("{\"a\": \"x\\u0000y\"}", 17, "\\u0000 is not allowed");
	refused("{\"a\\u0000\": 1}", 14, "\\u0000 is not allowed");
	refused("{} {}", 5, "not valid JSON");
	refused("{\"a\": 1} x", 10, "not valid JSON");
	refused("{\"a\": \"\xff\"}", 10, "not valid JSON");
	refused("{\"a\": 1 /* c */}", 16, "not valid JSON");
	char nul[] = "{\"a\": 1}";
	nul[7] = '\0';
	refused(nul, 8, "not valid JSON");
}

static void nesting_bounded(void **state)
{
	(void)state;
	size_t depth = 5000;
	char *deep = malloc(2 * depth + 1);
	assert_non_null(deep);
	memset(deep, '[', depth);
	memset(deep + depth, ']', depth);
	refused(deep, 2 * depth, "maximum parsing depth reached");
	/* Within the bound it loads (jansson's own limit was 2048 levels). */
	struct sb_parsed p;
	char err[300];
	assert_int_equal(sb_results_parse(deep + depth - 2000, 4000, &p, err, sizeof(err)), 0);
	sb_parsed_free(&p);
	free(deep);
}

/* Values a series takes without judging them: the checks after the parse refuse them by name. */
static void series_keep_any_number(void **state)
{
	(void)state;
	struct sb_parsed p = parse_ok("{\"cases\": [{\"samples\": {\"t\": [1e999, -1e999, 0.25, -0, 1E2]}}]}");
	size_t n;
	const double *v = sb_parsed_series(&p, 0, "t", &n);
	assert_int_equal(n, 5);
	assert_true(isinf(v[0]) && v[0] > 0);
	assert_true(isinf(v[1]) && v[1] < 0);
	assert_true(v[2] == 0.25 && v[3] == 0 && v[4] == 100);
	sb_parsed_free(&p);
}

static uint64_t bits(double x)
{
	uint64_t u;
	memcpy(&u, &x, sizeof(u));
	return u;
}

/*
 * Decimals are read as strtod reads them, to the last bit, in the document and in series: short ones by
 * the parser's own quotient, long ones and exponents by strtod. Seeded random digits of every length and
 * position of the point, plus the cases at the edges (15 and 16 digits, -0.0, leading zeros).
 */
static void decimals_as_strtod_reads_them(void **state)
{
	(void)state;
	enum { N = 4000 };
	static char nums[N][40];
	uint64_t seed = 0x5eed;
	const char *edge[] = { "-0.0", "0.000000000000001", "999999999999999.9", "99999999999999.9",
			       "0.1", "0.3", "2.675", "1.0000000000000002", "9007199254740993.5", "00.5" };
	size_t len = 64 + N * 60, o = 0;
	char *text = malloc(len);
	assert_non_null(text);
	for (int i = 0; i < N; i++) {
		if (i < (int)(sizeof(edge) / sizeof(edge[0])) && strcmp(edge[i], "00.5")) {
			snprintf(nums[i], sizeof(nums[i]), "%s", edge[i]);
			continue;
		}
		seed = seed * 6364136223846793005ULL + 1442695040888963407ULL;
		int digits = 1 + (int)((seed >> 33) % 18), point = 1 + (int)((seed >> 45) % (unsigned)digits);
		size_t k = 0;
		if ((seed >> 20) & 1)
			nums[i][k++] = '-';
		for (int d = 0; d < digits; d++) {
			seed = seed * 6364136223846793005ULL + 1442695040888963407ULL;
			/* JSON allows no leading zero before more digits */
			nums[i][k++] = (char)('0' + (d == 0 && point > 1 ? 1 + (seed >> 40) % 9 : (seed >> 40) % 10));
			if (d + 1 == point && d + 1 < digits)
				nums[i][k++] = '.';
		}
		if (!strchr(nums[i], '.'))
			nums[i][k++] = '.', nums[i][k++] = '5';
		nums[i][k] = '\0';
	}
	o += (size_t)snprintf(text + o, len - o, "{\"v\": [");
	for (int i = 0; i < N; i++)
		o += (size_t)snprintf(text + o, len - o, "%s%s", i ? "," : "", nums[i]);
	o += (size_t)snprintf(text + o, len - o, "], \"cases\": [{\"samples\": {\"t\": [");
	for (int i = 0; i < N; i++)
		o += (size_t)snprintf(text + o, len - o, "%s%s", i ? "," : "", nums[i]);
	snprintf(text + o, len - o, "]}}]}");
	struct sb_parsed p = parse_ok(text);
	size_t n;
	const double *v = sb_parsed_series(&p, 0, "t", &n);
	const json_t *arr = json_object_get(p.doc, "v");
	assert_int_equal(n, N);
	for (int i = 0; i < N; i++) {
		double want = strtod(nums[i], NULL), doc = json_real_value(json_array_get(arr, (size_t)i));
		/* Bit for bit: -0.0 is not 0.0 here. */
		if (bits(want) != bits(v[i]) || bits(want) != bits(doc))
			print_error("%s: strtod %.17g, series %.17g, document %.17g\n", nums[i], want, v[i], doc);
		assert_true(bits(want) == bits(v[i]));
		assert_true(bits(want) == bits(doc));
	}
	sb_parsed_free(&p);
	free(text);
}

/* Parse text fed in pieces of k bytes: 0, or -1 with the message in err. */
static int parse_in_pieces(const char *text, size_t k, struct sb_parsed *out, char *err, size_t errlen)
{
	struct sb_results_parser *r = sb_results_parser_new(out);
	size_t len = strlen(text);
	assert_non_null(r);
	for (size_t o = 0; o < len; o += k)
		if (sb_results_parser_feed(r, text + o, len - o < k ? len - o : k, err, errlen))
			return -1;
	return sb_results_parser_end(r, err, errlen);
}

/*
 * A file is read a piece at a time: tokens, keys and series cut anywhere, and messages whose line and
 * column are counted over the pieces, must come out as from the whole text at once.
 */
static void pieces_as_whole(void **state)
{
	(void)state;
	const char *texts[] = {
		"{\"cases\": [{\"key\": \"a\",\n \"samples\": {\"t\": [10, 20.5, 30e1]},\n \"stats\": {\"t\": {\"n\": 3}}}]}",
		"{\"cases\": [{\"samples\": {\"t\": [1, 2,\n 3x]}}]}",
		"{\"a\": 1,\n\"b\": [1, 2,\n\n  \"\\q\"]}",
		"{\"a\": 1,\n \"a\": 2}",
		"{\"cases\": [{\"samples\": {\"t\": [1, 2\n",
		"{\"a\": \"x\\u0000y\"}",
		"",
	};
	for (size_t t = 0; t < sizeof(texts) / sizeof(texts[0]); t++) {
		struct sb_parsed whole;
		char want[300] = "";
		int rc = sb_results_parse(texts[t], strlen(texts[t]), &whole, want, sizeof(want));
		for (size_t k = 1; k <= 9; k++) {
			struct sb_parsed part;
			char got[300] = "";
			assert_int_equal(parse_in_pieces(texts[t], k, &part, got, sizeof(got)), rc);
			if (strcmp(got, want))
				print_error("text %zu in pieces of %zu: '%s', whole: '%s'\n", t, k, got, want);
			assert_string_equal(got, want);
			if (!rc) {
				size_t n1, n2;
				const double *a = sb_parsed_series(&whole, 0, "t", &n1), *b = sb_parsed_series(&part, 0, "t", &n2);
				assert_int_equal(n1, n2);
				assert_memory_equal(a, b, n1 * sizeof(*a));
				assert_true(json_equal(whole.doc, part.doc));
				sb_parsed_free(&part);
			}
		}
		if (!rc)
			sb_parsed_free(&whole);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(samples_go_beside_the_document),
		cmocka_unit_test(other_values_stay_typed),
		cmocka_unit_test(only_top_level_cases),
		cmocka_unit_test(mixed_array_left_in_document),
		cmocka_unit_test(bad_text_refused),
		cmocka_unit_test(nesting_bounded),
		cmocka_unit_test(series_keep_any_number),
		cmocka_unit_test(decimals_as_strtod_reads_them),
		cmocka_unit_test(pieces_as_whole),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
