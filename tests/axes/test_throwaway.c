// SPDX-License-Identifier: MIT
/*
 * Built only with -DSPAWNBENCH_EXTRA_AXIS=tests/axes/throwaway_axis.h (tests/axes/throwaway_axis.sh builds
 * it so): the "knob" row of that header, and nothing else written for it, is a field of struct sb_matrix
 * and of struct sb_case_wire (this file would not compile otherwise), an option of --help and of the
 * parser, a digit of expansion, a token of the key and the label, a field of the results file in its place,
 * an axis of the results model and of report's case identity.
 */
#include "unit.h"

#include <jansson.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "cli_run.h"
#include "privileges.h"
#include "report.h"
#include "results.h"
#include "results_model.h"

_Static_assert(sizeof(((struct sb_matrix *)0)->knobs) == 4 * sizeof(uint32_t), "the matrix holds 4 knobs");
_Static_assert(sizeof(((struct sb_matrix *)0)->n_knobs) == sizeof(int), "and their count");
_Static_assert(sizeof(((struct sb_case_wire *)0)->knob) == sizeof(uint32_t), "the worker receives the knob");

static char err[700];
static struct sb_run_config cfg;

static void expand(const char *words)
{
	static char buf[512];
	char *tok[64];
	int n = 0, axis_seen = 0;
	snprintf(buf, sizeof(buf), "%s", words);
	for (char *t = strtok(buf, " "); t && n < 64; t = strtok(NULL, " "))
		tok[n++] = t;
	sb_run_config_defaults(&cfg);
	assert_int_equal(sb_parse_run_options(n, tok, SB_OPT_GLOBAL | SB_OPT_AXIS, &cfg, &cfg.matrices[0], &axis_seen,
					       err, sizeof(err)), 0);
	assert_true(axis_seen);
	cfg.n_matrices = 1;
	assert_int_equal(sb_expand_cases(&cfg, err, sizeof(err)), 0);
}

static void test_option_and_help(void **state)
{
	(void)state;
	char *text = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&text, &len);
	assert_non_null(f);
	sb_run_usage(f);
	fclose(f);
	assert_non_null(strstr(text, "--knob LIST"));
	free(text);
	/* Its parser and range: 0..9, at most 4 values. */
	sb_run_config_defaults(&cfg);
	char *bad[] = { "--knob", "10" }, *many[] = { "--knob", "1,2,3,4,5" };
	int seen = 0;
	assert_int_not_equal(sb_parse_run_options(2, bad, SB_OPT_AXIS, &cfg, &cfg.matrices[0], &seen, err, sizeof(err)), 0);
	assert_int_not_equal(sb_parse_run_options(2, many, SB_OPT_AXIS, &cfg, &cfg.matrices[0], &seen, err, sizeof(err)), 0);
}

static void test_expansion_and_names(void **state)
{
	(void)state;
	expand("--method fork --mem 0,1M --knob 0,3");
	assert_int_equal(cfg.n_cases, 4);
	/* The last digit turns fastest; the default is left out of the key and the label. */
	assert_string_equal(cfg.cases[0].label, "fork");
	assert_string_equal(cfg.cases[1].label, "fork knob=3");
	assert_string_equal(cfg.cases[3].label, "fork mem=1M knob=3");
	assert_string_equal(cfg.cases[1].key, "method=fork;preset=none;flags=;exit=-;exec=none;mem=0;mem_kind=anon;"
			    "vmas=1;thp=off;stack=0;stack_touch=0;ns=none;ns_path=clone;userns_added=0;concurrency=1;knob=3");
	assert_null(strstr(cfg.cases[0].key, "knob"));
	assert_int_equal(cfg.cases[0].w.knob, 0);
	assert_int_equal(cfg.cases[1].w.knob, 3);
	sb_free_cases(&cfg);
}

static void test_results_model_and_identity(void **state)
{
	(void)state;
	char path[] = "/tmp/sb-throwaway-XXXXXX";
	int fd = mkstemp(path);
	assert_true(fd >= 0);
	close(fd);
	expand("--method fork --knob 0,3");
	for (size_t i = 0; i < cfg.n_cases; i++) {
		/* The model reads cases that ran: give each a few samples. */
		struct sb_case *c = &cfg.cases[i];
		c->status = SB_ST_OK;
		c->samples = calloc(3, sizeof(*c->samples));
		assert_non_null(c->samples);
		c->n_samples = c->cap_samples = 3;
		for (size_t k = 0; k < 3; k++) {
			c->samples[k].valid = 1u << SB_MET_TOTAL;
			c->samples[k].m[SB_MET_TOTAL] = 1000 + k;
		}
	}
	struct sb_privileges priv;
	sb_probe_privileges(&priv);
	struct sb_run_info info = { .priv = &priv };
	json_t *doc = sb_results_json(&cfg, &info);
	assert_non_null(doc);
	json_t *jc = json_array_get(json_object_get(doc, "cases"), 1);
	assert_int_equal(json_integer_value(json_object_get(jc, "knob")), 3);
	/* Its place: after every older field of the axes, before "errno". */
	const char *prev = NULL, *k;
	json_t *v;
	json_object_foreach(jc, k, v) {
		if (!strcmp(k, "knob"))
			break;
		prev = k;
	}
	assert_non_null(prev);
	assert_string_equal(prev, "counting");
	assert_int_equal(sb_write_json_file(doc, path), 0);
	json_decref(doc);
	sb_free_cases(&cfg);

	static struct sb_report r;
	memset(&r, 0, sizeof(r));
	assert_int_equal(sb_report_add_run(&r, path, err, sizeof(err)), 0);
	assert_int_equal(sb_report_build(&r, err, sizeof(err)), 0);
	assert_int_equal(r.ncases, 2);
	const struct sb_result_case *m0 = r.cases[0].m, *m1 = r.cases[1].m;
	assert_true(m1->ax[SB_AF_KNOB].given);
	assert_true(m1->ax[SB_AF_KNOB].num == 3);
	assert_string_equal(m1->ax[SB_AF_KNOB].s, "3");
	assert_true(m0->ax[SB_AF_KNOB].num == 0);
	/* Report's identity tells the two apart by the knob alone, and groups them when it is skipped. */
	char a[512], b[512];
	sb_case_ident(&r.cases[0], 0, a, sizeof(a));
	sb_case_ident(&r.cases[1], 0, b, sizeof(b));
	assert_string_not_equal(a, b);
	sb_case_ident(&r.cases[0], 1u << SB_AF_KNOB, a, sizeof(a));
	sb_case_ident(&r.cases[1], 1u << SB_AF_KNOB, b, sizeof(b));
	assert_string_equal(a, b);
	sb_report_free(&r);
	unlink(path);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_option_and_help),
		cmocka_unit_test(test_expansion_and_names),
		cmocka_unit_test(test_results_model_and_identity),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
