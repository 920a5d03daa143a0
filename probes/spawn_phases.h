/* SPDX-License-Identifier: MIT */
/*
 * Shared by spawn_phases.bpf.c and its loader: the record of one spawn, emitted once the spawn is over
 * (reaped, or the thread exited), and the limits of the maps that follow spawns in flight.
 * Times are bpf_ktime_get_ns(), i.e. CLOCK_MONOTONIC: the driver's t_call is on the same clock.
 */
#ifndef SB_SPAWN_PHASES_H
#define SB_SPAWN_PHASES_H

#ifndef __VMLINUX_H__
#include <linux/types.h>
#endif

/*
 * The most spawner processes a case may have (run --concurrency refuses more): each is a tgid in the
 * tracked map, and the controller hands the session their pids in an array of this size.
 */
#define SB_MAX_SPAWNERS 1024
#define SB_MAX_TRACKED SB_MAX_SPAWNERS   /* tgids whose spawns are followed */
/*
 * The in-flight and spawn tables are arrays indexed by tid/pid modulo their size (a power of two), not
 * hash maps: an array lookup is a few inlined instructions, a hash lookup a function call, a hash and a
 * bucket walk, and these lookups run in hooks that fire for every task of the machine. Two live entries
 * whose ids collide modulo the size evict one another; the evicted one is counted in lost_events.
 */
#define SB_MAX_INFLIGHT 16384 /* threads inside a spawning syscall (power of two) */
#define SB_MAX_SPAWNS 16384   /* children created but not yet reaped (power of two) */
#define SB_RINGBUF_BYTES (4u << 20)
#define SB_COMM_LEN 16
/*
 * Times the parent came back to user space after its spawning call returned (the end of each of its page
 * faults, the return of the calls libc makes after the spawn), kept per spawn: user space takes the last
 * one before the driver's clock read. A power of two (the index is masked); later ones are counted only.
 */
#define SB_N_BACK 4

/* Syscalls, by the index user space fills into the `nr` rodata array (numbers differ per arch). */
enum sb_sys {
	SB_SYS_CLONE,
	SB_SYS_CLONE3,
	SB_SYS_FORK,
	SB_SYS_VFORK,
	SB_SYS_WAIT4,
	SB_SYS_WAITID,
	SB_N_SYS
};

/* A thread inside clone/clone3/fork/vfork (or a wait), in the slot of its tid. */
struct sb_inflight {
	__u64 t_enter;
	__u64 user_ptr;     /* waitid: the siginfo the reaped pid is read from */
	__u32 sys;          /* enum sb_sys */
	__u32 in_copy;      /* 1 between syscall entry and task_newtask: copy_process runs */
	__u32 child;        /* pid of the new task, once task_newtask saw it */
	__u32 pages;        /* pages allocated while in_copy */
	__u32 slabs;        /* slab objects allocated while in_copy */
	__u32 tid;          /* owner of the slot; 0 = free */
};

/* What one spawn looked like; 0 = the event was not seen. */
struct sb_spawn_event {
	__u64 t_enter;      /* spawning syscall entered */
	__u64 t_newtask;    /* task_newtask: copy_process is done */
	__u64 t_fork;       /* sched_process_fork */
	__u64 t_wakeup;     /* sched_wakeup_new: the child is runnable */
	__u64 t_return;     /* the spawning syscall returned in the parent */
	__u64 t_first_run;  /* the child first switched in */
	__u64 t_exec;       /* sched_process_exec in the child */
	__u64 t_exit;       /* sched_process_exit of the child */
	__u64 t_reap;       /* wait4/waitid returned it to its parent */
	__u64 clone_flags;
	__u32 parent_tid, parent_tgid;
	__u32 child_pid, child_tgid;
	__u32 sys;          /* enum sb_sys */
	__u32 pages, slabs;
	__s32 ret;          /* the syscall's return value in the parent */
	__u32 n_back;       /* times the parent came back to user space after t_return (only SB_N_BACK kept) */
	__u64 t_back[SB_N_BACK]; /* ... in order: a page fault or a followed syscall of libc's ended */
};

/* A followed thread between its spawning call's return and its next followed call (the `after` map). */
struct sb_after {
	__u32 tid;          /* owner of the slot; 0 = free */
	__u32 child;        /* the spawn whose record gets the times */
};

#endif
