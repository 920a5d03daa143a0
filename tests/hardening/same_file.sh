#!/bin/bash
# SPDX-License-Identifier: MIT
# An output that is the same file as another output or as an input is refused before anything runs
# (exit 2), by device and inode where the file exists, by directory and name where it does not yet.
. "$(dirname "$0")/../lib.sh"
cd "$TMP" || exit 1
"$SB" run -q --no-table -n 5 --method fork -o b.json 2>/dev/null || fail "a plain run failed"
cp b.json n.json
ln -s n.json n-link.json
ln b.json b-hard.json
mkdir sub

# same WHAT FILE -- CMD...: exit 2 naming "same file", FILE unchanged (or still absent)
same() {
	local what=$1 file=$2
	shift 3
	local before=absent
	[ -e "$file" ] && before=$(md5sum <"$file")
	expect_exit 2 "$what" -- "$@"
	grep -q "same file" "$TMP/err" || fail "$what: the message does not say why: $(head -c 300 "$TMP/err")"
	local after=absent
	[ -e "$file" ] && after=$(md5sum <"$file")
	[ "$before" = "$after" ] && pass "$what: $file untouched" || fail "$what: $file was changed"
}
same "run -o X --csv X (new file)" same.json -- "$SB" run -q -n 5 -m fork -o same.json --csv same.json
same "run -o X --csv ./sub/../X" same.json -- "$SB" run -q -n 5 -m fork -o same.json --csv ./sub/../same.json
[ -e same.json ] && fail "run wrote same.json although it refused"
"$SB" run -q --no-table -n 5 -m fork -o same.json 2>/dev/null
same "run -o X --csv X (existing)" same.json -- "$SB" run -q -n 5 -m fork -o same.json --csv same.json
same "run -o X --csv hard link of X" b.json -- "$SB" run -q -n 5 -m fork -o b.json --csv b-hard.json
printf 'description: one case\ncases: --method fork\n' >p.plan
same "run -o PLAN" p.plan -- "$SB" run -q -n 5 --plan ./p.plan -o p.plan
same "run --csv PLAN (--plan=)" p.plan -- "$SB" run -q -n 5 --plan=./p.plan --csv ./sub/../p.plan
same "compare -o NEW" n.json -- "$SB" compare b.json n.json -o n.json
same "compare -o symlink to NEW" n.json -- "$SB" compare b.json n.json -o n-link.json
same "compare --json-out BASE" b.json -- "$SB" compare b.json n.json --json-out "$TMP/b.json"
same "compare -o X --json-out X" out.md -- "$SB" compare b.json n.json -o out.md --json-out out.md
same "export -o INPUT" n.json -- "$SB" export -f csv n.json -o n.json
same "export -o hard link of an input" b.json -- "$SB" export -f csv n.json b.json -o b-hard.json
# Devices are written in place, never replaced: two outputs on /dev/null are fine.
expect_exit 0 "export -o /dev/null" -- "$SB" export -f csv n.json -o /dev/null
expect_exit 0 "compare -o /dev/null --json-out /dev/null" -- "$SB" compare b.json n.json -o /dev/null --json-out /dev/null
expect_exit 0 "distinct outputs" -- "$SB" compare b.json n.json -o c.md --json-out c.json
finish
