// SPDX-License-Identifier: MIT
/*
 * The axis table (bench/axes.h): the odometer visits every point once in table order, expansion is the
 * product of the axes less the points a method cannot take, the key and label the table writes are the
 * ones results files already hold (compare matches on them), every axis is reached by its option, and each
 * axis's results field is what results_json.c really writes.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <jansson.h>
#include <stdio.h>
#include <string.h>

#include "axes.h"
#include "clone_flags.h"
#include "cli_run.h"
#include "privileges.h"
#include "results.h"

static char err[700];

static void test_odometer(void **state)
{
	(void)state;
	const int n[3] = { 2, 1, 3 };
	int idx[3] = { 0 }, seen = 0;
	char order[64] = "";
	do {
		char d[8];
		snprintf(d, sizeof(d), "%d%d%d ", idx[0], idx[1], idx[2]);
		strcat(order, d);
		seen++;
	} while (sb_odometer_next(idx, n, 3));
	assert_int_equal(seen, 6);
	assert_string_equal(order, "000 001 002 100 101 102 ");   /* the last digit turns fastest */
	assert_int_equal(idx[0] + idx[1] + idx[2], 0);             /* wrapped back to the start */
}

/* cfg from command-line words, expanded. */
static void expand(struct sb_run_config *cfg, const char *words)
{
	static char buf[512];
	char *tok[64];
	int n = 0;
	snprintf(buf, sizeof(buf), "%s", words);
	for (char *t = strtok(buf, " "); t && n < 64; t = strtok(NULL, " "))
		tok[n++] = t;
	memset(cfg, 0, sizeof(*cfg));
	sb_run_config_defaults(cfg);
	int axis_seen = 0;
	assert_int_equal(sb_parse_run_options(n, tok, SB_OPT_GLOBAL | SB_OPT_AXIS, cfg, &cfg->matrices[0],
					       &axis_seen, err, sizeof(err)), 0);
	cfg->n_matrices = 1;
	assert_int_equal(sb_expand_cases(cfg, err, sizeof(err)), 0);
}

static void test_product_and_order(void **state)
{
	(void)state;
	static struct sb_run_config cfg;
	/* 2 methods x 3 mems x 2 vmas x 2 spawners, less mem=0 with 2 mappings (2 x 2 x 2 points). */
	expand(&cfg, "--method fork,vfork --mem 0,1M,2M --vmas 1,2 --concurrency 1,2");
	assert_int_equal(cfg.n_cases, 2 * 3 * 2 * 2 - 2 * 2);
	/* Method outermost, then the table's order: mem before vmas before concurrency (fastest). */
	assert_string_equal(cfg.cases[0].label, "fork");
	assert_string_equal(cfg.cases[1].label, "fork x2");
	assert_string_equal(cfg.cases[2].label, "fork mem=1M");
	assert_string_equal(cfg.cases[4].label, "fork mem=1M vmas=2");
	assert_string_equal(cfg.cases[cfg.n_cases - 1].label, "vfork mem=2M vmas=2 x2");
	sb_free_cases(&cfg);
	/* Axes a method does not take count once: pthread has no flag presets, posix_spawn must exec. */
	expand(&cfg, "--method pthread --preset process,thread-like --stack 16K,32K");
	assert_int_equal(cfg.n_cases, 2);
	sb_free_cases(&cfg);
}

/* One case where every axis differs from its default: its key and label, byte for byte as before the table. */
static const char all_axes[] = "--method clone3 --preset pidfd --exec none --stack 16K --ns uts --ns-path unshare "
	"--mem 1M --vmas 2 --thp on --mem-kind shared --concurrency 2 --count off --probe off,phases --child-writes";

static void test_names(void **state)
{
	(void)state;
	static struct sb_run_config cfg;
	expand(&cfg, all_axes);
	assert_int_equal(cfg.n_cases, 2);
	assert_string_equal(cfg.cases[1].key, "method=clone3;preset=pidfd;flags=pidfd;exit=SIGCHLD;exec=none;"
			    "mem=1048576;mem_kind=shared;vmas=2;thp=on;stack=16384;stack_touch=0;ns=uts;ns_path=unshare;"
			    "userns_added=0;concurrency=2;child_writes=1;count=off;probe=phases");
	assert_string_equal(cfg.cases[1].label, "clone3 pidfd mem=1M(shared) vmas=2 thp stack=16K ns=uts via=unshare "
			    "x2 child-writes count=off probe=phases");
	sb_free_cases(&cfg);
	/* Defaults: the axes added after the first keys are left out of the key, everything out of the label. */
	expand(&cfg, "--method clone --flags vm,fs --ns user");
	assert_string_equal(cfg.cases[0].key, "method=clone;preset=raw;flags=vm,fs,newuser;exit=SIGCHLD;exec=none;"
			    "mem=0;mem_kind=anon;vmas=1;thp=off;stack=65536;stack_touch=0;ns=user;ns_path=clone;"
			    "userns_added=0;concurrency=1");
	assert_string_equal(cfg.cases[0].label, "clone vm,fs,newuser ns=user");
	sb_free_cases(&cfg);
}

/* Every axis's key token and results field are written, and its option is reached through the parser. */
static void test_tokens_and_fields(void **state)
{
	(void)state;
	static struct sb_run_config cfg;
	expand(&cfg, all_axes);
	struct sb_privileges priv;
	sb_probe_privileges(&priv);
	struct sb_run_info info = { .priv = &priv };
	json_t *doc = sb_results_json(&cfg, &info);
	assert_non_null(doc);
	json_t *jc = json_array_get(json_object_get(doc, "cases"), 0);
	assert_non_null(jc);
	char key[sizeof(cfg.cases[0].key) + 1];
	snprintf(key, sizeof(key), ";%s", cfg.cases[0].key);   /* every token now follows a ';' */
	for (size_t a = 0; a < sb_n_axes; a++) {
		const struct sb_axis *x = &sb_axes[a];
		char tok[64];
		snprintf(tok, sizeof(tok), ";%s=", x->f->key);
		if (!strstr(key, tok))
			fail_msg("axis %s: no '%s' in the key %s", x->f->key, tok + 1, key);
		if (!json_object_get(jc, x->f->json))
			fail_msg("axis %s: no field '%s' in a results case", x->f->key, x->f->json);
		if (x->opt.name && sb_axis_option(x->opt.name, strlen(x->opt.name), 0) != &x->opt)
			fail_msg("axis %s: --%s not found by its name", x->f->key, x->opt.name);
		assert_ptr_equal(x->f, &sb_axis_fields[a]);
		/* A row without a place to keep its value needs hooks for what the generic code reads there. */
		if (!x->store_size && (!x->hooks.key || !x->hooks.json))
			fail_msg("axis %s: NOSTORE without key and json hooks", x->f->key);
		if (x->turn && !x->store_size && !x->hooks.apply)
			fail_msg("axis %s: a digit that stores nothing", x->f->key);
		/* The generic code reads and writes whole numbers of 4 or 8 bytes. */
		if (x->store_size && x->store_size != 4 && x->store_size != 8)
			fail_msg("axis %s: a STORE of %zu bytes", x->f->key, x->store_size);
		if (x->matrix == SB_AM_LIST && !x->hooks.apply && x->elem_size != 4 && x->elem_size != 8)
			fail_msg("axis %s: generic values of %zu bytes in the matrix", x->f->key, x->elem_size);
	}
	/* One row per digit and per place in the results file, and "status" keeps its place. */
	for (int t = 1; t <= (int)sb_axes_turns(); t++) {
		int n = 0;
		for (size_t a = 0; a < sb_n_axes; a++)
			n += sb_axes[a].turn == t;
		assert_int_equal(n, 1);
	}
	for (size_t a = 0; a < sb_n_axes; a++) {
		assert_true(sb_axes[a].turn >= 0 && sb_axes[a].turn <= (int)sb_axes_turns());
		assert_int_not_equal(sb_axes[a].jpos, SB_AXIS_JSON_STATUS);
		for (size_t b = a + 1; b < sb_n_axes; b++)
			assert_int_not_equal(sb_axes[a].jpos, sb_axes[b].jpos);
	}
	json_decref(doc);
	sb_free_cases(&cfg);
}

/* A mistyped preset is matched against every name of the table, the last as well as the first. */
static void test_unknown_preset(void **state)
{
	(void)state;
	static struct sb_run_config cfg;
	assert_true(sb_n_presets <= SB_MAX_PRESETS);
	for (size_t i = 0; i < sb_n_presets; i++) {
		char typo[64], *argv[] = { "--preset", typo }, want[96];
		int seen = 0;
		snprintf(typo, sizeof(typo), "%.*s", (int)strlen(sb_presets[i].name) - 1, sb_presets[i].name);
		sb_run_config_defaults(&cfg);
		assert_int_not_equal(sb_parse_run_options(2, argv, SB_OPT_AXIS, &cfg, &cfg.matrices[0], &seen, err,
							  sizeof(err)), 0);
		snprintf(want, sizeof(want), "did you mean '%s'", sb_presets[i].name);
		if (!strstr(err, want))
			fail_msg("--preset %s: '%s' lacks \"%s\"", typo, err, want);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_odometer),
		cmocka_unit_test(test_product_and_order),
		cmocka_unit_test(test_names),
		cmocka_unit_test(test_tokens_and_fields),
		cmocka_unit_test(test_unknown_preset),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
