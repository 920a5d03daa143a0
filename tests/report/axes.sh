#!/bin/bash
# SPDX-License-Identifier: MIT
# Every axis of every figure is readable: at least three labelled ticks, whatever the data's range. The
# figures come from the fixtures and from a small fresh run over parent memory, child stacks and spawners
# (narrow ranges, the case a log axis labels nothing on), on screen and in the paper style.
. "$(dirname "$0")/../lib.sh"
need gnuplot xmllint pdfinfo pdftoppm

expect_rc 0 "$SB" report -q "$FIX"/*.json -o "$TMP/fix"
"$PY" "$HERE/check_axes.py" "$TMP/fix" || fail "axes of the fixtures' figures"
expect_rc 0 "$SB" report -q --style paper "$FIX"/*.json -o "$TMP/fixpaper"
"$PY" "$HERE/check_axes.py" "$TMP/fixpaper" || fail "axes of the fixtures' paper figures"

run() {
	local out=$1
	shift
	"$SB" run -q --no-table --cpu 0 -n 20 -w 2 -e child "$@" -o "$TMP/$out.json" >/dev/null 2>"$TMP/err" ||
		fail "run $*: $(tail -2 "$TMP/err")"
}
run mem -m fork,vfork,posix_spawn --mem 0,4M,12M
run stack -m clone,clone3 --stack 16K,64K,256K
run conc -m fork,posix_spawn -c 1,2,3
validate "$TMP/mem.json" "$TMP/stack.json" "$TMP/conc.json" ||
	fail "the fresh runs' results do not validate against docs/results.schema.json"
expect_rc 0 "$SB" report -q "$TMP/mem.json" "$TMP/stack.json" "$TMP/conc.json" -o "$TMP/fresh"
for stem in fig1-memory fig6-stack fig7-latency fig7-throughput; do
	ls "$TMP/fresh/$stem"*.svg >/dev/null 2>&1 || fail "the fresh run drew no $stem"
done
"$PY" "$HERE/check_axes.py" "$TMP/fresh" || fail "axes of the fresh run's figures"

# Two spawner counts: the x axis names exactly the two drawn, never 1.2, 1.4, ... between them.
run two -m fork,vfork -c 1,2
expect_rc 0 "$SB" report -q "$TMP/two.json" -o "$TMP/two"
for stem in fig7-latency fig7-throughput; do
	python3 - "$HERE" "$TMP/two/$stem.svg" <<'PY' || fail "$stem of spawners 1 and 2 labels other x values"
import sys
sys.path.insert(0, sys.argv[1])
import check_axes
found = check_axes.axes(open(sys.argv[2], encoding="utf-8").read())
xs = [sorted(t[0] for t in ticks) for (k, _), ticks in found.items() if k == "x"]
sys.exit(0 if xs == [["1", "2"]] else f"x labels {xs}")
PY
done

# The checker itself: a log axis over less than a decade, as gnuplot draws it unaided, labels one tick.
cat >"$TMP/narrow.gp" <<'GP'
set terminal svg size 600,400
set output 'narrow.svg'
set logscale y
set yrange [387:936]
set xrange [0:10]
plot x * 50 + 400 notitle
GP
(cd "$TMP" && gnuplot narrow.gp) || fail "gnuplot narrow.gp"
"$PY" "$HERE/check_axes.py" "$TMP/narrow.svg" >/dev/null 2>&1 && fail "check_axes.py passes an unlabelled log axis"

finish
