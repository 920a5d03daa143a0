#!/bin/bash
# SPDX-License-Identifier: MIT
# SIGINT, SIGTERM and SIGHUP at random moments (worker start-up, spawn storms, holder set-up, writing the
# results): every time, no child, no holder, no cgroup of the run left, and either no results file or a
# valid one (exit 130 always writes one). Each run has a session of its own (in_session, tests/lib.sh): whatever it
# started, exec'd programs included, is found by session id.
. "$(dirname "$0")/../lib.sh"
need_root "into-cgroup, setns cases"

cg2=$(awk '$3 == "cgroup2" { print $2; exit }' /proc/self/mounts)
RANDOM=7   # reproducible moments
sigs=(INT TERM HUP)
for round in $(seq 1 15); do
	sig=${sigs[$((round % 3))]}
	delay=$(printf '0.%03d' $((RANDOM % 1000)))
	out=$TMP/r$round.json
	setsid "$SB" run -q --no-table -n 400 --batch 20 --warmup 2 --method fork,clone3,posix_spawn --mem 0,32M \
		--preset process,into-cgroup --ns none,net --ns-path clone --exec none,/bin/true -o "$out" \
		2>"$TMP/err.$round" &
	pid=$!
	sleep "$delay"
	kill -s "$sig" $pid 2>/dev/null
	wait $pid
	rc=$?
	what="round $round (SIG$sig after ${delay}s)"
	signum=$(kill -l "$sig")
	if [ "$rc" -eq $((128 + signum)) ] && [ ! -e "$out" ]; then
		# A signal before the process could install its handlers (while it is being exec'd and
		# linked) has its default effect: that is fine as long as nothing was started or written.
		pass "$what: killed before start-up, nothing written"
	elif [ "$rc" -ne 0 ] && [ "$rc" -ne 130 ]; then
		fail "$what: exit $rc: $(head -c 300 "$TMP/err.$round")"
	elif [ -e "$out" ]; then
		validate "$out" >/dev/null && pass "$what: exit $rc, valid results" || fail "$what: invalid results file"
	elif [ "$rc" -eq 130 ]; then
		fail "$what: exit 130 but no results file"
	else
		pass "$what: exit $rc before any results"
	fi
	ls "$TMP"/*.tmp.* >/dev/null 2>&1 && fail "$what: temporary file left"
	sleep 0.1
	left=$(leftovers; in_session $pid)
	[ -z "$left" ] || fail "$what: left behind: $left"
	reap_session $pid
	# The run's cgroup is named after its pid; others' runs on this machine have their own.
	[ -n "$cg2" ] && [ -e "$cg2/spawnbench.$pid" ] && fail "$what: cgroup left: $cg2/spawnbench.$pid"
done
# The same for --ns-path setns (the holder) and for probes attaching, when a run is stopped at once.
for extra in "--ns-path setns --ns net+pid --method fork" "--method vfork --probe phases"; do
	setsid "$SB" run -q --no-table -n 100000 $extra -o "$TMP/x.json" 2>/dev/null &
	pid=$!
	sleep 0.3
	kill -INT $pid
	wait $pid
	rc=$?
	sleep 0.2
	left=$(leftovers; in_session $pid)
	reap_session $pid
	[ -z "$left" ] && [ "$rc" -eq 130 ] && pass "$extra: exit 130, nothing left" || fail "$extra: exit $rc, left: $left"
done
# The kernel frees a closed program after an RCU grace period: give it a moment.
for _ in $(seq 20); do bpftool prog list 2>/dev/null | grep -q "name sb_" || break; sleep 0.25; done
bpftool prog list 2>/dev/null | grep -q "name sb_" && fail "BPF programs left loaded" || pass "no BPF program left"
[ "$(zombies_of_me)" -eq 0 ] && pass "no zombies" || fail "zombies"
finish
