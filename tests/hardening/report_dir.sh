#!/bin/bash
# SPDX-License-Identifier: MIT
# report -o DIR over an earlier report: replaced only while it holds nothing but what that report wrote
# (its manifest, DIR/.spawnbench-report); a file or a folder a user added since makes it refuse (exit 2),
# naming them, and everything in DIR stays as it was.
. "$(dirname "$0")/../lib.sh"
cd "$TMP" || exit 1
"$SB" run -q --no-table -n 5 --method fork -o r.json 2>/dev/null || fail "a plain run failed"

expect_exit 0 "first report" -- "$SB" report -q r.json -o r
[ -s r/.spawnbench-report ] && grep -qx "report.html" r/.spawnbench-report &&
	pass "the manifest lists what the report wrote" || fail "no manifest listing report.html"
expect_exit 0 "a second report over the first" -- "$SB" report -q r.json -o r

echo "my notes" >r/notes.txt
mkdir -p r/mine/deep && echo x >r/mine/deep/f
expect_exit 2 "a report over a directory with a user's file and folder" -- "$SB" report -q r.json -o r
grep -q "notes.txt" "$TMP/err" && grep -q "mine/" "$TMP/err" && pass "the message names them" ||
	fail "the message does not name notes.txt and mine/: $(head -c 300 "$TMP/err")"
grep -q "mine/deep" "$TMP/err" && fail "the message lists inside a foreign folder: $(head -c 300 "$TMP/err")"
[ "$(cat r/notes.txt 2>/dev/null)" = "my notes" ] && [ -f r/mine/deep/f ] && pass "the user's files are kept" ||
	fail "the user's files were deleted"
[ -f r/report.html ] && pass "the earlier report is kept" || fail "the earlier report is gone"
compgen -G ".r.tmp-*" >/dev/null && fail "temporary directory left: $(echo .r.tmp-*)"

# Once the user's files are gone, the report may replace it again.
rm -r r/notes.txt r/mine
expect_exit 0 "a report once the user's files are moved away" -- "$SB" report -q r.json -o r

# A marker of an older spawnbench (empty: no list of what it wrote) cannot vouch for anything else.
: >r/.spawnbench-report
expect_exit 2 "a marker without a manifest, over a non-empty directory" -- "$SB" report -q r.json -o r
grep -q "fig5-ecdf" "$TMP/err" && pass "the message names what is there" || fail "not named: $(head -c 300 "$TMP/err")"
finish
