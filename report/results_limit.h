/* SPDX-License-Identifier: MIT */
/*
 * The size bound on a results file: report, compare and export hold a whole file in memory (about five
 * times its size on disk) and compare's statistics grow with it, so a file over the bound is refused before
 * it is parsed, rather than taking minutes and gigabytes. SPAWNBENCH_RESULTS_MAX moves the bound.
 */
#ifndef SB_RESULTS_LIMIT_H
#define SB_RESULTS_LIMIT_H
#include <stddef.h>
#include <stdint.h>

/* 256 MiB: about 5 million samples (some 48 bytes each with their metrics), 1.3 GiB once loaded. */
#define SB_RESULTS_MAX_DEFAULT (256ULL << 20)

/*
 * Check a file of `bytes` bytes at path against the bound (SPAWNBENCH_RESULTS_MAX, a size such as "64M",
 * or the default). Returns 0, or -1 with a message naming the file and the bound (or the bad variable).
 */
int sb_results_size_ok(const char *path, uint64_t bytes, char *err, size_t errlen);

#endif
