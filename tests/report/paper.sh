#!/bin/bash
# SPDX-License-Identifier: MIT
# --style paper: one-column vector figures with print fonts, a colour-blind-safe palette, and line dashes
# and hatching so series stay apart in black and white; the default style is for screens.
. "$(dirname "$0")/../lib.sh"
need gnuplot xmllint pdfinfo pdftoppm

expect_rc 0 "$SB" report -q --style paper "$FIX/fork-in-the-road.json" "$FIX/default.json" "$FIX/default-b.json" \
	"$FIX/probe-stages.json" -o "$TMP/paper"
expect_rc 0 "$SB" report -q "$FIX/fork-in-the-road.json" -o "$TMP/screen"
P=$TMP/paper
for gp in "$P"/*.gp; do
	s=$(basename "$gp" .gp)
	check_figure "$P" "$s"
	# One column of a two-column paper is 3.3-3.5 in (about 240-252 pt).
	w=$(pdfinfo "$P/$s.pdf" | sed -n 's/^Page size: *\([0-9.]*\) x.*/\1/p')
	"$PY" -c "import sys; w = float(sys.argv[1]); sys.exit(0 if 238 <= w <= 253 else 1)" "$w" ||
		fail "$s.pdf is $w pt wide, not one column"
	pdffonts "$P/$s.pdf" | grep -q 'NimbusRoman' || fail "$s.pdf does not use the serif print font"
	grep -q '^set title' "$gp" && fail "$s.gp has a title on paper (the caption names the figure)"
	grep -q "#0072B2" "$gp" || fail "$s.gp does not use the Okabe-Ito palette"
	grep -q "^set linetype 2 .* dt 2 " "$gp" || fail "$s.gp: series 2 is not dashed"
done
grep -q 'fs pattern' "$P"/fig2-methods*.gp || fail "paper bars are not hatched"
grep -q 'fs pattern' "$TMP/screen"/fig2-methods.gp && fail "screen bars are hatched"
grep -q '^set title' "$TMP/screen/fig1-memory.gp" || fail "screen figures lost their title"
grep -q 'dt 2' "$TMP/screen/fig1-memory.gp" && fail "screen lines are dashed"
[ "$(sed -n 's/^W = \([0-9]*\);.*/\1/p' "$P/fig1-memory-r1.gp")" = 1020 ] || fail "paper PNG is not 300 dpi at one column"

finish
