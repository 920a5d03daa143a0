// SPDX-License-Identifier: MIT
/* Small shared pieces: units, escaping for each output format, files inside the output directory. */
#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "report.h"

struct sb_unit sb_pick_unit(double max_ns)
{
	/* The largest unit that still shows the biggest value as at least 1: few digits, no exponents. */
	if (max_ns >= 1e9)
		return (struct sb_unit){ "s", 1e9 };
	if (max_ns >= 1e6)
		return (struct sb_unit){ "ms", 1e6 };
	if (max_ns >= 1e3)
		return (struct sb_unit){ "µs", 1e3 };
	return (struct sb_unit){ "ns", 1 };
}

void sb_fmt_bytes(double b, char *buf, size_t len)
{
	static const char *suf[] = { "B", "KiB", "MiB", "GiB", "TiB" };
	int i = 0;
	while (b >= 1024 && i < 4) {
		b /= 1024;
		i++;
	}
	if (b == (long long)b)
		snprintf(buf, len, "%lld %s", (long long)b, suf[i]);
	else
		snprintf(buf, len, "%.1f %s", b, suf[i]);
}

void sb_fmt_sig(double v, char *buf, size_t len)
{
	double a = fabs(v);
	int prec = a >= 100 ? 0 : a >= 10 ? 1 : a >= 1 ? 2 : 3;
	snprintf(buf, len, "%.*f", prec, v);
}

void sb_gp_str(FILE *f, const char *s)
{
	/* Single-quoted gnuplot string: only the quote itself needs doubling (terminals are noenhanced). */
	fputc('\'', f);
	for (; *s; s++) {
		if (*s == '\'')
			fputc('\'', f);
		fputc(*s, f);
	}
	fputc('\'', f);
}

void sb_md_str(FILE *f, const char *s)
{
	for (; *s; s++) {
		/* Intraword underscores never emphasise in CommonMark: names like total_ns stay readable. */
		if (strchr("|\\`*[]<>", *s))
			fputc('\\', f);
		fputc(*s == '\n' ? ' ' : *s, f);
	}
}

void sb_html_str(FILE *f, const char *s)
{
	for (; *s; s++) {
		switch (*s) {
		case '<': fputs("&lt;", f); break;
		case '>': fputs("&gt;", f); break;
		case '&': fputs("&amp;", f); break;
		case '"': fputs("&quot;", f); break;
		default: fputc(*s, f);
		}
	}
}

void sb_tex_str(FILE *f, const char *s)
{
	for (; *s; s++) {
		switch (*s) {
		case '\\': fputs("\\textbackslash{}", f); break;
		case '~': fputs("\\textasciitilde{}", f); break;
		case '^': fputs("\\textasciicircum{}", f); break;
		case '&': case '%': case '$': case '#': case '_': case '{': case '}':
			fputc('\\', f);
			fputc(*s, f);
			break;
		default: fputc(*s, f);
		}
	}
}

FILE *sb_report_open(struct sb_report *r, const char *name)
{
	char path[4200];
	snprintf(path, sizeof(path), "%s/%s", r->dir, name);
	FILE *f = fopen(path, "w");
	if (!f && !r->err[0])
		snprintf(r->err, sizeof(r->err), "cannot write %s: %s", name, strerror(errno));
	return f;
}

int sb_report_close(struct sb_report *r, FILE *f, const char *name)
{
	/* A full disk shows up at flush time; a report with a cut-off file must not be moved into place. */
	int bad = ferror(f);
	if (fclose(f) || bad) {
		if (!r->err[0])
			snprintf(r->err, sizeof(r->err), "cannot write %s: %s", name, strerror(errno ? errno : EIO));
		return -1;
	}
	return 0;
}

void sb_report_omit(struct sb_report *r, const char *what, const char *fmt, ...)
{
	if (r->nomit == SB_REPORT_MAX_OMIT)
		return;
	struct sb_omit *o = &r->omit[r->nomit++];
	va_list ap;
	snprintf(o->what, sizeof(o->what), "%s", what);
	va_start(ap, fmt);
	vsnprintf(o->why, sizeof(o->why), fmt, ap);
	va_end(ap);
}

struct sb_fig *sb_report_add_fig(struct sb_report *r)
{
	if (r->nfigs == SB_REPORT_MAX_FIGS) {
		snprintf(r->err, sizeof(r->err), "more than %d figures", SB_REPORT_MAX_FIGS);
		return NULL;
	}
	struct sb_fig *f = &r->figs[r->nfigs++];
	memset(f, 0, sizeof(*f));
	f->run = -1;
	return f;
}
