#!/bin/bash
# SPDX-License-Identifier: MIT
# --probe stages: a case spawns on until --stage-samples samples fell inside copy_process, or warns
# few-stage-samples and prints no shares. Needs root (skip 77 without it, a failure in CI).
. "$(dirname "$0")/../lib.sh"
need_root "stage sampling"

out=$TMP/st.json
# vfork is fast: 100 spawns hold few samples at the default rate, so reaching 60 takes more spawns.
expect_exit 0 "a stages run asking for 60 samples" -- "$SB" run -q --no-table -n 100 --method vfork --probe stages \
	--stage-samples 60 -o "$out"
expect_valid "$out"
v=$(json_q "$out" "d['cases'][0]['stage_samples'] >= 60 and d['cases'][0]['probe']['stage_samples_total'] >= 60 and len(d['cases'][0]['samples']['total_ns']) > 100")
[ "$v" = "True" ] && pass "spawned past -n until 60 samples ($(json_q "$out" "d['cases'][0]['stage_samples']") in $(json_q "$out" "len(d['cases'][0]['samples']['total_ns'])") spawns)" \
	|| fail "samples: $(json_q "$out" "(d['cases'][0]['stage_samples'], len(d['cases'][0]['samples']['total_ns']))")"
v=$(json_q "$out" "'few-stage-samples' in [w['code'] for w in d['cases'][0]['warnings']]")
[ "$v" = "False" ] && pass "no few-stage-samples warning when reached" || fail "warned although reached"

# An unreachable quota within a short budget: the warning, and the table prints no shares.
expect_exit 0 "a stages run with an unreachable quota" -- "$SB" run -q -n 50 --method vfork --probe stages \
	--stage-samples 1000000 --max-time 0.5s -o "$out"
v=$(json_q "$out" "d['cases'][0]['stage_samples'] < 1000000 and 'few-stage-samples' in [w['code'] for w in d['cases'][0]['warnings']]")
[ "$v" = "True" ] && pass "few-stage-samples warned" || fail "warnings: $(json_q "$out" "d['cases'][0]['warnings']")"
grep -q 'kernel: too few stage samples ([0-9]*)' "$TMP/out" && pass "the table says too few stage samples" \
	|| fail "table: $(cat "$TMP/out")"
grep -qE 'kernel: .*[0-9]+%' "$TMP/out" && fail "the table still printed shares" || pass "no shares printed"
finish
