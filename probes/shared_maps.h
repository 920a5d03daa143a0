/* SPDX-License-Identifier: MIT */
/*
 * The fds of the maps spawn_phases.bpf.c owns and the stage objects reuse (spawn_maps.bpf.h), so that
 * every program agrees on who is spawning and who is inside copy_process.
 */
#ifndef SB_SHARED_MAPS_H
#define SB_SHARED_MAPS_H

struct sb_shared_maps {
	int tracked;  /* followed tgids */
	int inflight; /* threads inside a spawning syscall */
	int copying;  /* how many of them are inside copy_process */
};

#endif
