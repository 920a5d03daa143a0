// SPDX-License-Identifier: MIT
/* Fuzz the results model's reader report, compare and export share, and the accessors they use on its output. */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "results_model.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char path[] = "/tmp/sbfuzz-results-XXXXXX", err[512];
	int fd = mkstemp(path);
	if (fd < 0)
		return 0;
	if (write(fd, data, size) != (ssize_t)size) {
		close(fd);
		unlink(path);
		return 0;
	}
	close(fd);
	struct sb_results r;
	err[0] = 0;
	int rc = sb_results_read(&r, path, err, sizeof(err));
	unlink(path);
	if (rc) {
		if (!err[0])
			abort();   /* a refusal must say why */
		return 0;
	}
	for (size_t i = 0; i < r.ncases; i++) {
		(void)sb_rcase_usable(&r.cases[i]);
		(void)sb_rcase_stat(&r.cases[i], "total_ns", SB_SF_MEDIAN);
		if (!r.cases[i].label || !r.cases[i].ax[SB_AF_MEM].s)
			abort();   /* the model always gives a label and every axis */
	}
	sb_results_free(&r);
	return 0;
}
