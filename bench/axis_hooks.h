/* SPDX-License-Identifier: MIT */
/*
 * The hooks of the rows of bench/lib/axis_list.h that the generic code of axes.c cannot serve: axes whose
 * value is more than one number or word (flag sets, exec, namespaces), that depend on the method or on an
 * earlier digit, or whose key and label are older than the generic rules. See struct sb_axis_hooks
 * (axes.h) for what each kind of hook does; the words of the word-valued options are here too.
 */
#ifndef SB_AXIS_HOOKS_H
#define SB_AXIS_HOOKS_H
#include "axes.h"

/* NULL-terminated lists of words: a value is its index. */
extern const char *const sb_words_off_on[];
extern const char *const sb_words_anon_shared[];
extern const char *const sb_words_ns_path[SB_N_NSPATHS + 1];

void ax_method_key(const struct sb_case *c, char *buf, size_t len);
void ax_method_label(const struct sb_case *c, char *buf, size_t len);
json_t *ax_method_json(const struct sb_run_config *cfg, const struct sb_case *c);

int ax_flags_count(const struct sb_axis_ctx *x);
int ax_flags_apply(const struct sb_axis_ctx *x, int i, struct sb_case *c);
void ax_preset_key(const struct sb_case *c, char *buf, size_t len);
void ax_flags_label(const struct sb_case *c, char *buf, size_t len);
json_t *ax_preset_json(const struct sb_run_config *cfg, const struct sb_case *c);
void ax_flags_key(const struct sb_case *c, char *buf, size_t len);
json_t *ax_flags_json(const struct sb_run_config *cfg, const struct sb_case *c);
void ax_exit_key(const struct sb_case *c, char *buf, size_t len);
json_t *ax_exit_json(const struct sb_run_config *cfg, const struct sb_case *c);

int ax_exec_apply(const struct sb_axis_ctx *x, int i, struct sb_case *c);
void ax_exec_key(const struct sb_case *c, char *buf, size_t len);
void ax_exec_label(const struct sb_case *c, char *buf, size_t len);
json_t *ax_exec_json(const struct sb_run_config *cfg, const struct sb_case *c);

void ax_mem_label(const struct sb_case *c, char *buf, size_t len);
int ax_vmas_apply(const struct sb_axis_ctx *x, int i, struct sb_case *c);

int ax_stack_count(const struct sb_axis_ctx *x);
int ax_stack_apply(const struct sb_axis_ctx *x, int i, struct sb_case *c);
void ax_stack_label(const struct sb_case *c, char *buf, size_t len);

void ax_ns_key(const struct sb_case *c, char *buf, size_t len);
void ax_ns_label(const struct sb_case *c, char *buf, size_t len);
json_t *ax_ns_json(const struct sb_run_config *cfg, const struct sb_case *c);
int ax_ns_path_apply(const struct sb_axis_ctx *x, int i, struct sb_case *c);

int ax_child_writes_apply(const struct sb_axis_ctx *x, int i, struct sb_case *c);

int ax_count_apply(const struct sb_axis_ctx *x, int i, struct sb_case *c);
void ax_count_key(const struct sb_case *c, char *buf, size_t len);
void ax_count_label(const struct sb_case *c, char *buf, size_t len);
json_t *ax_count_json(const struct sb_run_config *cfg, const struct sb_case *c);

int ax_probe_count(const struct sb_axis_ctx *x);
int ax_probe_apply(const struct sb_axis_ctx *x, int i, struct sb_case *c);
void ax_probe_key(const struct sb_case *c, char *buf, size_t len);
void ax_probe_label(const struct sb_case *c, char *buf, size_t len);
json_t *ax_probe_json(const struct sb_run_config *cfg, const struct sb_case *c);

#endif
