#!/bin/bash
# SPDX-License-Identifier: MIT
# --no-start: no start metric and no child CPU, and an exec'd program stamps nothing either (no exec metric);
# every run measures the stamp's cost and states it.
. "$(dirname "$0")/../lib.sh"

out=$TMP/s.json
expect_exit 0 "--no-start run" -- "$SB" run -q -n 20 --warmup 2 --method fork,vfork,clone,pthread --no-start -o "$out"
expect_valid "$out"
expect_json "$out" "all('start_ns' not in c['stats'] and 'start_ns' not in c['samples'] and 'total_ns' in c['stats'] for c in d['cases'])" "no start metric, total kept"
expect_json "$out" "d['config']['no_start'] and all(c['placement']['same_cpu_share'] is None for c in d['cases'])" "no child CPU without the stamp"
v=$(json_q "$out" "d['run']['stamp_ns']['ci95_low'] <= d['run']['stamp_ns']['median'] <= d['run']['stamp_ns']['ci95_high']")
[ "$v" = "True" ] && pass "stamp_ns: median inside its CI" || fail "stamp_ns: $(json_q "$out" "d['run']['stamp_ns']")"
grep -q "the child's stamp adds" "$TMP/out" && grep -q -- "--no-start: no stamp" "$TMP/out" \
	&& pass "the table's footer states the stamp's cost" || fail "footer: $(tail -3 "$TMP/out")"
expect_exit 0 "--no-start with exec'd children" -- "$SB" run -q --no-table -n 10 --warmup 1 --method fork,posix_spawn \
	--exec child --no-start -o "$out"
expect_json "$out" "all(c['status'] == 'ok' and 'exec_ns' not in c['stats'] and 'start_ns' not in c['stats'] and 'total_ns' in c['stats'] for c in d['cases'])" "--no-start: the exec'd program stamps nothing"
expect_exit 0 "exec'd children, default" -- "$SB" run -q --no-table -n 10 --warmup 1 --method posix_spawn --exec child -o "$out"
expect_json "$out" "'exec_ns' in d['cases'][0]['stats']" "by default the exec'd program stamps its main()"
expect_exit 0 "a default run" -- "$SB" run -q --no-table -n 20 --warmup 2 --method fork -o "$out"
expect_json "$out" "'start_ns' in d['cases'][0]['stats'] and not d['config']['no_start']" "start measured by default"
finish
