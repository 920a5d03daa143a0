// SPDX-License-Identifier: MIT
/*
 * The results model's reader (report/results_model.h): a fixture file read into the structs with every
 * value checked (header, every axis, status, metrics by enum with statistics recomputed from the samples,
 * rates, warnings, placement, the spawner), absent fields read as the axis table's defaults, and a
 * malformed field refused with the file, the case and the field named.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <jansson.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "results_model.h"

static const char *fixture;
static char err[1024];

/* The fixture is read once for the tests that only look at it. */
static struct sb_results fixture_model;

static int read_fixture(void **state)
{
	if (sb_results_read(&fixture_model, fixture, err, sizeof(err))) {
		fprintf(stderr, "%s\n", err);
		return -1;
	}
	*state = &fixture_model;
	return 0;
}

static int free_fixture(void **state)
{
	sb_results_free(*state);
	return 0;
}

static void test_header_and_axes(void **state)
{
	const struct sb_results r = *(const struct sb_results *)*state;
	assert_string_equal(r.git_commit, "abc1234");
	assert_string_equal(r.created, "2026-11-29T12:00:00Z");
	assert_string_equal(r.host[SB_H_KERNEL], "6.8.0-test");
	assert_string_equal(r.host[SB_H_GLIBC], "2.39");
	assert_int_equal(r.interrupted, 1);
	assert_true(r.stamp_ns == 21.0);
	assert_null(r.converted_from);
	assert_int_equal(r.ncases, 2);

	const struct sb_result_case *c = &r.cases[0];
	assert_string_equal(c->label, "clone thread-like mem=64M x2");
	assert_int_equal(c->status, SB_ST_OK);
	assert_string_equal(c->ax[SB_AF_METHOD].s, "clone");
	assert_string_equal(c->ax[SB_AF_PRESET].s, "thread-like");
	assert_string_equal(c->ax[SB_AF_FLAGS].s, "vm+fs+newpid+newnet");
	assert_string_equal(c->flags_no_ns, "vm+fs");
	assert_string_equal(c->ax[SB_AF_EXIT].s, "SIGCHLD");
	assert_true(c->ax[SB_AF_MEM].num == 67108864.0);
	assert_string_equal(c->ax[SB_AF_MEM].s, "67108864");
	assert_string_equal(c->ax[SB_AF_MEM_KIND].s, "shared");
	assert_true(c->ax[SB_AF_VMAS].num == 4);
	assert_string_equal(c->ax[SB_AF_THP].s, "on");
	assert_true(c->ax[SB_AF_STACK].num == 65536);
	assert_true(c->ax[SB_AF_STACK_TOUCH].num == 1);
	assert_string_equal(c->ax[SB_AF_NS].s, "net+pid");
	assert_true(c->ax[SB_AF_CONCURRENCY].num == 2);
	assert_true(c->ax[SB_AF_CHILD_WRITES].num == 1);
	assert_true(c->ax[SB_AF_COUNT].num == 0);
	assert_string_equal(c->ax[SB_AF_PROBE].s, "phases");
	for (int a = 0; a < SB_N_AXIS_FIELDS; a++)
		assert_true(c->ax[a].given);
	assert_true(c->failed_spawns == 2);
	assert_true(c->rss_bytes == 70000000 && c->mappings == 57 && c->same_cpu_share == 0.25);
	assert_int_equal(c->nwarnings, 1);
	assert_string_equal(c->warnings[0].code, "unsteady");
	assert_string_equal(c->warnings[0].message, "the series never settled");
	assert_non_null(c->probe);
	assert_null(c->counters);
	assert_true(sb_rcase_usable(c));
}

static void test_metrics(void **state)
{
	const struct sb_results r = *(const struct sb_results *)*state;
	const struct sb_result_case *c = &r.cases[0];
	const struct sb_rmetric *total = sb_rcase_metric(c, SB_MET_TOTAL), *create = sb_rcase_metric(c, SB_MET_CREATE);
	assert_non_null(total);
	assert_non_null(create);
	assert_null(sb_rcase_metric(c, SB_MET_EXEC));
	assert_int_equal(total->n, 4);
	assert_true(total->v[3] == 4000);
	/* The file says 1 ns: the samples say otherwise, and the samples win. */
	assert_true(sb_rmetric_stats(total)->median == 2500);
	assert_true(sb_rcase_stat(c, "create_ns", SB_SF_MEDIAN) == 200);
	assert_true(sb_rcase_stat(c, "create_ns", SB_SF_N) == 3);
	assert_true(isnan(sb_rcase_stat(c, "exec_ns", SB_SF_MEDIAN)));
	const struct sb_rmetric *rate = sb_rcase_metric(c, SB_RM_RATE);
	assert_non_null(rate);
	assert_string_equal(rate->name, SB_RATE_NAME);
	assert_true(sb_rmetric_stats(rate)->median == 2000);
	/* The file's order: stats, then what only the samples or the rounds add. */
	assert_int_equal(c->nmetrics, 3);
	assert_string_equal(c->metrics[0].name, "create_ns");
	assert_string_equal(c->metrics[1].name, "total_ns");
	assert_string_equal(c->metrics[2].name, "spawns_per_s");
}

static void test_absent_fields(void **state)
{
	const struct sb_results r = *(const struct sb_results *)*state;
	const struct sb_result_case *c = &r.cases[1];
	assert_int_equal(c->status, SB_ST_SKIPPED);
	assert_string_equal(c->reason, "not allowed here");
	assert_string_equal(c->errno_name, "EPERM");
	assert_false(sb_rcase_usable(c));
	assert_int_equal(c->nmetrics, 0);
	/* Every axis the case does not give reads as the table's value for a file without it. */
	for (int a = 0; a < SB_N_AXIS_FIELDS; a++) {
		if (a == SB_AF_METHOD)
			continue;
		assert_false(c->ax[a].given);
		if (sb_axis_fields[a].kind == SB_AK_STRING || sb_axis_fields[a].kind == SB_AK_LIST)
			assert_string_equal(c->ax[a].s, sb_axis_fields[a].absent);
	}
	assert_true(c->ax[SB_AF_VMAS].num == 1 && c->ax[SB_AF_CONCURRENCY].num == 1 && c->ax[SB_AF_MEM].num == 0);
	assert_string_equal(c->ax[SB_AF_PROBE].s, "off");
	assert_true(isnan(c->mappings));
	assert_true(c->same_cpu_share < 0);
}

/* The fixture with one field of case 0 replaced, read back: refused, naming file, case and field. */
static void refused(const char *field, json_t *value, const char *want)
{
	json_t *doc = json_load_file(fixture, 0, NULL);
	char path[] = "/tmp/sb-model-XXXXXX";
	int fd = mkstemp(path);
	assert_non_null(doc);
	assert_true(fd >= 0);
	close(fd);
	json_t *c = json_array_get(json_object_get(doc, "cases"), 0);
	if (!strcmp(field, "samples.total_ns[1]"))
		json_array_set_new(json_object_get(json_object_get(c, "samples"), "total_ns"), 1, value);
	else
		json_object_set_new(c, field, value);
	assert_int_equal(json_dump_file(doc, path, 0), 0);
	json_decref(doc);

	struct sb_results r;
	err[0] = 0;
	assert_int_equal(sb_results_read(&r, path, err, sizeof(err)), -1);
	unlink(path);
	char where[256];
	snprintf(where, sizeof(where), "%s: case 0 (clone thread-like mem=64M x2): ", path);
	if (!strstr(err, where) || !strstr(err, want))
		fail_msg("%s: want \"%s...%s\", got \"%s\"", field, where, want, err);
	assert_null(r.cases);
}

static void test_malformed(void **state)
{
	(void)state;
	refused("samples.total_ns[1]", json_string("3000"), "samples.total_ns[1] is not a number");
	refused("samples.total_ns[1]", json_integer(-5), "samples.total_ns[1] = -5 is negative");
	refused("vmas", json_string("four"), "\"vmas\" is not a number");
	refused("method", json_integer(3), "\"method\" is not a string");
	refused("namespaces", json_string("net"), "\"namespaces\" is not an array");
	refused("stack_touch", json_string("yes"), "\"stack_touch\" is not true or false");
	refused("status", json_integer(0), "\"status\" is not a string");
	refused("warnings", json_pack("[s]", "x"), "warnings[0] is not an object");
	refused("stats", json_pack("{s:{s:s}}", "total_ns", "median", "x"), "stats.total_ns.median is not a finite number");
	refused("samples", json_string("x"), "\"samples\" is not an object");
}

int main(int argc, char **argv)
{
	fixture = argc > 1 ? argv[1] : "data/fixtures/model/results.json";
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_header_and_axes, read_fixture, free_fixture),
		cmocka_unit_test_setup_teardown(test_metrics, read_fixture, free_fixture),
		cmocka_unit_test_setup_teardown(test_absent_fields, read_fixture, free_fixture),
		cmocka_unit_test(test_malformed),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
