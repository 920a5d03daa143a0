// SPDX-License-Identifier: MIT
/* report.md: the report as Markdown, figures referenced as the PNG files beside it. */
#include <string.h>

#include "report_page.h"

static void heading(FILE *f, int level, const char *text)
{
	fprintf(f, "%.*s ", level, "######");
	sb_md_str(f, text);
	fprintf(f, "\n\n");
}

static void para(FILE *f, const char *text)
{
	sb_md_str(f, text);
	fprintf(f, "\n\n");
}

static void list_begin(FILE *f)
{
	(void)f;
}

static void item(FILE *f, const char *text)
{
	fprintf(f, "- ");
	sb_md_str(f, text);
	fputc('\n', f);
}

static void list_end(FILE *f)
{
	fputc('\n', f);
}

static void table_row(FILE *f, const char *const *cells, int n)
{
	fputc('|', f);
	for (int i = 0; i < n; i++) {
		fputc(' ', f);
		sb_md_str(f, cells[i]);
		fprintf(f, " |");
	}
	fputc('\n', f);
}

static void table_begin(FILE *f, const char *const *head, const char *align, int n)
{
	table_row(f, head, n);
	fputc('|', f);
	for (int i = 0; i < n; i++)
		fprintf(f, "%s|", align[i] == 'r' ? "---:" : "---");
	fputc('\n', f);
}

static void table_end(FILE *f)
{
	fputc('\n', f);
}

static int figure(struct sb_report *r, FILE *f, const struct sb_fig *fig, int number)
{
	(void)r;
	fprintf(f, "![Figure %d: ", number);
	sb_md_str(f, fig->title);
	fprintf(f, "](%s.png)\n\n", fig->name);
	sb_md_str(f, fig->caption);
	fprintf(f, "\n\nVector versions: [%s.svg](%s.svg), [%s.pdf](%s.pdf); to restyle, edit [%s.gp](%s.gp) "
		   "(data in %s.dat) and run `gnuplot %s.gp` in this directory.\n\n",
		fig->name, fig->name, fig->name, fig->name, fig->name, fig->name, fig->name, fig->name);
	return 0;
}

int sb_report_markdown(struct sb_report *r)
{
	static const struct sb_page_ops ops = {
		heading, para, list_begin, item, list_end, table_begin, table_row, table_end, figure,
	};
	FILE *f = sb_report_open(r, "report.md");
	if (!f)
		return -1;
	if (sb_page_write(r, f, &ops)) {
		fclose(f);
		return -1;
	}
	return sb_report_close(r, f, "report.md");
}
