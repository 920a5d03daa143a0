// SPDX-License-Identifier: MIT
/* Flag names, presets, namespace lists, and every clone(2) EINVAL rule spawnbench enforces. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <linux/sched.h>
#include <signal.h>
#include <string.h>

#include "clone_flags.h"
#include "namespaces.h"

#ifndef CLONE_NEWTIME
#define CLONE_NEWTIME 0x80
#endif
#define CLEAR_SIGHAND 0x100000000ULL
#define INTO_CGROUP 0x200000000ULL

static char err[300];

static void test_flag_lists(void **state)
{
	(void)state;
	uint64_t f;
	assert_int_equal(sb_parse_flag_list("vm,fs,files,sighand", &f, err, sizeof(err)), 0);
	assert_true(f == (CLONE_VM | CLONE_FS | CLONE_FILES | CLONE_SIGHAND));
	assert_int_equal(sb_parse_flag_list("CLONE_VM,clone_newnet", &f, err, sizeof(err)), 0);
	assert_true(f == (CLONE_VM | CLONE_NEWNET));
	assert_int_equal(sb_parse_flag_list("vm,sighnad", &f, err, sizeof(err)), -1);
	assert_non_null(strstr(err, "did you mean 'sighand'"));
	assert_int_equal(sb_parse_flag_list("vm,,fs", &f, err, sizeof(err)), -1);
	assert_non_null(sb_find_preset("thread-like"));
	assert_null(sb_find_preset("thread"));
}

static void test_ns_lists(void **state)
{
	(void)state;
	uint64_t sets[300];
	char name[128];
	assert_int_equal(sb_parse_ns_list("none,net,net+pid", sets, 300, err, sizeof(err)), 3);
	assert_true(sets[0] == 0 && sets[1] == CLONE_NEWNET && sets[2] == (CLONE_NEWNET | CLONE_NEWPID));
	sb_ns_set_name(sets[2], name, sizeof(name));
	assert_string_equal(name, "pid+net");
	assert_int_equal(sb_parse_ns_list("sweep", sets, 300, err, sizeof(err)), 256);
	assert_true(sets[0] == 0);
	assert_int_equal(sb_parse_ns_list("all", sets, 300, err, sizeof(err)), 1);
	uint64_t all = 0;
	for (int i = 0; i < SB_N_NS_TYPES; i++)
		all |= sb_ns_types[i].flag;
	assert_true(sets[0] == all && all == SB_NS_ALL_FLAGS);
	assert_int_equal(sb_parse_ns_list("net,net", sets, 300, err, sizeof(err)), 1);
	assert_int_equal(sb_parse_ns_list("nte", sets, 300, err, sizeof(err)), -1);
	assert_non_null(strstr(err, "did you mean 'net'"));
	assert_int_equal(sb_parse_ns_list("net+", sets, 300, err, sizeof(err)), -1);
	assert_int_equal(sb_parse_ns_list("+", sets, 300, err, sizeof(err)), -1);
	assert_int_equal(sb_parse_ns_list("sweep", sets, 10, err, sizeof(err)), -1);
}

/* Each EINVAL of clone(2) that spawnbench checks up front, with the words the page uses. */
static void test_rules(void **state)
{
	(void)state;
	const struct {
		int method;
		uint64_t flags;
		int sig;
		const char *words;
	} bad[] = {
		{ SB_M_CLONE3, CLONE_SIGHAND | CLONE_VM | CLEAR_SIGHAND, SIGCHLD, "CLONE_CLEAR_SIGHAND" },
		{ SB_M_CLONE, CLONE_SIGHAND, SIGCHLD, "CLONE_SIGHAND was specified, but CLONE_VM was not" },
		{ SB_M_CLONE, CLONE_THREAD | CLONE_VM, 0, "CLONE_THREAD was specified, but CLONE_SIGHAND was not" },
		{ SB_M_CLONE, CLONE_FS | CLONE_NEWNS, SIGCHLD, "CLONE_FS and CLONE_NEWNS" },
		{ SB_M_CLONE3, CLONE_FS | CLONE_NEWUSER, SIGCHLD, "CLONE_NEWUSER and CLONE_FS" },
		{ SB_M_CLONE, CLONE_NEWIPC | CLONE_SYSVSEM, SIGCHLD, "CLONE_NEWIPC and CLONE_SYSVSEM" },
		{ SB_M_CLONE, CLONE_NEWPID | CLONE_THREAD | CLONE_SIGHAND | CLONE_VM, 0, "CLONE_NEWPID or CLONE_NEWUSER" },
		{ SB_M_CLONE, CLONE_NEWUSER | CLONE_PARENT, SIGCHLD, "CLONE_NEWPID or CLONE_NEWUSER" },
		{ SB_M_CLONE3, CLONE_PIDFD | CLONE_THREAD | CLONE_SIGHAND | CLONE_VM, 0, "CLONE_PIDFD was specified together with CLONE_THREAD" },
		{ SB_M_CLONE, CLONE_PIDFD | CLONE_PARENT_SETTID, SIGCHLD, "CLONE_PARENT_SETTID" },
		{ SB_M_CLONE3, CLONE_DETACHED, SIGCHLD, "CLONE_DETACHED" },
		{ SB_M_CLONE, CLONE_NEWTIME, SIGCHLD, "clone3" },
		{ SB_M_CLONE, INTO_CGROUP, SIGCHLD, "clone3" },
		{ SB_M_CLONE, CLEAR_SIGHAND, SIGCHLD, "clone3" },
		{ SB_M_CLONE, CLONE_VM | CLONE_SIGHAND | CLONE_THREAD, SIGCHLD, "exit signal" },
		{ SB_M_CLONE, CLONE_PARENT, SIGCHLD, "cannot reap" },
		{ SB_M_CLONE3, CLONE_SETTLS, SIGCHLD, "CLONE_SETTLS" },
	};
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		const char *rule = sb_flag_rule_broken(bad[i].method, bad[i].flags, bad[i].sig);
		if (!rule || !strstr(rule, bad[i].words))
			fail_msg("case %zu: expected a rule naming '%s', got '%s'", i, bad[i].words, rule ? rule : "(none)");
	}
	/* What must pass: every preset as defined, with both methods where it applies. */
	for (size_t i = 0; i < sb_n_presets; i++) {
		const char *r3 = sb_flag_rule_broken(SB_M_CLONE3, sb_presets[i].flags, sb_presets[i].exit_signal);
		if (r3)
			fail_msg("preset %s refused for clone3: %s", sb_presets[i].name, r3);
	}
	assert_null(sb_flag_rule_broken(SB_M_CLONE3, CLONE_PIDFD | CLONE_PARENT_SETTID, SIGCHLD));
	assert_null(sb_flag_rule_broken(SB_M_CLONE3, CLONE_NEWTIME | CLONE_NEWUSER, SIGCHLD));
	assert_null(sb_flag_rule_broken(SB_M_CLONE, CLONE_NEWNET | CLONE_NEWPID | CLONE_NEWNS, SIGCHLD));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_flag_lists),
		cmocka_unit_test(test_ns_lists),
		cmocka_unit_test(test_rules),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
