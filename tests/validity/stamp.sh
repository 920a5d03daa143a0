#!/bin/bash
# SPDX-License-Identifier: MIT
# --no-start: no start metric and no child CPU; every run measures the stamp's cost and states it.
. "$(dirname "$0")/../driver/lib.sh"

out=$TMP/s.json
expect_exit 0 "--no-start run" -- "$SB" run -q -n 20 --warmup 2 --method fork,vfork,clone,pthread --no-start -o "$out"
validate "$out" && pass "validates against docs/results.schema.json" || fail "schema validation"
v=$(json_q "$out" "all('start_ns' not in c['stats'] and 'start_ns' not in c['samples'] and 'total_ns' in c['stats'] for c in d['cases'])")
[ "$v" = "True" ] && pass "no start metric, total kept" || fail "start metric present: $v"
v=$(json_q "$out" "d['config']['no_start'] and all(c['placement']['same_cpu_share'] is None for c in d['cases'])")
[ "$v" = "True" ] && pass "no child CPU without the stamp" || fail "child CPUs with --no-start: $v"
v=$(json_q "$out" "d['run']['stamp_ns']['ci95_low'] <= d['run']['stamp_ns']['median'] <= d['run']['stamp_ns']['ci95_high']")
[ "$v" = "True" ] && pass "stamp_ns: median inside its CI" || fail "stamp_ns: $(json_q "$out" "d['run']['stamp_ns']")"
grep -q "the child's stamp adds" "$TMP/out" && grep -q -- "--no-start: no stamp" "$TMP/out" \
	&& pass "the table's footer states the stamp's cost" || fail "footer: $(tail -3 "$TMP/out")"
expect_exit 0 "a default run" -- "$SB" run -q --no-table -n 20 --warmup 2 --method fork -o "$out"
v=$(json_q "$out" "'start_ns' in d['cases'][0]['stats'] and not d['config']['no_start']")
[ "$v" = "True" ] && pass "start measured by default" || fail "default run lacks start"
finish
