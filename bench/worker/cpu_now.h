/* SPDX-License-Identifier: MIT */
/*
 * Which CPU this task runs on, cheap enough to read on every spawn in the parent and in the child's first
 * instruction. On x86-64 Linux keeps the CPU number in TSC_AUX (cpu | node << 12), which RDPID (or RDTSCP)
 * reads without entering the kernel; elsewhere, and where neither instruction exists, getcpu(2).
 * glibc's sched_getcpu() is not used: it reads the rseq area of the thread pointer, and a CLONE_VM child
 * without its own TLS would read its parent's CPU there.
 */
#ifndef SB_CPU_NOW_H
#define SB_CPU_NOW_H
#include <stdint.h>
#include <sys/syscall.h>
#include <unistd.h>

enum sb_cpu_how { SB_CPU_SYSCALL, SB_CPU_RDPID, SB_CPU_RDTSCP };
extern int sb_cpu_how;

/* Choose the cheapest way this CPU offers and check it agrees with getcpu(2). Returns the way's name. */
const char *sb_cpu_now_init(void);

static inline __attribute__((always_inline, no_sanitize_address)) int32_t sb_cpu_now(void)
{
#if defined(__x86_64__)
	if (sb_cpu_how == SB_CPU_RDPID) {
		uint64_t aux;
		__asm__ volatile("rdpid %0" : "=r"(aux));
		return (int32_t)(aux & 0xfff);
	}
	if (sb_cpu_how == SB_CPU_RDTSCP) {
		uint32_t lo, hi, aux;
		__asm__ volatile("rdtscp" : "=a"(lo), "=d"(hi), "=c"(aux));
		return (int32_t)(aux & 0xfff);
	}
#endif
	unsigned cpu = 0;
	/* Raw syscall: on success glibc's wrapper touches no TLS, which a borrowed-TLS child may lack. */
	if (syscall(SYS_getcpu, &cpu, NULL, NULL))
		return -1;
	return (int32_t)cpu;
}

#endif
