// SPDX-License-Identifier: MIT
/* The shared drawing of figures 2, 3 and 8: one bar per row, median as the bar, the 95% CI as whiskers. */
#include <math.h>
#include <string.h>

#include "fig_hbar.h"
#include "gnuplot_script.h"

int sb_hbar_draw(struct sb_report *r, struct sb_fig *fig, const struct sb_hbar *b, size_t n,
		 const char *xlabel, const char *title, const char *const *series, int nseries, int logx)
{
	double max = 0, min = 0, lmin = INFINITY;
	for (size_t i = 0; i < n; i++) {
		if (b[i].lo > 0)
			lmin = fmin(lmin, b[i].lo);
		if (b[i].med > 0)
			lmin = fmin(lmin, b[i].med);
		max = fmax(max, fabs(b[i].hi));
		max = fmax(max, fabs(b[i].lo));
		min = fmin(min, b[i].lo);
	}
	struct sb_unit u = sb_pick_unit(max);
	char dat[64], fill[128];
	snprintf(dat, sizeof(dat), "%s.dat", fig->name);
	FILE *d = sb_report_open(r, dat);
	if (!d)
		return -1;
	fprintf(d, "# %s: row median_%s ci95_low ci95_high series \"label\" \"mark\" (row 0 at the top)\n",
		fig->name, u.name);
	for (size_t i = 0; i < n; i++) {
		char label[160];
		snprintf(label, sizeof(label), "%s", b[i].label);
		/* gnuplot's data files have no escape for a double quote inside a quoted column. */
		for (char *p = label; *p; p++)
			if (*p == '"')
				*p = '\'';
		fprintf(d, "%zu %.4f %.4f %.4f %d \"%s\" \"%s\"\n", i, b[i].med / u.div, b[i].lo / u.div,
			b[i].hi / u.div, b[i].series, label, b[i].mark);
	}
	if (sb_report_close(r, d, dat))
		return -1;

	int h = 110 + 24 * (int)n;
	FILE *f = sb_gp_begin(r, fig->name, 1000, h < 300 ? 300 : h);
	if (!f)
		return -1;
	sb_gp_title(r, f, title);
	fprintf(f, "set xlabel ");
	char xl[200];
	snprintf(xl, sizeof(xl), "%s (%s)", xlabel, u.name);
	sb_gp_str(f, xl);
	fprintf(f, "\nset yrange [%zu.6:-0.6]\nset ytics scale 0\nunset mytics\nset grid noytics xtics\n"
		   "%s\nset offsets 0, graph 0.08, 0, 0\n", n ? n - 1 : 0, sb_gp_key_outside(r));
	/* On a log axis a bar cannot start at 0: it starts at the axis' left end. */
	double base = 0;
	if (logx && isfinite(lmin)) {
		base = lmin / u.div / 2;
		fprintf(f, "set logscale x\nset format x '%%g'\nset xrange [%g:*]\n", base);
	} else {
		fprintf(f, "set xrange [%g:*]\nset yzeroaxis lt -1\n", min < 0 ? min / u.div * 1.1 : 0.0);
	}
	fprintf(f, "plot \\\n");
	int ns = nseries > 0 ? nseries : 1;
	for (int s = 0; s < ns; s++) {
		size_t rows = 0;
		for (size_t i = 0; i < n; i++)
			rows += b[i].series == s;
		/* A series without bars would only add an empty legend entry. */
		if (!rows)
			continue;
		/* Rows of other series become undefined, so each series keeps its own fill and legend entry. */
		fprintf(f, "  '%s' using ($5==%d?$2:1/0):1:(%g):2:($1-0.38):($1+0.38) with boxxyerror %s ", dat, s,
			base, sb_gp_fill(r, s, fill, sizeof(fill)));
		if (nseries > 0) {
			fprintf(f, "title ");
			sb_gp_str(f, series[s]);
		} else {
			fprintf(f, "notitle");
		}
		fprintf(f, ", \\\n");
	}
	fprintf(f, "  '%s' using 2:1:3:4:ytic(6) with xerrorbars lt 1 dt 1 lc rgb 'black' pt -1 lw 1 notitle, \\\n", dat);
	/* Marks: slower in red, anything else (faster) in green. */
	fprintf(f, "  '%s' using (column(4)):1:(strstrt(stringcolumn(7), 'slower') ? stringcolumn(7) : '') with labels left "
		   "offset 0.6,0 tc rgb '#b00000' notitle, \\\n", dat);
	fprintf(f, "  '%s' using (column(4)):1:(strstrt(stringcolumn(7), 'slower') ? '' : stringcolumn(7)) with labels left "
		   "offset 0.6,0 tc rgb '#007000' notitle\n", dat);
	return sb_gp_end(r, f, fig->name);
}
