/* SPDX-License-Identifier: MIT */
/* The host a run happened on, as the results file's "host" object. */
#ifndef SB_HOST_H
#define SB_HOST_H
#include <jansson.h>
#include <stdint.h>

#include "privileges.h"

json_t *sb_host_json(const struct sb_privileges *priv);
/* First line of a /sys or /proc file without its newline, "" when unreadable. */
void sb_read_line(const char *path, char *buf, size_t len);
/* The bracketed choice in a THP sysfs file ("[madvise]" -> "madvise"). */
void sb_thp_mode(const char *path, char *buf, size_t len);
/* A /proc/meminfo field ("MemAvailable:") in bytes, 0 when absent. */
uint64_t sb_meminfo_bytes(const char *key);
/* 1 when this is a virtual machine; *name gets the hypervisor vendor if known. */
int sb_virtualized(char *name, size_t len);

#endif
