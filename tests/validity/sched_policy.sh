#!/bin/bash
# SPDX-License-Identifier: MIT
# The scheduling policy the spawner ran under is recorded (placement.sched_policy), not changed: run under
# chrt -b the record says batch. And what keeping the policy relies on: the new child of a short fork on
# its parent's CPU does not preempt the parent at wake-up; it first runs after its parent's call returned,
# so fork's `create` is the call, not the child's life (docs/methodology.md, Placement). A long fork (a big
# parent on a busy CPU) can use up its slice and be preempted on its way out whatever the policy: the
# ordering is asserted at 0 MiB only.
. "$(dirname "$0")/../lib.sh"

out=$TMP/p.json
mine=$("$PY" -c "import os; print({0: 'normal', 3: 'batch', 5: 'idle', 1: 'fifo', 2: 'rr'}.get(os.sched_getscheduler(0), 'other'))")
expect_exit 0 "fork and vfork pinned to one CPU" -- "$SB" run -q --no-table -n 40 --warmup 2 --cpu 0 \
	--method fork,vfork -o "$out"
validate "$out" && pass "validates against docs/results.schema.json" || fail "schema validation"
v=$(json_q "$out" "sorted(set(c['placement']['sched_policy'] for c in d['cases'] if c['status'] == 'ok'))")
[ "$v" = "['$mine']" ] && pass "every case records the policy it ran under ($mine)" || fail "sched_policy: $v, this shell's: $mine"

# Share of fork spawns whose child stamped its start after the parent's call returned (start >= create).
after=$(json_q "$out" "min(sum(s >= c_ for c_, s in zip(c['samples']['create_ns'], c['samples']['start_ns'])) / len(c['samples']['start_ns']) for c in d['cases'] if c['method'] == 'fork' and c['status'] == 'ok')")
"$PY" -c "import sys; sys.exit(0 if float(sys.argv[1]) >= 0.75 else 1)" "$after" \
	&& pass "same CPU: fork's child first runs after its parent's create ended (lowest share $after)" \
	|| fail "fork's child ran before its parent returned in too many spawns (share after: $after)"

if command -v chrt >/dev/null && chrt -b 0 true 2>/dev/null; then
	expect_exit 0 "the same run under chrt -b 0" -- chrt -b 0 "$SB" run -q --no-table -n 10 --warmup 2 --cpu 0 \
		--method fork,pthread -o "$out"
	v=$(json_q "$out" "sorted(set(c['placement']['sched_policy'] for c in d['cases'] if c['status'] == 'ok'))")
	[ "$v" = "['batch']" ] && pass "under chrt -b the record says batch" || fail "sched_policy under chrt -b: $v"
else
	echo "skip: chrt -b is not available here"
fi
[ -z "$(leftovers)" ] && pass "no process left behind" || fail "left behind: $(leftovers)"
finish
