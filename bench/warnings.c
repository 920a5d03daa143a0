// SPDX-License-Identifier: MIT
/* A case's warnings list: adding, the results' array, and the table's markers and footnotes. */
#include "warnings.h"

#include <stdarg.h>
#include <string.h>

void sb_case_warn(struct sb_case *c, const char *code, const char *fmt, ...)
{
	int i;
	for (i = 0; i < c->n_warnings && strcmp(c->warnings[i].code, code); i++)
		;
	if (i == (int)(sizeof(c->warnings) / sizeof(c->warnings[0])))
		return;
	if (i == c->n_warnings)
		c->n_warnings++;
	snprintf(c->warnings[i].code, sizeof(c->warnings[i].code), "%s", code);
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(c->warnings[i].message, sizeof(c->warnings[i].message), fmt, ap);
	va_end(ap);
}

int sb_case_has_warning(const struct sb_case *c, const char *code)
{
	for (int i = 0; i < c->n_warnings; i++)
		if (!strcmp(c->warnings[i].code, code))
			return 1;
	return 0;
}

json_t *sb_warnings_json(const struct sb_case *c)
{
	json_t *a = json_array();
	for (int i = 0; a && i < c->n_warnings; i++)
		json_array_append_new(a, json_pack("{s:s, s:s}", "code", c->warnings[i].code,
						   "message", c->warnings[i].message));
	return a;
}

/* Footnote numbers run over the warned cases in table order. */
static int footnote_of(const struct sb_run_config *cfg, size_t i)
{
	int n = 0;
	for (size_t k = 0; k <= i; k++)
		n += cfg->cases[k].n_warnings > 0;
	return n;
}

const char *sb_warnings_marker(const struct sb_run_config *cfg, size_t i, char *buf, size_t len)
{
	if (!cfg->cases[i].n_warnings)
		return "";
	snprintf(buf, len, " [!%d]", footnote_of(cfg, i));
	return buf;
}

void sb_warnings_table_footer(FILE *f, const struct sb_run_config *cfg)
{
	for (size_t i = 0; i < cfg->n_cases; i++) {
		const struct sb_case *c = &cfg->cases[i];
		for (int k = 0; k < c->n_warnings; k++)
			fprintf(f, "[!%d] %s: %s: %s\n", footnote_of(cfg, i), c->label, c->warnings[k].code,
				c->warnings[k].message);
	}
}
