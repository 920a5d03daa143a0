/* SPDX-License-Identifier: MIT */
/*
 * spawnbench report: the in-memory view every figure, table and page is drawn from. Each file is read
 * into the results model (results_model.h); a case here points at its model case and caches the axes
 * figures group by.
 */
#ifndef SB_REPORT_H
#define SB_REPORT_H
#include <jansson.h>
#include <stddef.h>
#include <stdio.h>

#include "csv.h"
#include "results_model.h"

#define SB_REPORT_MAX_FILES 64
#define SB_REPORT_MAX_FIGS 64
#define SB_REPORT_MAX_OMIT 32

struct sb_rrun {
	struct sb_results res;
	unsigned char *dropped; /* per model case: left out by --case/--where (NULL: none) */
	const char *path;
	char name[96];   /* file name without directory and .json: tells runs apart in legends */
	char when[32];   /* "created" of the file: orders runs for the trend figure */
	char commit[48]; /* tool.git_commit */
};

struct sb_rcase {
	const struct sb_result_case *m;
	int run;
	const char *label, *method, *preset, *exec, *mem_kind, *thp, *ns_path;
	double mem_bytes, rss_bytes, stack_bytes;
	int vmas, stack_touch, concurrency, ok;
	/* Axes no figure sweeps, each its own line when a run varies them (a missing field reads as off). */
	const char *probe_level;
	int counting, child_writes;
	char ns[96];     /* "net+pid", or "" for none */
	char flags[160]; /* clone flags without the namespace ones */
};

/* Axes an identity leaves out, so cases that differ only there fall into one group: bits of axis_fields.h. */
enum sb_axis {
	SB_AX_MEM = 1u << SB_AF_MEM,
	SB_AX_STACK = 1u << SB_AF_STACK,
	SB_AX_NS = 1u << SB_AF_NS,
	SB_AX_CONC = 1u << SB_AF_CONCURRENCY,
	SB_AX_VMAS = 1u << SB_AF_VMAS,
};

struct sb_fig {
	char name[48];      /* file stem in the output directory, e.g. fig1-memory */
	char title[160];
	char caption[1024]; /* what was measured, in words */
	int run;            /* run the data came from, -1 when several */
};

struct sb_omit {
	char what[64];
	char why[256];
};

struct sb_report {
	struct sb_rrun runs[SB_REPORT_MAX_FILES];
	size_t nruns;
	struct sb_rcase *cases;
	size_t ncases;
	const char *metric;  /* the latency metric drawn, e.g. total_ns */
	int paper;           /* --style paper */
	double methods_mem;  /* --methods-mem: parent size of figure 2, < 0 = the smallest measured */
	int quiet;
	const char *gnuplot; /* program to run */
	const char *dir;     /* the temporary output directory everything is written into */
	struct sb_fig figs[SB_REPORT_MAX_FIGS];
	size_t nfigs;
	struct sb_omit omit[SB_REPORT_MAX_OMIT];
	size_t nomit;
	char err[1024];      /* the first failure, for the caller to print */
};

/* report_model.c */
/*
 * Read one results file into the next run of r (the model's reader: results_model.h). 0, or -1 with a
 * message in err: unreadable or malformed, or without a usable case (none ok with samples).
 */
int sb_report_add_run(struct sb_report *r, const char *path, char *err, size_t errlen);
int sb_report_build(struct sb_report *r, char *err, size_t errlen);
void sb_report_free(struct sb_report *r);
void sb_case_ident(const struct sb_rcase *c, unsigned skip, char *buf, size_t len);
/* The case label with the tokens of the skipped axes removed: the name of a line in a sweep. */
void sb_case_group_label(const struct sb_rcase *c, unsigned skip, char *buf, size_t len);
/* Raw samples of a metric as doubles (malloc'd, caller frees), sorted when asked; NULL when absent. */
double *sb_case_samples(const struct sb_rcase *c, const char *metric, size_t *n, int sorted);
/* A statistic of a metric of the case (the model's, recomputed from the samples), or NAN when absent. */
double sb_rstat(const struct sb_rcase *c, const char *metric, enum sb_stat_field f);
const char *sb_metric_words(const char *metric);
/* Figures that draw one run at a time add this to their name/title when several runs are given. */
void sb_fig_name(const struct sb_report *r, struct sb_fig *f, const char *stem, int run);

/* report_fmt.c */
struct sb_unit {
	const char *name; /* "ns", "µs", "ms", "s" */
	double div;
};
struct sb_unit sb_pick_unit(double max_ns);
void sb_fmt_bytes(double b, char *buf, size_t len);
/* A value with three significant digits and no exponent: 0.912, 12.3, 456, 1234. */
void sb_fmt_sig(double v, char *buf, size_t len);
/* Escapes for the formats written: gnuplot strings (enhanced text), Markdown cells, HTML, LaTeX, CSV. */
void sb_gp_str(FILE *f, const char *s);
void sb_md_str(FILE *f, const char *s);
void sb_html_str(FILE *f, const char *s);
void sb_tex_str(FILE *f, const char *s);
FILE *sb_report_open(struct sb_report *r, const char *name);
int sb_report_close(struct sb_report *r, FILE *f, const char *name);
void sb_report_omit(struct sb_report *r, const char *what, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
struct sb_fig *sb_report_add_fig(struct sb_report *r);

/* Figures (fig_*.c): each returns 0 when drawn or left out (with a reason), -1 on failure. */
int sb_fig_memory(struct sb_report *r);
int sb_fig_methods(struct sb_report *r);
int sb_fig_namespaces(struct sb_report *r);
int sb_fig_stages(struct sb_report *r);
int sb_fig_ecdf(struct sb_report *r);
int sb_fig_stack(struct sb_report *r);
int sb_fig_concurrency(struct sb_report *r);
int sb_fig_runs(struct sb_report *r);
int sb_fig_trend(struct sb_report *r);
int sb_fig_vmas(struct sb_report *r);
int sb_fig_stage_delta(struct sb_report *r);

/* Tables and pages. */
int sb_table_csv(struct sb_report *r);
int sb_table_latex(struct sb_report *r);
int sb_report_markdown(struct sb_report *r);
int sb_report_html(struct sb_report *r);

#endif
