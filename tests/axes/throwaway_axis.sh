#!/bin/bash
# SPDX-License-Identifier: MIT
# Adding an axis is one entry: a build of its own in which bench/lib/axis_list.h includes the "knob" row of
# throwaway_axis.h (SPAWNBENCH_EXTRA_AXIS; no other line of the tree names the knob), then its unit test
# (test_throwaway.c: the matrix and wire fields, parsing, expansion, key, label, results field, model,
# report identity) and the real binary: --help, a plan's cases: line, a run, export's hyperfine parameters
# and --where, compare and report. The build is kept beside the test's own build and updated each run.
. "$(dirname "$0")/../lib.sh"

OUT=$BUILD/throwaway-axis
cmake -S "$SRC" -B "$OUT" -DSPAWNBENCH_PROBES=OFF -DSPAWNBENCH_WERROR=ON \
	-DSPAWNBENCH_EXTRA_AXIS="$HERE/throwaway_axis.h" >"$TMP/configure.log" 2>&1 ||
	{ cat "$TMP/configure.log"; die "configure with the extra axis"; }
cmake --build "$OUT" -j2 --target spawnbench spawnbench-worker spawnbench-child test_throwaway \
	>"$TMP/build.log" 2>&1 || { tail -40 "$TMP/build.log"; die "build with the extra axis"; }
pass "built with one more row of the axis list"

"$OUT/tests/axes/test_throwaway" && pass "unit: fields, parsing, names, results, model, identity" ||
	fail "test_throwaway"

K=$OUT/bench/spawnbench
# Its own worker and child: the wire struct has the knob, the harness's copies do not.
export SPAWNBENCH_LIBEXEC=$OUT/bench
"$K" run --help >"$TMP/help.txt" 2>&1
expect_in "$TMP/help.txt" "--knob LIST"
expect_exit 2 "--knob 12 is out of range" -- "$K" run -m fork --knob 12 -n 3 -o "$TMP/bad.json"

cat >"$TMP/knob.plan" <<'PLAN'
description: the throwaway axis from a plan
options: --iterations 20 --min-iterations 20 --warmup 1
cases: --method fork --knob 1,3
PLAN
expect_exit 0 "a plan's cases: line takes --knob" -- "$K" run -p "$TMP/knob.plan" -q --cpu 0 -o "$TMP/knob.json"
expect_json "$TMP/knob.json" "[c['label'] for c in d['cases']] == ['fork knob=1', 'fork knob=3']" "labels"
expect_json "$TMP/knob.json" "[c['knob'] for c in d['cases']] == [1, 3]" "results field"
expect_json "$TMP/knob.json" "[c['key'].split(';')[-1] for c in d['cases']] == ['knob=1', 'knob=3']" "keys"

expect_exit 0 "export hyperfine" -- "$K" export -f hyperfine "$TMP/knob.json" -o "$TMP/hf.json"
expect_json "$TMP/hf.json" "[r['parameters'] for r in d['results']] == [{'knob': '1'}, {'knob': '3'}]" \
	"hyperfine's parameters are the knob"
expect_exit 0 "export --where knob=3" -- "$K" export -f hyperfine --where knob=3 "$TMP/knob.json" -o "$TMP/where.json"
expect_json "$TMP/where.json" "[r['command'] for r in d['results']] == ['fork knob=3']" "--where selects by the knob"
expect_exit 0 "compare" -- "$K" compare "$TMP/knob.json" "$TMP/knob.json"
expect_exit 0 "report" -- "$K" report "$TMP/knob.json" -o "$TMP/report"
expect_in "$TMP/report/report.md" "fork knob=3"
finish
