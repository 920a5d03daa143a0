// SPDX-License-Identifier: MIT
/*
 * A program the verifier refuses is reported as refused, with the verifier's complaint, not as the
 * errno of the load ("Permission denied" sent users looking for a privilege problem). The log is the one
 * Debian 12's 6.1 gave for the first exact-stage programs (fixtures/verifier-log-6.1.txt), handed to
 * our libbpf print callback the way libbpf 1.1 hands it over after a failed load.
 */
#include <bpf/libbpf.h>
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "libbpf_setup.h"

static char fixture[8192];

static int call(libbpf_print_fn_t fn, enum libbpf_print_level level, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = fn(level, fmt, ap);
	va_end(ap);
	return n;
}

/* What libbpf 1.1 prints after a refused load (bpf_object_load_prog), through the callback we set. */
static void libbpf_reports_refusal(const char *prog, const char *log)
{
	libbpf_print_fn_t ours;

	sb_libbpf_setup(0);
	ours = libbpf_set_print(NULL);
	libbpf_set_print(ours);
	call(ours, LIBBPF_WARN, "libbpf: prog '%s': BPF program load failed: %s\n", prog, "Permission denied");
	call(ours, LIBBPF_WARN, "libbpf: prog '%s': -- BEGIN PROG LOAD LOG --\n%s-- END PROG LOAD LOG --\n", prog,
	     log);
}

static void test_refusal_named(void **state)
{
	char msg[512];
	const char *prog, *log;

	(void)state;
	sb_bpf_log_forget();
	libbpf_reports_refusal("fexit_copy_process", fixture);
	sb_bpf_load_errmsg(msg, sizeof(msg), "loading fentry/fexit programs", -EACCES);
	assert_string_equal(msg, "loading fentry/fexit programs: program fexit_copy_process was rejected by the "
				 "verifier: R3 unbounded memory access, make sure to bounds check any such access");
	assert_null(strstr(msg, "Permission denied"));
	/* doctor -v prints the whole log */
	log = sb_bpf_verifier_log(&prog);
	assert_non_null(log);
	assert_string_equal(prog, "fexit_copy_process");
	assert_string_equal(log, fixture);
}

static void test_no_log_is_errno(void **state)
{
	char msg[512];

	(void)state;
	libbpf_reports_refusal("fexit_copy_process", fixture);
	/* a later load forgets the log first: its failure is its own */
	sb_bpf_log_forget();
	sb_bpf_load_errmsg(msg, sizeof(msg), "loading fentry/fexit programs", -EPERM);
	assert_string_equal(msg, "loading fentry/fexit programs: Operation not permitted");
	assert_null(sb_bpf_verifier_log(NULL));
}

static void test_log_without_summary(void **state)
{
	char msg[512];

	(void)state;
	sb_bpf_log_forget();
	/* a refusal before any instruction is walked: no "processed" line, the last line says why */
	libbpf_reports_refusal("sb_x", "btf_vmlinux is malformed\nInvalid argument\n");
	sb_bpf_load_errmsg(msg, sizeof(msg), "loading", -EINVAL);
	assert_string_equal(msg, "loading: program sb_x was rejected by the verifier: Invalid argument");
	sb_bpf_log_forget();
}

int main(int argc, char **argv)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_refusal_named),
		cmocka_unit_test(test_no_log_is_errno),
		cmocka_unit_test(test_log_without_summary),
	};
	FILE *f = fopen(argc > 1 ? argv[1] : "verifier-log-6.1.txt", "r");
	size_t n;

	if (!f) {
		perror("verifier log fixture");
		return 1;
	}
	n = fread(fixture, 1, sizeof(fixture) - 1, f);
	fixture[n] = 0;
	fclose(f);
	return cmocka_run_group_tests(tests, NULL, NULL);
}
