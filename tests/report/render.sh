#!/bin/bash
# SPDX-License-Identifier: MIT
# Every figure drawn from the fixtures (real runs), each output read back by the tool that reads it.
. "$(dirname "$0")/../lib.sh"
need gnuplot xmllint pdfinfo pdftoppm

expect_rc 0 "$SB" report "$FIX"/*.json -o "$TMP/all"
OUT=$TMP/all
[ -f "$OUT/.spawnbench-report" ] || fail "no marker file in $OUT"

# Every kind of figure appears at least once with these fixtures.
for stem in fig1-memory fig2-methods fig3-namespaces fig4-stages fig4-phases fig5-ecdf fig6-stack \
	fig7-throughput fig7-latency fig8-runs fig8-trend; do
	ls "$OUT/$stem"*.gp >/dev/null 2>&1 || fail "no $stem figure"
done
n=0
for gp in "$OUT"/*.gp; do
	check_figure "$OUT" "$(basename "$gp" .gp)"
	n=$((n + 1))
done
[ "$n" -ge 10 ] || fail "only $n figures"
# Nothing else is left in the directory: no scratch files from gnuplot runs.
ls -A "$OUT" | grep -q '^\.\(fig\|-\)' && fail "scratch files left: $(ls -A "$OUT" | grep '^\.' | head -3)"
ls -d "$FIX"/../.all.tmp-* "$TMP"/.all.tmp-* 2>/dev/null | grep -q . && fail "temporary directory left behind"

# The scripts rerun on their own in a copy of the directory and draw the same files again.
cp -r "$OUT" "$TMP/rerun"
rm -f "$TMP"/rerun/*.png "$TMP"/rerun/*.svg "$TMP"/rerun/*.pdf
for gp in "$TMP"/rerun/*.gp; do
	(cd "$TMP/rerun" && gnuplot "$(basename "$gp")") 2>"$TMP/gperr" || fail "rerunning $(basename "$gp"): $(tail -2 "$TMP/gperr")"
done
for gp in "$TMP"/rerun/*.gp; do
	check_figure "$TMP/rerun" "$(basename "$gp" .gp)"
done

# Every bar series of a figure has a fill of its own, also past the palette's eight colours (fig8-runs
# draws one series per file, and the fixtures are nine files).
for gp in "$OUT"/*.gp; do
	dup=$(grep -o 'boxxyerror fs [^,]*title' "$gp" | sort | uniq -d | head -1)
	[ -z "$dup" ] || fail "$(basename "$gp"): two series share a fill: $dup"
done
[ "$(grep -c 'boxxyerror fs' "$OUT/fig8-runs.gp")" -ge 8 ] || fail "fig8-runs draws fewer than 8 files"

# Tables.
"$PY" "$HERE/check_tables.py" "$OUT" "$FIX"/*.json || fail "tables"
grep -q '\\toprule' "$OUT/summary.tex" && grep -q '\\bottomrule' "$OUT/summary.tex" || fail "summary.tex is not booktabs"
[ "$(grep -c '\\begin{tabular}' "$OUT/summary.tex")" = "$(ls "$FIX"/*.json | wc -l)" ] || fail "want one LaTeX table per results file"
[ -s "$OUT/stages.csv" ] || fail "no stages.csv although a fixture has probe stages"

# The pages: Markdown names every figure; the HTML embeds every PNG and references nothing else.
for png in "$OUT"/*.png; do
	expect_in "$OUT/report.md" "($(basename "$png"))"
done
expect_in "$OUT/report.md" "## Runs"
expect_in "$OUT/report.md" "Host: "
expect_in "$OUT/report.md" "## Summary"
"$PY" "$HERE/check_html.py" "$OUT" || fail "report.html"

# A report with fewer kinds of data says which figures it left out and why.
expect_rc 0 "$SB" report "$FIX/concurrency.json" -o "$TMP/conc"
expect_in "$TMP/conc/report.md" "## Figures left out"
expect_in "$TMP/conc/report.md" "Figure 1 (latency vs parent memory)"
expect_in "$TMP/conc/report.md" "Figure 4 (stage breakdown): no case carries probe data"
expect_in "$TMP/conc/report.md" "Figure 8 (across results files): only one results file"
expect_in "$TMP/conc/report.md" "Figure 8b (trend across files): fewer than three"
ls "$TMP/conc"/fig7-throughput.png >/dev/null || fail "concurrency report lacks fig7-throughput.png"

# Running again over an earlier report replaces it whole.
expect_rc 0 "$SB" report -q "$FIX/stacks.json" -o "$TMP/conc"
[ -e "$TMP/conc/fig7-throughput.png" ] && fail "the earlier report's files survived the replacement"
[ -e "$TMP/conc/fig6-stack.png" ] || fail "the new report is not in place"
[ -s "$TMP/out" ] && fail "-q still printed: $(cat "$TMP/out")"

# --metric changes what is drawn and says so.
expect_rc 0 "$SB" report -q --metric create "$FIX/fork-in-the-road.json" -o "$TMP/create"
expect_in "$TMP/create/fig1-memory.gp" "median create latency"
expect_in "$TMP/create/report.md" "create_ns metric"

# --methods-mem picks figure 2's parent size, and says so when nothing was measured there.
expect_rc 0 "$SB" report -q --methods-mem 512M "$FIX/fork-in-the-road.json" -o "$TMP/m512"
expect_in "$TMP/m512/fig2-methods.dat" "fork exec=child mem=512M"
expect_in "$TMP/m512/report.md" "512 MiB of touched parent memory"
expect_rc 0 "$SB" report -q --methods-mem 3M "$FIX/fork-in-the-road.json" -o "$TMP/m3"
expect_in "$TMP/m3/report.md" "Figure 2 (methods side by side): no run measured two or more methods with 3 MiB"
expect_rc 2 "$SB" report --methods-mem 3Q "$FIX/fork-in-the-road.json" -o "$TMP/m3q"

finish
