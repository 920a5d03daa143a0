// SPDX-License-Identifier: MIT
/*
 * The axis table (axes.h): one entry per axis of a case, in the order case expansion nests them (the
 * first turns slowest). Each axis's count() says how many values a "cases:" line gives it for a method and
 * apply() sets value i on a case; defaults (a method's own exec, a 64K stack, one spawner) live here.
 */
#include "axes.h"
#include "axis_fields.h"

#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>


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

static int ns_count(const struct sb_axis_ctx *x)
{
	return given(x->m->n_ns_sets);
}

static int ns_apply(const struct sb_axis_ctx *x, int i, struct sb_case *c)
{
	c->ns_set = x->m->n_ns_sets ? x->m->ns_sets[i] : 0;
	return 0;
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

static int mem_count(const struct sb_axis_ctx *x)
{
	return given(x->m->n_mems);
}

static int mem_apply(const struct sb_axis_ctx *x, int i, struct sb_case *c)
{
	c->w.mem_bytes = x->m->n_mems ? x->m->mems[i] : 0;
	return 0;
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

static int thp_count(const struct sb_axis_ctx *x)
{
	return given(x->m->n_thps);
}

static int thp_apply(const struct sb_axis_ctx *x, int i, struct sb_case *c)
{
	c->w.thp = x->m->n_thps ? (uint32_t)x->m->thps[i] : 0;
	return 0;
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

static int concurrency_count(const struct sb_axis_ctx *x)
{
	return given(x->m->n_concurrency);
}

static int concurrency_apply(const struct sb_axis_ctx *x, int i, struct sb_case *c)
{
	c->concurrency = x->m->n_concurrency ? x->m->concurrency[i] : 1;
	return 0;
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

/* Key tokens and results fields come from the leaf table report/ reads with (axis_fields.h). */
const struct sb_axis sb_axes[] = {
	{ "--preset", SB_AXF_PRESET, flags_count, flags_apply },   /* also --flags, --exit-signal */
	{ "--exec", SB_AXF_EXEC, exec_count, exec_apply },
	{ "--stack", SB_AXF_STACK, stack_count, stack_apply }, /* also --stack-touch */
	{ "--ns", SB_AXF_NS, ns_count, ns_apply },
	{ "--ns-path", SB_AXF_NS_PATH, ns_path_count, ns_path_apply },
	{ "--mem", SB_AXF_MEM, mem_count, mem_apply },
	{ "--vmas", SB_AXF_VMAS, vmas_count, vmas_apply },
	{ "--thp", SB_AXF_THP, thp_count, thp_apply },
	{ "--mem-kind", SB_AXF_MEM_KIND, mem_kind_count, mem_kind_apply },
	{ "--concurrency", SB_AXF_CONCURRENCY, concurrency_count, concurrency_apply },
	{ "--count", SB_AXF_COUNT, count_count, count_apply },
	{ "--probe", SB_AXF_PROBE, probe_count, probe_apply },
	{ "--child-writes", SB_AXF_CHILD_WRITES, child_writes_count, child_writes_apply },
};
const size_t sb_n_axes = sizeof(sb_axes) / sizeof(sb_axes[0]);
_Static_assert(sizeof(sb_axes) / sizeof(sb_axes[0]) <= SB_MAX_AXES, "raise SB_MAX_AXES");

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
