/* SPDX-License-Identifier: MIT */
/*
 * What the controller (spawnbench) and a worker (spawnbench-worker) say to each other over their socket.
 * Plain fixed-size structs: the worker is a separate, lean executable that links nothing but libc, so
 * that what it holds when it spawns is only the case's own shaping (see docs/methodology.md).
 */
#ifndef SB_WIRE_H
#define SB_WIRE_H
#include <linux/perf_event.h>
#include <stdint.h>

enum sb_method {
	SB_M_FORK,
	SB_M_VFORK,
	SB_M_CLONE,
	SB_M_CLONE3,
	SB_M_POSIX_SPAWN,
	SB_M_POSIX_SPAWN_FA,
	SB_M_PTHREAD,
	SB_N_METHODS
};

enum sb_exec_kind { SB_EXEC_NONE, SB_EXEC_CHILD, SB_EXEC_PATH };
enum sb_mem_kind { SB_MEM_ANON, SB_MEM_SHARED };
enum sb_ns_path { SB_NSPATH_CLONE, SB_NSPATH_UNSHARE, SB_NSPATH_SETNS, SB_N_NSPATHS };

/* Per-spawn metrics. Adding one: a value here, its names in results_names.c, and who fills it. */
enum sb_metric {
	SB_MET_CREATE,  /* call -> return in the parent */
	SB_MET_START,   /* call -> child's first instruction */
	SB_MET_TOTAL,   /* call -> child exited and reaped */
	SB_MET_EXEC,    /* call -> main() of the exec'd child program */
	SB_MET_NSENTER, /* unshare(2) / setns(2) done by the spawner before the call (ns_path) */
	SB_N_METRICS
};

#define SB_MAX_EVENTS 8
#define SB_PATH_MAX 256

/* One case, as the worker needs it. */
struct sb_case_wire {
	uint32_t method;         /* enum sb_method */
	uint32_t exec_kind;      /* enum sb_exec_kind */
	char exec_path[SB_PATH_MAX]; /* program to exec (the child program's path for SB_EXEC_CHILD) */
	uint64_t clone_flags;    /* clone/clone3 flags, namespace flags included, exit signal excluded */
	int32_t exit_signal;     /* clone/clone3 */
	int32_t holder_pid;      /* ns_path setns: the process holding the target namespaces */
	uint64_t ns_flags;       /* CLONE_NEW* set entered through ns_path when it is not SB_NSPATH_CLONE */
	/*
	 * Generated: mem_bytes, mem_kind (enum sb_mem_kind), vmas, thp (1 = MADV_HUGEPAGE, 0 =
	 * MADV_NOHUGEPAGE), stack_bytes, stack_touch, ns_path (enum sb_ns_path), child_writes (the child
	 * writes one byte per page of the parent memory before exiting), and any axis added to the list:
	 * the rows of axis_list.h whose STORE is WIRE(type, name).
	 */
#define SB_AXIS(ID, KEY, FIELD, LABEL, KIND, ABSENT, STORE, ...) STORE
#define WIRE(type, name) type name;
#define CASE(type, name)
#define NOSTORE
#include "axis_list.h"
	int32_t cpu;             /* pin the worker to this CPU, -1 = no pinning */
	uint32_t warmup;
	char cgroup_path[SB_PATH_MAX]; /* CLONE_INTO_CGROUP target, made by the controller */
	uint32_t stamp_mode;     /* enum sb_stamp_mode: what the child writes on its first instruction */
	int32_t child_cpu;       /* --placement cross: the CPU the child is put on (pthread), -1 = inherited */
	uint32_t n_events;       /* perf events opened around each spawn (counters) */
	uint32_t pad;
	struct perf_event_attr events[SB_MAX_EVENTS];
};

/* Worker -> controller once its shaping is done (or failed). */
struct sb_ready {
	int32_t err;             /* 0 or an errno value */
	char msg[240];           /* what failed, when err != 0; counter notes otherwise */
	uint64_t vm_rss_bytes, vm_pte_bytes, anon_huge_bytes;
	uint32_t mappings;
	int32_t event_err[SB_MAX_EVENTS]; /* 0 or errno of perf_event_open for each event (per scope 0) */
	int32_t child_event_err[SB_MAX_EVENTS];
	int32_t sched_policy;    /* sched_getscheduler(0) of the worker, which its children inherit; -1 unknown */
};

/*
 * What the child stamps: nothing (--no-start), its start time, or its start time and CPU (the default).
 * SB_CMD_BATCH_AS runs one batch in the mode given in the high half of its op, for measuring the stamp's cost.
 */
enum sb_stamp_mode { SB_STAMP_NONE, SB_STAMP_TIME, SB_STAMP_TIME_CPU };
enum sb_cmd_op { SB_CMD_BATCH = 1, SB_CMD_QUIT = 2, SB_CMD_BATCH_AS = 3 };
struct sb_cmd {
	uint32_t op;
	uint32_t count;
};

struct sb_counter_value {
	uint64_t value, enabled, running;
};

struct sb_sample {
	uint64_t t_call;                 /* CLOCK_MONOTONIC just before the call */
	uint64_t m[SB_N_METRICS];        /* metric values, ns */
	uint32_t valid;                  /* bit i set: m[i] was measured */
	int32_t err;                     /* 0, or errno of a failed spawn (no metric is valid then) */
	int32_t child_pid;               /* pid/tid of the child, for joining with probe data */
	int32_t parent_cpu, child_cpu;   /* CPU of the call and of the child's first instruction, -1 unknown */
	uint32_t n_events;
	struct sb_counter_value parent[SB_MAX_EVENTS]; /* the spawner's side of the call */
	struct sb_counter_value child[SB_MAX_EVENTS];  /* inherited into the child, read after the reap */
};

/* Worker -> controller after each batch, followed by count samples. */
struct sb_batch_hdr {
	uint32_t count;
	uint32_t pad;
	uint64_t t_begin, t_end;         /* first call and last reap of the batch */
};

/*
 * The sizes of everything that crosses the socket, as text: the controller passes it to the worker as its
 * third argument and the worker refuses a different one. The structs are read whole, so a worker from
 * another build (another axis list, another limit) would otherwise read garbage without a word.
 */
#define SB_WIRE_LAYOUT_FMT "%zu.%zu.%zu.%zu.%zu"
#define SB_WIRE_LAYOUT_ARGS sizeof(struct sb_case_wire), sizeof(struct sb_ready), sizeof(struct sb_cmd), \
	sizeof(struct sb_sample), sizeof(struct sb_batch_hdr)

/* The page a child stamps. The exec'd child program maps it from an inherited memfd. */
struct sb_stamp {
	volatile uint64_t start_ns;
	volatile uint64_t exec_ns;
	volatile int32_t start_cpu;      /* the CPU of the child's first instruction (SB_STAMP_TIME_CPU) */
};

#endif
