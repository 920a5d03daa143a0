// SPDX-License-Identifier: MIT
/* Size, duration, ratio, list and name parsers: the edges users hit. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "parse.h"

static char err[256];

static uint64_t size_ok(const char *s)
{
	uint64_t v = 12345;
	assert_int_equal(sb_parse_size(s, &v, err, sizeof(err)), 0);
	return v;
}

static void size_bad(const char *s)
{
	uint64_t v = 7;
	err[0] = '\0';
	assert_int_equal(sb_parse_size(s, &v, err, sizeof(err)), -1);
	assert_true(strlen(err) > 0);
	assert_int_equal(v, 7);   /* untouched on error */
}

static void test_sizes(void **state)
{
	(void)state;
	assert_int_equal(size_ok("0"), 0);
	assert_int_equal(size_ok("4096"), 4096);
	assert_int_equal(size_ok("4K"), 4096);
	assert_int_equal(size_ok("4k"), 4096);
	assert_int_equal(size_ok("64M"), 64ull << 20);
	assert_int_equal(size_ok("64MiB"), 64ull << 20);
	assert_int_equal(size_ok("64MB"), 64ull << 20);
	assert_int_equal(size_ok("1G"), 1ull << 30);
	assert_int_equal(size_ok("1.5G"), 3ull << 29);
	assert_int_equal(size_ok("2T"), 2ull << 40);
	assert_int_equal(size_ok("100B"), 100);
	size_bad("");
	size_bad("-1");
	size_bad("-1G");
	size_bad("G");
	size_bad("1X");
	size_bad("1GG");
	size_bad("1.5");        /* not a whole number of bytes */
	size_bad(" 1G");
	size_bad("1G ");
	size_bad("inf");
	size_bad("nan");
	size_bad("0x10");
	size_bad("1e3");
	size_bad("99999999999T");  /* overflows 64 bits */
	size_bad(NULL);
}

static void test_format_size_roundtrip(void **state)
{
	(void)state;
	const uint64_t v[] = { 0, 1, 1000, 4096, 65536, 1ull << 20, 3ull << 29, 1ull << 30, 5ull << 40 };
	for (size_t i = 0; i < sizeof(v) / sizeof(v[0]); i++) {
		char buf[32];
		sb_format_size(v[i], buf, sizeof(buf));
		assert_int_equal(size_ok(buf), v[i]);
	}
	char buf[32];
	sb_format_size(512ull << 20, buf, sizeof(buf));
	assert_string_equal(buf, "512M");
}

static void test_seconds_ratio_uint(void **state)
{
	(void)state;
	double d;
	assert_int_equal(sb_parse_seconds("30s", &d, err, sizeof(err)), 0);
	assert_true(d == 30);
	assert_int_equal(sb_parse_seconds("500ms", &d, err, sizeof(err)), 0);
	assert_true(d == 0.5);
	assert_int_equal(sb_parse_seconds("2m", &d, err, sizeof(err)), 0);
	assert_true(d == 120);
	assert_int_equal(sb_parse_seconds("1.5", &d, err, sizeof(err)), 0);
	assert_true(d == 1.5);
	assert_int_equal(sb_parse_seconds("10d", &d, err, sizeof(err)), -1);
	assert_int_equal(sb_parse_seconds("-1s", &d, err, sizeof(err)), -1);
	assert_int_equal(sb_parse_seconds("9999h", &d, err, sizeof(err)), -1);
	assert_int_equal(sb_parse_ratio("2%", &d, err, sizeof(err)), 0);
	assert_true(d == 0.02);
	assert_int_equal(sb_parse_ratio("0.05", &d, err, sizeof(err)), 0);
	assert_true(d == 0.05);
	assert_int_equal(sb_parse_ratio("100%", &d, err, sizeof(err)), -1);
	assert_int_equal(sb_parse_ratio("2%%", &d, err, sizeof(err)), -1);
	uint64_t u;
	assert_int_equal(sb_parse_uint("42", 100, &u, err, sizeof(err)), 0);
	assert_int_equal(u, 42);
	assert_int_equal(sb_parse_uint("101", 100, &u, err, sizeof(err)), -1);
	assert_int_equal(sb_parse_uint("-1", 100, &u, err, sizeof(err)), -1);
	assert_int_equal(sb_parse_uint("", 100, &u, err, sizeof(err)), -1);
	assert_int_equal(sb_parse_uint("99999999999999999999999", UINT64_MAX, &u, err, sizeof(err)), -1);
}

static void test_lists(void **state)
{
	(void)state;
	char buf[64];
	char *items[4];
	strcpy(buf, "a,b,c");
	assert_int_equal(sb_split_list(buf, items, 4, err, sizeof(err)), 3);
	assert_string_equal(items[2], "c");
	strcpy(buf, "a,,c");
	assert_int_equal(sb_split_list(buf, items, 4, err, sizeof(err)), -1);
	strcpy(buf, "a,");
	assert_int_equal(sb_split_list(buf, items, 4, err, sizeof(err)), -1);
	strcpy(buf, "");
	assert_int_equal(sb_split_list(buf, items, 4, err, sizeof(err)), -1);
	strcpy(buf, "a,b,c,d,e");
	assert_int_equal(sb_split_list(buf, items, 4, err, sizeof(err)), -1);
}

static void test_closest(void **state)
{
	(void)state;
	const char *const names[] = { "fork", "vfork", "clone", "clone3", "posix_spawn", "pthread" };
	assert_string_equal(sb_closest("frok", names, 6), "fork");
	assert_string_equal(sb_closest("posix-spawn", names, 6), "posix_spawn");
	assert_string_equal(sb_closest("clone33", names, 6), "clone3");
	assert_null(sb_closest("banana", names, 6));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_sizes),
		cmocka_unit_test(test_format_size_roundtrip),
		cmocka_unit_test(test_seconds_ratio_uint),
		cmocka_unit_test(test_lists),
		cmocka_unit_test(test_closest),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
