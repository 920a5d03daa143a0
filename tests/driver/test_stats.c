// SPDX-License-Identifier: MIT
/* Statistics against values computed by hand (and cross-checked with R's quantile type 7 / binom). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <math.h>

#include "stats.h"

#define NEAR(a, b) assert_true(fabs((double)(a) - (double)(b)) < 1e-9 * (fabs((double)(b)) + 1))

static void test_small_known(void **state)
{
	(void)state;
	/* 1..10 shuffled: median 5.5, mean 5.5, sd sqrt(55/6), p90 = 9.1, p99 = 9.91 (type 7) */
	const double x[] = { 7, 3, 10, 1, 5, 9, 2, 8, 6, 4 };
	struct sb_stats s;
	assert_int_equal(sb_stats_compute(x, 10, &s), 0);
	assert_int_equal(s.n, 10);
	NEAR(s.min, 1);
	NEAR(s.max, 10);
	NEAR(s.median, 5.5);
	NEAR(s.mean, 5.5);
	NEAR(s.stddev, sqrt(55.0 / 6));
	NEAR(s.p90, 9.1);
	NEAR(s.p99, 9.91);
	/* n = 10: P(B <= 1) = 11/1024 = 0.0107 <= 0.025 < P(B <= 2) = 0.0547 -> ranks 2 and 9 */
	NEAR(s.ci95_low, 2);
	NEAR(s.ci95_high, 9);
	assert_int_equal(s.outliers, 0);
}

static void test_ci_ranks(void **state)
{
	(void)state;
	size_t lo, hi;
	assert_int_equal(sb_median_ci_ranks(5, 0.95, &lo, &hi), -1);   /* 2/32 = 0.0625 > 0.05: no interval */
	assert_int_equal(sb_median_ci_ranks(6, 0.95, &lo, &hi), 0);    /* 2/64 = 0.031 <= 0.05 */
	assert_int_equal(lo, 1);
	assert_int_equal(hi, 6);
	assert_int_equal(sb_median_ci_ranks(100, 0.95, &lo, &hi), 0);  /* textbook: ranks 40 and 61 */
	assert_int_equal(lo, 40);
	assert_int_equal(hi, 61);
	assert_int_equal(sb_median_ci_ranks(1000, 0.95, &lo, &hi), 0); /* normal approx: 469.5 -> 469, 532 */
	assert_int_equal(lo, 469);
	assert_int_equal(hi, 532);
}

static void test_outliers_and_edge(void **state)
{
	(void)state;
	/* Q1 = 2, Q3 = 4 (type 7 on 1..5 + 100 -> n=6: Q1 = 2.25, Q3 = 4.75); 100 is past 4.75 + 1.5*2.5 */
	const double x[] = { 1, 2, 3, 4, 5, 100 };
	struct sb_stats s;
	assert_int_equal(sb_stats_compute(x, 6, &s), 0);
	assert_int_equal(s.outliers, 1);
	NEAR(s.median, 3.5);
	const double one[] = { 42 };
	assert_int_equal(sb_stats_compute(one, 1, &s), 0);
	NEAR(s.median, 42);
	NEAR(s.stddev, 0);
	NEAR(s.ci95_low, 42);
	NEAR(s.ci95_high, 42);
	assert_true(isinf(sb_stats_rel_halfwidth(&s)));
	assert_int_equal(sb_stats_compute(x, 0, &s), 0);
	assert_int_equal(s.n, 0);
}

static void test_quantile_sorted(void **state)
{
	(void)state;
	const double v[] = { 10, 20, 30, 40 };
	NEAR(sb_quantile_sorted(v, 4, 0), 10);
	NEAR(sb_quantile_sorted(v, 4, 1), 40);
	NEAR(sb_quantile_sorted(v, 4, 0.5), 25);
	NEAR(sb_quantile_sorted(v, 4, 0.25), 17.5);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_small_known),
		cmocka_unit_test(test_ci_ranks),
		cmocka_unit_test(test_outliers_and_edge),
		cmocka_unit_test(test_quantile_sorted),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
