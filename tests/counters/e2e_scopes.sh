#!/bin/bash
# SPDX-License-Identifier: MIT
# What each scope shows: fork from a big parent whose child writes nothing (no copy-on-write in either
# scope, the page-table copy in the parent's task-clock), vfork and threads, counts without kernel access
# marked as such, nothing derived from inputs that were not counted.
. "$(dirname "$0")/../lib.sh"

out=$TMP/s.json
expect_exit 0 "fork at 0 and 256M, the child writing nothing" -- "$SB" run -q -n 15 --warmup 2 --method fork \
	--mem 0,256M --counters perf::PAGE-FAULTS,perf::TASK-CLOCK,cycles,instructions -o "$out"

# Nobody writes: the 65536 pages are shared, not copied, so neither scope takes a fault per page.
for scope in parent child; do
	a=$(counter_median "$out" fork perf::PAGE-FAULTS $scope)
	b=$(counter_median "$out" "fork mem=256M" perf::PAGE-FAULTS $scope)
	expect_true "$b - $a < 64" "$scope page faults flat without writes: $a at 0, $b at 256M"
done
# The page-table copy is the parent's work, inside the call: its task-clock grows with the memory.
a=$(counter_median "$out" fork perf::TASK-CLOCK parent)
b=$(counter_median "$out" "fork mem=256M" perf::TASK-CLOCK parent)
expect_true "$b > 5 * $a" "the call's task-clock grows with the parent: $a ns at 0, $b ns at 256M"
# Where there is no PMU nothing is derived from it (no IPC from absent cycles).
st=$(counters_q "$out" "ev[('fork', 'cycles', 'parent')]['status']")
if [ "$st" = unavailable ]; then
	d=$(json_q "$out" "'parent_ipc' in d['cases'][0]['counters']['derived']")
	[ "$d" = False ] && pass "no IPC without cycles" || fail "IPC derived from unavailable events"
else
	d=$(json_q "$out" "d['cases'][0]['counters']['derived']['parent_ipc']['median'] > 0")
	[ "$d" = True ] && pass "IPC derived from counted cycles and instructions" || fail "IPC missing"
fi

# vfork: the parent sleeps while the child runs, so the call switches out once; pthread: threads inherit too.
expect_exit 0 "vfork and pthread" -- "$SB" run -q -n 15 --method vfork,pthread \
	--counters perf::CONTEXT-SWITCHES,perf::TASK-CLOCK -o "$out"
v=$(counter_median "$out" vfork perf::CONTEXT-SWITCHES parent)
expect_true "$v >= 1" "vfork's call sleeps while the child runs ($v switch)"
v=$(counter_median "$out" pthread perf::TASK-CLOCK child)
expect_true "$v > 0" "a thread's run is counted in the child scope ($v ns)"

# The table names an unavailable event once, the CSV leaves its cells empty: never a 0.
expect_exit 0 "table and CSV" -- "$SB" run -n 5 --method fork --counters perf::PAGE-FAULTS,cycles -o "$TMP/t.json" \
	--csv "$TMP/t.csv"
grep -q "cycles n/a" "$TMP/out" && pass "  table: cycles n/a" || fail "  table: $(grep counters: "$TMP/out")"
row=$("$PY" -c "import csv,sys; r=list(csv.DictReader(open(sys.argv[1]))); print(repr(r[0]['cycles_parent_median']), r[0]['perf::PAGE-FAULTS_parent_median'])" "$TMP/t.csv")
case "$row" in "'' "[0-9]*) pass "  CSV: cycles empty, page faults counted ($row)" ;; *) fail "  CSV row: $row" ;; esac

# Without CAP_PERFMON under perf_event_paranoid >= 2 the kernel refuses kernel-side counts; the events are
# opened for user space only and the results say so.
if [ "$(cat /proc/sys/kernel/perf_event_paranoid)" -ge 2 ] && [ "$(id -u)" -eq 0 ]; then
	mkdir -p "$TMP/nobody" && chmod 777 "$TMP/nobody" && chmod 755 "$TMP" "$TMP/libexec"
	expect_exit 0 "as nobody" -- runuser -u nobody -- "$SB" run -q --no-table -n 5 --method fork \
		--counters perf::PAGE-FAULTS -o "$TMP/nobody/n.json"
	v=$(json_q "$TMP/nobody/n.json" "[e['user_space_only'] for e in d['cases'][0]['counters']['events']]")
	[ "$v" = "[True, True]" ] && pass "  marked user_space_only" || fail "  user_space_only: $v"
fi
v=$(json_q "$out" "[e['user_space_only'] for e in d['cases'][0]['counters']['events']]")
[ "$(id -u)" -ne 0 ] || { [ "$v" = "[False, False, False, False]" ] && pass "root counts kernel work too" \
	|| fail "root: user_space_only $v"; }
finish
