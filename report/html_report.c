// SPDX-License-Identifier: MIT
/*
 * report.html: one file that stands alone. Figures are embedded as base64 PNG data URIs and the style
 * sheet is inline, so the page can be mailed or attached to a CI run without its directory.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "report_page.h"

static void heading(FILE *f, int level, const char *text)
{
	fprintf(f, "<h%d>", level);
	sb_html_str(f, text);
	fprintf(f, "</h%d>\n", level);
}

static void para(FILE *f, const char *text)
{
	fprintf(f, "<p>");
	sb_html_str(f, text);
	fprintf(f, "</p>\n");
}

static void list_begin(FILE *f)
{
	fprintf(f, "<ul>\n");
}

static void item(FILE *f, const char *text)
{
	fprintf(f, "<li>");
	sb_html_str(f, text);
	fprintf(f, "</li>\n");
}

static void list_end(FILE *f)
{
	fprintf(f, "</ul>\n");
}

/* Column alignment of the table being written: tables are written one at a time. */
static char align_now[16];

static void cells(FILE *f, const char *tag, const char *const *c, int n)
{
	fprintf(f, "<tr>");
	for (int i = 0; i < n; i++) {
		fprintf(f, "<%s%s>", tag, i < 16 && align_now[i] == 'r' ? " class=\"num\"" : "");
		sb_html_str(f, c[i]);
		fprintf(f, "</%s>", tag);
	}
	fprintf(f, "</tr>\n");
}

static void table_begin(FILE *f, const char *const *head, const char *align, int n)
{
	snprintf(align_now, sizeof(align_now), "%s", align);
	fprintf(f, "<table>\n<thead>");
	cells(f, "th", head, n);
	fprintf(f, "</thead>\n<tbody>\n");
}

static void table_row(FILE *f, const char *const *c, int n)
{
	cells(f, "td", c, n);
}

static void table_end(FILE *f)
{
	fprintf(f, "</tbody>\n</table>\n");
}

static int base64_file(FILE *out, const char *path)
{
	static const char tab[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
	unsigned char in[3 * 1024];
	size_t n;
	FILE *f = fopen(path, "rb");
	if (!f)
		return -1;
	/* Whole 3-byte groups per read, so only the file's last block can need padding. */
	while ((n = fread(in, 1, sizeof(in), f)) > 0) {
		for (size_t i = 0; i < n; i += 3) {
			unsigned v = (unsigned)in[i] << 16 | (i + 1 < n ? (unsigned)in[i + 1] << 8 : 0) |
				     (i + 2 < n ? in[i + 2] : 0);
			fputc(tab[v >> 18 & 63], out);
			fputc(tab[v >> 12 & 63], out);
			fputc(i + 1 < n ? tab[v >> 6 & 63] : '=', out);
			fputc(i + 2 < n ? tab[v & 63] : '=', out);
		}
	}
	int bad = ferror(f);
	fclose(f);
	return bad ? -1 : 0;
}

static int figure(struct sb_report *r, FILE *f, const struct sb_fig *fig, int number)
{
	char path[4200];
	snprintf(path, sizeof(path), "%s/%s.png", r->dir, fig->name);
	fprintf(f, "<figure id=\"%s\">\n<img alt=\"Figure %d: ", fig->name, number);
	sb_html_str(f, fig->title);
	fprintf(f, "\" src=\"data:image/png;base64,");
	if (base64_file(f, path)) {
		snprintf(r->err, sizeof(r->err), "cannot embed %s.png: %s", fig->name, strerror(errno ? errno : EIO));
		return -1;
	}
	fprintf(f, "\">\n<figcaption>");
	sb_html_str(f, fig->caption);
	fprintf(f, " <span class=\"files\">Files beside this page: %s.png, .svg, .pdf, .gp, .dat.</span></figcaption>\n"
		   "</figure>\n", fig->name);
	return 0;
}

static const char style[] =
	"body{font-family:system-ui,-apple-system,'DejaVu Sans',sans-serif;max-width:64rem;margin:2rem auto;"
	"padding:0 1rem;color:#222;line-height:1.45}"
	"h1,h2,h3{line-height:1.2}h2{border-bottom:1px solid #ddd;padding-bottom:.2rem;margin-top:2.2rem}"
	"figure{margin:1.5rem 0}img{max-width:100%;height:auto;border:1px solid #eee}"
	"figcaption{font-size:.92rem;color:#444;margin-top:.4rem}.files{color:#777}"
	"table{border-collapse:collapse;font-size:.9rem;margin:.8rem 0}"
	"th,td{padding:.2rem .6rem;border-bottom:1px solid #e4e4e4;text-align:left}"
	"th{border-bottom:2px solid #999}.num{text-align:right;font-variant-numeric:tabular-nums}"
	"li{margin:.15rem 0}";

int sb_report_html(struct sb_report *r)
{
	static const struct sb_page_ops ops = {
		heading, para, list_begin, item, list_end, table_begin, table_row, table_end, figure,
	};
	FILE *f = sb_report_open(r, "report.html");
	if (!f)
		return -1;
	fprintf(f, "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
		   "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
		   "<title>spawnbench report</title>\n<style>%s</style>\n</head>\n<body>\n", style);
	if (sb_page_write(r, f, &ops)) {
		fclose(f);
		return -1;
	}
	fprintf(f, "</body>\n</html>\n");
	return sb_report_close(r, f, "report.html");
}
