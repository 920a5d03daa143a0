#!/bin/bash
# SPDX-License-Identifier: MIT
# Counters count: software events on every host, page faults that follow the memory a child writes,
# hardware events reported as unavailable (never as zeros) where there is no PMU, bad names refused.
. "$(dirname "$0")/../lib.sh"

out=$TMP/c.json
events=perf::TASK-CLOCK,perf::PAGE-FAULTS,perf::CONTEXT-SWITCHES,cycles,instructions
expect_exit 0 "fork at 0 and 64M, the child writing every page, counters on" -- "$SB" run -q --no-table -n 20 \
	--warmup 2 --method fork --mem 0,64M --child-writes --counters "$events" -o "$out"
expect_valid "$out"

# Software events count on any Linux host.
for scope in parent child; do
	v=$(counter_median "$out" "fork child-writes" perf::TASK-CLOCK $scope)
	expect_true "$v > 0" "task-clock counts ($scope: $v ns)"
done
n=$(counters_q "$out" "len(ev[('fork child-writes', 'perf::TASK-CLOCK', 'parent')]['samples'])")
[ "$n" -eq 20 ] && pass "one counter value per spawn" || fail "$n values for 20 spawns"
# The child copies every page it writes: its page faults grow by about one per 4K page of parent memory.
f0=$(counter_median "$out" "fork child-writes" perf::PAGE-FAULTS child)
f64=$(counter_median "$out" "fork mem=64M child-writes" perf::PAGE-FAULTS child)
expect_true "$f64 - $f0 >= 0.9 * 16384 and $f64 - $f0 <= 1.1 * 16384 + 64" "child page faults: $f0 at 0, $f64 at 64M (16384 pages)"
p0=$(counter_median "$out" "fork child-writes" perf::PAGE-FAULTS parent)
p64=$(counter_median "$out" "fork mem=64M child-writes" perf::PAGE-FAULTS parent)
expect_true "$p64 < 1000" "the fork call itself takes few faults ($p0, $p64)"

# Hardware events: counted for real, or unavailable with a reason; never a column of zeros.
for e in cycles instructions; do
	st=$(counters_q "$out" "ev[('fork child-writes', '$e', 'parent')]['status']")
	if [ "$st" = unavailable ]; then
		r=$(counters_q "$out" "ev[('fork child-writes', '$e', 'parent')]['reason']")
		[ -n "$r" ] && pass "$e unavailable: $r" || fail "$e unavailable without a reason"
		has=$(counters_q "$out" "'samples' in ev[('fork child-writes', '$e', 'parent')]")
		[ "$has" = False ] && pass "$e has no made-up values" || fail "$e unavailable but has samples"
	else
		v=$(counter_median "$out" "fork child-writes" "$e" parent)
		expect_true "$v > 0" "$e counts ($v)"
	fi
done
mux=$(counters_q "$out" "all(isinstance(e.get('multiplexed'), bool) for e in ev.values() if e['status'] == 'ok')")
[ "$mux" = True ] && pass "every counted event says whether it was multiplexed" || fail "multiplexed flags missing"
csvh=$("$SB" run -q --no-table -n 5 --method fork --counters perf::PAGE-FAULTS -o "$TMP/x.json" --csv "$TMP/x.csv" && head -1 "$TMP/x.csv")
case "$csvh" in *perf::PAGE-FAULTS_parent_median*perf::PAGE-FAULTS_child_median*) pass "CSV has counter columns" ;;
	*) fail "CSV header: $csvh" ;; esac

# On and off side by side in one run: the off case has no counters object.
expect_exit 0 "--count on,off" -- "$SB" run -q --no-table -n 10 --method vfork --counters perf::PAGE-FAULTS \
	--count on,off -o "$TMP/onoff.json"
v=$(json_q "$TMP/onoff.json" "[('counters' in c, c['label']) for c in d['cases']]")
[ "$v" = "[(True, 'vfork'), (False, 'vfork count=off')]" ] && pass "counting on and off in one run" || fail "$v"

# Bad names are refused before anything runs, with libpfm4's message and a suggestion.
expect_exit 2 "misspelt event" -- "$SB" run -q -n 5 --method fork --counters perf::PAGE-FALTS -o "$TMP/never.json"
grep -q "event not found; did you mean 'perf::PAGE-FAULTS'" "$TMP/err" && pass "  libpfm4's message and a suggestion" \
	|| fail "  message: $(cat "$TMP/err")"
[ ! -e "$TMP/never.json" ] && pass "  nothing written" || fail "  results written"
expect_exit 2 "bad attribute" -- "$SB" run -q -n 5 --method fork --counters perf::PAGE-FAULTS:zz
expect_exit 2 "nine events" -- "$SB" run -q -n 5 --method fork --counters a,b,c,d,e,f,g,h,i
expect_exit 0 "list --counters" -- "$SB" list --counters
grep -q "PAGE-FAULTS" "$TMP/out" && pass "  lists the perf PMU's events" || fail "  list output"
expect_exit 0 "doctor" -- "$SB" doctor
grep -q "hardware PMU" "$TMP/out" && pass "  doctor says whether a hardware PMU exists" || fail "  doctor output"
finish
