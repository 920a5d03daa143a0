#!/bin/bash
# SPDX-License-Identifier: MIT
# The memory check counts every copy: with --child-writes each child writes its own copy of the parent
# memory, so a case needs twice it per spawner; and a request that overflows 64 bits is refused (exit 2),
# never wrapped around to a small number. All with --dry-run: nothing is allocated.
. "$(dirname "$0")/../lib.sh"
# The limit this machine allows a run, from the refusal of an impossible request ("the limit is 18333M").
"$SB" run -m fork --mem 1000T --dry-run >/dev/null 2>"$TMP/lim"
lim=$(sed -n 's/.*the limit is \([0-9]*\)M.*/\1/p' "$TMP/lim")
[ -n "$lim" ] || { fail "no limit in: $(cat "$TMP/lim")"; finish; }
mem=$((lim * 6 / 10))M   # fits once, not twice
expect_exit 0 "--mem 0.6 x the limit" -- "$SB" run -m fork --mem "$mem" --dry-run
expect_exit 2 "--mem 0.6 x the limit --child-writes (1.2 x)" -- "$SB" run -m fork --mem "$mem" --child-writes --dry-run
grep -q "each child writes its own copy" "$TMP/err" && pass "the message says why" || fail "message: $(head -c 300 "$TMP/err")"
mem=$((lim * 3 / 10))M
expect_exit 0 "--mem 0.3 x the limit --child-writes" -- "$SB" run -m fork --mem "$mem" --child-writes --dry-run
expect_exit 2 "--mem 0.3 x the limit --child-writes -c 2 (1.2 x)" -- "$SB" run -m fork --mem "$mem" --child-writes -c 2 --dry-run
for req in "--mem 4194304T -c 4" "--mem 8388607T -c 2" "--mem 4611686018427387904 --child-writes" "--mem 2305843009213693952 --child-writes -c 2"; do
	expect_exit 2 "$req (overflows 64 bits)" -- "$SB" run -m fork $req --dry-run
	grep -q "64 bits\|more than this machine allows" "$TMP/err" || fail "$req: message: $(head -c 300 "$TMP/err")"
done
finish
