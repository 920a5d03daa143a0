#!/bin/bash
# SPDX-License-Identifier: MIT
# scripts/ci-regress end to end with real `spawnbench run`s: baseline bootstrap, a pass, and a regression
# made certain by dividing a stored baseline's samples by 100 (runs of the same code on a busy VM differ by up
# to 4x: a smaller factor makes the verdict depend on the machine's mood).
. "$(dirname "$0")/../lib.sh"
need jq
REGRESS="$SRC/scripts/ci-regress"
export SPAWNBENCH="$SB"
unset GITHUB_STEP_SUMMARY
run=(-- -m vfork -n 60 --warmup 2)

expect_rc 0 "$REGRESS" --baseline "$TMP/base" --out "$TMP/out1" --runs 3 "${run[@]}"
expect_in "$TMP/out" "stored these 3 run(s) as the baseline"
[ "$(ls "$TMP/base" | wc -l)" = 3 ] || fail "baseline should hold 3 files"

# Same code again: whatever the machine's noise, the comparison runs (exit 0 or 1, never 2).
"$REGRESS" --baseline "$TMP/base" --out "$TMP/out2" --runs 2 "${run[@]}" >"$TMP/o2" 2>"$TMP/e2"
rc=$?
[ "$rc" = 0 ] || [ "$rc" = 1 ] || fail "second ci-regress exited $rc"
expect_in "$TMP/out2/summary.md" "## spawnbench compare"
jq_eq "$TMP/out2/compare.json" '.base.files | length' '3'
jq_eq "$TMP/out2/compare.json" '.rows | length' '1'

# A baseline a hundred times as fast: the new runs are a regression, exit 1, and GITHUB_STEP_SUMMARY gets the table.
mkdir -p "$TMP/fast"
for f in "$TMP"/base/*.json; do
	jq '.cases[].samples |= with_entries(if .key == "child_pid" then . else .value |= map(. / 100 | floor) end)' \
		"$f" >"$TMP/fast/$(basename "$f")"
done
GITHUB_STEP_SUMMARY="$TMP/step.md" expect_rc 1 "$REGRESS" --baseline "$TMP/fast" --out "$TMP/out3" --runs 3 \
	--update-baseline "${run[@]}"
expect_in "$TMP/step.md" "**regression**"
jq_eq "$TMP/out3/compare.json" '.rows[0].verdict' 'regression'
cmp -s "$TMP/out3/new-1.json" "$TMP/fast/new-1.json" || fail "--update-baseline did not replace the baseline"

expect_rc 2 "$REGRESS" --runs 0
expect_rc 2 "$REGRESS" --bogus
expect_rc 2 "$REGRESS" --spawnbench /nonexistent --baseline "$TMP/x"

finish
