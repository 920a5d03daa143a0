/* SPDX-License-Identifier: MIT */
/* CSV fields, for every CSV spawnbench writes (run --csv, report's tables, export --format csv). */
#ifndef SB_CSV_H
#define SB_CSV_H
#include <stdio.h>

/* RFC 4180: the field as is, or quoted with inner quotes doubled when it holds a comma, quote or line break. */
void sb_csv_str(FILE *f, const char *s);

#endif
