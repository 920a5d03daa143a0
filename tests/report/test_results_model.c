// SPDX-License-Identifier: MIT
/*
 * The results model's reader (report/results_model.h): a fixture file read into the structs with every
 * value checked (header, every axis, status, metrics by enum with statistics recomputed from the samples,
 * rates, warnings, placement, the spawner, the probe's phases and stages, the counter events, the run
 * description), absent fields read as the axis table's defaults, and a malformed field refused with the
 * file, the case and the field named.
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
	assert_non_null(c->counters);
	assert_true(sb_rcase_usable(c));
	assert_null(r.cases[1].probe);
	assert_null(r.cases[1].counters);
}

static void test_probe(void **state)
{
	const struct sb_results r = *(const struct sb_results *)*state;
	const struct sb_rprobe *p = r.cases[0].probe;
	assert_string_equal(p->backend, "tracepoint");
	assert_string_equal(p->level, "stages");
	assert_null(p->reason);
	assert_true(p->spawns_joined == 3 && p->lost_events == 1 && p->stage_samples_total == 40);
	assert_true(isnan(p->spawns_unjoined));
	/* probe.phases in file order, then the phase only phase_samples has. */
	assert_int_equal(p->nphases, 3);
	const struct sb_rphase *cp = &p->phases[0], *wr = &p->phases[1], *er = &p->phases[2];
	assert_string_equal(cp->name, "syscall_to_copy_done_ns");
	assert_true(cp->in_phases && cp->s.st.median == 1000 && cp->s.st.ci95_high == 1100);
	assert_true(cp->s.have & (1u << SB_SF_CI95_LOW));
	assert_false(cp->s.have & (1u << SB_SF_P99));
	assert_int_equal(cp->n, 3);
	assert_true(cp->v[0] == 900 && cp->v[2] == 1100);
	assert_string_equal(wr->name, "wakeup_to_return_ns");
	assert_true(wr->in_phases && wr->s.have == 1u << SB_SF_MEDIAN && wr->s.st.median == 50);
	assert_null(wr->v);
	assert_string_equal(er->name, "exit_to_reap_ns");
	assert_false(er->in_phases);
	assert_int_equal(er->s.have, 0);
	assert_true(er->n == 2 && er->v[1] == 8);
	assert_true(p->has_stages);
	assert_int_equal(p->nstages, 2);
	assert_string_equal(p->stages[0].name, "dup_mmap");
	assert_true(p->stages[0].share == 0.75 && p->stages[0].share_ci95_low == 0.6 &&
		    p->stages[0].share_ci95_high == 0.85 && p->stages[0].samples == 30 && p->stages[0].est_ns == 750);
	assert_string_equal(p->stages[1].name, "alloc_pid");
	assert_true(p->stages[1].share == 0.25 && p->stages[1].samples == 10);
	assert_true(isnan(p->stages[1].share_ci95_low) && isnan(p->stages[1].est_ns));
}

static void test_counters(void **state)
{
	const struct sb_results r = *(const struct sb_results *)*state;
	const struct sb_rcounters *k = r.cases[0].counters;
	assert_int_equal(k->nevents, 2);
	const struct sb_rcounter *pf = &k->events[0], *cy = &k->events[1];
	assert_string_equal(pf->name, "perf::PAGE-FAULTS");
	assert_string_equal(pf->scope, "parent");
	assert_string_equal(pf->status, "ok");
	assert_null(pf->reason);
	assert_true(pf->multiplexed && !pf->user_space_only);
	assert_true(pf->n == 3 && pf->v[0] == 3 && pf->v[2] == 5);
	/* The statistics as the file gives them, a field this reader does not know counted but not kept. */
	assert_int_equal(pf->stats_fields, 3);
	assert_int_equal(pf->s.have, (1u << SB_SF_MEDIAN) | (1u << SB_SF_CI95_LOW));
	assert_true(pf->s.st.median == 4 && pf->s.st.ci95_low == 3);
	assert_string_equal(cy->status, "unavailable");
	assert_string_equal(cy->reason, "not supported on this host");
	assert_true(cy->errno_value == 2);
	assert_true(cy->n == 0 && !cy->v && cy->stats_fields == 0 && cy->s.have == 0);
}

static void test_run_desc(void **state)
{
	const struct sb_results r = *(const struct sb_results *)*state;
	const struct sb_rrun_desc *d = &r.desc;
	assert_string_equal(d->tool_name, "spawnbench");
	assert_string_equal(d->tool_version, "0.9.0");
	assert_string_equal(d->created, "2026-11-29T12:00:00Z");
	assert_string_equal(d->hostname, "box");
	assert_string_equal(d->arch, "x86_64");
	assert_null(d->thp_enabled);
	assert_null(d->libbpf);
	assert_string_equal(d->libpfm, "4.13.0");
	assert_true(d->cores == 8 && d->mem_total_bytes == 16777216 && d->virtualized);
	assert_string_equal(d->clock_source, "tsc");
	assert_true(d->clock_resolution_ns == 1 && d->clock_overhead_ns == 19.5);
	assert_true(d->euid == 0 && d->cap_sys_admin && !d->user_namespaces && d->cgroup2);
	assert_int_equal(d->argc, 3);
	assert_string_equal(d->argv[0], "run");
	assert_string_equal(d->argv[2], "clone");
	assert_string_equal(d->plan, "custom");
	assert_string_equal(d->stop_metric, "total_ns");
	assert_true(d->iterations == 100 && d->target_ci == 0.02 && d->seed == 7);
	assert_true(isnan(d->min_iterations) && isnan(d->warmup) && isnan(d->batch) && isnan(d->max_time_s));
	assert_string_equal(d->started, "2026-11-29T11:59:00Z");
	assert_true(d->duration_s == 60);
	assert_int_equal(d->nnotes, 1);
	assert_string_equal(d->notes[0], "clone runs as root");
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

/*
 * The fixture with the member at path replaced by value (steps split by '.', numbers index arrays; from
 * case 0, or from the top with in_case 0), read back: refused with want, after the file and the case.
 */
static void refused_at(int in_case, const char *path, json_t *value, const char *want)
{
	json_t *doc = json_load_file(fixture, 0, NULL);
	char tmp[] = "/tmp/sb-model-XXXXXX", steps[128], *save = NULL;
	int fd = mkstemp(tmp);
	assert_non_null(doc);
	assert_true(fd >= 0);
	close(fd);
	json_t *at = in_case ? json_array_get(json_object_get(doc, "cases"), 0) : doc;
	snprintf(steps, sizeof(steps), "%s", path);
	char *step = strtok_r(steps, ".", &save), *next;
	for (; (next = strtok_r(NULL, ".", &save)); step = next)
		at = json_is_array(at) ? json_array_get(at, strtoul(step, NULL, 10)) : json_object_get(at, step);
	assert_non_null(at);
	if (json_is_array(at))
		assert_int_equal(json_array_set_new(at, strtoul(step, NULL, 10), value), 0);
	else
		assert_int_equal(json_object_set_new(at, step, value), 0);
	assert_int_equal(json_dump_file(doc, tmp, 0), 0);
	json_decref(doc);

	struct sb_results r;
	err[0] = 0;
	assert_int_equal(sb_results_read(&r, tmp, err, sizeof(err)), -1);
	unlink(tmp);
	char where[256];
	snprintf(where, sizeof(where), "%s: %s%s", tmp, in_case ? "case 0 (clone thread-like mem=64M x2): " : "", want);
	if (strcmp(err, where))
		fail_msg("%s: want \"%s\", got \"%s\"", path, where, err);
	assert_null(r.cases);
}

static void test_malformed_parts(void **state)
{
	(void)state;
	refused_at(1, "probe", json_string("x"), "\"probe\" is not an object");
	refused_at(1, "probe.backend", json_integer(1), "probe.backend is not a string");
	refused_at(1, "probe.lost_events", json_string("none"), "probe.lost_events is not a number");
	refused_at(1, "probe.phases", json_array(), "probe.phases is not an object");
	refused_at(1, "probe.phases.wakeup_to_return_ns", json_integer(5),
		   "probe.phases.wakeup_to_return_ns is not an object");
	refused_at(1, "probe.phases.syscall_to_copy_done_ns.median", json_string("1 us"),
		   "probe.phases.syscall_to_copy_done_ns.median is not a number");
	refused_at(1, "probe.phase_samples.exit_to_reap_ns.1", json_true(),
		   "probe.phase_samples.exit_to_reap_ns[1] is not a number");
	refused_at(1, "probe.phase_samples.exit_to_reap_ns", json_object(),
		   "probe.phase_samples.exit_to_reap_ns is not an array");
	refused_at(1, "probe.stages", json_object(), "probe.stages is not an array");
	refused_at(1, "probe.stages.1", json_string("alloc_pid"), "probe.stages[1] is not an object");
	refused_at(1, "probe.stages.1.share", json_string("25%"), "probe.stages[1].share is not a number");
	refused_at(1, "probe.stages.0.name", json_integer(4), "probe.stages[0].name is not a string");
	refused_at(1, "probe.stage_samples_total", json_string("40"), "probe.stage_samples_total is not a number");
	refused_at(1, "counters", json_array(), "\"counters\" is not an object");
	refused_at(1, "counters.events", json_object(), "counters.events is not an array");
	refused_at(1, "counters.events.1", json_integer(0), "counters.events[1] is not an object");
	refused_at(1, "counters.events.0.samples.2", json_string("5"), "counters.events[0].samples[2] is not a number");
	refused_at(1, "counters.events.0.stats.median", json_string("4"), "counters.events[0].stats.median is not a number");
	refused_at(1, "counters.events.0.multiplexed", json_integer(1),
		   "counters.events[0].multiplexed is not true or false");
	refused_at(1, "counters.events.1.status", json_false(), "counters.events[1].status is not a string");
	refused_at(0, "host.cores", json_string("8"), "host.cores is not a number");
	refused_at(0, "host.clock.source", json_integer(3), "host.clock.source is not a string");
	refused_at(0, "host.privileges.cap_sys_admin", json_string("yes"),
		   "host.privileges.cap_sys_admin is not true or false");
	refused_at(0, "host", json_string("box"), "host is not an object");
	refused_at(0, "config.argv.1", json_integer(1), "config.argv[1] is not a string");
	refused_at(0, "config.seed", json_string("7"), "config.seed is not a number");
	refused_at(0, "run.duration_s", json_string("60 s"), "run.duration_s is not a number");
	refused_at(0, "notes", json_string("one"), "notes is not an array");
	refused_at(0, "notes.0", json_null(), "notes[0] is not a string");
	refused_at(0, "tool.name", json_integer(1), "tool.name is not a string");
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
		cmocka_unit_test_setup_teardown(test_probe, read_fixture, free_fixture),
		cmocka_unit_test_setup_teardown(test_counters, read_fixture, free_fixture),
		cmocka_unit_test_setup_teardown(test_run_desc, read_fixture, free_fixture),
		cmocka_unit_test(test_malformed),
		cmocka_unit_test(test_malformed_parts),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
