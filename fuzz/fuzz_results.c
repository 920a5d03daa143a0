// SPDX-License-Identifier: MIT
/* Fuzz the results-file loader report, compare and export share, and the accessors they use on its output. */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "results_read.h"

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
	json_t *doc = sb_results_load(path, err, sizeof(err));
	unlink(path);
	if (!doc) {
		if (!err[0])
			abort();   /* a refusal must say why */
		return 0;
	}
	(void)sb_results_usable_cases(doc);
	size_t i;
	json_t *c;
	json_array_foreach(json_object_get(doc, "cases"), i, c) {
		(void)sb_json_str(c, "label", "");
		(void)sb_json_num(c, "mem_bytes", 0);
		(void)sb_case_stat(c, "total_ns", "median");
	}
	json_decref(doc);
	return 0;
}
