#!/bin/bash
# SPDX-License-Identifier: MIT
# Warnings reach every reader: the report (report.md and report.html) lists a warned case, and compare
# prints a line for it and for a case whose children ran elsewhere in one file than in the other.
. "$(dirname "$0")/../lib.sh"

warned=$TMP/warned.json
SPAWNBENCH_TEST_SQUARE=20:64 expect_exit 0 "a run that never settles (not-steady)" -- \
	"$SB" run -q --no-table -n 30 --warmup 0 --method fork -o "$warned"
[ "$(json_q "$warned" "[w['code'] for w in d['cases'][0]['warnings']]")" = "['not-steady']" ] \
	&& pass "the run carries not-steady" || fail "no warning to show: $(json_q "$warned" "d['cases'][0]['warnings']")"
expect_exit 0 "report" -- "$SB" report -q "$warned" -o "$TMP/rep"
grep -q '^## Warnings' "$TMP/rep/report.md" && grep -q '^- fork: not-steady: ' "$TMP/rep/report.md" \
	&& pass "report.md lists the warning" || fail "report.md: $(grep -A3 Warnings "$TMP/rep/report.md")"
grep -q 'fork: not-steady: ' "$TMP/rep/report.html" && pass "report.html lists the warning" || fail "report.html lacks it"

same=$TMP/same.json
expect_exit 0 "a clean run" -- "$SB" run -q --no-table -n 30 --warmup 2 --method fork -o "$same"
expect_exit 0 "report of a clean run" -- "$SB" report -q "$same" -o "$TMP/rep2"
grep -q '^None: ' "$TMP/rep2/report.md" && pass "a clean run's report says there is none" \
	|| fail "clean report: $(grep -A3 Warnings "$TMP/rep2/report.md")"
"$SB" compare "$same" "$warned" >"$TMP/cmp.md" 2>"$TMP/err"
grep -q '^- fork (new): not-steady: ' "$TMP/cmp.md" && pass "compare prints the warned case" || fail "compare: $(cat "$TMP/cmp.md")"

if [ "$(nproc)" -ge 2 ]; then
	expect_exit 0 "pthread, same CPU" -- "$SB" run -q --no-table -n 30 --method pthread -o "$TMP/ps.json"
	expect_exit 0 "pthread, cross CPU" -- "$SB" run -q --no-table -n 30 --method pthread --placement cross -o "$TMP/pc.json"
	"$SB" compare "$TMP/ps.json" "$TMP/pc.json" >"$TMP/cmp2.md" 2>"$TMP/err"
	grep -q '^- pthread: placement differs: children on the parent.s CPU in 100% of base.s spawns, 0% of new.s' "$TMP/cmp2.md" \
		&& pass "compare warns that placement differs" || fail "compare placement: $(cat "$TMP/cmp2.md")"
	"$SB" compare "$TMP/ps.json" "$TMP/ps.json" >"$TMP/cmp3.md" 2>"$TMP/err"
	grep -q 'placement differs' "$TMP/cmp3.md" && fail "placement warned for one file against itself" \
		|| pass "no placement warning for equal placement"
	expect_exit 0 "report of both" -- "$SB" report -q "$TMP/ps.json" "$TMP/pc.json" -o "$TMP/rep3"
fi
finish
