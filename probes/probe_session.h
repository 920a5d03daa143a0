/* SPDX-License-Identifier: MIT */
/*
 * What `spawnbench run --probe` asks of the probes: the controller opens one session for the run (the
 * BPF objects live in the controller, never in the lean worker that spawns), tells it which worker is about
 * to spawn, hands it each batch's samples (child pids + call times) so per-spawn kernel data can be joined
 * to them, and asks for a case's JSON object ("probe", see docs/probes.md) at the end.
 */
#ifndef SB_PROBE_SESSION_H
#define SB_PROBE_SESSION_H
#include <jansson.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#include "spawn_phases.h" /* SB_MAX_SPAWNERS */
#include "wire.h"

enum sb_probe_level { SB_PROBE_OFF, SB_PROBE_PHASES, SB_PROBE_STAGES };

/* "off", "phases", "stages": the names --probe takes and the results use. */
static inline const char *sb_probe_level_name(int level)
{
	return level == SB_PROBE_STAGES ? "stages" : level == SB_PROBE_PHASES ? "phases" : "off";
}

struct sb_probe_opts {
	enum sb_probe_level level;   /* the highest level of any case */
	const char *backend;     /* "auto", "fentry", "kprobe", "tracepoint" */
	unsigned sample_hz;      /* stage sampling frequency, 0 = default */
	int kmem;                /* also count pages and slab objects allocated in copy_process */
	int follow_children;     /* the workers' children spawn too (--ns-path's per-spawn helper): follow them */
	int verbose;
};

struct sb_probe_session;

/* Returns 0, or SB_EXIT_PROBE / SB_EXIT_USAGE with a one-line message in err. */
int sb_probe_open(const struct sb_probe_opts *opts, struct sb_probe_session **out, char *err, size_t errlen);
/* The backend that was chosen ("tracepoint", ...), for the results and the table. */
const char *sb_probe_backend(const struct sb_probe_session *s);
/*
 * A case (by index) is about to run a batch in these workers (their tgids), at this level (capped at the
 * session's): programs are attached or detached to match, so "off" cases of a probed run pay nothing.
 * 0 or -errno (attaching failed: the batch must not run as if probed).
 */
int sb_probe_case_begin(struct sb_probe_session *s, size_t case_index, enum sb_probe_level level,
			const pid_t *workers, size_t n_workers);
/* Where the phases' syscall boundaries come from: "fentry", "syscall-tracepoints", ... (spawn_phases_loader.h) */
const char *sb_probe_phase_hooks(const struct sb_probe_session *s);
/* Spawns the kernel programs saw during "off" batches (0: they really were detached). */
uint64_t sb_probe_seen_while_off(const struct sb_probe_session *s);
/*
 * The batch ended: join kernel data to these samples, every worker's of the batch at once (the records
 * of all workers come through one ring; what is not joined here is dropped).
 */
int sb_probe_case_batch(struct sb_probe_session *s, size_t case_index, const struct sb_sample *samples, size_t n);
/* The case's "probe" object (new reference), or NULL when nothing was collected. */
json_t *sb_probe_case_json(struct sb_probe_session *s, size_t case_index);
/* One line for the human table (e.g. "copy_process 38us: dup_mmap 71% ..."), or NULL. */
const char *sb_probe_case_summary(struct sb_probe_session *s, size_t case_index);
/* Samples of the case's stack sampler inside copy_process (or copy_process calls, exact backends) so far. */
uint64_t sb_probe_case_stage_samples(struct sb_probe_session *s, size_t case_index);
/* Detach and free everything; accepts NULL. */
void sb_probe_close(struct sb_probe_session *s);

/*
 * spawnbench doctor: one line() per BPF feature and probe backend (each really loaded, then released);
 * verbose: the verifier's log under a backend it refused.
 */
int sb_doctor_bpf(void (*line)(const char *what, int ok, const char *detail), int verbose);

#endif
