// SPDX-License-Identifier: MIT
/* Built with -DSPAWNBENCH_PROBES=OFF: --probe and trace are refused with exit 3. */
#include <stdio.h>

#include "probe_commands.h"
#include "probe_session.h"

int sb_probe_open(const struct sb_probe_opts *opts, struct sb_probe_session **out, char *err, size_t errlen)
{
	*out = NULL;
	if (opts->level == SB_PROBE_OFF)
		return 0;
	snprintf(err, errlen, "probes are not built into this spawnbench (SPAWNBENCH_PROBES=OFF)");
	return SB_EXIT_PROBE;
}

const char *sb_probe_backend(const struct sb_probe_session *s)
{
	(void)s;
	return "none";
}

const char *sb_probe_phase_hooks(const struct sb_probe_session *s)
{
	(void)s;
	return "none";
}

uint64_t sb_probe_seen_while_off(const struct sb_probe_session *s)
{
	(void)s;
	return 0;
}

int sb_probe_case_begin(struct sb_probe_session *s, size_t i, enum sb_probe_level l, const pid_t *w, size_t n)
{
	(void)s, (void)i, (void)l, (void)w, (void)n;
	return 0;
}

int sb_probe_case_batch(struct sb_probe_session *s, size_t i, const struct sb_sample *x, size_t n)
{
	(void)s, (void)i, (void)x, (void)n;
	return 0;
}

json_t *sb_probe_case_json(struct sb_probe_session *s, size_t i)
{
	(void)s, (void)i;
	return NULL;
}

const char *sb_probe_case_summary(struct sb_probe_session *s, size_t i)
{
	(void)s, (void)i;
	return NULL;
}

uint64_t sb_probe_case_stage_samples(struct sb_probe_session *s, size_t i)
{
	(void)s, (void)i;
	return 0;
}

void sb_probe_close(struct sb_probe_session *s)
{
	(void)s;
}

int cmd_trace(int argc, char **argv)
{
	(void)argc, (void)argv;
	fprintf(stderr, "spawnbench trace: probes are not built into this spawnbench (SPAWNBENCH_PROBES=OFF)\n");
	return SB_EXIT_PROBE;
}

int sb_doctor_bpf(void (*line)(const char *what, int ok, const char *detail), int verbose)
{
	(void)verbose;
	line("BPF probes", 0, "not built in (SPAWNBENCH_PROBES=OFF)");
	return 0;
}
