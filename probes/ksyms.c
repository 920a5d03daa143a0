// SPDX-License-Identifier: MIT
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "grow.h"
#include "ksyms.h"

struct ksym {
	uint64_t addr;
	char *name;
};

struct sb_ksyms {
	struct ksym *sym;
	size_t n, cap;
};

static int by_addr(const void *a, const void *b)
{
	const struct ksym *x = a, *y = b;

	return x->addr < y->addr ? -1 : x->addr > y->addr;
}

void sb_ksyms_free(struct sb_ksyms *ks)
{
	if (!ks)
		return;
	for (size_t i = 0; i < ks->n; i++)
		free(ks->sym[i].name);
	free(ks->sym);
	free(ks);
}

static int add(struct sb_ksyms *ks, uint64_t addr, const char *name)
{
	struct ksym *s = sb_grow(ks->sym, &ks->cap, ks->n + 1, sizeof(*s), 65536);

	if (!s)
		return -1;
	ks->sym = s;
	/* "copy_process.isra.0" and "copy_process" are one function to a reader */
	char *n = strndup(name, strcspn(name, "."));
	if (!n)
		return -1;
	ks->sym[ks->n].addr = addr;
	ks->sym[ks->n].name = n;
	ks->n++;
	return 0;
}

struct sb_ksyms *sb_ksyms_load(void)
{
	struct sb_ksyms *ks = calloc(1, sizeof(*ks));
	FILE *f = fopen("/proc/kallsyms", "re");
	char line[512], name[256], type;
	unsigned long long addr;
	int nonzero = 0, err = 0;

	if (!ks || !f) {
		err = errno;
		goto fail;
	}
	while (fgets(line, sizeof(line), f)) {
		if (sscanf(line, "%llx %c %255s", &addr, &type, name) != 3)
			continue;
		/* text symbols only: stack frames are code addresses */
		if (type != 't' && type != 'T' && type != 'w' && type != 'W')
			continue;
		nonzero |= addr != 0;
		if (add(ks, addr, name)) {
			err = ENOMEM;
			goto fail;
		}
	}
	if (!nonzero) {
		err = EPERM; /* kptr_restrict hides the addresses */
		goto fail;
	}
	fclose(f);
	qsort(ks->sym, ks->n, sizeof(*ks->sym), by_addr);
	return ks;
fail:
	if (f)
		fclose(f);
	sb_ksyms_free(ks);
	errno = err ? err : EINVAL;
	return NULL;
}

const char *sb_ksyms_name(const struct sb_ksyms *ks, uint64_t addr)
{
	size_t lo = 0, hi = ks->n;

	if (!ks->n || addr < ks->sym[0].addr)
		return NULL;
	/* the last symbol at or below addr */
	while (hi - lo > 1) {
		size_t mid = lo + (hi - lo) / 2;

		if (ks->sym[mid].addr <= addr)
			lo = mid;
		else
			hi = mid;
	}
	return ks->sym[lo].name;
}
