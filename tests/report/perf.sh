#!/bin/bash
# SPDX-License-Identifier: MIT
# A report of 200 cases with their raw samples renders, drawing most figures; so does every fixture at once.
# The wall times are printed for the record (the target is 10 s on a quiet machine), never asserted: a
# loaded CI host must not turn a speed figure into a failure.
. "$(dirname "$0")/../lib.sh"
need gnuplot xmllint pdfinfo pdftoppm

"$PY" "$HERE/gen_cases.py" 200 1000 "$TMP/200.json" "$FIX/fork-in-the-road.json" "$FIX/stacks.json" \
	"$FIX/concurrency.json" "$FIX/probe-stages.json" "$FIX/namespaces.json" || { fail "generating"; finish; }

# seconds CMD...: run CMD and print its wall time.
seconds() {
	local t0 t1
	t0=$(date +%s.%N)
	"$@" >"$TMP/out" 2>"$TMP/err" || fail "'$*' failed: $(head -2 "$TMP/err")"
	t1=$(date +%s.%N)
	"$PY" -c "import sys; print('%.2f' % (float(sys.argv[2]) - float(sys.argv[1])))" "$t0" "$t1"
}

t=$(seconds "$SB" report "$TMP/200.json" -o "$TMP/r200")
echo "200 cases x 1000 samples: $t s"
[ -s "$TMP/r200/report.html" ] || fail "no report for 200 cases"
# The large file exercises most figures, not one.
[ "$(ls "$TMP"/r200/*.png | wc -l)" -ge 7 ] || fail "200 cases drew only $(ls "$TMP"/r200/*.png | wc -l) figures"
t=$(seconds "$SB" report "$FIX"/*.json -o "$TMP/all")
echo "every fixture ($(ls "$FIX"/*.json | wc -l) files): $t s"
[ -s "$TMP/all/report.html" ] || fail "no report for every fixture"
t=$(seconds "$SB" report "$FIX/default.json" -o "$TMP/default")
echo "default plan: $t s"

finish
