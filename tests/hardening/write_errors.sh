#!/bin/bash
# SPDX-License-Identifier: MIT
# One rule for write failures, in every subcommand: exit 4 and the errno text. Written to a private
# /dev/full (mknod c 1 7 in the scratch directory: never /dev itself).
. "$(dirname "$0")/../lib.sh"
need_root "for mknod"
cd "$TMP" || exit 1
mknod -m 666 full c 1 7 || { echo "mknod refused here"; exit 77; }
"$SB" run -q --no-table -n 5 -m fork -o r.json 2>/dev/null || fail "a plain run failed"

# fails4 WHAT CMD...: exit 4, stderr has the errno text
fails4() {
	local what=$1
	shift 2
	expect_exit 4 "$what" -- "$@"
	grep -q "No space left on device\|No such file or directory" "$TMP/err" && pass "$what: gives the reason" ||
		fail "$what: no errno text: $(head -c 300 "$TMP/err")"
}
fails4 "compare -o full" -- "$SB" compare r.json r.json -o full
fails4 "compare --json-out full" -- "$SB" compare r.json r.json --json-out full
fails4 "compare > full" -- bash -c '"$1" compare r.json r.json >full' _ "$SB"
# A path that names no place at all is bad input (exit 2), as in run; still with the reason.
expect_exit 2 "compare -o missing/dir/x.md" -- "$SB" compare r.json r.json -o missing/dir/x.md
grep -q "No such file or directory" "$TMP/err" && pass "compare -o missing/dir: gives the reason" || fail "no reason: $(head -c 200 "$TMP/err")"
fails4 "export -o full" -- "$SB" export -f csv r.json -o full
fails4 "export > full" -- bash -c '"$1" export -f csv r.json >full' _ "$SB"
TMPDIR=$TMP fails4 "run -o full" -- "$SB" run -q --no-table -n 3 -m fork -o full
compgen -G "$TMP/full.unsaved-*" >/dev/null && pass "run saved the results in \$TMPDIR" || fail "run's results were not saved"
[ -c full ] && pass "the device is still a device" || fail "the device was replaced"
finish
