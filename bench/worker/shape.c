// SPDX-License-Identifier: MIT
#include "shape.h"

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

/*
 * Filled once before any spawn; children only read it. Allocated for the case's mappings, not a static
 * array large enough for --vmas' limit: a 16 MB .bss put the statics linked after it in a 2 MiB range of
 * their own, one more page table that every fork copied and every exit freed (about 9% of a bare fork's
 * create on the development VM).
 */
struct sb_region *sb_regions;
size_t sb_n_regions;

int sb_shape_memory(const struct sb_case_wire *c, char *msg, size_t len)
{
	if (!c->mem_bytes)
		return 0;
	size_t page = (size_t)sysconf(_SC_PAGESIZE);
	size_t vmas = c->vmas ? c->vmas : 1;
	size_t chunk = (c->mem_bytes / vmas + page - 1) / page * page;
	size_t stride = chunk + page;   /* one unmapped page between mappings keeps them separate VMAs */
	int share = c->mem_kind == SB_MEM_SHARED ? MAP_SHARED : MAP_PRIVATE;
	if (!(sb_regions = calloc(vmas, sizeof(*sb_regions)))) {
		errno = ENOMEM;
		goto fail;
	}

	/* Reserve the whole range once so the pieces land side by side, then give it back piece by piece. */
	char *area = mmap(NULL, stride * vmas, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
	if (area == MAP_FAILED)
		goto fail;
	munmap(area, stride * vmas);
	for (size_t i = 0; i < vmas; i++) {
		char *p = mmap(area + i * stride, chunk, PROT_READ | PROT_WRITE,
			       share | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE, -1, 0);
		if (p == MAP_FAILED)
			goto fail;
		/* Ask before touching: THP is decided at fault time. */
		madvise(p, chunk, c->thp ? MADV_HUGEPAGE : MADV_NOHUGEPAGE);
		for (size_t off = 0; off < chunk; off += page)
			p[off] = (char)(off | 1);
		sb_regions[sb_n_regions].base = p;
		sb_regions[sb_n_regions++].len = chunk;
	}
	return 0;
fail:
	snprintf(msg, len, "cannot map %llu bytes of parent memory over %zu mappings: %s",
		 (unsigned long long)c->mem_bytes, vmas, strerror(errno));
	return -errno;
}

int sb_make_stack(const struct sb_case_wire *c, void **base, size_t *size, char *msg, size_t len)
{
	size_t page = (size_t)sysconf(_SC_PAGESIZE);
	size_t sz = (c->stack_bytes + page - 1) / page * page;
	if (sz < page)
		sz = page;
	char *p = mmap(NULL, sz + page, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_STACK, -1, 0);
	if (p == MAP_FAILED || mprotect(p, page, PROT_NONE)) {
		snprintf(msg, len, "cannot map a %zu-byte child stack: %s", sz, strerror(errno));
		return -errno;
	}
	if (c->stack_touch)
		for (size_t off = 0; off < sz; off += page)
			p[page + off] = 0;
	*base = p + page;
	*size = sz;
	return 0;
}

static uint64_t status_kb(const char *text, const char *key)
{
	const char *p = strstr(text, key);
	unsigned long long kb = 0;
	if (p && sscanf(p + strlen(key), " %llu", &kb) == 1)
		return kb * 1024;
	return 0;
}

/* Read a small /proc file into buf with plain read(2): no stdio buffer lingers in the spawner. */
static size_t read_proc(const char *path, char *buf, size_t len)
{
	FILE *f = fopen(path, "re");
	if (!f)
		return 0;
	size_t n = fread(buf, 1, len - 1, f);
	fclose(f);
	buf[n] = '\0';
	return n;
}

void sb_read_footprint(struct sb_ready *r)
{
	char buf[8192];
	if (read_proc("/proc/self/status", buf, sizeof(buf))) {
		r->vm_rss_bytes = status_kb(buf, "VmRSS:");
		r->vm_pte_bytes = status_kb(buf, "VmPTE:");
	}
	if (read_proc("/proc/self/smaps_rollup", buf, sizeof(buf)))
		r->anon_huge_bytes = status_kb(buf, "AnonHugePages:");
	FILE *f = fopen("/proc/self/maps", "re");
	if (f) {
		int ch;
		r->mappings = 0;
		while ((ch = getc(f)) != EOF)
			r->mappings += ch == '\n';
		fclose(f);
	}
}
