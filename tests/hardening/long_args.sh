#!/bin/bash
# SPDX-License-Identifier: MIT
# A 100 KB argument: the message quotes at most ~80 bytes of it and always ends with the reason (it was cut
# at about 700 bytes, before the reason). A plan that is a FIFO with no writer is refused at once instead
# of blocking the open for ever; so are a directory and a device.
. "$(dirname "$0")/../lib.sh"
cd "$TMP" || exit 1
big=$(head -c 100000 /dev/zero | tr '\0' 'x')
# reason OPTION TEXT: `run OPTION <big>` exits 2, says TEXT, and its message is short
reason() {
	expect_exit 2 "$1 <100 KB>" -- "$SB" run "$1" "$big" -m fork --dry-run
	local len
	len=$(wc -c <"$TMP/err")
	grep -qF -- "$2" "$TMP/err" && [ "$len" -lt 400 ] && pass "$1: $len bytes, says '$2'" ||
		fail "$1: $len bytes, want < 400 with '$2': $(head -c 300 "$TMP/err")"
}
reason -m "(known: fork"
reason --mem "is not a size"
reason --stack "is not a size"
reason -n "is not a non-negative whole number"
reason --seed "is not a non-negative whole number"
reason --batch "is not a non-negative whole number"
reason --max-time "is not a duration"
reason --spawn-timeout "is not a duration"
reason --target-ci "is not a ratio"
reason --preset "unknown preset"
reason --cpu "is not a non-negative whole number"
reason --exec "not an absolute path"
reason --plan "File name too long"
expect_exit 2 "an unknown option of 100 KB" -- "$SB" run "--$big"
[ "$(wc -c <"$TMP/err")" -lt 400 ] && grep -q "see 'spawnbench run --help'" "$TMP/err" && pass "unknown option: short, with the hint" ||
	fail "unknown option: $(head -c 300 "$TMP/err")"

mkfifo plan.fifo
mkdir plan.dir
for p in plan.fifo plan.dir; do
	expect_exit 2 "--plan ./$p" -- timeout 20 "$SB" run --plan "./$p" --dry-run
	grep -q "not a regular file" "$TMP/err" && pass "--plan ./$p: says not a regular file" || fail "--plan ./$p: $(head -c 300 "$TMP/err")"
done
finish
