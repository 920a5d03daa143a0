#!/bin/bash
# SPDX-License-Identifier: MIT
# tests/lib.sh fails a test whenever a check failed: in a subshell or a $(...) too, and when the script
# forgets finish; a validator that cannot run (no python3-jsonschema) is a failure, not a pass; skip is
# exit 77; the scratch directory goes when a test passes and stays when it fails; at_exit runs either way.
. "$(dirname "$0")/../lib.sh"
need jq

# child NAME BODY: a script test of its own (BODY after the source line), run the way ctest runs one;
# its exit status in $rc, its output in $TMP/NAME.log, its scratch directory $TMP/NAME.d.
child() {
	mkdir -p "$TMP/t/x"
	printf '. "%s/tests/lib.sh"\n%s\n' "$SRC" "$2" >"$TMP/t/x/$1.sh"
	bash "$TMP/t/x/$1.sh" "$SB" "$TMP/$1.d" "$SRC" >"$TMP/$1.log" 2>&1
	rc=$?
}
# expect_child NAME WANT: the child exited WANT.
expect_child() { [ "$rc" -eq "$2" ] && pass "$1: exit $rc" || fail "$1: exit $rc, wanted $2: $(tail -3 "$TMP/$1.log")"; }

child clean 'pass one; finish'
expect_child clean 0
[ -e "$TMP/clean.d" ] && fail "a passing test's scratch directory was kept" || pass "a passing test's scratch directory is removed"

child failed 'fail one; pass two; finish'
expect_child failed 1
[ -d "$TMP/failed.d" ] && pass "a failing test's scratch directory is kept" || fail "a failing test's scratch directory is gone"
grep -q "^FAIL: one" "$TMP/failed.log" && pass "the failure is printed" || fail "no FAIL line: $(cat "$TMP/failed.log")"

child no_finish 'fail one; pass two'
expect_child no_finish 1
child subshell '( fail "in a subshell" ); v=$(fail "in a capture"); finish'
expect_child subshell 1
grep -q "^2 check(s) failed" "$TMP/subshell.log" && pass "both counted" || fail "count: $(cat "$TMP/subshell.log")"
child died 'die "stop here"; fail "never reached"'
expect_child died 1
grep -q "never reached" "$TMP/died.log" && fail "die went on" || pass "die stops"

child skipped 'skip "not here"; fail "never reached"'
expect_child skipped 77
child exits 'at_exit "touch $TMP/../at_exit_ran"; fail one; finish'
expect_child exits 1
[ -e "$TMP/at_exit_ran" ] && pass "at_exit ran" || fail "at_exit did not run"

child exit_status 'expect_exit 3 "sh exits 3" -- sh -c "exit 3"; expect_exit 0 "sh exits 3" -- sh -c "exit 3"; finish'
expect_child exit_status 1
grep -q "^ok: sh exits 3 (exit 3)" "$TMP/exit_status.log" && grep -q "^FAIL: sh exits 3: exit 3, wanted 0" "$TMP/exit_status.log" &&
	pass "expect_exit passes and fails on the status" || fail "expect_exit: $(cat "$TMP/exit_status.log")"

# Validation: a real results file validates; a broken one does not; no validator is a failure.
expect_exit 0 "a small run" -- "$SB" run -q --no-table -m fork -n 5 -w 0 -o "$TMP/r.json"
child valid "expect_valid $TMP/r.json; finish"
expect_child valid 0
jq '.cases[0].surprise = 1' "$TMP/r.json" >"$TMP/bad.json"
child invalid "expect_valid $TMP/bad.json; finish"
expect_child invalid 1
printf '#!/bin/sh\nexit 77\n' >"$TMP/no-jsonschema"
chmod +x "$TMP/no-jsonschema"
SB_PYTHON3=$TMP/no-jsonschema child no_validator "validate $TMP/r.json >/dev/null && pass validated; finish"
expect_child no_validator 1
grep -q "python3-jsonschema is missing" "$TMP/no_validator.log" && pass "says why" ||
	fail "no reason: $(cat "$TMP/no_validator.log")"

# The same checks through numbers and JSON.
child checks "expect_num 2 '>' 1 two; expect_num 1 '>' 2 one; expect_json $TMP/r.json \"d['schema'] == 'spawnbench/1'\" schema; expect_true '1 < 2' lt; finish"
expect_child checks 1
[ "$(grep -c '^ok:' "$TMP/checks.log")" -eq 3 ] && [ "$(grep -c '^FAIL:' "$TMP/checks.log")" -eq 1 ] &&
	pass "expect_num, expect_json, expect_true" || fail "checks: $(cat "$TMP/checks.log")"
finish
