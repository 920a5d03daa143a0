#!/bin/bash
# SPDX-License-Identifier: MIT
# Bad input: exit status 2, one line naming the file (or gnuplot) and what is wrong, and nothing written:
# no output directory, no temporary left beside it, an earlier report untouched.
. "$(dirname "$0")/../lib.sh"
need gnuplot xmllint pdfinfo pdftoppm

GOOD=$FIX/stacks.json
printf 'this is not json\n' >"$TMP/garbage.json"
head -c 3000 "$GOOD" >"$TMP/truncated.json"
"$PY" - "$GOOD" "$TMP" <<'PY'
import json, sys
doc = json.load(open(sys.argv[1]))
d = sys.argv[2]
v2 = dict(doc, schema="spawnbench/2")
json.dump(v2, open(d + "/future.json", "w"))
nos = dict(doc)
del nos["schema"]
json.dump(nos, open(d + "/noschema.json", "w"))
json.dump(dict(doc, cases={}), open(d + "/nocases.json", "w"))
skipped = dict(doc, cases=[dict(c, status="skipped", reason="interrupted", samples={}, stats={}) for c in doc["cases"]])
json.dump(skipped, open(d + "/unusable.json", "w"))
json.dump(dict(doc, cases=[]), open(d + "/empty.json", "w"))
PY

# nothing_written DIR: neither DIR nor a temporary beside it exists.
nothing_written() {
	[ -e "$1" ] && fail "$1 was created"
	ls -A "$(dirname "$1")" | grep -q "^\.$(basename "$1")\.tmp-" && fail "a temporary directory was left beside $1"
}

check_bad() {
	local file=$1 what=$2
	expect_rc 2 "$SB" report "$GOOD" "$file" -o "$TMP/out-bad"
	expect_in "$TMP/err" "$file"
	expect_in "$TMP/err" "$what"
	[ "$(wc -l <"$TMP/err")" = 1 ] || fail "$(basename "$file"): want one line on stderr, got: $(cat "$TMP/err")"
	nothing_written "$TMP/out-bad"
}

check_bad "$TMP/missing.json" "No such file"
check_bad "$TMP/garbage.json" "not valid JSON"
check_bad "$TMP/truncated.json" "truncated"
check_bad "$TMP/future.json" "spawnbench/2"
check_bad "$TMP/noschema.json" "no \"schema\""
check_bad "$TMP/nocases.json" "no \"cases\" array"
check_bad "$TMP/unusable.json" "no usable cases"
check_bad "$TMP/empty.json" "no usable cases"
check_bad "$TMP" "not a regular file"

# Options.
expect_rc 2 "$SB" report "$GOOD"
expect_in "$TMP/err" "-o DIR is required"
expect_rc 2 "$SB" report -o "$TMP/out-bad"
expect_in "$TMP/err" "no results file"
expect_rc 2 "$SB" report --style poster "$GOOD" -o "$TMP/out-bad"
expect_in "$TMP/err" "poster"
expect_rc 2 "$SB" report --metric wall "$GOOD" -o "$TMP/out-bad"
expect_in "$TMP/err" "wall"
expect_rc 2 "$SB" report --frobnicate "$GOOD" -o "$TMP/out-bad"
nothing_written "$TMP/out-bad"

# The output directory: never a file, never somebody else's directory.
: >"$TMP/afile"
expect_rc 2 "$SB" report "$GOOD" -o "$TMP/afile"
expect_in "$TMP/err" "not a directory"
mkdir "$TMP/mine" && echo keep >"$TMP/mine/notes.txt"
expect_rc 2 "$SB" report "$GOOD" -o "$TMP/mine"
expect_in "$TMP/err" "not an earlier spawnbench report"
[ "$(cat "$TMP/mine/notes.txt")" = keep ] && [ "$(ls -A "$TMP/mine")" = notes.txt ] || fail "$TMP/mine was touched"
mkdir "$TMP/emptydir"
expect_rc 0 "$SB" report -q "$GOOD" -o "$TMP/emptydir"
[ -s "$TMP/emptydir/report.html" ] || fail "an empty directory was not used"

# gnuplot missing.
expect_rc 2 "$SB" report --gnuplot "$TMP/no-such-gnuplot" "$GOOD" -o "$TMP/out-bad"
expect_in "$TMP/err" "no-such-gnuplot"
expect_in "$TMP/err" "could not be run"
nothing_written "$TMP/out-bad"
SPAWNBENCH_GNUPLOT=$TMP/no-such-gnuplot expect_rc 2 "$SB" report "$GOOD" -o "$TMP/out-bad"
expect_in "$TMP/err" "no-such-gnuplot"

# gnuplot failing on one figure: its own message comes through, and nothing is written.
cat >"$TMP/gnuplot-fails" <<SH
#!/bin/sh
case "\$1" in
fig6-stack.gp) echo "\"\$1\" line 12: unknown or ambiguous terminal type" >&2; exit 1 ;;
esac
exec gnuplot "\$@"
SH
chmod +x "$TMP/gnuplot-fails"
expect_rc 2 "$SB" report --gnuplot "$TMP/gnuplot-fails" "$GOOD" -o "$TMP/out-bad"
expect_in "$TMP/err" "gnuplot failed on fig6-stack.gp"
expect_in "$TMP/err" "unknown or ambiguous terminal type"
[ "$(wc -l <"$TMP/err")" = 1 ] || fail "gnuplot failure: want one line on stderr, got: $(cat "$TMP/err")"
nothing_written "$TMP/out-bad"

# A failing run over an earlier report leaves that report as it was.
expect_rc 0 "$SB" report -q "$FIX/concurrency.json" -o "$TMP/earlier"
before=$(cd "$TMP/earlier" && ls -A | sort | md5sum)
expect_rc 2 "$SB" report --gnuplot "$TMP/gnuplot-fails" "$GOOD" -o "$TMP/earlier"
after=$(cd "$TMP/earlier" && ls -A | sort | md5sum)
[ "$before" = "$after" ] || fail "the earlier report changed although the new one failed"
ls -A "$TMP" | grep -q '^\.earlier\.tmp-' && fail "a temporary directory was left beside $TMP/earlier"

# Ctrl-C while figures are drawn: exit 130 and nothing left, neither the directory nor its temporary.
"$SB" report "$FIX"/*.json -o "$TMP/interrupted" >/dev/null 2>"$TMP/err" &
pid=$!
sleep 0.3
kill -INT $pid
wait $pid
rc=$?
if [ $rc = 130 ]; then
	nothing_written "$TMP/interrupted"
	expect_in "$TMP/err" "interrupted"
elif [ $rc != 0 ]; then
	fail "interrupted report exited $rc"
fi

finish
