// SPDX-License-Identifier: MIT
/*
 * The statistics under compare: known p-values, reproducibility, and the two error rates that matter in
 * CI, measured over many seeds: false positives on identical distributions (must stay near alpha) and
 * power against a +20% shift.
 */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "compare_stats.h"
#include "compare_welch.h"
#include "unit.h"

static uint64_t rng;

static double uniform(void)
{
	uint64_t z = (rng += 0x9e3779b97f4a7c15ULL);
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	z ^= z >> 31;
	return ((double)(z >> 11) + 0.5) / 9007199254740992.0;
}

/* Same shape as tests/compare/gen_results.c: log-normal body, 3% slow tail, whole nanoseconds (ties). */
static void draw(double *x, size_t n, double median, double factor)
{
	for (size_t i = 0; i < n; i++) {
		double v = median * exp(0.15 * sqrt(-2 * log(uniform())) * cos(2 * M_PI * uniform()));
		if (uniform() < 0.03)
			v *= 1.5 + 1.5 * uniform();
		x[i] = round(v) * factor;
	}
}

static void known_p_values(void **state)
{
	(void)state;
	double a[] = { 1, 2, 3 }, b[] = { 4, 5, 6 };
	/* Complete separation of 3 vs 3: 2 of the C(6,3) = 20 orderings are as extreme. */
	assert_near(sb_mann_whitney_p(a, 3, b, 3), 0.1, 1e-12);
	/* Hollander & Wolfe's example (as in R's wilcox.test docs): one-sided p = 0.1272, so two-sided 0.2544. */
	double x[] = { 0.80, 0.83, 1.89, 1.04, 1.45, 1.38, 1.91, 1.64, 0.73, 1.46 };
	double y[] = { 1.15, 0.88, 0.90, 0.74, 1.21 };
	assert_near(sb_mann_whitney_p(x, 10, y, 5), 0.2544, 1e-4);
	/* With ties: normal approximation with tie and continuity corrections, worked by hand. */
	double c[] = { 1, 2, 2, 3, 7, 8 }, d[] = { 2, 3, 3, 4, 5, 9, 10 };
	assert_near(sb_mann_whitney_p(c, 6, d, 7), 0.278631, 1e-6);
	/* Student t 97.5% quantiles from tables. */
	assert_near(sb_t975(2), 4.303, 1e-3);
	assert_near(sb_t975(3), 3.182, 1e-3);
	assert_near(sb_t975(11), 2.201, 2e-3);
	assert_near(sb_t975(4.7), 2.776, 0.01); /* rounded down to 4 */
	assert_near(sb_t975(30), 2.042, 2e-3);
	/* All values equal: no evidence of anything. */
	double e[] = { 5, 5, 5, 5, 5, 5 };
	assert_near(sb_mann_whitney_p(e, 6, e, 6), 1.0, 0);
}

static void edge_cases(void **state)
{
	(void)state;
	double a[4] = { 1, 2, 3, 4 }, b[10] = { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10 };
	struct sb_verdict v;
	assert_msg(sb_compare_metric(a, 4, b, 10, 0.05, 0.05, &v) == -1, "4 samples must be refused");
	assert_msg(isnan(v.ratio) && v.verdict == SB_V_NOISE, "refused comparison leaves ratio %g verdict %d", v.ratio, v.verdict);
	double z[6] = { 0 };
	assert_msg(sb_compare_metric(z, 6, b, 10, 0.05, 0.05, &v) == -1, "zero base median has no ratio");
	assert_msg(sb_compare_metric(b, 10, b, 10, 0.05, 1.5, &v) == -1, "alpha 1.5 must be refused");
}

static void reproducible(void **state)
{
	(void)state;
	double a[300], b[300];
	struct sb_verdict v1, v2;
	rng = 42;
	draw(a, 300, 50000, 1);
	draw(b, 300, 50000, 1.1);
	assert_msg(sb_compare_metric(a, 300, b, 300, 0.05, 0.05, &v1) == 0, "compare failed");
	assert_msg(sb_compare_metric(a, 300, b, 300, 0.05, 0.05, &v2) == 0, "compare failed");
	assert_msg(v1.ratio_low == v2.ratio_low && v1.ratio_high == v2.ratio_high && v1.p_value == v2.p_value,
	      "same input, different output: [%g, %g] vs [%g, %g]", v1.ratio_low, v1.ratio_high, v2.ratio_low,
	      v2.ratio_high);
	assert_msg(v1.ratio_low < v1.ratio && v1.ratio < v1.ratio_high, "CI [%g, %g] does not hold the ratio %g",
	      v1.ratio_low, v1.ratio_high, v1.ratio);
	assert_msg(v1.ratio_low < 1.1 && 1.1 < v1.ratio_high, "CI [%g, %g] misses the true ratio 1.1", v1.ratio_low,
	      v1.ratio_high);
}

/*
 * Rates over seeds. With threshold 0 a verdict of regression or improvement is exactly "the test
 * rejected (and the CI agrees)", so its rate on identical distributions is the false-positive rate the
 * user chose with alpha. 1000 seeds: the binomial standard error at 5% is 0.7%, so [3%, 7%] is ~3 SE.
 */
static void error_rates(void **state)
{
	(void)state;
	enum { SEEDS = 1000, N = 100, POWER_SEEDS = 300 };
	static double a[N], b[N];
	size_t rejected = 0, flagged0 = 0, flagged5 = 0, no_change = 0, regress = 0, ci_cover = 0;
	struct sb_verdict v;

	for (unsigned s = 0; s < SEEDS; s++) {
		rng = 1000 + s;
		draw(a, N, 50000, 1);
		draw(b, N, 50000, 1);
		assert_msg(sb_compare_metric(a, N, b, N, 0, 0.05, &v) == 0, "compare failed at seed %u", s);
		rejected += v.p_value < 0.05;
		flagged0 += v.verdict == SB_V_REGRESSION || v.verdict == SB_V_IMPROVEMENT;
		ci_cover += v.ratio_low <= 1 && 1 <= v.ratio_high;
		sb_compare_metric(a, N, b, N, 0.05, 0.05, &v);
		flagged5 += v.verdict == SB_V_REGRESSION || v.verdict == SB_V_IMPROVEMENT;
		no_change += v.verdict == SB_V_NO_CHANGE;
	}
	double p_rate = (double)rejected / SEEDS, fp0 = (double)flagged0 / SEEDS, fp5 = (double)flagged5 / SEEDS;
	double cover = (double)ci_cover / SEEDS;
	printf("same distribution, n=%d per side, %d seeds, alpha 0.05:\n", N, SEEDS);
	printf("  Mann-Whitney p < alpha: %.3f\n", p_rate);
	printf("  regression/improvement verdicts, threshold 0%%: %.3f; threshold 5%%: %.3f\n", fp0, fp5);
	printf("  bootstrap 95%% CI covers 1: %.3f\n", cover);
	printf("  no change verdicts at threshold 5%%: %.3f\n", (double)no_change / SEEDS);
	assert_msg(p_rate >= 0.03 && p_rate <= 0.07, "test rejects %.3f of true nulls, alpha is 0.05", p_rate);
	assert_msg(fp0 >= 0.02 && fp0 <= 0.07, "false-positive verdict rate %.3f at threshold 0", fp0);
	assert_msg(fp5 <= 0.05, "false-positive verdict rate %.3f at threshold 5%%", fp5);
	assert_msg(cover >= 0.92 && cover <= 0.98, "95%% CI covers the true ratio %.3f of the time", cover);

	for (unsigned s = 0; s < POWER_SEEDS; s++) {
		rng = 5000 + s;
		draw(a, N, 50000, 1);
		draw(b, N, 50000, 1.2);
		sb_compare_metric(a, N, b, N, 0.05, 0.05, &v);
		regress += v.verdict == SB_V_REGRESSION;
	}
	double power = (double)regress / POWER_SEEDS;
	printf("+20%% shift, n=%d per side, threshold 5%%: regression in %.3f of %d seeds\n", N, power, POWER_SEEDS);
	assert_msg(power >= 0.95, "power against +20%% is only %.3f", power);
}

/*
 * Run-to-run noise: every run of the same code lands at its own level (here ±8%, what a shared CI runner
 * shows). Pooling 3 runs per side as one sample cries wolf; the two-level bootstrap over runs must not.
 */
static void run_to_run_noise(void **state)
{
	(void)state;
	enum { SEEDS = 200, K = 3, N = 100 };
	static double a[K * N], b[K * N];
	size_t ea[K], eb[K], flat_fp = 0, runs_fp = 0, runs_power = 0;
	struct sb_verdict v;

	for (unsigned s = 0; s < SEEDS; s++) {
		rng = 9000 + s;
		for (int shift = 0; shift < 2; shift++) {
			for (size_t r = 0; r < K; r++) {
				double level = exp(0.08 * sqrt(-2 * log(uniform())) * cos(2 * M_PI * uniform()));
				draw(a + r * N, N, 50000 * level, 1);
				level = exp(0.08 * sqrt(-2 * log(uniform())) * cos(2 * M_PI * uniform()));
				draw(b + r * N, N, 50000 * level, shift ? 1.5 : 1);
				ea[r] = eb[r] = (r + 1) * N;
			}
			sb_compare_runs(a, K * N, ea, K, b, K * N, eb, K, 0.05, 0.05, &v);
			if (shift) {
				runs_power += v.verdict == SB_V_REGRESSION;
				continue;
			}
			runs_fp += v.verdict == SB_V_REGRESSION || v.verdict == SB_V_IMPROVEMENT;
			sb_compare_metric(a, K * N, b, K * N, 0.05, 0.05, &v);
			flat_fp += v.verdict == SB_V_REGRESSION || v.verdict == SB_V_IMPROVEMENT;
		}
	}
	double flat = (double)flat_fp / SEEDS, runs = (double)runs_fp / SEEDS, power = (double)runs_power / SEEDS;
	printf("run-to-run noise 8%%, %d runs x %d per side, %d seeds, threshold 5%%:\n", K, N, SEEDS);
	printf("  false verdicts pooling runs as one sample: %.3f; run-aware CI (two-level bootstrap + Welch on run medians): %.3f\n", flat, runs);
	printf("  +50%% shift detected by the run-aware CI (two-level bootstrap + Welch on run medians): %.3f\n", power);
	assert_msg(runs <= 0.07, "two-level bootstrap still flags %.3f of same-code comparisons", runs);
	assert_msg(flat > 2 * runs, "pooling runs flat (%.3f) should cry wolf far more than the two-level bootstrap (%.3f)",
	      flat, runs);
	assert_msg(power >= 0.5, "two-level bootstrap finds a +50%% shift in only %.3f", power);
}

/*
 * Two modes, the median between them: a resample's median jumps from one mode to the other, so the
 * interval of the ratio spans about 0.1x to 10x, although the test sees new shifted up by 3% in every
 * sample (p < 0.01) and the ratio of medians is 1.03. Before the inconclusive verdict this read
 * "no change", next to an interval that allowed anything.
 */
static void inconclusive(void **state)
{
	(void)state;
	double base[20], new_[20];
	for (int i = 0; i < 20; i++) {
		base[i] = i < 10 ? 100 : 1000;
		new_[i] = i < 10 ? 103 : 1030;
	}
	struct sb_verdict v;
	assert_msg(!sb_compare_metric(base, 20, new_, 20, 0.05, 0.05, &v), "compared");
	assert_msg(v.p_value < 0.05, "p %.4f: the shift is significant", v.p_value);
	assert_near(v.ratio, 1.03, 1e-9);
	assert_msg(v.ratio_low < 0.95 && v.ratio_high > 1.05, "CI [%.3f, %.3f] reaches past 5%% on both sides", v.ratio_low,
	      v.ratio_high);
	assert_msg(v.verdict == SB_V_INCONCLUSIVE, "verdict %s, want inconclusive", sb_verdict_name(v.verdict));
	assert_msg(!strcmp(sb_verdict_name(SB_V_INCONCLUSIVE), "inconclusive"), "name");

	/* A one-sided wide interval is still noise, and a tight one still no change. */
	for (int i = 0; i < 20; i++) {
		base[i] = 1000 + i;
		new_[i] = 1001 + i;
	}
	assert_msg(!sb_compare_metric(base, 20, new_, 20, 0.05, 0.05, &v), "compared");
	assert_msg(v.verdict == SB_V_NO_CHANGE, "tight interval: verdict %s, want no change", sb_verdict_name(v.verdict));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(inconclusive),
		cmocka_unit_test(known_p_values),
		cmocka_unit_test(edge_cases),
		cmocka_unit_test(reproducible),
		cmocka_unit_test(error_rates),
		cmocka_unit_test(run_to_run_noise),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
