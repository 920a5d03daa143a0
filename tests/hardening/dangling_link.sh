#!/bin/bash
# SPDX-License-Identifier: MIT
# An output that is a symlink to a file not made yet (a dangling link, e.g. latest.json -> runs/7.json): the
# file is written where the link points and the link stays a link, as links to existing files are. A loop
# of links is refused (exit 2) before anything runs.
. "$(dirname "$0")/../lib.sh"
cd "$TMP" || exit 1
mkdir runs
"$SB" run -q --no-table -n 5 -m fork -o base.json 2>/dev/null || fail "a plain run failed"

# through LINK TARGET WHAT CMD...: exit 0, LINK still a link, TARGET a non-empty regular file
through() {
	local link=$1 target=$2 what=$3
	shift 4
	expect_exit 0 "$what" -- "$@"
	[ -L "$link" ] && pass "$what: $link is still a link" || fail "$what: $link was replaced by a $(stat -c %F "$link")"
	[ -f "$target" ] && [ -s "$target" ] && pass "$what: written through to $target" || fail "$what: $target not written"
}
ln -s runs/r.json latest.json
ln -s runs/r.csv latest.csv
through latest.json runs/r.json "run -o a dangling link" -- "$SB" run -q --no-table -n 5 -m fork -o latest.json --csv latest.csv
[ -L latest.csv ] && [ -s runs/r.csv ] && pass "run --csv a dangling link: written through" || fail "run --csv: link replaced or target missing"
json_q runs/r.json "d['schema']" | grep -q spawnbench/1 || fail "runs/r.json is not a results file"
# A chain: a relative link to a relative link in another directory.
ln -s ../runs/e.csv runs/e-link && ln -s runs/e-link chain.csv
through chain.csv runs/e.csv "export -o a chain of dangling links" -- "$SB" export -f csv base.json -o chain.csv
[ -L runs/e-link ] || fail "the middle link of the chain was replaced"
ln -s runs/c.md cmp.md
# base.json against a copy of itself: no case can regress, so the exit status is compare's writing alone.
cp base.json same.json
through cmp.md runs/c.md "compare -o a dangling link" -- "$SB" compare base.json same.json -o cmp.md
ln -s loop-b loop-a && ln -s loop-a loop-b
expect_exit 2 "run -o a loop of links" -- "$SB" run -q --no-table -n 5 -m fork -o loop-a
[ -L loop-a ] && [ -L loop-b ] || fail "the loop's links were replaced"
finish
