#!/bin/bash
# SPDX-License-Identifier: MIT
# The vmas plan: it loads and expands to fork and vfork over mapping counts; a small version of it really
# runs, records the mappings the parent held, and fork from many VMAs is slower than from few.
. "$(dirname "$0")/../lib.sh"

expect_exit 0 "the vmas plan expands" -- "$SB" run --plan vmas --dry-run
grep -q '^fork mem=200M vmas=50000$' "$TMP/out" && grep -q '^vfork mem=200M$' "$TMP/out" \
	&& pass "fork and vfork, 1 to 50000 mappings" || fail "plan cases: $(cat "$TMP/out")"

out=$TMP/v.json
expect_exit 0 "a small vmas sweep" -- "$SB" run -q --no-table -n 20 --warmup 2 --method fork,vfork --mem 40M \
	--vmas 1,10000 -o "$out"
v=$(json_q "$out" "[c['spawner']['mappings'] for c in d['cases'] if c['method'] == 'fork']")
json_q "$out" "sys.exit(0 if [c['spawner']['mappings'] >= 10000 for c in d['cases'] if c['method'] == 'fork'] == [False, True] else 1)" \
	&& pass "the spawner held the mappings asked for ($v)" || fail "mappings: $v"
ratio=$(json_q "$out" "[c['stats']['total_ns']['median'] for c in d['cases'] if c['method'] == 'fork'][1] / [c['stats']['total_ns']['median'] for c in d['cases'] if c['method'] == 'fork'][0]")
expect_num "$ratio" '>' 1 "fork: 10000 VMAs / 1 VMA"
expect_exit 0 "its report" -- "$SB" report -q "$out" -o "$TMP/rep"
[ -s "$TMP/rep/fig6b-vmas.png" ] && grep -q 'Parent mappings sweep' "$TMP/rep/report.md" \
	&& pass "the report draws the mappings figure" || fail "no vmas figure: $(ls "$TMP/rep")"
finish
