// SPDX-License-Identifier: MIT
/* Markdown summary of a comparison: one table a reviewer can read in a pull-request comment. */
#include "compare_output.h"
#include "compare_explain.h"

#include <math.h>
#include <string.h>

#include "case_warnings.h"

/* Table cells must not break the row: '|' is escaped, line breaks become spaces. */
static void md_cell(FILE *f, const char *s)
{
	for (; *s; s++) {
		if (*s == '|')
			fputs("\\|", f);
		else if (*s == '\n' || *s == '\r')
			fputc(' ', f);
		else
			fputc(*s, f);
	}
}

/* Nanoseconds in the unit a person reads them in. */
static void fmt_ns(char *buf, size_t len, double ns)
{
	if (isnan(ns))
		snprintf(buf, len, "–");
	else if (ns < 1e3)
		snprintf(buf, len, "%.0f ns", ns);
	else if (ns < 1e6)
		snprintf(buf, len, "%.1f µs", ns / 1e3);
	else if (ns < 1e9)
		snprintf(buf, len, "%.2f ms", ns / 1e6);
	else
		snprintf(buf, len, "%.3f s", ns / 1e9);
}

static void fmt_value(char *buf, size_t len, const char *metric, double v)
{
	size_t ml = strlen(metric);
	if (ml > 3 && !strcmp(metric + ml - 3, "_ns"))
		fmt_ns(buf, len, v);
	else if (isnan(v))
		snprintf(buf, len, "–");
	else
		snprintf(buf, len, "%.4g", v);
}

static void fmt_p(char *buf, size_t len, double p)
{
	if (isnan(p))
		snprintf(buf, len, "–");
	else if (p < 0.001)
		snprintf(buf, len, "<0.001");
	else
		snprintf(buf, len, "%.3f", p);
}

static const char *plural(size_t n, const char *one, const char *many)
{
	return n == 1 ? one : many;
}

static void write_files(FILE *f, const char *side, const struct sb_pool *p)
{
	fprintf(f, "%s: ", side);
	for (size_t i = 0; i < p->ndocs; i++)
		fprintf(f, "%s`%s`", i ? ", " : "", p->paths[i]);
	if (p->ndocs > 1)
		fprintf(f, " (%zu runs pooled)", p->ndocs);
}

static void write_summary(const struct sb_cmp *c, FILE *f)
{
	size_t reg = c->count[SB_V_REGRESSION], imp = c->count[SB_V_IMPROVEMENT];
	fprintf(f, "## spawnbench compare\n\n");
	fprintf(f, "%s%zu %s%s, %zu %s, %zu no change, %zu noise, %zu inconclusive", reg ? "**" : "", reg,
		plural(reg, "regression", "regressions"), reg ? "**" : "", imp,
		plural(imp, "improvement", "improvements"), c->count[SB_V_NO_CHANGE], c->count[SB_V_NOISE],
		c->count[SB_V_INCONCLUSIVE]);
	if (c->not_compared)
		fprintf(f, ", %zu not compared", c->not_compared);
	if (c->n_only_base || c->n_only_new)
		fprintf(f, "; %zu %s only in base, %zu only in new", c->n_only_base,
			plural(c->n_only_base, "case", "cases"), c->n_only_new);
	fprintf(f, ".\n\nThreshold ±%g%%, alpha %g. ", c->threshold * 100, c->alpha);
	write_files(f, "Base", &c->base);
	fprintf(f, "; ");
	write_files(f, "new", &c->new_);
	fprintf(f, ".\n\n");
}

static void write_row(const struct sb_cmp_row *r, FILE *f)
{
	char bm[32], nm[32], p[16];
	fmt_value(bm, sizeof(bm), r->metric, r->base_median);
	fmt_value(nm, sizeof(nm), r->metric, r->new_median);
	fmt_p(p, sizeof(p), r->v.p_value);
	fputs("| ", f);
	md_cell(f, r->bc->label);
	fprintf(f, " | %s | %s | %s | ", r->metric, bm, nm);
	if (r->compared)
		fprintf(f, "%+.1f%% [%+.1f%%, %+.1f%%] | %s | %s%s%s |\n", (r->v.ratio - 1) * 100,
			(r->v.ratio_low - 1) * 100, (r->v.ratio_high - 1) * 100, p,
			r->v.verdict == SB_V_REGRESSION ? "**" : "", sb_verdict_name(r->v.verdict),
			r->v.verdict == SB_V_REGRESSION ? "**" : "");
	else
		fprintf(f, "– | – | not compared |\n");
}

static void write_case_list(FILE *f, const char *title, const struct sb_pool_case *const *cases, size_t n)
{
	if (!n)
		return;
	fprintf(f, "\n%s:\n\n", title);
	for (size_t i = 0; i < n; i++) {
		fprintf(f, "- `%s`", cases[i]->key);
		if (strcmp(cases[i]->label, cases[i]->key)) {
			fputs(" (", f);
			md_cell(f, cases[i]->label);
			fputc(')', f);
		}
		fputc('\n', f);
	}
}

int sb_cmp_write_markdown(const struct sb_cmp *c, FILE *f)
{
	write_summary(c, f);
	if (c->nrows) {
		fprintf(f, "| case | metric | base median | new median | change [95%% CI] | p | verdict |\n");
		fprintf(f, "|---|---|---:|---:|---|---:|---|\n");
		for (size_t i = 0; i < c->nrows; i++)
			write_row(&c->rows[i], f);
	} else {
		fprintf(f, "No case appears in both base and new: nothing was compared.\n");
	}
	sb_cmp_write_explanations(c, f);
	if (c->not_compared) {
		fprintf(f, "\nNot compared:\n\n");
		for (size_t i = 0; i < c->nrows; i++) {
			if (c->rows[i].compared)
				continue;
			fprintf(f, "- `%s` %s: ", c->rows[i].bc->key, c->rows[i].metric);
			md_cell(f, c->rows[i].why);
			fputc('\n', f);
		}
	}
	write_case_list(f, "Only in base (not run in new)", c->only_base, c->n_only_base);
	write_case_list(f, "Only in new (no baseline yet)", c->only_new, c->n_only_new);
	sb_cmp_write_warnings(c, f);
	if (c->nnotes) {
		fprintf(f, "\nNotes:\n\n");
		for (size_t i = 0; i < c->nnotes; i++) {
			fputs("- ", f);
			md_cell(f, c->notes[i]);
			fputc('\n', f);
		}
	}
	fprintf(f, "\n<sub>change = new median / base median − 1; CI: bootstrap of the ratio of medians; "
		   "p: Mann-Whitney U, two-sided. See docs/statistics.md.</sub>\n");
	return ferror(f) ? -1 : 0;
}
