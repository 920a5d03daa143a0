// SPDX-License-Identifier: MIT
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "backend.h"

static const char *const names[] = {
	[SB_BE_AUTO] = "auto",
	[SB_BE_FENTRY] = "fentry",
	[SB_BE_KPROBE] = "kprobe",
	[SB_BE_TRACEPOINT] = "tracepoint",
};

const char *sb_backend_name(enum sb_backend b)
{
	return names[b];
}

int sb_backend_parse(const char *name)
{
	if (!name)
		return SB_BE_AUTO;
	for (int i = 0; i < (int)(sizeof(names) / sizeof(names[0])); i++)
		if (!strcmp(name, names[i]))
			return i;
	return -1;
}

static int try_one(struct sb_stage_backend *be, enum sb_backend b, const struct sb_shared_maps *m,
		   unsigned hz, char *err, size_t errlen)
{
	switch (b) {
	case SB_BE_FENTRY:
	case SB_BE_KPROBE:
		be->exact = sb_exact_open(b == SB_BE_FENTRY ? SB_EXACT_FENTRY : SB_EXACT_KPROBE, m, err,
					  errlen);
		return be->exact ? 0 : -1;
	case SB_BE_TRACEPOINT:
		be->ksyms = sb_ksyms_load();
		if (!be->ksyms) {
			snprintf(err, errlen, "reading /proc/kallsyms: %s", strerror(errno));
			return -1;
		}
		be->sampler = sb_sampler_open(m, hz, err, errlen);
		if (!be->sampler) {
			sb_ksyms_free(be->ksyms);
			be->ksyms = NULL;
			return -1;
		}
		return 0;
	default:
		snprintf(err, errlen, "unknown backend");
		return -1;
	}
}

int sb_backend_open(struct sb_stage_backend *be, enum sb_backend want, const struct sb_shared_maps *m,
		    unsigned hz, char *err, size_t errlen)
{
	static const enum sb_backend chain[] = { SB_BE_FENTRY, SB_BE_KPROBE, SB_BE_TRACEPOINT };
	char why[256];
	size_t len = 0;

	memset(be, 0, sizeof(*be));
	if (want != SB_BE_AUTO) {
		if (try_one(be, want, m, hz, why, sizeof(why))) {
			snprintf(err, errlen, "probe backend %s unavailable: %s", names[want], why);
			return -1;
		}
		be->kind = want;
		return 0;
	}
	for (size_t i = 0; i < sizeof(chain) / sizeof(chain[0]); i++) {
		if (!try_one(be, chain[i], m, hz, why, sizeof(why))) {
			be->kind = chain[i];
			return 0;
		}
		if (len < sizeof(be->why))
			len += snprintf(be->why + len, sizeof(be->why) - len, "%s%s: %s", len ? "; " : "",
					names[chain[i]], why);
	}
	snprintf(err, errlen, "no probe backend works here (%s)", be->why);
	return -1;
}

void sb_backend_close(struct sb_stage_backend *be)
{
	sb_exact_close(be->exact);
	sb_sampler_close(be->sampler);
	sb_ksyms_free(be->ksyms);
	be->exact = NULL;
	be->sampler = NULL;
	be->ksyms = NULL;
}
