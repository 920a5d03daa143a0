// SPDX-License-Identifier: MIT
/*
 * spawnbench-child: the program exec cases run. It stamps the moment its main() starts into the page the
 * spawner shares through an inherited memfd (its number is argv[1]) and exits. Linked statically so the
 * figure is the kernel's exec plus the C runtime's start, without the dynamic loader's work.
 */
#include <stdint.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#include "wire.h"

int main(int argc, char **argv)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	if (argc < 2)
		return 0;
	int fd = atoi(argv[1]);
	struct sb_stamp *s = mmap(NULL, sizeof(*s), PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	if (s == MAP_FAILED)
		return 2;
	s->exec_ns = (uint64_t)ts.tv_sec * 1000000000ull + (uint64_t)ts.tv_nsec;
	/* posix_spawn's child runs none of the spawner's code: its CPU is the one main() runs on. */
	unsigned cpu;
	if (s->start_cpu < 0 && !syscall(SYS_getcpu, &cpu, NULL, NULL))
		s->start_cpu = (int32_t)cpu;
	return 0;
}
