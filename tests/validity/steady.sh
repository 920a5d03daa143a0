#!/bin/bash
# SPDX-License-Identifier: MIT
# Steady state, with the worker's test hooks making real transients (bench/worker/worker_main.c): a slow
# start is dropped by the adaptive warm-up; a series that keeps jumping is flagged not-steady and shown.
. "$(dirname "$0")/../lib.sh"

out=$TMP/t.json
# The first 15 spawns come from a parent holding 256 MiB more: fork copies its page tables, several times slower.
SPAWNBENCH_TEST_TRANSIENT=15:256 expect_exit 0 "a run starting with a transient" -- \
	"$SB" run -q --no-table -n 30 --warmup 0 --method fork -o "$out"
v=$(json_q "$out" "d['cases'][0]['warmup_dropped']")
[ "$v" -ge 10 ] && pass "the adaptive warm-up dropped $v samples" || fail "dropped only $v samples"
expect_json "$out" "len(d['cases'][0]['samples']['total_ns']) == 30 and [w['code'] for w in d['cases'][0]['warnings']] == []" "refilled to 30 samples, no warning"
expect_valid "$out"

# 20 spawns fast, 20 slow, 20 fast, ...: each extension of the warm-up finds the thirds apart again, and
# after three (30 spawns, as many as -n) the case is warned about. Counted in spawns, not timed.
SPAWNBENCH_TEST_SQUARE=20:64 expect_exit 0 "a run that never settles" -- \
	"$SB" run -q -n 30 --warmup 0 --method fork -o "$out"
v=$(json_q "$out" "[w['code'] for w in d['cases'][0]['warnings']]")
[ "$v" = "['not-steady']" ] && pass "flagged not-steady" || fail "warnings: $v"
grep -q '^fork \[!1\]' "$TMP/out" && grep -q '^\[!1\] fork: not-steady: ' "$TMP/out" \
	&& pass "the table marks the case and prints the warning" || fail "table: $(cat "$TMP/out")"

# Without a transient a plain run gets no warning and drops nothing (the check is not trigger-happy). Pinned:
# unpinned, where the scheduler put the spawner drifted the series on this VM (1 run in 5 dropped over 20).
expect_exit 0 "a plain run" -- "$SB" run -q --no-table -n 60 --cpu 0 --method vfork -o "$out"
v=$(json_q "$out" "d['cases'][0]['warmup_dropped'] <= 20 and 'not-steady' not in [w['code'] for w in d['cases'][0]['warnings']]")
[ "$v" = "True" ] && pass "a plain run settles" || fail "plain run: $(json_q "$out" "d['cases'][0]['warnings']")"
finish
