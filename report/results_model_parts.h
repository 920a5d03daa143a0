/* SPDX-License-Identifier: MIT */
/*
 * The readers of the model's typed parts, which results_model.c calls: a case's "probe"
 * (results_model_probe.c) and "counters" (results_model_counters.c), and the run description of the
 * header (results_model_run.c). Each checks every field it types and refuses one of the wrong type with
 * "WHERE: probe.stages[2].share is not a number" (WHERE names the file and the case, or the file alone
 * for the header). 0, or -1 with the message in err; what was read is freed on failure.
 */
#ifndef SB_RESULTS_MODEL_PARTS_H
#define SB_RESULTS_MODEL_PARTS_H
#include <jansson.h>
#include <stddef.h>

#include "results_model.h"

/* j is the case's "probe" member (not NULL); *out is a new struct, or NULL on failure. */
int sb_rprobe_read(const json_t *j, struct sb_rprobe **out, const char *where, char *err, size_t errlen);
void sb_rprobe_free(struct sb_rprobe *p);
/* j is the case's "counters" member (not NULL); *out is a new struct, or NULL on failure. */
int sb_rcounters_read(const json_t *j, struct sb_rcounters **out, const char *where, char *err, size_t errlen);
void sb_rcounters_free(struct sb_rcounters *c);
/* The run description of a whole document. */
int sb_rrun_desc_read(const json_t *doc, struct sb_rrun_desc *d, const char *path, char *err, size_t errlen);
void sb_rrun_desc_free(struct sb_rrun_desc *d);

#endif
