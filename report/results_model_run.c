// SPDX-License-Identifier: MIT
/*
 * The run description of a results file into the model (results_model_parts.h): the tool, the host (kernel,
 * CPU, memory, THP, libraries, clock, privileges), the configuration (command line, plan, stop rules, seed),
 * the run's times and notes: what a report page prints of a run. Every field read is type-checked, named
 * by its path in the document (host.clock.resolution_ns).
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include "results_fields.h"
#include "results_model_parts.h"

/* An array of strings (field names it in messages) into a malloc'd array of borrowed strings. */
static int strings(const struct sb_fctx *x, const json_t *arr, const char *field, const char ***out, size_t *n)
{
	size_t i;
	const json_t *v;
	*out = NULL;
	*n = 0;
	if (!arr)
		return 0;
	json_array_foreach(arr, i, v)
		if (!json_is_string(v))
			return sb_fail(x, "%s[%zu] is not a string", field, i);
	if (!(*out = calloc(json_array_size(arr) + 1, sizeof(**out))))
		return sb_fail(x, "out of memory");
	json_array_foreach(arr, i, v)
		(*out)[i] = json_string_value(v);
	*n = json_array_size(arr);
	return 0;
}

static int host(const struct sb_fctx *x, const json_t *doc, struct sb_rrun_desc *d)
{
	const json_t *h, *ck, *pv;
	if (sb_field_object(x, doc, "", "host", &h))
		return -1;
	if (sb_field_str(x, h, "host", "hostname", &d->hostname) || sb_field_str(x, h, "host", "kernel", &d->kernel) ||
	    sb_field_str(x, h, "host", "arch", &d->arch) || sb_field_str(x, h, "host", "cpu_model", &d->cpu_model) ||
	    sb_field_str(x, h, "host", "thp_enabled", &d->thp_enabled) ||
	    sb_field_str(x, h, "host", "thp_defrag", &d->thp_defrag) || sb_field_str(x, h, "host", "glibc", &d->glibc) ||
	    sb_field_str(x, h, "host", "libbpf", &d->libbpf) || sb_field_str(x, h, "host", "libpfm", &d->libpfm) ||
	    sb_field_num(x, h, "host", "cores", &d->cores) ||
	    sb_field_num(x, h, "host", "mem_total_bytes", &d->mem_total_bytes) ||
	    sb_field_bool(x, h, "host", "virtualized", &d->virtualized) ||
	    sb_field_object(x, h, "host", "clock", &ck) || sb_field_object(x, h, "host", "privileges", &pv))
		return -1;
	return sb_field_str(x, ck, "host.clock", "id", &d->clock_id) ||
			       sb_field_str(x, ck, "host.clock", "source", &d->clock_source) ||
			       sb_field_num(x, ck, "host.clock", "resolution_ns", &d->clock_resolution_ns) ||
			       sb_field_num(x, ck, "host.clock", "overhead_ns", &d->clock_overhead_ns) ||
			       sb_field_num(x, pv, "host.privileges", "euid", &d->euid) ||
			       sb_field_bool(x, pv, "host.privileges", "cap_sys_admin", &d->cap_sys_admin) ||
			       sb_field_bool(x, pv, "host.privileges", "user_namespaces", &d->user_namespaces) ||
			       sb_field_bool(x, pv, "host.privileges", "cgroup2", &d->cgroup2)
		       ? -1
		       : 0;
}

static int config(const struct sb_fctx *x, const json_t *doc, struct sb_rrun_desc *d)
{
	const json_t *c, *argv;
	if (sb_field_object(x, doc, "", "config", &c) || sb_field_array(x, c, "config", "argv", &argv) ||
	    strings(x, argv, "config.argv", &d->argv, &d->argc))
		return -1;
	return sb_field_str(x, c, "config", "plan", &d->plan) ||
			       sb_field_str(x, c, "config", "stop_metric", &d->stop_metric) ||
			       sb_field_num(x, c, "config", "iterations", &d->iterations) ||
			       sb_field_num(x, c, "config", "min_iterations", &d->min_iterations) ||
			       sb_field_num(x, c, "config", "warmup", &d->warmup) ||
			       sb_field_num(x, c, "config", "batch", &d->batch) ||
			       sb_field_num(x, c, "config", "target_ci", &d->target_ci) ||
			       sb_field_num(x, c, "config", "max_time_s", &d->max_time_s) ||
			       sb_field_num(x, c, "config", "seed", &d->seed)
		       ? -1
		       : 0;
}

void sb_rrun_desc_free(struct sb_rrun_desc *d)
{
	free(d->argv);
	free(d->notes);
	*d = (struct sb_rrun_desc){ 0 };
}

int sb_rrun_desc_read(const json_t *doc, struct sb_rrun_desc *d, const char *path, char *err, size_t errlen)
{
	const struct sb_fctx x = { path, err, errlen };
	const json_t *tool, *run, *notes;
	*d = (struct sb_rrun_desc){ 0 };
	if (sb_field_object(&x, doc, "", "tool", &tool) || sb_field_object(&x, doc, "", "run", &run) ||
	    sb_field_array(&x, doc, "", "notes", &notes) || sb_field_str(&x, tool, "tool", "name", &d->tool_name) ||
	    sb_field_str(&x, tool, "tool", "version", &d->tool_version) ||
	    sb_field_str(&x, doc, "", "created", &d->created) || sb_field_str(&x, run, "run", "started", &d->started) ||
	    sb_field_str(&x, run, "run", "finished", &d->finished) ||
	    sb_field_num(&x, run, "run", "duration_s", &d->duration_s) || host(&x, doc, d) || config(&x, doc, d) ||
	    strings(&x, notes, "notes", &d->notes, &d->nnotes)) {
		sb_rrun_desc_free(d);
		return -1;
	}
	return 0;
}
