/* SPDX-License-Identifier: MIT */
/*
 * The results model: one results file read once into typed structs that report, compare and export
 * consume. The reader (results_model.c, with the parts of results_model_parts.h) is the only code of
 * report/ that walks a results document for what it holds: the run and host header, and per case every
 * axis (axis_fields.h's table), the status as an enum with its reason, each metric's samples and
 * statistics (indexed by enum sb_metric, and in file order for the writers that list "all"), the spawns
 * per second of its rounds, its warnings, what the spawner held, placement and probe level. Samples are
 * checked on the way in (results_check.h) and the statistics recomputed from them, so no reader ever
 * sees a number the file's own samples contradict.
 *
 * A case's "probe" (phases with their statistics and raw values, copy_process stages with shares and
 * intervals, what was joined and lost) and "counters" (libpfm4 events: values, statistics, and the events
 * that could not be counted, with why) are typed too, read only when the case has them
 * (results_model_probe.c, results_model_counters.c); so is the run description a report page prints
 * (tool, host, clock, privileges, configuration, run times, notes: results_model_run.c). What no reader
 * shows is not typed: probe.kmem, counters.derived, host.mitigations, config.cpu and config.probe.
 *
 * Strings are borrowed from the document (or are static defaults) and live until sb_results_free().
 * No consumer of the model reads the document: every field it shows is here, type-checked.
 */
#ifndef SB_RESULTS_MODEL_H
#define SB_RESULTS_MODEL_H
#include <jansson.h>
#include <stddef.h>

#include "axis_fields.h"
#include "results_parse.h"
#include "results_names.h"
#include "stats.h"

/*
 * One metric of a case: raw samples (in the order measured) and their statistics. The statistics of
 * samples are computed when first asked for (sb_rmetric_stats): compare reads none of them, and computing
 * them for every metric of every case was a tenth of its time on a large file.
 */
struct sb_rmetric {
	const char *name;  /* "total_ns", "spawns_per_s", or a metric this reader has no enum for */
	int id;            /* enum sb_metric, SB_RM_RATE for spawns_per_s, or SB_RM_OTHER */
	double *v;         /* owned; NULL when the file holds only statistics */
	size_t n;
	unsigned have;     /* bit f: the statistics hold field f (enum sb_stat_field) */
	/* Read through sb_rmetric_stats(): recomputed from v, or as the file gave them when it holds no samples. */
	struct sb_stats lazy_st;
	int st_pending;    /* lazy_st is still to be computed from v */
};
#define SB_RM_RATE (-2)
#define SB_RM_OTHER (-1)

/* The value of one axis of a case, as text (for identity and parameters) and as a number where it is one. */
struct sb_raxis {
	const char *s;     /* as text: words as written, numbers as "%.0f", booleans "0"/"1", lists "net+pid" */
	double num;        /* SB_AK_NUMBER and SB_AK_BOOL */
	int given;         /* the file has the field (else the table's absent value) */
};

struct sb_rwarning {
	const char *code, *message;
};

/* A statistics object as the file gives it (not recomputed): probe phases and counter events. */
struct sb_rstats {
	struct sb_stats st;
	unsigned have;     /* bit f: st holds field f (enum sb_stat_field); 0 when the file gives none */
};

/* One phase of the probed spawns (probe.phases.<name>, probe.phase_samples.<name>). */
struct sb_rphase {
	const char *name;  /* "syscall_to_copy_done_ns", ... */
	int in_phases;     /* probe.phases has it (else only phase_samples does) */
	struct sb_rstats s; /* probe.phases.<name> */
	double *v;         /* probe.phase_samples.<name> in join order, owned; NULL when absent or empty */
	size_t n;
};

/* One copy_process stage (probe.stages[i]); numbers are NAN when absent, name NULL. */
struct sb_rstage {
	const char *name;
	double share, share_ci95_low, share_ci95_high; /* fraction of copy_process, Wilson interval (sampled) */
	double samples;    /* kernel-stack samples (sampled) or calls (exact) */
	double est_ns;     /* share x the copy_process median */
};

/* A case's "probe"; strings NULL and numbers NAN when absent. */
struct sb_rprobe {
	const char *backend, *level, *reason;
	double spawns_joined, spawns_unjoined, lost_events, stage_samples_total;
	struct sb_rphase *phases;    /* probe.phases in file order, then names only phase_samples has */
	size_t nphases;
	int has_stages;              /* the file has probe.stages (level stages), possibly empty */
	struct sb_rstage *stages;    /* in file order (by share, as the probes write them) */
	size_t nstages;
};

/* One counter event (counters.events[i]); strings NULL when absent. */
struct sb_rcounter {
	const char *name, *scope, *status, *reason, *encoding;
	double errno_value;          /* "errno" of an event that could not be counted; NAN when absent */
	int multiplexed, user_space_only;
	double *v;                   /* per-spawn values, owned; NULL when absent or empty */
	size_t n;
	struct sb_rstats s;          /* "stats" as the file gives them */
	size_t stats_fields;         /* members of "stats" (known to this reader or not); 0 when absent */
};

/* A case's "counters". */
struct sb_rcounters {
	struct sb_rcounter *events;
	size_t nevents;
};

struct sb_result_case {
	size_t index;                /* position in the file's "cases" */
	const char *key, *label;     /* label falls back to the key, the key to the label */
	int key_given;               /* the file gives a non-empty "key" (compare matches cases by it) */
	int label_given;             /* the file gives a "label" */
	enum sb_status status;
	const char *status_name;     /* as the file spells it; NULL when absent */
	const char *reason;          /* NULL when none */
	const char *errno_name;      /* "EPERM", ...; NULL when none */
	double failed_spawns;        /* spawns that failed and were kept out of the samples */
	/* Every axis of axis_fields.h, by enum sb_axis_field_id; lists joined with '+'. */
	struct sb_raxis ax[SB_N_AXIS_FIELDS];
	char text[SB_N_AXIS_FIELDS][32]; /* storage for numbers and booleans rendered as text */
	char *lists;                 /* storage for the joined lists (owned) */
	const char *flags_no_ns;     /* the clone flags without the namespace ones (newpid, ...): an axis apart */
	/* Metrics in the order of the file's "stats" then "samples"; by_id[m] indexes them, -1 when absent. */
	struct sb_rmetric *metrics;
	size_t nmetrics;
	int by_id[SB_N_METRICS];
	int rate;                    /* index of spawns_per_s in metrics, or -1 */
	struct sb_rwarning *warnings;
	size_t nwarnings;
	double rss_bytes, mappings;  /* what the spawner held ("spawner"); NAN when absent */
	double same_cpu_share;       /* placement.same_cpu_share, or -1 when absent */
	struct sb_rprobe *probe;     /* owned; NULL when the case has no "probe" */
	struct sb_rcounters *counters; /* owned; NULL when the case has no "counters" */
};

/* The host fields readers show or compare (host.<name> in the file). */
enum sb_host_field { SB_H_HOSTNAME, SB_H_KERNEL, SB_H_CPU_MODEL, SB_H_GLIBC, SB_N_HOST_FIELDS };
extern const char *const sb_host_field_names[SB_N_HOST_FIELDS];

/*
 * What a report page says of a run: the header of the file beyond what compare uses. Strings are NULL,
 * numbers NAN and flags 0 when absent.
 */
struct sb_rrun_desc {
	const char *tool_name, *tool_version, *created;
	const char *hostname, *kernel, *arch, *cpu_model, *thp_enabled, *thp_defrag, *glibc, *libbpf, *libpfm;
	double cores, mem_total_bytes;
	int virtualized;
	const char *clock_id, *clock_source;        /* host.clock */
	double clock_resolution_ns, clock_overhead_ns;
	double euid;                                /* host.privileges */
	int cap_sys_admin, user_namespaces, cgroup2;
	const char **argv;                          /* config.argv (owned array of borrowed strings) */
	size_t argc;
	const char *plan, *stop_metric;             /* config */
	double iterations, min_iterations, warmup, batch, target_ci, max_time_s, seed;
	const char *started, *finished;             /* run */
	double duration_s;
	const char **notes;                         /* the file's "notes" (owned array of borrowed strings) */
	size_t nnotes;
};

struct sb_results {
	struct sb_parsed src;        /* owned: the document and what of the samples the reader did not take */
	json_t *doc;                 /* src.doc */
	const char *path;            /* borrowed from the caller */
	/* The header. */
	const char *created, *tool_version, *git_commit;
	const char *host[SB_N_HOST_FIELDS]; /* NULL when absent */
	int interrupted;             /* run.interrupted */
	double stamp_ns;             /* run.stamp_ns.median when recorded, else NAN */
	const char *converted_from;  /* set when the document was made from a trace profile (compare_trace.c) */
	struct sb_rrun_desc desc;    /* what a report page prints of the run */
	struct sb_result_case *cases;
	size_t ncases;
};

/*
 * Read one results file into r: sb_results_parse_file()'s checks (a readable, well-formed file of this schema),
 * then the run description and every case into the model; a field of the wrong type (a number where a
 * word belongs, samples that are not durations, a warning that is not an object, a stage share or a
 * counter value that is not a number) is refused with a message naming the file, the case and the
 * field. 0, or -1 with the message in err; r is freed either way on failure.
 */
int sb_results_read(struct sb_results *r, const char *path, char *err, size_t errlen);
/* The same from a document already loaded and checked (takes ownership of doc, even on failure). */
int sb_results_from_doc(struct sb_results *r, json_t *doc, const char *path, char *err, size_t errlen);
/* The same from a parsed file (results_read.h; takes ownership of f, even on failure). */
int sb_results_from_parsed(struct sb_results *r, struct sb_parsed *f, const char *path, char *err, size_t errlen);
void sb_results_free(struct sb_results *r);

/*
 * A statistics object of the file (a metric's, a probe phase's or a counter event's) into s:
 * the fields it holds, as bits by enum sb_stat_field (numbers only; the reader checked a metric's).
 */
unsigned sb_stats_read(const json_t *st, struct sb_stats *s);
/*
 * The statistics of a metric (the fields m->have says), computed from its samples on first use; NULL when
 * memory ran out computing them. Not safe to call for one model from two threads at once.
 */
const struct sb_stats *sb_rmetric_stats(const struct sb_rmetric *m);
/* The metric of a case by enum, or by name ("total_ns", "spawns_per_s", ...); NULL when not measured. */
const struct sb_rmetric *sb_rcase_metric(const struct sb_result_case *c, int id);
const struct sb_rmetric *sb_rcase_metric_named(const struct sb_result_case *c, const char *name);
/* A statistic of a metric of the case, or NAN when absent. */
double sb_rcase_stat(const struct sb_result_case *c, const char *metric, enum sb_stat_field f);
/* Status ok with samples of some metric. */
int sb_rcase_usable(const struct sb_result_case *c);

#endif
