// SPDX-License-Identifier: MIT
/* --placement: which CPUs workers and children get, and the per-case record of where they really ran. */
#include "placement.h"

#include <sched.h>
#include <string.h>

#include "commands.h"
#include "warnings.h"

/* The CPUs placement may use: --cpu, or this process's affinity (the first MAX_CPUS of it). */
enum { MAX_CPUS = 256 };
_Static_assert(SB_MAX_CPUS <= MAX_CPUS, "every CPU of --cpu fits the list");
static int cpus[MAX_CPUS], n_cpus;

int sb_placement_parse(const char *arg, int *out, char *err, size_t errlen)
{
	static const char *const names[] = { "same", "cross", "any" };
	for (int i = 0; i < 3; i++) {
		if (!strcmp(arg, names[i])) {
			*out = i;
			return 0;
		}
	}
	snprintf(err, errlen, "--placement: '%s' is not same, cross or any", arg);
	return SB_EXIT_USAGE;
}

const char *sb_placement_name(int p)
{
	return p == SB_PLACE_CROSS ? "cross" : p == SB_PLACE_ANY ? "any" : "same";
}

int sb_placement_configure(struct sb_run_config *cfg, char *err, size_t errlen)
{
	n_cpus = 0;
	if (cfg->n_cpus) {
		for (int i = 0; i < cfg->n_cpus && i < SB_MAX_CPUS; i++)
			cpus[n_cpus++] = cfg->cpus[i];
	} else {
		cpu_set_t set;
		if (!sched_getaffinity(0, sizeof(set), &set))
			for (int i = 0; i < CPU_SETSIZE && n_cpus < MAX_CPUS; i++)
				if (CPU_ISSET(i, &set))
					cpus[n_cpus++] = i;
	}
	for (size_t i = 0; i < cfg->n_cases; i++) {
		struct sb_case *c = &cfg->cases[i];
		c->w.stamp_mode = cfg->no_start ? SB_STAMP_NONE : SB_STAMP_TIME_CPU;
		c->w.child_cpu = -1;
		if (cfg->placement != SB_PLACE_CROSS || c->status != SB_ST_PENDING)
			continue;
		if (c->w.method != SB_M_PTHREAD) {
			snprintf(err, errlen, "--placement cross cannot be done for %s: a process child inherits its "
				 "parent's CPU mask at fork and nothing sets it before the child first runs (only pthread's "
				 "attribute can); use --placement same or any", c->label);
			return SB_EXIT_USAGE;
		}
		if (n_cpus < 2 && !cfg->n_cpus) {
			snprintf(err, errlen, "--placement cross needs two CPUs, and this process may use only %d", n_cpus);
			return SB_EXIT_USAGE;
		}
	}
	if (cfg->placement == SB_PLACE_CROSS && n_cpus < 2) {
		/* --cpu gave one CPU: the child goes to any other CPU this process may use. */
		cpu_set_t set;
		if (!sched_getaffinity(0, sizeof(set), &set))
			for (int i = 0; i < CPU_SETSIZE && n_cpus < MAX_CPUS; i++)
				if (CPU_ISSET(i, &set) && i != cpus[0])
					cpus[n_cpus++] = i;
		if (n_cpus < 2) {
			snprintf(err, errlen, "--placement cross needs a second CPU, and there is none to use");
			return SB_EXIT_USAGE;
		}
	}
	return 0;
}

void sb_placement_assign(const struct sb_run_config *cfg, size_t *next, struct sb_case_wire *w)
{
	w->cpu = -1;
	w->child_cpu = -1;
	if (cfg->placement == SB_PLACE_ANY && !cfg->n_cpus)
		return;
	if (!n_cpus)
		return;
	/* With cross and --cpu A, the list is A then the others: workers stay on --cpu's CPUs. */
	size_t span = cfg->n_cpus ? (size_t)cfg->n_cpus : (size_t)n_cpus;
	size_t k = (*next)++ % span;
	w->cpu = cpus[k];
	if (cfg->placement == SB_PLACE_CROSS)
		w->child_cpu = cpus[(k + 1) % (size_t)n_cpus];
}

static int count_and_list(const struct sb_case *c, int child, json_t *list)
{
	unsigned char seen[CPU_SETSIZE] = { 0 };   /* by CPU number */
	int n = 0;
	for (size_t i = 0; i < c->n_samples; i++) {
		int cpu = child ? c->samples[i].child_cpu : c->samples[i].parent_cpu;
		if (cpu >= 0 && cpu < CPU_SETSIZE && !seen[cpu]) {
			seen[cpu] = 1;
			n++;
		}
	}
	for (int cpu = 0; list && cpu < CPU_SETSIZE; cpu++)
		if (seen[cpu])
			json_array_append_new(list, json_integer(cpu));
	return n;
}

double sb_placement_same_share(const struct sb_case *c)
{
	size_t both = 0, same = 0;
	for (size_t i = 0; i < c->n_samples; i++) {
		const struct sb_sample *s = &c->samples[i];
		if (s->parent_cpu < 0 || s->child_cpu < 0)
			continue;
		both++;
		same += s->parent_cpu == s->child_cpu;
	}
	return both ? (double)same / (double)both : -1;
}

/*
 * The scheduling policy the worker spawned under (its children inherit it), as the worker read it.
 * SCHED_RESET_ON_FORK is a flag on top of the policy: a worker with it still spawned under the policy.
 */
const char *sb_placement_policy_name(int policy)
{
	if (policy < 0)
		return NULL;
	switch (policy & ~SCHED_RESET_ON_FORK) {
	case SCHED_OTHER: return "normal";
	case SCHED_BATCH: return "batch";
	case SCHED_IDLE: return "idle";
	case SCHED_FIFO: return "fifo";
	case SCHED_RR: return "rr";
	case 6: return "deadline";   /* SCHED_DEADLINE: not in every libc's <sched.h> */
	default: return "other";
	}
}

json_t *sb_placement_json(const struct sb_run_config *cfg, const struct sb_case *c)
{
	json_t *pc = json_array(), *cc = json_array();
	count_and_list(c, 0, pc);
	count_and_list(c, 1, cc);
	double share = sb_placement_same_share(c);
	json_t *o = json_pack("{s:s, s:o, s:o}", "requested", sb_placement_name(cfg->placement),
			      "parent_cpus", pc, "child_cpus", cc);
	/* null when no child recorded its CPU (--no-start, or exec'd programs that replaced the stamper) */
	json_object_set_new(o, "same_cpu_share", share < 0 ? json_null() : json_real(share));
	const char *policy = sb_placement_policy_name(c->footprint.sched_policy);
	json_object_set_new(o, "sched_policy", policy ? json_string(policy) : json_null());
	return o;
}

void sb_placement_check(const struct sb_run_config *cfg, struct sb_case *c)
{
	double share = sb_placement_same_share(c);
	if (share < 0 || share >= 0.5 || cfg->placement == SB_PLACE_CROSS)
		return;
	sb_case_warn(c, "changed-cpu", "%.0f%% of the children first ran on another CPU than their parent's call: a "
		     "cross-CPU wake-up is in the times (--placement same keeps them together)", 100 * (1 - share));
}
