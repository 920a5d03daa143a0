// SPDX-License-Identifier: MIT
/* The run's memory budget from MemAvailable and the memory cgroups' headroom; see memory_budget.h. */
#include "memory_budget.h"

#include <stdio.h>
#include <string.h>

#include "host.h"
#include "parse.h"
#include "privileges.h"

/* What a worker holds beyond its case's memory and stack: its own text, heap and page tables, roughly. */
#define WORKER_OVERHEAD_BYTES (UINT64_C(16) << 20)

static int read_u64(const char *path, unsigned long long *v)
{
	FILE *f = fopen(path, "re");
	if (!f)
		return -1;
	int ok = fscanf(f, "%llu", v) == 1;   /* "max" (v2, unlimited) does not parse */
	fclose(f);
	return ok ? 0 : -1;
}

/*
 * The smallest (limit - usage) from dir up to root, reading limit_file and usage_file in each: a limit on
 * any ancestor caps this process as surely as one on its own cgroup.
 */
static uint64_t headroom_up(const char *root, const char *rel, const char *limit_file, const char *usage_file)
{
	char cur[4096], path[8400];
	uint64_t best = UINT64_MAX;
	snprintf(cur, sizeof(cur), "%s", rel);
	for (;;) {
		unsigned long long max, used = 0;
		snprintf(path, sizeof(path), "%s%s/%s", root, cur, limit_file);
		if (!read_u64(path, &max) && max < (1ull << 60)) {
			snprintf(path, sizeof(path), "%s%s/%s", root, cur, usage_file);
			read_u64(path, &used);
			uint64_t room = max > used ? max - used : 0;
			best = room < best ? room : best;
		}
		char *slash = strrchr(cur, '/');
		if (!slash || !cur[0] || !strcmp(cur, "/"))
			break;
		*slash = '\0';   /* "/a/b" -> "/a" -> "" (the root) */
	}
	return best;
}

/* Headroom under this process's memory cgroups (v1 and v2, ancestors included), UINT64_MAX when unlimited. */
static uint64_t cgroup_headroom(void)
{
	char line[4096], v1[4096] = "", v2[4096] = "";
	FILE *f = fopen("/proc/self/cgroup", "re");
	if (!f)
		return UINT64_MAX;
	while (fgets(line, sizeof(line), f)) {
		line[strcspn(line, "\n")] = '\0';
		char *ctl = strchr(line, ':'), *rel = ctl ? strchr(ctl + 1, ':') : NULL;
		if (!rel)
			continue;
		*rel++ = '\0';
		ctl++;
		if (!*ctl)
			snprintf(v2, sizeof(v2), "%s", rel);
		/* v1: "memory" alone or in a list ("cpu,memory") */
		for (char *save = NULL, *t = strtok_r(ctl, ",", &save); t; t = strtok_r(NULL, ",", &save))
			if (!strcmp(t, "memory"))
				snprintf(v1, sizeof(v1), "%s", rel);
	}
	fclose(f);
	uint64_t best = UINT64_MAX, h;
	if (v1[0]) {
		h = headroom_up("/sys/fs/cgroup/memory", v1, "memory.limit_in_bytes", "memory.usage_in_bytes");
		best = h < best ? h : best;
	}
	if (v2[0]) {
		char cg2[4096] = "/sys/fs/cgroup";
		sb_cgroup2_mount(cg2, sizeof(cg2));
		h = headroom_up(cg2, v2, "memory.max", "memory.current");
		best = h < best ? h : best;
	}
	return best;
}

uint64_t sb_memory_budget(char *why, size_t len)
{
	uint64_t avail = sb_meminfo_bytes("MemAvailable:");
	uint64_t budget = avail / 10 * 8;
	char a[32];
	sb_format_size(avail / (1 << 20) * (1 << 20), a, sizeof(a));
	snprintf(why, len, "80%% of MemAvailable (%s)", a);
	uint64_t cg = cgroup_headroom();
	if (cg != UINT64_MAX && cg / 10 * 8 < budget) {
		budget = cg / 10 * 8;
		sb_format_size(cg / (1 << 20) * (1 << 20), a, sizeof(a));
		snprintf(why, len, "80%% of the memory cgroup's headroom (%s)", a);
	}
	return budget;
}

size_t sb_budget_group_end(const struct sb_run_config *cfg, size_t first, uint64_t budget)
{
	size_t end = first;
	uint64_t used = 0;
	while (end < cfg->n_cases) {
		const struct sb_case *c = &cfg->cases[end];
		uint64_t need = c->status == SB_ST_PENDING ?
			(c->w.mem_bytes + c->w.stack_bytes + WORKER_OVERHEAD_BYTES) * c->concurrency : 0;
		if (end > first && used + need > budget)
			break;
		used += need;
		end++;
	}
	return end;
}
