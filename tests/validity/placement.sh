#!/bin/bash
# SPDX-License-Identifier: MIT
# Every case records where its spawns ran and carries a warnings list; --placement same keeps children on
# the parent's CPU, cross (pthread) moves them, and cross is refused where no method can do it.
. "$(dirname "$0")/../lib.sh"

out=$TMP/p.json
expect_exit 0 "default placement run" -- "$SB" run -q -n 30 --warmup 2 --method fork,vfork,pthread,posix_spawn \
	--exec none,child -o "$out"
expect_valid "$out"
expect_json "$out" "all(isinstance(c['warnings'], list) for c in d['cases'])" "every case has a warnings list"
expect_json "$out" "d['config']['placement'] == 'same' and all(c['placement']['same_cpu_share'] is None or 0 <= c['placement']['same_cpu_share'] <= 1 for c in d['cases'] if c['status'] == 'ok')" "placement recorded, shares in [0, 1]"
v=$(json_q "$out" "min(c['placement']['same_cpu_share'] for c in d['cases'] if c['status'] == 'ok' and c['placement']['same_cpu_share'] is not None)")
expect_num "$v" '>=' 0.9 "same: children on the parent's CPU (lowest share)"
v=$(json_q "$out" "sum(1 for c in d['cases'] if c['status'] == 'ok' and c['placement']['same_cpu_share'] is not None)")
[ "$v" -ge 6 ] && pass "$v cases know their children's CPU (posix_spawn through exec'd main)" || fail "only $v cases know the child's CPU"
grep -q '^placement: same' "$TMP/out" && pass "the table's footer names the placement" || fail "no placement footer"

if [ "$(nproc)" -ge 2 ]; then
	expect_exit 0 "--placement cross with pthread" -- "$SB" run -q --no-table -n 30 --method pthread --placement cross -o "$out"
	v=$(json_q "$out" "d['cases'][0]['placement']['same_cpu_share']")
	expect_num "$v" '<=' 0.1 "cross: threads start elsewhere (share of the parent's CPU)"
	v=$(json_q "$out" "[w['code'] for w in d['cases'][0]['warnings']]")
	[ "$v" = "[]" ] && pass "asked-for cross placement is not warned about" || fail "cross warned: $v"
fi
expect_exit 2 "--placement cross refused for fork" -- "$SB" run -q --no-table -n 5 --method fork --placement cross -o "$out"
grep -q "inherits its parent's CPU mask" "$TMP/err" && pass "the refusal says why" || fail "refusal: $(cat "$TMP/err")"
expect_exit 2 "--placement bogus refused" -- "$SB" run -q --no-table -n 5 --method fork --placement bogus -o "$out"

# any: nothing pinned, placement still recorded (where the scheduler put them is data, not a failure)
expect_exit 0 "--placement any" -- "$SB" run -q --no-table -n 20 --method vfork --placement any -o "$out"
expect_json "$out" "d['config']['placement'] == 'any' and d['config']['cpu'] == [] and len(d['cases'][0]['placement']['child_cpus']) >= 1" "any: unpinned and recorded"
[ -z "$(leftovers)" ] && pass "no process left behind" || fail "left behind: $(leftovers)"
finish
