#!/bin/bash
# SPDX-License-Identifier: MIT
# A program that never exits, or exits badly, fails its case with a clear reason; the run goes on and
# nothing it started is left.
SB_WORKER_ASAN=1
. "$(dirname "$0")/../lib.sh"

printf '#!/bin/sh\nexec sleep 300\n' > "$TMP/hang"
chmod +x "$TMP/hang"
out=$TMP/t.json
expect_exit 0 "a hanging child in the measured batches" -- "$SB" run -q --no-table -n 4 --warmup 0 \
	--spawn-timeout 0.2s --method fork,posix_spawn --exec "$TMP/hang",child -o "$out"
v=$(json_q "$out" "[(c['exec'].split('/')[-1], c['status'], c['errno_name'] if c['errno'] else '', 'spawn-timeout' in c.get('reason', '')) for c in d['cases']]")
want="[('hang', 'error', 'ETIMEDOUT', True), ('child', 'ok', '', False), ('hang', 'error', 'ETIMEDOUT', True), ('child', 'ok', '', False)]"
[ "$v" = "$want" ] && pass "hanging cases failed with ETIMEDOUT, the others ran" || fail "cases: $v"
expect_exit 0 "a hanging child during warm-up" -- "$SB" run -q --no-table -n 4 --warmup 1 --spawn-timeout 0.1s \
	--method vfork --exec "$TMP/hang" -o "$out"
v=$(json_q "$out" "d['cases'][0]['status'] + ' ' + d['cases'][0]['reason']")
case "$v" in error*--spawn-timeout*) pass "warm-up hang reported: $v" ;; *) fail "warm-up: $v" ;; esac
pgrep -f "$TMP/hang" >/dev/null && fail "the hanging program survived" || pass "the hanging program was killed"

expect_exit 0 "a child exiting 1" -- "$SB" run -q --no-table -n 4 --method fork --exec /bin/false -o "$out"
v=$(json_q "$out" "d['cases'][0]['status'] + ' ' + d['cases'][0]['reason']")
case "$v" in "error "*"did not exit cleanly"*) pass "non-zero exit reported: $v" ;; *) fail "exit 1: $v" ;; esac
left=$(leftovers)
[ -z "$left" ] && pass "no worker or child left" || fail "left behind: $left"
finish
