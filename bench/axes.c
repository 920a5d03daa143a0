// SPDX-License-Identifier: MIT
/*
 * The axis table (axes.h): one entry per axis of a case, in the order case expansion nests them (the
 * first turns slowest). Per axis: its option (parser and field, axis_parse.c), count() (how many values a
 * "cases:" line gives it for a method), apply() (set value i on a case) and its key and label tokens.
 * Defaults (a method's own exec, a 64K stack, one spawner) live here.
 */
#include "axes.h"
#include "axis_fields.h"

#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "axis_parse.h"
#include "clone_flags.h"
#include "namespaces.h"
#include "parse.h"

static const char *const ns_path_names[SB_N_NSPATHS] = { "clone", "unshare", "setns" };


/* A list the matrix gave, or its one default value. */
static int given(int n)
{
	return n ? n : 1;
}

static int flags_count(const struct sb_axis_ctx *x)
{
	return x->info->takes_flags ? given(x->m->n_flagsets) : 1;
}

static int flags_apply(const struct sb_axis_ctx *x, int i, struct sb_case *c)
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

static void flags_key(const struct sb_case *c, char *buf, size_t len)
{
	char flags[400];
	const char *sig = c->w.exit_signal == SIGCHLD ? "SIGCHLD" : c->w.exit_signal == 0 ? "none" : "other";
	flag_names(c, flags, sizeof(flags));
	snprintf(buf, len, "preset=%s;flags=%s;exit=%s", c->preset, flags,
		 sb_methods[c->w.method].takes_flags ? sig : "-");
}

static void flags_label(const struct sb_case *c, char *buf, size_t len)
{
	char flags[400];
	flag_names(c, flags, sizeof(flags));
	if (strcmp(c->preset, "none") && strcmp(c->preset, "process"))
		snprintf(buf, len, " %s", strcmp(c->preset, "raw") ? c->preset : flags);
}

static int exec_count(const struct sb_axis_ctx *x)
{
	return given(x->m->n_execs);
}

static int exec_apply(const struct sb_axis_ctx *x, int i, struct sb_case *c)
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

static void exec_key(const struct sb_case *c, char *buf, size_t len)
{
	snprintf(buf, len, "exec=%s", c->exec_label);
}

static void exec_label(const struct sb_case *c, char *buf, size_t len)
{
	if (strcmp(c->exec_label, "none"))
		snprintf(buf, len, " exec=%s", c->exec_label);
}

static int stack_count(const struct sb_axis_ctx *x)
{
	return x->info->takes_stack ? given(x->m->n_stacks) : 1;
}

static int stack_apply(const struct sb_axis_ctx *x, int i, struct sb_case *c)
{
	if (x->info->takes_stack) {
		c->w.stack_bytes = x->m->n_stacks ? x->m->stacks[i] : SB_DEFAULT_STACK;
		c->w.stack_touch = (uint32_t)x->m->stack_touch;
	}
	return 0;
}

static void stack_key(const struct sb_case *c, char *buf, size_t len)
{
	snprintf(buf, len, "stack=%llu;stack_touch=%u", (unsigned long long)c->w.stack_bytes, c->w.stack_touch);
}

static void stack_label(const struct sb_case *c, char *buf, size_t len)
{
	char size[32];
	sb_format_size(c->w.stack_bytes, size, sizeof(size));
	if (sb_methods[c->w.method].takes_stack && c->w.stack_bytes != SB_DEFAULT_STACK)
		snprintf(buf, len, " stack=%s%s", size, c->w.stack_touch ? "(touched)" : "");
}

static int ns_count(const struct sb_axis_ctx *x)
{
	return given(x->m->n_ns_sets);
}

static int ns_apply(const struct sb_axis_ctx *x, int i, struct sb_case *c)
{
	c->ns_set = x->m->n_ns_sets ? x->m->ns_sets[i] : 0;
	return 0;
}

static void ns_key(const struct sb_case *c, char *buf, size_t len)
{
	char ns[96];
	sb_ns_set_name(c->ns_set, ns, sizeof(ns));
	snprintf(buf, len, "ns=%s", ns);
}

static void ns_label(const struct sb_case *c, char *buf, size_t len)
{
	char ns[96];
	sb_ns_set_name(c->ns_set, ns, sizeof(ns));
	if (c->ns_set)
		snprintf(buf, len, " ns=%s", ns);
}

static int ns_path_count(const struct sb_axis_ctx *x)
{
	return given(x->m->n_ns_paths);
}

static int ns_path_apply(const struct sb_axis_ctx *x, int i, struct sb_case *c)
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

/* userns_added (the privilege pass entered a user namespace too) is part of how the case enters them. */
static void ns_path_key(const struct sb_case *c, char *buf, size_t len)
{
	snprintf(buf, len, "ns_path=%s;userns_added=%d", ns_path_names[c->w.ns_path], c->userns_added);
}

static void ns_path_label(const struct sb_case *c, char *buf, size_t len)
{
	if (c->w.ns_path != SB_NSPATH_CLONE)
		snprintf(buf, len, " via=%s", ns_path_names[c->w.ns_path]);
}

static int mem_count(const struct sb_axis_ctx *x)
{
	return given(x->m->n_mems);
}

static int mem_apply(const struct sb_axis_ctx *x, int i, struct sb_case *c)
{
	c->w.mem_bytes = x->m->n_mems ? x->m->mems[i] : 0;
	return 0;
}

static void mem_key(const struct sb_case *c, char *buf, size_t len)
{
	snprintf(buf, len, "mem=%llu", (unsigned long long)c->w.mem_bytes);
}

/* The label shows the kind with the size: "mem=64M(shared)". */
static void mem_label(const struct sb_case *c, char *buf, size_t len)
{
	char size[32];
	sb_format_size(c->w.mem_bytes, size, sizeof(size));
	if (c->w.mem_bytes)
		snprintf(buf, len, " mem=%s%s", size, c->w.mem_kind == SB_MEM_SHARED ? "(shared)" : "");
}

static int vmas_count(const struct sb_axis_ctx *x)
{
	return given(x->m->n_vmas);
}

static int vmas_apply(const struct sb_axis_ctx *x, int i, struct sb_case *c)
{
	c->w.vmas = x->m->n_vmas ? x->m->vmas[i] : 1;
	return !c->w.mem_bytes && c->w.vmas > 1;   /* nothing to split into mappings */
}

static void vmas_key(const struct sb_case *c, char *buf, size_t len)
{
	snprintf(buf, len, "vmas=%u", c->w.vmas);
}

static void vmas_label(const struct sb_case *c, char *buf, size_t len)
{
	if (c->w.vmas > 1)
		snprintf(buf, len, " vmas=%u", c->w.vmas);
}

static int thp_count(const struct sb_axis_ctx *x)
{
	return given(x->m->n_thps);
}

static int thp_apply(const struct sb_axis_ctx *x, int i, struct sb_case *c)
{
	c->w.thp = x->m->n_thps ? (uint32_t)x->m->thps[i] : 0;
	return 0;
}

static void thp_key(const struct sb_case *c, char *buf, size_t len)
{
	snprintf(buf, len, "thp=%s", c->w.thp ? "on" : "off");
}

static void thp_label(const struct sb_case *c, char *buf, size_t len)
{
	if (c->w.thp)
		snprintf(buf, len, " thp");
}

static int mem_kind_count(const struct sb_axis_ctx *x)
{
	return given(x->m->n_mem_kinds);
}

static int mem_kind_apply(const struct sb_axis_ctx *x, int i, struct sb_case *c)
{
	c->w.mem_kind = x->m->n_mem_kinds ? (uint32_t)x->m->mem_kinds[i] : SB_MEM_ANON;
	return 0;
}

static void mem_kind_key(const struct sb_case *c, char *buf, size_t len)
{
	snprintf(buf, len, "mem_kind=%s", c->w.mem_kind == SB_MEM_SHARED ? "shared" : "anon");
}

static void mem_kind_label(const struct sb_case *c, char *buf, size_t len)
{
	(void)c, (void)buf, (void)len;   /* shown with mem */
}

static int concurrency_count(const struct sb_axis_ctx *x)
{
	return given(x->m->n_concurrency);
}

static int concurrency_apply(const struct sb_axis_ctx *x, int i, struct sb_case *c)
{
	c->concurrency = x->m->n_concurrency ? x->m->concurrency[i] : 1;
	return 0;
}

static void concurrency_key(const struct sb_case *c, char *buf, size_t len)
{
	snprintf(buf, len, "concurrency=%u", c->concurrency);
}

static void concurrency_label(const struct sb_case *c, char *buf, size_t len)
{
	if (c->concurrency > 1)
		snprintf(buf, len, " x%u", c->concurrency);
}

static int count_count(const struct sb_axis_ctx *x)
{
	return given(x->m->n_counting);
}

static int count_apply(const struct sb_axis_ctx *x, int i, struct sb_case *c)
{
	c->count_off = x->m->n_counting ? !x->m->counting[i] : 0;
	return 0;
}

static void count_key(const struct sb_case *c, char *buf, size_t len)
{
	if (c->count_off)
		snprintf(buf, len, "count=off");
}

static void count_label(const struct sb_case *c, char *buf, size_t len)
{
	if (c->count_off)
		snprintf(buf, len, " count=off");
}

/* --probe is a run option; given as a list it is an axis of every case (cfg, not the matrix, holds it). */
static int probe_count(const struct sb_axis_ctx *x)
{
	return x->cfg->n_probe_levels > 1 ? x->cfg->n_probe_levels : 1;
}

static int probe_apply(const struct sb_axis_ctx *x, int i, struct sb_case *c)
{
	c->probe_axis = x->cfg->n_probe_levels > 1;
	c->probe_level = c->probe_axis ? x->cfg->probe_levels[i] : (int)x->cfg->probe.level;
	return 0;
}

static void probe_key(const struct sb_case *c, char *buf, size_t len)
{
	if (c->probe_axis)
		snprintf(buf, len, "probe=%s", sb_probe_level_name(c->probe_level));
}

static void probe_label(const struct sb_case *c, char *buf, size_t len)
{
	if (c->probe_axis)
		snprintf(buf, len, " probe=%s", sb_probe_level_name(c->probe_level));
}

/* A switch, not a list: one value. Only where the child runs our code and execs nothing. */
static int child_writes_count(const struct sb_axis_ctx *x)
{
	(void)x;
	return 1;
}

static int child_writes_apply(const struct sb_axis_ctx *x, int i, struct sb_case *c)
{
	(void)i;
	c->child_writes = x->m->child_writes && x->info->has_start && c->w.exec_kind == SB_EXEC_NONE;
	c->w.child_writes = (uint32_t)c->child_writes;
	return 0;
}

static void child_writes_key(const struct sb_case *c, char *buf, size_t len)
{
	if (c->child_writes)
		snprintf(buf, len, "child_writes=1");
}

static void child_writes_label(const struct sb_case *c, char *buf, size_t len)
{
	if (c->child_writes)
		snprintf(buf, len, " child-writes");
}

/* A list field of the matrix: where its values and their count are, and how many it holds. */
#define MATRIX_LIST(f, n) .values = offsetof(struct sb_matrix, f), .count = offsetof(struct sb_matrix, n), \
	.max = (int)(sizeof(((struct sb_matrix *)0)->f) / sizeof(((struct sb_matrix *)0)->f[0]))
#define MATRIX_SWITCH(f) .values = offsetof(struct sb_matrix, f), .max = 1

static const char *const off_on[] = { "off", "on" }, *const anon_shared[] = { "anon", "shared" };

/* Methods are not an axis of the odometer (expansion runs it per method) but are set as one. */
static const struct sb_axis_opt method_opt = {
	"method", 'm', "LIST", "fork, vfork, clone, clone3, posix_spawn, posix_spawn-fa, pthread",
	    .parse = sb_ap_methods,
};

static const struct sb_axis_opt flags_more[] = {
	{ "flags", 0, "LIST", "a raw clone flag set, e.g. vm,fs,files,sighand (repeatable)", .parse = sb_ap_flags },
	{ "exit-signal", 0, "SIG", "exit signal for --flags sets: sigchld (default) or none",
	  .parse = sb_ap_exit_signal },
};

static const struct sb_axis_opt stack_more[] = {
	{ "stack-touch", 0, NULL, "fault the child stack in before spawning",
	  .parse = sb_ap_switch, MATRIX_SWITCH(stack_touch) },
};

/* Key tokens and results fields come from the leaf table report/ reads with (axis_fields.h). */
const struct sb_axis sb_axes[] = {
	{ { "preset", 0, "LIST", "clone/clone3 flag presets (see 'spawnbench list'); default process",
	    .parse = sb_ap_presets,
	    MATRIX_LIST(flagsets, n_flagsets) }, flags_more, 2,
	  SB_AXF_PRESET, flags_count, flags_apply, 1, flags_key, flags_label },
	{ { "exec", 'e', "LIST", "none, child (spawnbench's stamping program) or absolute program paths",
	    .parse = sb_ap_strings,
	    MATRIX_LIST(execs, n_execs) }, NULL, 0,
	  SB_AXF_EXEC, exec_count, exec_apply, 2, exec_key, exec_label },
	{ { "stack", 0, "SIZES", "child stack for clone/clone3/pthread (default 64K)", .parse = sb_ap_stacks,
	    MATRIX_LIST(stacks, n_stacks), .lo = 4096, .hi = UINT64_C(1) << 32 }, stack_more, 1,
	  SB_AXF_STACK, stack_count, stack_apply, 7, stack_key, stack_label },
	{ { "ns", 0, "LIST", "namespaces: none, user, pid, net, mnt, uts, ipc, cgroup, time, a+b, all, sweep",
	    .parse = sb_ap_ns,
	    MATRIX_LIST(ns_sets, n_ns_sets) }, NULL, 0,
	  SB_AXF_NS, ns_count, ns_apply, 8, ns_key, ns_label },
	{ { "ns-path", 0, "LIST", "how namespaces are entered: clone (flags on the call), unshare, setns",
	    .parse = sb_ap_ns_paths,
	    MATRIX_LIST(ns_paths, n_ns_paths), .words = ns_path_names }, NULL, 0,
	  SB_AXF_NS_PATH, ns_path_count, ns_path_apply, 9, ns_path_key, ns_path_label },
	{ { "mem", 0, "SIZES", "touched parent memory, e.g. 0,64M,1G",
	    .parse = sb_ap_sizes, MATRIX_LIST(mems, n_mems) }, NULL, 0,
	  SB_AXF_MEM, mem_count, mem_apply, 3, mem_key, mem_label },
	{ { "vmas", 0, "LIST", "mappings the parent memory is split over (default 1)", .parse = sb_ap_uints,
	    MATRIX_LIST(vmas, n_vmas), .lo = 1, .hi = 1000000 }, NULL, 0,
	  SB_AXF_VMAS, vmas_count, vmas_apply, 5, vmas_key, vmas_label },
	{ { "thp", 0, "on|off", "transparent huge pages for that memory (default off)", .parse = sb_ap_two_words,
	    MATRIX_LIST(thps, n_thps), .words = off_on }, NULL, 0,
	  SB_AXF_THP, thp_count, thp_apply, 6, thp_key, thp_label },
	{ { "mem-kind", 0, "LIST", "anon (private, default) or shared", .parse = sb_ap_two_words,
	    MATRIX_LIST(mem_kinds, n_mem_kinds), .words = anon_shared }, NULL, 0,
	  SB_AXF_MEM_KIND, mem_kind_count, mem_kind_apply, 4, mem_kind_key, mem_kind_label },
	{ { "concurrency", 'c', "LIST", "spawner processes running a case at once", .parse = sb_ap_concurrency,
	    MATRIX_LIST(concurrency, n_concurrency), .lo = 1, .hi = SB_MAX_SPAWNERS }, NULL, 0,
	  SB_AXF_CONCURRENCY, concurrency_count, concurrency_apply, 10, concurrency_key, concurrency_label },
	{ { "count", 0, "on,off", "with --counters: count in these cases (off,on: the cost of counting)",
	    .parse = sb_ap_two_words,
	    MATRIX_LIST(counting, n_counting), .words = off_on }, NULL, 0,
	  SB_AXF_COUNT, count_count, count_apply, 12, count_key, count_label },
	/* --probe is a run option (a plan's options: line); given as a list it is an axis of every case. */
	{ { "probe", 0, "LEVEL", "kernel profile of each spawn: phases or stages (root); a list such as off,phases,stages "
	    "runs each case at each level, side by side", .parse = sb_ap_probe, .in_cfg = 1 }, NULL, 0,
	  SB_AXF_PROBE, probe_count, probe_apply, 13, probe_key, probe_label },
	{ { "child-writes", 0, NULL, "the child writes every page of the parent memory (copy on write)",
	    .parse = sb_ap_switch,
	    MATRIX_SWITCH(child_writes) }, NULL, 0,
	  SB_AXF_CHILD_WRITES, child_writes_count, child_writes_apply, 11, child_writes_key,
	  child_writes_label },
};
const size_t sb_n_axes = sizeof(sb_axes) / sizeof(sb_axes[0]);
_Static_assert(sizeof(sb_axes) / sizeof(sb_axes[0]) <= SB_MAX_AXES, "raise SB_MAX_AXES");

const struct sb_axis *sb_axis_named_at(int pos)
{
	for (size_t a = 0; a < sb_n_axes; a++)
		if (sb_axes[a].name_pos == pos)
			return &sb_axes[a];
	return NULL;
}

static int opt_is(const struct sb_axis_opt *o, const char *name, size_t len, char short_name)
{
	return short_name ? o->short_name == short_name : strlen(o->name) == len && !strncmp(o->name, name, len);
}

const struct sb_axis_opt *sb_axis_option(const char *name, size_t len, char short_name)
{
	if (opt_is(&method_opt, name, len, short_name))
		return &method_opt;
	for (size_t a = 0; a < sb_n_axes; a++) {
		if (opt_is(&sb_axes[a].opt, name, len, short_name))
			return &sb_axes[a].opt;
		for (size_t k = 0; k < sb_axes[a].n_more; k++)
			if (opt_is(&sb_axes[a].more[k], name, len, short_name))
				return &sb_axes[a].more[k];
	}
	return NULL;
}

void sb_axis_options_each(void (*fn)(const struct sb_axis_opt *o, void *ctx), void *ctx)
{
	fn(&method_opt, ctx);
	for (int pos = 1; pos <= (int)sb_n_axes; pos++) {
		const struct sb_axis *a = sb_axis_named_at(pos);
		fn(&a->opt, ctx);
		for (size_t k = 0; k < a->n_more; k++)
			fn(&a->more[k], ctx);
	}
}

int sb_axes_case(const struct sb_axis_ctx *x, const int *idx, struct sb_case *c)
{
	memset(c, 0, sizeof(*c));
	c->w.method = (uint32_t)(x->info - sb_methods);
	c->w.cpu = -1;
	c->w.warmup = x->cfg->warmup;
	for (size_t a = 0; a < sb_n_axes; a++)
		if (sb_axes[a].apply(x, idx[a], c))
			return 1;
	return 0;
}

int sb_axes_resolve(struct sb_case *c, char *err, size_t errlen)
{
	struct sb_case_wire *w = &c->w;

	if (w->exec_kind == SB_EXEC_CHILD) {
		if (sb_find_helper("spawnbench-child", w->exec_path, sizeof(w->exec_path))) {
			sb_helper_missing("spawnbench-child", err, errlen);
			return -1;
		}
	} else if (w->exec_kind == SB_EXEC_PATH) {
		const char *exec = c->exec_label;
		/* A label that fills its buffer may be a longer path cut short: refused, never looked up. */
		if (exec[0] != '/' || strlen(exec) + 1 >= sizeof(c->exec_label) || strlen(exec) >= sizeof(w->exec_path) ||
		    access(exec, X_OK)) {
			snprintf(err, errlen, "--exec '%.80s%s': not an absolute path to an executable "
				 "program (use none, child or a path like /bin/true)", exec,
				 strlen(exec) > 80 ? "..." : "");
			return -1;
		}
		snprintf(w->exec_path, sizeof(w->exec_path), "%s", exec);
	}
	return 0;
}

int sb_odometer_next(int *idx, const int *n, size_t k)
{
	for (size_t i = k; i-- > 0;) {
		if (++idx[i] < n[i])
			return 1;
		idx[i] = 0;
	}
	return 0;
}
