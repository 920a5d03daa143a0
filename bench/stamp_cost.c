// SPDX-License-Identifier: MIT
/* The stamp's cost, once per run: interleaved batches with and without it (see stamp_cost.h). */
#include "stamp_cost.h"

#include <math.h>
#include <sched.h>
#include <stdlib.h>
#include <string.h>

#include "interrupted.h"
#include "io.h"
#include "stats.h"
#include "worker_life.h"

enum { ROUNDS = 30, BATCH = 16 };

/* Median total of one batch in the given stamp mode; NAN when the worker failed. */
static double batch_median(int fd, uint32_t mode)
{
	struct sb_cmd cmd = { SB_CMD_BATCH_AS | mode << 16, BATCH };
	struct sb_batch_hdr hdr;
	struct sb_sample s[BATCH];
	double v[BATCH];
	size_t n = 0;
	struct sb_stats st;
	/* No retry on EINTR: a stop signal ends the measurement, which then records nothing. */
	if (sb_write_full(fd, &cmd, sizeof(cmd)) || sb_read_full(fd, &hdr, sizeof(hdr), 0) || hdr.count != BATCH ||
	    sb_read_full(fd, s, sizeof(s), 0))
		return NAN;
	for (int i = 0; i < BATCH; i++)
		if (!s[i].err && (s[i].valid & (1u << SB_MET_TOTAL)))
			v[n++] = (double)s[i].m[SB_MET_TOTAL];
	return sb_stats_compute(v, n, &st) ? NAN : st.median;
}

void sb_stamp_cost_measure(struct sb_run_config *cfg, const char *worker_path)
{
	struct sb_case_wire w;
	struct sb_ready ready;
	struct sb_worker wk = { -1, -1 };
	char msg[256];
	memset(&w, 0, sizeof(w));
	memset(&ready, 0, sizeof(ready));
	w.method = SB_M_FORK;
	w.exec_kind = SB_EXEC_NONE;
	w.vmas = 1;
	w.warmup = 5;
	w.stamp_mode = SB_STAMP_TIME_CPU;
	w.child_cpu = -1;
	w.cpu = cfg->n_cpus ? cfg->cpus[0] : sched_getcpu();   /* pinned: placement out of the difference */
	/* The worker's test hooks shape the cases' workers, not this one. */
	char *hooks[2] = { getenv("SPAWNBENCH_TEST_TRANSIENT"), getenv("SPAWNBENCH_TEST_SQUARE") };
	for (int i = 0; i < 2; i++)
		hooks[i] = hooks[i] ? strdup(hooks[i]) : NULL;
	unsetenv("SPAWNBENCH_TEST_TRANSIENT");
	unsetenv("SPAWNBENCH_TEST_SQUARE");
	int rc = sb_worker_start(worker_path, &w, cfg->spawn_timeout_s, &wk, &ready, msg, sizeof(msg));
	if (hooks[0])
		setenv("SPAWNBENCH_TEST_TRANSIENT", hooks[0], 1);
	if (hooks[1])
		setenv("SPAWNBENCH_TEST_SQUARE", hooks[1], 1);
	free(hooks[0]);
	free(hooks[1]);
	if (rc)
		goto out;

	double full[ROUNDS], cpu[ROUNDS];
	size_t n = 0;
	uint64_t rng = 0x5747a3bULL;
	for (int r = 0; r < ROUNDS && !sb_stop_signal; r++) {
		uint32_t order[3] = { SB_STAMP_NONE, SB_STAMP_TIME, SB_STAMP_TIME_CPU };
		double m[3];
		for (int i = 2; i > 0; i--) {   /* the order changes every round: no mode always goes first */
			rng ^= rng << 13, rng ^= rng >> 7, rng ^= rng << 17;
			int j = (int)(rng % (uint64_t)(i + 1));
			uint32_t t = order[i];
			order[i] = order[j];
			order[j] = t;
		}
		for (int i = 0; i < 3; i++)
			m[order[i]] = batch_median(wk.fd, order[i]);
		if (isnan(m[0]) || isnan(m[1]) || isnan(m[2]))
			goto out;
		full[n] = m[SB_STAMP_TIME_CPU] - m[SB_STAMP_NONE];
		cpu[n++] = m[SB_STAMP_TIME_CPU] - m[SB_STAMP_TIME];
	}
	struct sb_stats sf, sc;
	if (n < ROUNDS || sb_stats_compute(full, n, &sf) || sb_stats_compute(cpu, n, &sc))
		goto out;
	cfg->stamp_ns.measured = 1;
	cfg->stamp_ns.median = sf.median;
	cfg->stamp_ns.ci95_low = sf.ci95_low;
	cfg->stamp_ns.ci95_high = sf.ci95_high;
	cfg->stamp_ns.cpu_read = sc.median;
out:
	sb_worker_stop(&wk);
}

json_t *sb_stamp_cost_json(const struct sb_run_config *cfg)
{
	if (!cfg->stamp_ns.measured)
		return json_null();
	return json_pack("{s:s, s:f, s:f, s:f, s:f}", "method", "fork", "median", cfg->stamp_ns.median,
			 "ci95_low", cfg->stamp_ns.ci95_low, "ci95_high", cfg->stamp_ns.ci95_high,
			 "cpu_read_median", cfg->stamp_ns.cpu_read);
}
