// SPDX-License-Identifier: MIT
/* What the report says: runs (host, configuration, notes), figures, what was left out, warnings, summary tables. */
#include <math.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "case_warnings.h"
#include "probe_cost.h"
#include "report_page.h"

static const char *say(char *buf, size_t len, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

static const char *say(char *buf, size_t len, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(buf, len, fmt, ap);
	va_end(ap);
	return buf;
}

/* A string of the run description, or fallback when the file has none. */
static const char *or(const char *s, const char *fallback)
{
	return s ? s : fallback;
}

/* A number of the run description, or fallback when the file has none. */
static double num_or(double v, double fallback)
{
	return isnan(v) ? fallback : v;
}

static void host_items(FILE *f, const struct sb_page_ops *o, const struct sb_rrun *run)
{
	char b[1024], mem[32];
	const struct sb_rrun_desc *d = &run->res.desc;
	o->item(f, say(b, sizeof(b), "File: %s (written %s by %s %s, commit %s)", run->path, or(d->created, "?"),
		       or(d->tool_name, "spawnbench"), or(d->tool_version, "?"), run->res.git_commit));
	sb_fmt_bytes(num_or(d->mem_total_bytes, 0), mem, sizeof(mem));
	o->item(f, say(b, sizeof(b), "Host: %s, Linux %s (%s), %s, %.0f CPUs, %s memory, %s", or(d->hostname, "?"),
		       or(d->kernel, "?"), or(d->arch, "?"), or(d->cpu_model, "?"), num_or(d->cores, 0), mem,
		       d->virtualized ? "virtual machine" : "bare metal"));
	o->item(f, say(b, sizeof(b), "THP enabled %s, defrag %s; glibc %s, libbpf %s, libpfm %s", or(d->thp_enabled, "?"),
		       or(d->thp_defrag, "?"), or(d->glibc, "?"), or(d->libbpf, "?"), or(d->libpfm, "?")));
	o->item(f, say(b, sizeof(b), "Clock: %s from clocksource %s, resolution %.0f ns, one clock_gettime costs %.0f ns "
				     "(not subtracted)", or(d->clock_id, "?"), or(d->clock_source, "?"),
		       d->clock_resolution_ns, d->clock_overhead_ns));
	o->item(f, say(b, sizeof(b), "Privileges: euid %.0f, CAP_SYS_ADMIN %s, user namespaces %s, writable cgroup v2 %s",
		       num_or(d->euid, -1), d->cap_sys_admin ? "yes" : "no", d->user_namespaces ? "yes" : "no",
		       d->cgroup2 ? "yes" : "no"));
}

static void config_items(FILE *f, const struct sb_page_ops *o, const struct sb_rrun *run)
{
	char b[1024], argv[600] = "";
	const struct sb_rrun_desc *d = &run->res.desc;
	size_t off = 0;
	for (size_t i = 0; i < d->argc; i++) {
		int n = snprintf(argv + off, sizeof(argv) - off, "%s%s", off ? " " : "", d->argv[i]);
		if (n < 0 || (size_t)n >= sizeof(argv) - off)
			break;
		off += (size_t)n;
	}
	o->item(f, say(b, sizeof(b), "Plan %s, command line: spawnbench %s", or(d->plan, "?"), argv));
	o->item(f, say(b, sizeof(b), "Up to %.0f measured spawns per case (at least %.0f), %.0f warm-up spawns discarded, "
				     "batches of %.0f interleaved across cases, target CI %.1f%% on %s, %.0f s limit per "
				     "case, shuffle seed %.0f",
		       d->iterations, d->min_iterations, d->warmup, d->batch, num_or(d->target_ci, 0) * 100,
		       or(d->stop_metric, "?"), num_or(d->max_time_s, 0), d->seed));
	o->item(f, say(b, sizeof(b), "Run from %s to %s (%.1f s)%s", or(d->started, "?"), or(d->finished, "?"),
		       d->duration_s, run->res.interrupted ? ", INTERRUPTED: unfinished cases are marked skipped" : ""));
}

/* Notes of the run, then every case that did not run cleanly: a reader must see these. */
static void notes(FILE *f, const struct sb_page_ops *o, const struct sb_report *r, size_t run)
{
	char b[1024];
	size_t i, shown = 0;
	const struct sb_rrun_desc *d = &r->runs[run].res.desc;
	for (i = 0; i < d->nnotes; i++) {
		if (!shown++)
			o->list_begin(f);
		o->item(f, say(b, sizeof(b), "Note: %s", d->notes[i]));
	}
	for (i = 0; i < r->ncases; i++) {
		const struct sb_rcase *c = &r->cases[i];
		const struct sb_result_case *m = c->m;
		const struct sb_rprobe *probe = m->probe;
		const char *errno_name = m->errno_name ? m->errno_name : "";
		if (c->run != (int)run)
			continue;
		b[0] = 0;
		if (!c->ok)
			say(b, sizeof(b), "%s: %s: %s%s%s", c->label, m->status_name ? m->status_name : "?",
			    m->reason ? m->reason : "no reason given", errno_name[0] ? ", " : "", errno_name);
		else if (m->failed_spawns > 0)
			say(b, sizeof(b), "%s: %.0f spawns failed (kept out of the samples)%s%s", c->label,
			    m->failed_spawns, errno_name[0] ? ": " : "", errno_name);
		else if (probe && (num_or(probe->lost_events, 0) > 0 || probe->reason))
			say(b, sizeof(b), "%s: probe %s, %.0f events lost%s%s", c->label, or(probe->backend, "?"),
			    num_or(probe->lost_events, 0), probe->reason ? ": " : "", or(probe->reason, ""));
		if (!b[0]) {
			/* Counters that could not be counted are degraded data too. */
			for (size_t k = 0; m->counters && k < m->counters->nevents; k++) {
				const struct sb_rcounter *e = &m->counters->events[k];
				if (strcmp(or(e->status, "ok"), "ok")) {
					say(b, sizeof(b), "%s: counter %s %s: %s", c->label, or(e->name, "?"), e->status,
					    or(e->reason, ""));
					break;
				}
			}
		}
		if (!b[0])
			continue;
		if (!shown++)
			o->list_begin(f);
		o->item(f, b);
	}
	if (shown)
		o->list_end(f);
	else
		o->para(f, "No notes: every case ran with all its spawns succeeding.");
}

static void summary_table(FILE *f, const struct sb_page_ops *o, const struct sb_report *r, size_t run)
{
	double max = 0;
	for (size_t i = 0; i < r->ncases; i++)
		if (r->cases[i].run == (int)run && r->cases[i].ok && isfinite(sb_rstat(&r->cases[i], r->metric, SB_SF_MEDIAN)))
			max = fmax(max, sb_rstat(&r->cases[i], r->metric, SB_SF_MEDIAN));
	struct sb_unit u = sb_pick_unit(max);
	char h1[64], h2[64];
	snprintf(h1, sizeof(h1), "median %.*s (%s)", (int)strcspn(r->metric, "_"), r->metric, u.name);
	snprintf(h2, sizeof(h2), "95%% CI (%s)", u.name);
	char h3[32];
	snprintf(h3, sizeof(h3), "p99 (%s)", u.name);
	const char *head[] = { "case", "status", h1, h2, "n", h3 };
	o->table_begin(f, head, "llrrrr", 6);
	for (size_t i = 0; i < r->ncases; i++) {
		const struct sb_rcase *c = &r->cases[i];
		char med[32] = "", ci[64] = "", n[16] = "", p99[32] = "";
		if (c->run != (int)run)
			continue;
		double m = sb_rstat(c, r->metric, SB_SF_MEDIAN);
		if (isfinite(m)) {
			char lo[24], hi[24];
			sb_fmt_sig(m / u.div, med, sizeof(med));
			sb_fmt_sig(sb_rstat(c, r->metric, SB_SF_CI95_LOW) / u.div, lo, sizeof(lo));
			sb_fmt_sig(sb_rstat(c, r->metric, SB_SF_CI95_HIGH) / u.div, hi, sizeof(hi));
			snprintf(ci, sizeof(ci), "%s to %s", lo, hi);
			snprintf(n, sizeof(n), "%.0f", sb_rstat(c, r->metric, SB_SF_N));
			sb_fmt_sig(sb_rstat(c, r->metric, SB_SF_P99) / u.div, p99, sizeof(p99));
		}
		const char *cells[] = { c->label, c->m->status_name ? c->m->status_name : "?", med, ci, n, p99 };
		o->table_row(f, cells, 6);
	}
	o->table_end(f);
}

/* Counter events per case (libpfm4): median and CI of each event that was counted. */
static void counters_table(FILE *f, const struct sb_page_ops *o, const struct sb_report *r, size_t run)
{
	int any = 0;
	for (size_t i = 0; i < r->ncases; i++) {
		const struct sb_rcase *c = &r->cases[i];
		if (c->run != (int)run)
			continue;
		for (size_t k = 0; c->m->counters && k < c->m->counters->nevents; k++) {
			const struct sb_rcounter *e = &c->m->counters->events[k];
			const struct sb_stats st = e->s.st;
			unsigned have = e->s.have;
			char med[32], ci[64];
			if (!have)
				continue;
			if (!any++) {
				const char *head[] = { "case", "event", "scope", "median", "95% CI", "multiplexed" };
				o->table_begin(f, head, "lllrrl", 6);
			}
			snprintf(med, sizeof(med), "%.6g", have & (1u << SB_SF_MEDIAN) ? st.median : NAN);
			snprintf(ci, sizeof(ci), "%.6g to %.6g", have & (1u << SB_SF_CI95_LOW) ? st.ci95_low : NAN,
				 have & (1u << SB_SF_CI95_HIGH) ? st.ci95_high : NAN);
			const char *cells[] = { c->label, or(e->name, "?"), or(e->scope, "?"), med, ci,
						e->multiplexed ? "yes (values as read)" : "no" };
			o->table_row(f, cells, 6);
		}
	}
	if (any)
		o->table_end(f);
}

static void probe_cost(FILE *f, const struct sb_page_ops *o, const struct sb_report *r, size_t run)
{
	for (size_t i = 0; i < r->ncases; i++) {
		const char *key = r->cases[i].run == (int)run && r->cases[i].m->key_given ? r->cases[i].m->key : "";
		if (strstr(key, ";probe=")) {
			o->para(f, "What the probes cost: each probed case against the same case with probes off, "
				   "measured in the same run by the same workers with their batches interleaved "
				   "(--probe off,phases,stages). Change is the ratio of the medians minus one, with its "
				   "bootstrap 95% CI.");
			if (!sb_probe_cost_table(f, o, r, run))
				o->para(f, "No probed case has an \"off\" twin in this run.");
			return;
		}
	}
}

int sb_page_write(struct sb_report *r, FILE *f, const struct sb_page_ops *o)
{
	char b[1024];
	o->heading(f, 1, "spawnbench report");
	o->para(f, say(b, sizeof(b), "%zu results file%s, %zu cases. Latency figures and tables show the %s metric: "
					 "%s. All intervals are the distribution-free 95%% confidence interval of the "
					 "median (order statistics, exact binomial).",
		       r->nruns, r->nruns == 1 ? "" : "s", r->ncases, r->metric, sb_metric_words(r->metric)));
	o->heading(f, 2, "Runs");
	for (size_t run = 0; run < r->nruns; run++) {
		o->heading(f, 3, say(b, sizeof(b), "Run %zu: %s", run + 1, r->runs[run].name));
		o->list_begin(f);
		host_items(f, o, &r->runs[run]);
		config_items(f, o, &r->runs[run]);
		o->list_end(f);
		notes(f, o, r, run);
	}
	o->heading(f, 2, "Figures");
	if (!r->nfigs)
		o->para(f, "No figure could be drawn from these results; see below for why.");
	for (size_t i = 0; i < r->nfigs; i++) {
		/* Numbered by kind (fig3-... is Figure 3), as the issue, the docs and "left out" name them. */
		int number = atoi(r->figs[i].name + 3);
		o->heading(f, 3, say(b, sizeof(b), "Figure %d. %s", number, r->figs[i].title));
		if (o->figure(r, f, &r->figs[i], number))
			return -1;
	}
	if (r->nomit) {
		o->heading(f, 2, "Figures left out");
		o->list_begin(f);
		for (size_t i = 0; i < r->nomit; i++)
			o->item(f, say(b, sizeof(b), "%s: %s.", r->omit[i].what, r->omit[i].why));
		o->list_end(f);
	}
	sb_page_warnings(f, o, r);
	o->heading(f, 2, "Summary");
	for (size_t run = 0; run < r->nruns; run++) {
		if (r->nruns > 1)
			o->heading(f, 3, say(b, sizeof(b), "Run %zu: %s", run + 1, r->runs[run].name));
		summary_table(f, o, r, run);
		counters_table(f, o, r, run);
		probe_cost(f, o, r, run);
	}
	o->para(f, "The same numbers for every metric and statistic are in summary.csv; summary.tex holds them as "
		   "LaTeX booktabs tables; stages.csv (when probes ran) lists every copy_process stage with its "
		   "share, interval and sample count.");
	return 0;
}
