// SPDX-License-Identifier: MIT
/* Choosing how sb_cpu_now() reads the CPU: the fastest instruction that this CPU has and that agrees with getcpu(2). */
#include "cpu_now.h"

#if defined(__x86_64__)
#include <cpuid.h>
#endif
#include <sched.h>

int sb_cpu_how = SB_CPU_SYSCALL;

const char *sb_cpu_now_init(void)
{
#if defined(__x86_64__)
	unsigned a, b, c, d;
	int rdpid = __get_cpuid_count(7, 0, &a, &b, &c, &d) && (c & (1u << 22));
	int rdtscp = __get_cpuid(0x80000001, &a, &b, &c, &d) && (d & (1u << 27));
	static const int order[] = { SB_CPU_RDPID, SB_CPU_RDTSCP };
	for (int i = 0; i < 2; i++) {
		if ((order[i] == SB_CPU_RDPID && !rdpid) || (order[i] == SB_CPU_RDTSCP && !rdtscp))
			continue;
		sb_cpu_how = order[i];
		/* A migration between the two reads is possible but rare; three tries rule it out. */
		for (int k = 0; k < 3; k++) {
			unsigned cpu;
			int32_t mine = sb_cpu_now();
			if (!syscall(SYS_getcpu, &cpu, NULL, NULL) && (int32_t)cpu == mine)
				return order[i] == SB_CPU_RDPID ? "rdpid" : "rdtscp";
		}
	}
	sb_cpu_how = SB_CPU_SYSCALL;
#endif
	return "getcpu";
}
