// SPDX-License-Identifier: MIT
/*
 * The hooks of axis_hooks.h: what the rows of bench/lib/axis_list.h do beyond the generic code of axes.c.
 * Defaults that depend on the method (its own exec, a 64K stack, the process preset) live here. The
 * key's and label's bytes are what results files already hold: compare matches cases on them.
 */
#include "axis_hooks.h"

#include <signal.h>
#include <stdio.h>
#include <string.h>

#include "clone_flags.h"
#include "namespaces.h"
#include "parse.h"

const char *const sb_words_off_on[] = { "off", "on", NULL };
const char *const sb_words_anon_shared[] = { "anon", "shared", NULL };
const char *const sb_words_ns_path[SB_N_NSPATHS + 1] = { "clone", "unshare", "setns", NULL };

/* A list the matrix gave, or its one default value. */
static int given(int n)
{
	return n ? n : 1;
}

/* Methods are not a digit of the odometer (expansion runs it per method): the key and label start with it. */
void ax_method_key(const struct sb_case *c, char *buf, size_t len)
{
	snprintf(buf, len, "method=%s", sb_methods[c->w.method].name);
}

void ax_method_label(const struct sb_case *c, char *buf, size_t len)
{
	snprintf(buf, len, "%s", sb_methods[c->w.method].name);
}

json_t *ax_method_json(const struct sb_run_config *cfg, const struct sb_case *c)
{
	(void)cfg;
	return json_string(sb_methods[c->w.method].name);
}

int ax_flags_count(const struct sb_axis_ctx *x)
{
	return x->info->takes_flags ? given(x->m->n_flagsets) : 1;
}

int ax_flags_apply(const struct sb_axis_ctx *x, int i, struct sb_case *c)
{
	if (!x->info->takes_flags) {
		snprintf(c->preset, sizeof(c->preset), "none");
	} else if (x->m->n_flagsets) {
		snprintf(c->preset, sizeof(c->preset), "%s", x->m->flagsets[i].preset);
		c->w.clone_flags = x->m->flagsets[i].flags;
		c->w.exit_signal = x->m->flagsets[i].exit_signal;
	} else {
		snprintf(c->preset, sizeof(c->preset), "process");
		c->w.exit_signal = SIGCHLD;
	}
	return 0;
}

/* The flags the case spawns with, by name: its preset's, and namespaces entered on the spawn call. */
static void flag_names(const struct sb_case *c, char *buf, size_t len)
{
	const char *names[64];
	size_t nf = sb_flag_names_of(c->w.clone_flags, names, 64), o = 0;
	buf[0] = '\0';
	for (size_t i = 0; i < nf && o < len; i++)
		o += (size_t)snprintf(buf + o, len - o, "%s%s", names[i], i + 1 < nf ? "," : "");
}

void ax_preset_key(const struct sb_case *c, char *buf, size_t len)
{
	snprintf(buf, len, "preset=%s", c->preset);
}

void ax_flags_label(const struct sb_case *c, char *buf, size_t len)
{
	char flags[400];
	flag_names(c, flags, sizeof(flags));
	if (strcmp(c->preset, "none") && strcmp(c->preset, "process"))
		snprintf(buf, len, " %s", strcmp(c->preset, "raw") ? c->preset : flags);
}

json_t *ax_preset_json(const struct sb_run_config *cfg, const struct sb_case *c)
{
	(void)cfg;
	return json_string(c->preset);
}

void ax_flags_key(const struct sb_case *c, char *buf, size_t len)
{
	char flags[400];
	flag_names(c, flags, sizeof(flags));
	snprintf(buf, len, "flags=%s", flags);
}

/* The results file lists the namespaces entered another way (ns_path) among the flags too. */
json_t *ax_flags_json(const struct sb_run_config *cfg, const struct sb_case *c)
{
	(void)cfg;
	json_t *flags = json_array();
	const char *names[64];
	size_t nf = sb_flag_names_of(c->w.clone_flags | c->w.ns_flags, names, 64);
	for (size_t i = 0; i < nf; i++)
		json_array_append_new(flags, json_string(names[i]));
	return flags;
}

static const char *exit_name(const struct sb_case *c)
{
	return c->w.exit_signal == SIGCHLD ? "SIGCHLD" : c->w.exit_signal == 0 ? "none" : "other";
}

void ax_exit_key(const struct sb_case *c, char *buf, size_t len)
{
	snprintf(buf, len, "exit=%s", sb_methods[c->w.method].takes_flags ? exit_name(c) : "-");
}

/* Only methods that take flags have an exit signal to report. */
json_t *ax_exit_json(const struct sb_run_config *cfg, const struct sb_case *c)
{
	(void)cfg;
	return sb_methods[c->w.method].takes_flags ? json_string(exit_name(c)) : NULL;
}

int ax_exec_apply(const struct sb_axis_ctx *x, int i, struct sb_case *c)
{
	const char *exec = x->m->n_execs ? x->m->execs[i] : x->info->must_exec ? "child" : "none";
	int is_none = !strcmp(exec, "none");

	/* A product of axes meets methods that cannot take some values: those points are left out. */
	if ((is_none && x->info->must_exec) || (!is_none && !x->info->can_exec))
		return 1;
	snprintf(c->exec_label, sizeof(c->exec_label), "%s", exec);
	c->w.exec_kind = is_none ? SB_EXEC_NONE : !strcmp(exec, "child") ? SB_EXEC_CHILD : SB_EXEC_PATH;
	return 0;
}

void ax_exec_key(const struct sb_case *c, char *buf, size_t len)
{
	snprintf(buf, len, "exec=%s", c->exec_label);
}

void ax_exec_label(const struct sb_case *c, char *buf, size_t len)
{
	if (strcmp(c->exec_label, "none"))
		snprintf(buf, len, " exec=%s", c->exec_label);
}

json_t *ax_exec_json(const struct sb_run_config *cfg, const struct sb_case *c)
{
	(void)cfg;
	return json_string(c->exec_label);
}

/* The label shows the kind with the size: "mem=64M(shared)". */
void ax_mem_label(const struct sb_case *c, char *buf, size_t len)
{
	char size[32];
	sb_format_size(c->w.mem_bytes, size, sizeof(size));
	if (c->w.mem_bytes)
		snprintf(buf, len, " mem=%s%s", size, c->w.mem_kind == SB_MEM_SHARED ? "(shared)" : "");
}

int ax_vmas_apply(const struct sb_axis_ctx *x, int i, struct sb_case *c)
{
	c->w.vmas = x->m->n_vmas ? x->m->vmas[i] : 1;
	return !c->w.mem_bytes && c->w.vmas > 1;   /* nothing to split into mappings */
}

int ax_stack_count(const struct sb_axis_ctx *x)
{
	return x->info->takes_stack ? given(x->m->n_stacks) : 1;
}

int ax_stack_apply(const struct sb_axis_ctx *x, int i, struct sb_case *c)
{
	if (x->info->takes_stack) {
		c->w.stack_bytes = x->m->n_stacks ? x->m->stacks[i] : SB_DEFAULT_STACK;
		c->w.stack_touch = (uint32_t)x->m->stack_touch;
	}
	return 0;
}

void ax_stack_label(const struct sb_case *c, char *buf, size_t len)
{
	char size[32];
	sb_format_size(c->w.stack_bytes, size, sizeof(size));
	if (sb_methods[c->w.method].takes_stack && c->w.stack_bytes != SB_DEFAULT_STACK)
		snprintf(buf, len, " stack=%s%s", size, c->w.stack_touch ? "(touched)" : "");
}

void ax_ns_key(const struct sb_case *c, char *buf, size_t len)
{
	char ns[96];
	sb_ns_set_name(c->ns_set, ns, sizeof(ns));
	snprintf(buf, len, "ns=%s", ns);
}

void ax_ns_label(const struct sb_case *c, char *buf, size_t len)
{
	char ns[96];
	sb_ns_set_name(c->ns_set, ns, sizeof(ns));
	if (c->ns_set)
		snprintf(buf, len, " ns=%s", ns);
}

json_t *ax_ns_json(const struct sb_run_config *cfg, const struct sb_case *c)
{
	(void)cfg;
	json_t *ns = json_array();
	for (int i = 0; i < SB_N_NS_TYPES; i++)
		if (c->ns_set & sb_ns_types[i].flag)
			json_array_append_new(ns, json_string(sb_ns_types[i].name));
	return ns;
}

int ax_ns_path_apply(const struct sb_axis_ctx *x, int i, struct sb_case *c)
{
	int path = x->m->n_ns_paths ? x->m->ns_paths[i] : SB_NSPATH_CLONE;

	if (c->ns_set && path == SB_NSPATH_CLONE && !x->info->takes_flags)
		return 1;   /* namespaces on the spawn call need clone or clone3 */
	if (!c->ns_set && path != SB_NSPATH_CLONE)
		return 1;   /* no namespace to enter another way */
	c->w.ns_path = (uint32_t)path;
	if (path == SB_NSPATH_CLONE)
		c->w.clone_flags |= c->ns_set;
	else
		c->w.ns_flags = c->ns_set;
	return 0;
}

/* A switch: only where the child runs our code and execs nothing. */
int ax_child_writes_apply(const struct sb_axis_ctx *x, int i, struct sb_case *c)
{
	(void)i;
	c->w.child_writes = x->m->child_writes && x->info->has_start && c->w.exec_kind == SB_EXEC_NONE;
	return 0;
}

int ax_count_apply(const struct sb_axis_ctx *x, int i, struct sb_case *c)
{
	c->count_off = x->m->n_counting ? !x->m->counting[i] : 0;
	return 0;
}

void ax_count_key(const struct sb_case *c, char *buf, size_t len)
{
	if (c->count_off)
		snprintf(buf, len, "count=off");
}

void ax_count_label(const struct sb_case *c, char *buf, size_t len)
{
	if (c->count_off)
		snprintf(buf, len, " count=off");
}

/* Whether the case counted: counters asked for the run, and not turned off for it. */
json_t *ax_count_json(const struct sb_run_config *cfg, const struct sb_case *c)
{
	return json_boolean(cfg->counters[0] && !c->count_off);
}

/* --probe is a run option; given as a list it is an axis of every case (cfg, not the matrix, holds it). */
int ax_probe_count(const struct sb_axis_ctx *x)
{
	return x->cfg->n_probe_levels > 1 ? x->cfg->n_probe_levels : 1;
}

int ax_probe_apply(const struct sb_axis_ctx *x, int i, struct sb_case *c)
{
	c->probe_axis = x->cfg->n_probe_levels > 1;
	c->probe_level = c->probe_axis ? x->cfg->probe_levels[i] : (int)x->cfg->probe.level;
	return 0;
}

void ax_probe_key(const struct sb_case *c, char *buf, size_t len)
{
	if (c->probe_axis)
		snprintf(buf, len, "probe=%s", sb_probe_level_name(c->probe_level));
}

void ax_probe_label(const struct sb_case *c, char *buf, size_t len)
{
	if (c->probe_axis)
		snprintf(buf, len, " probe=%s", sb_probe_level_name(c->probe_level));
}

/* A run without probes leaves the field out. */
json_t *ax_probe_json(const struct sb_run_config *cfg, const struct sb_case *c)
{
	return cfg->probe.level != SB_PROBE_OFF ? json_string(sb_probe_level_name(c->probe_level)) : NULL;
}
