// SPDX-License-Identifier: MIT
/* The leaf library's small pieces: the growable array and the results name tables. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>

#include "format.h"
#include "grow.h"
#include "results_names.h"
#include "stats.h"

static void test_grow_doubles_and_keeps(void **state)
{
	(void)state;
	int *v = NULL, *p;
	size_t n = 0, cap = 0;
	for (int i = 0; i < 1000; i++) {
		p = sb_grow(v, &cap, n + 1, sizeof(*p), 4);
		assert_non_null(p);
		v = p;
		v[n++] = i;
	}
	assert_int_equal(cap, 1024);   /* 4 doubled to the first power of two >= 1000 */
	for (int i = 0; i < 1000; i++)
		assert_int_equal(v[i], i);
	/* Room already there: the same array, the capacity unchanged. */
	assert_ptr_equal(sb_grow(v, &cap, 10, sizeof(*v), 4), v);
	assert_int_equal(cap, 1024);
	free(v);
}

static void test_grow_refuses_overflow(void **state)
{
	(void)state;
	size_t cap = 16;
	char *v = malloc(16);
	assert_non_null(v);
	/* A size that cannot be allocated leaves the array and its capacity as they were. */
	assert_null(sb_grow(v, &cap, SIZE_MAX / 2 + 2, 1, 16));
	assert_int_equal(cap, 16);
	assert_null(sb_grow(v, &cap, 1u << 20, SIZE_MAX / 4, 16));
	assert_int_equal(cap, 16);
	free(v);
}

static void test_names(void **state)
{
	(void)state;
	assert_string_equal(SB_SCHEMA_ID, "spawnbench/1");
	for (int m = 0; m < SB_N_METRICS; m++) {
		assert_int_equal(sb_metric_by_name(sb_metric_names[m]), m);
		assert_int_equal(sb_metric_by_name(sb_metric_short[m]), m);
		assert_non_null(sb_metric_about[m]);
		/* The results key is the short name plus "_ns". */
		size_t l = strlen(sb_metric_short[m]);
		assert_int_equal(strncmp(sb_metric_names[m], sb_metric_short[m], l), 0);
		assert_string_equal(sb_metric_names[m] + l, "_ns");
	}
	assert_int_equal(sb_metric_by_name("total_n"), -1);
	assert_string_equal(sb_status_name(SB_ST_OK), "ok");
	assert_string_equal(sb_status_name(SB_ST_SKIPPED), "skipped");
	assert_string_equal(sb_status_name(SB_ST_ERROR), "error");
	assert_string_equal(sb_status_name(SB_ST_PENDING), "skipped");   /* never ran */
}

static int cmp_ascending(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return (x > y) - (x < y);
}

/* The one sort (and selection) of samples agrees with qsort on shapes that break naive quicksorts, at sizes on both sides of its small-run cut-off. */
static void test_sort_doubles(void **state)
{
	(void)state;
	static const size_t sizes[] = { 0, 1, 2, 3, 16, 17, 100, 1000, 20000 };
	uint64_t seed = 42;
	for (size_t si = 0; si < sizeof(sizes) / sizeof(sizes[0]); si++) {
		size_t n = sizes[si];
		double *v = malloc((n ? n : 1) * sizeof(*v)), *w = malloc((n ? n : 1) * sizeof(*w));
		assert_non_null(v);
		assert_non_null(w);
		for (int shape = 0; shape < 6; shape++) {
			for (size_t i = 0; i < n; i++) {
				seed = seed * 6364136223846793005ULL + 1442695040888963407ULL;
				double r = (double)(seed >> 40);
				v[i] = shape == 0 ? r                          /* random */
				       : shape == 1 ? (double)i                /* sorted */
				       : shape == 2 ? (double)(n - i)          /* reversed */
				       : shape == 3 ? 7.0                      /* all equal */
				       : shape == 4 ? (double)(i % 3)          /* few values */
						    : (double)(i < n / 2 ? i : n - i); /* organ pipe */
			}
			memcpy(w, v, n * sizeof(*v));
			qsort(w, n, sizeof(*w), cmp_ascending);
			/* Selection puts each probed rank's value in place, nothing greater before, nothing smaller after. */
			for (size_t k = 0; k < n; k += n > 100 ? n / 7 + 1 : 1) {
				double *u = malloc(n * sizeof(*u));
				assert_non_null(u);
				memcpy(u, v, n * sizeof(*v));
				sb_select_doubles(u, n, k);
				assert_true(u[k] == w[k]);
				for (size_t i = 0; i < n; i++)
					assert_true(i < k ? u[i] <= u[k] : u[i] >= u[k]);
				free(u);
			}
			sb_sort_doubles(v, n);
			assert_memory_equal(v, w, n * sizeof(*v));
		}
		free(v);
		free(w);
	}
}

static void test_format_ns(void **state)
{
	(void)state;
	char b[32];
	sb_format_ns(999, b, sizeof(b));
	assert_string_equal(b, "999 ns");
	sb_format_ns(12345, b, sizeof(b));
	assert_string_equal(b, "12.3 us");
	sb_format_ns(2.5e9, b, sizeof(b));
	assert_string_equal(b, "2.50 s");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_grow_doubles_and_keeps),
		cmocka_unit_test(test_grow_refuses_overflow),
		cmocka_unit_test(test_names),
		cmocka_unit_test(test_format_ns),
		cmocka_unit_test(test_sort_doubles),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
