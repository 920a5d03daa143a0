// SPDX-License-Identifier: MIT
/* spawnbench run: options -> cases -> checks -> controller -> results file, CSV and table. */
#include <dirent.h>
#include <errno.h>
#include <signal.h>
#include <linux/sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "cli_run.h"
#include "clone_flags.h"
#include "commands.h"
#include "controller.h"
#include "nspath.h"
#include "output_paths.h"
#include "counters.h"
#include "parse.h"
#include "placement.h"
#include "privileges.h"
#include "results.h"
#include "timer.h"

#ifndef CLONE_INTO_CGROUP
#define CLONE_INTO_CGROUP 0x200000000ULL
#endif

static char cgroup_dir[4200];

static void remove_cgroup(void)
{
	/* Children just reaped may still be leaving the cgroup: rmdir is EBUSY for a moment. */
	for (int i = 0; cgroup_dir[0] && i < 100; i++) {
		if (!rmdir(cgroup_dir) || errno == ENOENT) {
			cgroup_dir[0] = '\0';
			return;
		}
		usleep(10000);
	}
	if (cgroup_dir[0])
		fprintf(stderr, "spawnbench: could not remove %s: %s\n", cgroup_dir, strerror(errno));
}

/* Decide, per case, what this caller's privileges allow: as is, inside a new user namespace, or not. */
static void privilege_pass(struct sb_run_config *cfg, const struct sb_privileges *priv)
{
	int added = 0;
	for (size_t i = 0; i < cfg->n_cases; i++) {
		struct sb_case *c = &cfg->cases[i];
		uint64_t ns = c->ns_set;
		if ((c->w.clone_flags & CLONE_INTO_CGROUP) && !priv->cgroup2) {
			c->status = SB_ST_SKIPPED;
			snprintf(c->reason, sizeof(c->reason), "CLONE_INTO_CGROUP needs a writable cgroup v2 hierarchy "
				 "(run as root)");
			continue;
		}
		if (!ns)
			continue;
		if (ns == CLONE_NEWUSER && !priv->user_namespaces) {
			c->status = SB_ST_SKIPPED;
			snprintf(c->reason, sizeof(c->reason), "user namespaces are not available to this user "
				 "(see /proc/sys/user/max_user_namespaces)");
			continue;
		}
		if ((ns & ~(uint64_t)CLONE_NEWUSER) && !priv->cap_sys_admin && !(ns & CLONE_NEWUSER)) {
			if (!priv->user_namespaces) {
				c->status = SB_ST_SKIPPED;
				snprintf(c->reason, sizeof(c->reason), "needs CAP_SYS_ADMIN, and user namespaces are "
					 "not available to run it unprivileged");
				continue;
			}
			c->ns_set |= CLONE_NEWUSER;
			if (c->w.ns_path == SB_NSPATH_CLONE)
				c->w.clone_flags |= CLONE_NEWUSER;
			else
				c->w.ns_flags |= CLONE_NEWUSER;
			c->userns_added = 1;
			added++;
			sb_case_name(c);
			char rule[300];
			if (sb_validate_case(c, rule, sizeof(rule))) {
				c->status = SB_ST_SKIPPED;
				snprintf(c->reason, sizeof(c->reason), "unprivileged, it needs a new user namespace, but %s",
					 rule);
			}
		}
	}
	if (added)
		sb_add_note(cfg, "%d case(s) need CAP_SYS_ADMIN: they ran inside a new user namespace (userns_added)",
			    added);
}

static int check_memory(const struct sb_run_config *cfg, char *err, size_t errlen)
{
	char why[128], need[32], lim[32];
	uint64_t budget = sb_memory_budget(why, sizeof(why));
	for (size_t i = 0; i < cfg->n_cases; i++) {
		const struct sb_case *c = &cfg->cases[i];
		/* Each spawner holds mem + stack; with --child-writes its child writes a copy of mem of its own. */
		uint64_t mem = c->w.mem_bytes, each, want;
		if ((c->w.child_writes && __builtin_add_overflow(mem, mem, &mem)) ||
		    __builtin_add_overflow(mem, c->w.stack_bytes, &each) ||
		    __builtin_mul_overflow(each, (uint64_t)c->concurrency, &want)) {
			snprintf(err, errlen, "%s: the memory it needs (parent memory%s, stack, times the concurrency) "
				 "does not fit in 64 bits", c->label, c->w.child_writes ? " twice for --child-writes" : "");
			return SB_EXIT_USAGE;
		}
		if (want > budget) {
			sb_format_size(want / (1 << 20) * (1 << 20), need, sizeof(need));
			sb_format_size(budget / (1 << 20) * (1 << 20), lim, sizeof(lim));
			snprintf(err, errlen, "%s needs %s resident%s, more than this machine allows a run: %s, the "
				 "limit is %s", c->label, need, c->w.child_writes ? " (each child writes its own copy)" : "",
				 why, lim);
			return SB_EXIT_USAGE;
		}
	}
	return 0;
}

/*
 * A run killed with SIGKILL cannot remove its cgroup. Remove those of runs whose process is gone; rmdir
 * refuses a cgroup that still has a process in it, so a live run's is never touched.
 */
static void remove_stale_cgroups(const char *root)
{
	DIR *d = opendir(root);
	struct dirent *e;
	while (d && (e = readdir(d))) {
		int pid;
		char tail;
		if (sscanf(e->d_name, "spawnbench.%d%c", &pid, &tail) != 1 || pid <= 0)
			continue;
		if (kill(pid, 0) == 0 || errno != ESRCH)
			continue;
		char path[8400];
		snprintf(path, sizeof(path), "%s/%s", root, e->d_name);
		rmdir(path);
	}
	if (d)
		closedir(d);
}

/* The cgroup CLONE_INTO_CGROUP cases spawn into; when it cannot be made, those cases are skipped with why. */
static void make_cgroup(struct sb_run_config *cfg)
{
	char err[sizeof(cfg->cases[0].reason)];
	size_t errlen = sizeof(err);
	int needed = 0;
	for (size_t i = 0; i < cfg->n_cases; i++)
		needed |= cfg->cases[i].status == SB_ST_PENDING && (cfg->cases[i].w.clone_flags & CLONE_INTO_CGROUP);
	if (!needed)
		return;
	char root[4096] = "/sys/fs/cgroup";
	sb_cgroup2_mount(root, sizeof(root));
	remove_stale_cgroups(root);
	snprintf(cgroup_dir, sizeof(cgroup_dir), "%s/spawnbench.%d", root, (int)getpid());
	if (mkdir(cgroup_dir, 0755) && errno != EEXIST) {
		snprintf(err, errlen, "cannot create %s for CLONE_INTO_CGROUP: %s", cgroup_dir, strerror(errno));
		cgroup_dir[0] = '\0';
		for (size_t i = 0; i < cfg->n_cases; i++) {
			struct sb_case *c = &cfg->cases[i];
			if (c->status == SB_ST_PENDING && (c->w.clone_flags & CLONE_INTO_CGROUP)) {
				c->status = SB_ST_SKIPPED;
				snprintf(c->reason, sizeof(c->reason), "%s", err);
			}
		}
		return;
	}
	for (size_t i = 0; i < cfg->n_cases; i++)
		if (cfg->cases[i].w.clone_flags & CLONE_INTO_CGROUP)
			snprintf(cfg->cases[i].w.cgroup_path, sizeof(cfg->cases[i].w.cgroup_path), "%s", cgroup_dir);
}

/*
 * --plan as given. The plan loads before the command line is parsed, so that the command line overrides its
 * options: this is the one look at argv for it, kept in cfg->plan_arg for what comes later.
 */
static const char *scan_plan(int argc, char **argv)
{
	for (int i = 1; i < argc; i++) {
		if ((!strcmp(argv[i], "--plan") || !strcmp(argv[i], "-p")) && i + 1 < argc)
			return argv[i + 1];
		if (!strncmp(argv[i], "--plan=", 7))
			return argv[i] + 7;
	}
	return NULL;
}

static int configure(int argc, char **argv, struct sb_run_config *cfg, char *err, size_t errlen)
{
	static struct sb_matrix cli;
	memset(&cli, 0, sizeof(cli));
	sb_run_config_defaults(cfg);
	cfg->argc = argc;
	cfg->argv = argv;
	const char *plan = scan_plan(argc, argv);
	int rc, axis_seen = 0;
	cfg->plan_arg = plan;
	if (plan && (rc = sb_load_plan(plan, cfg, err, errlen)))
		return rc;
	rc = sb_parse_run_options(argc - 1, argv + 1, SB_OPT_GLOBAL | SB_OPT_AXIS, cfg, &cli, &axis_seen, err, errlen);
	if (rc)
		return rc;
	if (plan && axis_seen) {
		snprintf(err, errlen, "--plan and axis options do not mix: copy the plan file and edit it, or give "
			 "the axes alone");
		return SB_EXIT_USAGE;
	}
	if (!plan && !axis_seen) {
		cfg->plan = "default";
		if ((rc = sb_load_plan("default", cfg, err, errlen)))
			return rc;
		/*
		 * The command line still overrides the plan's options ("run -n 5" keeps 5, not the plan's
		 * 200): parsed once more over the plan's. It parsed cleanly above, so it cannot fail here.
		 */
		sb_parse_run_options(argc - 1, argv + 1, SB_OPT_GLOBAL, cfg, NULL, NULL, err, errlen);
	}
	if (axis_seen) {
		if (!cli.n_methods) {
			snprintf(err, errlen, "axes given without --method (e.g. --method fork,vfork,posix_spawn)");
			return SB_EXIT_USAGE;
		}
		cfg->matrices[0] = cli;
		cfg->n_matrices = 1;
		memset(&cli, 0, sizeof(cli));   /* ownership of the exec strings moved */
	}
	if (cfg->min_iterations > cfg->iterations)
		cfg->min_iterations = cfg->iterations;
	/* Probe levels side by side change what is attached between batches (see scheduler.c): fewer rounds. */
	if (!cfg->batch)
		cfg->batch = cfg->n_probe_levels > 1 ? 100 : 10;
	return 0;
}

/*
 * Before the first spawn: the results file and the CSV are two files, neither of them the plan, both can be
 * created. A symlink to a file not made yet is followed: the file is written where the link points.
 */
static int check_outputs(struct sb_run_config *cfg, char *err, size_t errlen)
{
	static char targets[2][4096];
	const struct sb_named_path outs[] = { { "-o", cfg->out_path }, { "--csv", cfg->csv_path } };
	const char *plan = cfg->plan_arg;
	const struct sb_named_path in = { "--plan", plan && !access(plan, F_OK) ? plan : NULL };
	int rc = sb_outputs_distinct(outs, 2, &in, 1, err, errlen);
	for (size_t i = 0; i < 2 && !rc; i++)
		if (outs[i].path)
			rc = sb_output_check(outs[i].what, outs[i].path, err, errlen);
	for (size_t i = 0; i < 2 && !rc; i++)
		if (outs[i].path && !sb_output_target(outs[i].path, targets[i], sizeof(targets[i])))
			*(i ? &cfg->csv_path : &cfg->out_path) = targets[i];
	return rc;
}

/*
 * The results could not be written where asked, although the place was checked before the first spawn (it
 * changed since: disk full, directory removed). Never lose them: beside the target with a suffix, else in the
 * temporary directory, else the JSON itself on stderr. The path used goes to *saved.
 */
static void rescue_results(json_t *doc, const char *path, char *saved, size_t savedlen)
{
	const char *tmpdir = getenv("TMPDIR");
	char base[4096];
	const char *slash = strrchr(path, '/');
	snprintf(base, sizeof(base), "%s", slash ? slash + 1 : path);
	struct stat st;
	/* Never beside a device (/dev/full): that would put a file in /dev. */
	snprintf(saved, savedlen, "%s.unsaved-%d", path, (int)getpid());
	if ((stat(path, &st) || S_ISREG(st.st_mode)) && !sb_write_json_file(doc, saved))
		return;
	snprintf(saved, savedlen, "%s/%s.unsaved-%d", tmpdir && tmpdir[0] ? tmpdir : "/tmp", base, (int)getpid());
	if (!sb_write_json_file(doc, saved))
		return;
	saved[0] = '\0';
	fprintf(stderr, "spawnbench: the results could not be written anywhere; here they are:\n");
	json_dumpf(doc, stderr, JSON_INDENT(1) | JSON_REAL_PRECISION(10));
	fputc('\n', stderr);
}

int cmd_run(int argc, char **argv)
{
	static struct sb_run_config cfg;
	char err[700];
	/* From the first instruction on: a signal during set-up also ends in an orderly exit 130. */
	sb_install_stop_handlers();
	int rc = configure(argc, argv, &cfg, err, sizeof(err));
	if (rc == 1) {
		rc = 0;
		goto out;
	}
	if (rc)
		goto usage;
	if (sb_expand_cases(&cfg, err, sizeof(err)))
		goto usage;
	for (size_t i = 0; i < cfg.n_cases; i++)
		if (sb_validate_case(&cfg.cases[i], err, sizeof(err)))
			goto usage;
	if (sb_placement_configure(&cfg, err, sizeof(err)))
		goto usage;
	struct sb_privileges priv;
	sb_probe_privileges(&priv);
	privilege_pass(&cfg, &priv);
	if (check_memory(&cfg, err, sizeof(err)) || sb_counters_prepare(&cfg, err, sizeof(err)))
		goto usage;
	char helper[4096];
	if (sb_find_helper("spawnbench-worker", helper, sizeof(helper))) {
		sb_helper_missing("spawnbench-worker", err, sizeof(err));
		goto usage;
	}

	if (cfg.dry_run) {
		for (size_t i = 0; i < cfg.n_cases; i++)
			printf("%s%s%s\n", cfg.cases[i].label, cfg.cases[i].status == SB_ST_SKIPPED ? "  (skipped: " : "",
			       cfg.cases[i].status == SB_ST_SKIPPED ? cfg.cases[i].reason : "");
		printf("%zu cases\n", cfg.n_cases);
		rc = 0;
		goto out;
	}

	char out_default[128];
	if (!cfg.out_path) {
		time_t t = time(NULL);
		struct tm tm;
		localtime_r(&t, &tm);
		strftime(out_default, sizeof(out_default), "results/spawnbench-%Y%m%d-%H%M%S.json", &tm);
		cfg.out_path = out_default;
	}
	if ((rc = check_outputs(&cfg, err, sizeof(err)))) {
		fprintf(stderr, "spawnbench run: %s\n", err);
		goto out;
	}

	struct sb_probe_session *probe = NULL;
	if (cfg.probe.level != SB_PROBE_OFF) {
		/* unshare/setns cases spawn from a per-spawn helper, a child of the worker: follow it too. */
		for (size_t i = 0; i < cfg.n_cases; i++)
			cfg.probe.follow_children |= cfg.cases[i].w.ns_path != SB_NSPATH_CLONE;
		rc = sb_probe_open(&cfg.probe, &probe, err, sizeof(err));
		if (rc) {
			fprintf(stderr, "spawnbench: --probe: %s\n", err);
			goto out;
		}
	}

	make_cgroup(&cfg);
	if ((rc = sb_nspath_prepare(&cfg, err, sizeof(err)))) {
		fprintf(stderr, "spawnbench run: %s\n", err);
		remove_cgroup();
		sb_probe_close(probe);
		goto out;
	}
	struct sb_run_info info = { .priv = &priv, .probe = probe };
	sb_iso_now(info.started, sizeof(info.started));
	uint64_t t0 = sb_now_ns();
	enum sb_outcome ran = sb_run_all(&cfg, probe);
	rc = sb_outcome_exit(ran);
	info.duration_s = (double)(sb_now_ns() - t0) / 1e9;
	sb_iso_now(info.finished, sizeof(info.finished));
	info.interrupted = ran == SB_OUT_INTERRUPTED;
	remove_cgroup();
	sb_nspath_cleanup(&cfg);
	for (size_t i = 0; i < cfg.n_cases; i++)
		if (cfg.cases[i].status == SB_ST_OK)
			sb_placement_check(&cfg, &cfg.cases[i]);
	if (info.interrupted)
		sb_add_note(&cfg, "interrupted by signal %d: unfinished cases are marked", (int)sb_stop_signal);

	json_t *doc = sb_results_json(&cfg, &info);
	int wrc = doc ? sb_write_json_file(doc, cfg.out_path) : -1;
	if (wrc && doc) {
		char saved[4200];
		rescue_results(doc, cfg.out_path, saved, sizeof(saved));
		if (saved[0])
			fprintf(stderr, "spawnbench: the results are saved in %s instead of %s\n", saved, cfg.out_path);
	}
	json_decref(doc);
	if (!wrc && cfg.csv_path)
		wrc = sb_write_csv(&cfg, cfg.csv_path);
	if (!cfg.no_table)
		sb_print_table(stdout, &cfg, probe);
	sb_probe_close(probe);
	if (wrc) {
		rc = sb_outcome_exit(SB_OUT_OUTPUT_FAILED);
		goto out;
	}
	fflush(stdout);
	if (!cfg.quiet)
		fprintf(stderr, "spawnbench: %zu cases in %.1f s%s; results in %s\n", cfg.n_cases, info.duration_s,
		info.interrupted ? " (interrupted)" : "", cfg.out_path);
	goto out;
usage:
	fprintf(stderr, "spawnbench run: %s\n", err);
	rc = SB_EXIT_USAGE;
out:
	sb_free_cases(&cfg);
	return rc;
}
