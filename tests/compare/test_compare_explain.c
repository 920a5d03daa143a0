// SPDX-License-Identifier: MIT
/*
 * The explanation under compare, on cases built here with known numbers and read through the results
 * model (its typed probe and counters): the stage estimate's
 * interval (Wilson share x median, relative errors in quadrature) against a hand computation, the ranking
 * by carry, the phase test on raw samples, counters with medians of 0, and every "cannot tell": no data,
 * one side, backends that differ, too few samples, phases only.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "compare_explain.h"
#include "results_model.h"
#include "unit.h"

/* sb_explain_cases on two case objects, read into the model as the two cases of one document. */
static int explain_json(const json_t *b, const json_t *n, const char *metric, double change, double threshold,
			double alpha, struct sb_explain *x)
{
	json_t *doc = json_pack("{s:s, s:[O, O]}", "schema", "spawnbench/1", "cases", b, n);
	struct sb_results r;
	char err[512];
	int ret;

	memset(x, 0, sizeof(*x));
	if (sb_results_from_doc(&r, doc, "explain.json", err, sizeof(err))) {
		fprintf(stderr, "%s\n", err);
		return -1;
	}
	ret = sb_explain_cases(&r.cases[0], &r.cases[1], metric, change, threshold, alpha, x);
	sb_results_free(&r);
	return ret;
}

/* n raw phase values around median m: m - n/2 + i, so the median is m exactly (n odd). */
static json_t *ramp(double m, int n)
{
	json_t *a = json_array();
	for (int i = 0; i < n; i++)
		json_array_append_new(a, json_integer((json_int_t)(m - n / 2 + i)));
	return a;
}

/* A case with copy_process median cp (interval +-cp_half) and stages {name, samples} out of total. */
static json_t *probe_case(const char *backend, double cp, double cp_half, const char *const *names,
			  const int *samples, int nstages, int total)
{
	json_t *st = json_array();
	for (int i = 0; i < nstages; i++) {
		double p = (double)samples[i] / total, z = 1.959964, z2n = z * z / total;
		double mid = (p + z2n / 2) / (1 + z2n), half = z * sqrt(p * (1 - p) / total + z2n / (4 * total)) / (1 + z2n);
		json_array_append_new(st, json_pack("{s:s, s:f, s:f, s:f, s:i, s:f}", "name", names[i], "share", p,
						    "share_ci95_low", fmax(0, mid - half), "share_ci95_high",
						    fmin(1, mid + half), "samples", samples[i], "est_ns", p * cp));
	}
	json_t *phases = json_pack("{s:{s:f, s:f, s:f}, s:{s:f, s:f, s:f}}",
				   "syscall_to_copy_done_ns", "median", cp, "ci95_low", cp - cp_half, "ci95_high", cp + cp_half,
				   "return_to_caller_ns", "median", 10000.0, "ci95_low", 9000.0, "ci95_high", 11000.0);
	json_t *raw = json_pack("{s:o, s:o}", "syscall_to_copy_done_ns", ramp(cp, 101), "return_to_caller_ns",
				ramp(10000, 101));
	return json_pack("{s:{s:s, s:o, s:o, s:o, s:i}}", "probe", "backend", backend, "phases", phases,
			 "phase_samples", raw, "stages", st, "stage_samples_total", total);
}

static void add_counter(json_t *c, double value)
{
	json_t *s = json_array();
	for (int i = 0; i < 50; i++)
		json_array_append_new(s, json_real(value));
	json_object_set_new(c, "counters", json_pack("{s:[{s:s, s:s, s:s, s:o}]}", "events", "name",
						     "perf::PAGE-FAULTS", "scope", "parent", "status", "ok", "samples", s));
}

static const char *const names[] = { "copy_page_range", "dup_mmap", "other" };

static void stages_explained(void **state)
{
	(void)state;
	int bs[] = { 180, 15, 5 }, ns[] = { 380, 12, 8 };
	json_t *b = probe_case("tracepoint", 1000000, 50000, names, bs, 3, 200);
	json_t *n = probe_case("tracepoint", 2000000, 100000, names, ns, 3, 400);
	struct sb_explain x;
	char line[1024];

	add_counter(b, 0);
	add_counter(n, 0);
	assert_msg(!explain_json(b, n, "create_ns", 1000000, 0.05, 0.05, &x), "explained");
	assert_msg(x.have && x.nstages == 3 && x.nphases == 2 && x.ncounters == 1, "%d %zu %zu %zu", x.have, x.nstages,
	      x.nphases, x.ncounters);
	assert_msg(!strcmp(x.stage[0].name, "copy_page_range"), "first %s", x.stage[0].name);
	/* 0.9 x 1 ms -> 0.95 x 2 ms: +1.0 ms, carrying all of a 1 ms change. */
	assert_near(x.stage[0].base, 900000, 1e-6);
	assert_near(x.stage[0].new_, 1900000, 1e-6);
	assert_near(x.stage[0].carry, 1.0, 1e-9);
	/* The interval by hand: relative errors of share and median in quadrature, per side, then the sides. */
	const json_t *bst = json_array_get(json_object_get(json_object_get(b, "probe"), "stages"), 0);
	const json_t *nst = json_array_get(json_object_get(json_object_get(n, "probe"), "stages"), 0);
	double bl = json_real_value(json_object_get(bst, "share_ci95_low")), bh = json_real_value(json_object_get(bst, "share_ci95_high"));
	double nl = json_real_value(json_object_get(nst, "share_ci95_low")), nh = json_real_value(json_object_get(nst, "share_ci95_high"));
	double b_lo = 900000 * (1 - hypot((0.9 - bl) / 0.9, 0.05)), b_hi = 900000 * (1 + hypot((bh - 0.9) / 0.9, 0.05));
	double n_lo = 1900000 * (1 - hypot((0.95 - nl) / 0.95, 0.05)), n_hi = 1900000 * (1 + hypot((nh - 0.95) / 0.95, 0.05));
	assert_near(x.stage[0].lo, 1000000 - hypot(1900000 - n_lo, b_hi - 900000), 1e-3);
	assert_near(x.stage[0].hi, 1000000 + hypot(n_hi - 1900000, 900000 - b_lo), 1e-3);
	assert_msg(x.stage[0].lo > 0 && x.stage[0].lo < 1000000 && x.stage[0].hi > 1000000, "[%g, %g]", x.stage[0].lo,
	      x.stage[0].hi);
	/* The phase test ran on the raw values: copy_process doubled, return_to_caller did not move. */
	for (size_t i = 0; i < x.nphases; i++) {
		if (!strcmp(x.phase[i].name, "syscall_to_copy_done_ns")) {
			assert_msg(x.phase[i].verdict == 1 && x.phase[i].p < 1e-6, "verdict %d p %g", x.phase[i].verdict, x.phase[i].p);
			assert_near(x.phase[i].delta, 1000000, 1e-6);
			assert_near(x.phase[i].carry, 1.0, 1e-9);
		} else {
			assert_msg(x.phase[i].verdict == 0 && x.phase[i].delta == 0, "%s %d %g", x.phase[i].name,
			      x.phase[i].verdict, x.phase[i].delta);
		}
	}
	/* Counters whose medians are 0 are still compared (as a difference, not a ratio). */
	assert_msg(x.counter[0].delta == 0 && !strcmp(x.counter[0].name, "perf::PAGE-FAULTS (parent)"), "%s %g",
	      x.counter[0].name, x.counter[0].delta);
	sb_explain_line(&x, line, sizeof(line));
	assert_msg(!strncmp(line, "copy_page_range +1.00 ms [+0.88, +1.12] (100% of it), ", 53), "%s", line);
	assert_msg(strstr(line, "syscall_to_copy_done +1.00 ms") && strstr(line, "perf::PAGE-FAULTS (parent) +0"), "%s", line);

	/* An improvement ranks the largest fall first. */
	assert_msg(!explain_json(n, b, "create_ns", -1000000, 0.05, 0.05, &x), "explained");
	assert_msg(!strcmp(x.stage[0].name, "copy_page_range") && x.stage[0].carry > 0.99, "%s %g", x.stage[0].name,
	      x.stage[0].carry);
	/* Phases outside the metric's span carry nothing: return_to_caller is not part of syscall_ns. */
	assert_msg(!explain_json(b, n, "syscall_ns", 1000000, 0.05, 0.05, &x), "explained");
	for (size_t i = 0; i < x.nphases; i++)
		assert_msg(strcmp(x.phase[i].name, "return_to_caller_ns") || isnan(x.phase[i].carry), "carry %g",
		      x.phase[i].carry);

	/* Files from before phase_samples: the medians' change and interval, no test. */
	json_t *nraw = json_deep_copy(json_object_get(json_object_get(n, "probe"), "phase_samples"));
	json_object_del(json_object_get(n, "probe"), "phase_samples");
	assert_msg(!explain_json(b, n, "create_ns", 1000000, 0.05, 0.05, &x), "explained");
	for (size_t i = 0; i < x.nphases; i++) {
		if (strcmp(x.phase[i].name, "syscall_to_copy_done_ns"))
			continue;
		assert_msg(x.phase[i].verdict == -1 && isnan(x.phase[i].p), "tested without raw samples");
		assert_near(x.phase[i].delta, 1000000, 1e-6);
		/* base 1 ms +- 50 us, new 2 ms +- 100 us: half-widths in quadrature */
		assert_near(x.phase[i].lo, 1000000 - hypot(100000, 50000), 1e-6);
		assert_near(x.phase[i].hi, 1000000 + hypot(100000, 50000), 1e-6);
	}
	json_object_set_new(json_object_get(n, "probe"), "phase_samples", nraw);
	/* Backends that differ: phases yes, stages no, and it says so. */
	json_object_set_new(json_object_get(n, "probe"), "backend", json_string("fentry"));
	assert_msg(!explain_json(b, n, "create_ns", 1000000, 0.05, 0.05, &x), "explained");
	assert_msg(x.have && !x.nstages && x.nphases && strstr(x.stage_note, "backends differ"), "%s", x.stage_note);
	/* Too few stage samples. */
	json_object_set_new(json_object_get(n, "probe"), "backend", json_string("tracepoint"));
	json_object_set_new(json_object_get(n, "probe"), "stage_samples_total", json_integer(12));
	assert_msg(!explain_json(b, n, "create_ns", 1000000, 0.05, 0.05, &x), "explained");
	assert_msg(!x.nstages && strstr(x.stage_note, "too few stage samples (200 in base, 12 in new"), "%s", x.stage_note);
	/* Phases only on one side. */
	json_object_del(json_object_get(b, "probe"), "stages");
	json_object_set_new(json_object_get(n, "probe"), "stage_samples_total", json_integer(400));
	assert_msg(!explain_json(b, n, "create_ns", 1000000, 0.05, 0.05, &x), "explained");
	assert_msg(!x.nstages && strstr(x.stage_note, "no stage data on base"), "%s", x.stage_note);
	/* Probe data on one side: counters only, and the note. */
	json_object_del(n, "probe");
	assert_msg(!explain_json(b, n, "create_ns", 1000000, 0.05, 0.05, &x), "explained");
	assert_msg(x.have && !x.nphases && x.ncounters == 1 && strstr(x.note, "only base carries probe data"), "%s", x.note);
	/* Nothing at all. */
	json_object_del(b, "probe");
	json_object_del(b, "counters");
	assert_msg(!explain_json(b, n, "create_ns", 1000000, 0.05, 0.05, &x), "explained");
	assert_msg(!x.have && strstr(x.why, "no explanation possible: neither side"), "%s", x.why);
	sb_explain_line(&x, line, sizeof(line));
	assert_msg(!strcmp(line, x.why), "%s", line);
	json_t *j = sb_explain_json(&x);
	assert_msg(j && json_is_false(json_object_get(j, "available")) && json_object_get(j, "reason"), "json");
	json_decref(j);
	json_decref(b);
	json_decref(n);
}

/* A stage seen on one side only: 0 on the other, with the Wilson bound of 0 samples as its interval. */
static void stage_on_one_side(void **state)
{
	(void)state;
	int bs[] = { 200 }, ns[] = { 300, 100 };
	json_t *b = probe_case("tracepoint", 1000000, 10000, names, bs, 1, 200);
	json_t *n = probe_case("tracepoint", 1000000, 10000, (const char *const[]){ "copy_page_range", "alloc_pid" },
			       ns, 2, 400);
	struct sb_explain x;

	assert_msg(!explain_json(b, n, "create_ns", 0, 0.05, 0.05, &x), "explained");
	assert_msg(x.nstages == 2, "%zu", x.nstages);
	for (size_t i = 0; i < x.nstages; i++) {
		if (strcmp(x.stage[i].name, "alloc_pid"))
			continue;
		assert_msg(x.stage[i].base == 0 && x.stage[i].base_samples == 0 && x.stage[i].new_samples == 100, "alloc_pid");
		assert_near(x.stage[i].delta, 250000, 1e-6);
		assert_msg(x.stage[i].lo < 250000 && x.stage[i].hi > 250000 && isnan(x.stage[i].carry), "[%g, %g] %g",
		      x.stage[i].lo, x.stage[i].hi, x.stage[i].carry);
	}
	json_decref(b);
	json_decref(n);
}

/* The interval is written in the change's own unit, even when its ends would pick another. */
static void line_units(void **state)
{
	(void)state;
	static struct sb_explain x;
	char line[512];

	x.have = 1;
	x.nstages = 1;
	x.stage[0] = (struct sb_xp_change){ .name = "copy_page_range", .delta = 950e3, .lo = 850e3, .hi = 1.05e6,
					    .carry = 0.95 };
	sb_explain_line(&x, line, sizeof(line));
	assert_msg(!strcmp(line, "copy_page_range +950 µs [+850, +1050] (95% of it)"), "%s", line);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(line_units),
		cmocka_unit_test(stages_explained),
		cmocka_unit_test(stage_on_one_side),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
