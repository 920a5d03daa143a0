# SPDX-License-Identifier: MIT
# The fallback chain: on a kernel that refuses fentry and has no kprobes, auto picks the tracepoint
# backend; forcing an unavailable backend is refused with exit 3 and the reason; unknown names exit 2.
. "$(dirname "$0")/../lib.sh"
need_root
need jq
"$SB" run -m fork -n 20 --probe stages --probe-backend auto -q --no-table -o "$TMP/auto.json" || fail "auto run"
want=$("$SB" doctor 2>/dev/null | sed -n 's/.*--probe-backend auto picks \([a-z]*\).*/\1/p')
[ -n "$want" ] || fail "doctor names no backend"
check ".cases[0].probe.backend == \"$want\"" "$TMP/auto.json" "auto chose doctor's backend" ".cases[0].probe.backend"
pass "auto -> $want"
for b in fentry kprobe tracepoint; do
	if "$SB" doctor 2>/dev/null | grep -qE "^ *$b.*(yes)"; then avail=1; else avail=0; fi
	"$SB" run -m fork -n 10 --probe stages --probe-backend $b -q --no-table -o "$TMP/$b.json" 2>"$TMP/$b.err"
	rc=$?
	if [ $rc = 0 ]; then
		check ".cases[0].probe.backend == \"$b\"" "$TMP/$b.json" "forced $b is used" ".cases[0].probe.backend"
		pass "forced $b works"
	else
		[ $rc = 3 ] || fail "forced $b: exit $rc, want 0 or 3"
		grep -q "backend $b unavailable" "$TMP/$b.err" || fail "forced $b: no reason given: $(cat "$TMP/$b.err")"
		[ "$b" != "$want" ] || fail "$b refused but auto chose it"
		pass "forced $b refused with exit 3: $(head -1 "$TMP/$b.err")"
	fi
	wait_no_progs || fail "programs left after forcing $b"
done
"$SB" run -m fork -n 10 --probe stages --probe-backend bogus -q --no-table -o "$TMP/x.json" 2>/dev/null
rc=$?
[ $rc = 2 ] || fail "unknown backend: exit $rc, want 2"
pass "unknown backend refused"

# The phases' own chain: fentry on kernel_clone and the wait syscalls where trampolines load (no syscall
# tracepoint, so no tracing slow path for the machine's syscalls), else the syscall tracepoints. The run
# says which; doctor says why fentry was passed over; forcing it where it cannot load exits 3 with why.
hooks=$(jq -r .config.probe.phase_hooks "$TMP/auto.json")
if "$SB" doctor 2>/dev/null | grep -qE '^ *fentry \(phase boundaries\) +yes'; then
	[ "$hooks" = fentry ] || fail "fentry phase hooks load here, but the run used $hooks"
else
	"$SB" doctor 2>/dev/null | grep -qE '^ *fentry \(phase boundaries\) +no +[a-z]' ||
		fail "doctor gives no reason for passing over fentry phase hooks"
	[ "$hooks" = syscall-tracepoints ] || fail "fentry refused: want the per-syscall tracepoints, got $hooks"
	SB_PROBE_PHASE_HOOKS=fentry "$SB" run -m fork -n 10 --probe phases -q --no-table -o "$TMP/ff.json" 2>"$TMP/ff.err"
	rc=$?
	[ $rc = 3 ] || fail "forced fentry phase hooks: exit $rc, want 3"
	grep -q "fentry" "$TMP/ff.err" || fail "forced fentry phase hooks: unclear message: $(cat "$TMP/ff.err")"
	[ ! -e "$TMP/ff.json" ] || fail "forced fentry phase hooks: a results file was written"
	check '.cases[0].probe.spawns_joined == .cases[0].stats.create_ns.n' "$TMP/auto.json" "the fallback's phases joined every spawn" \
		'.cases[0].probe'
fi
wait_no_progs || fail "programs left after the phase-hook fallback"
pass "phase hooks: $hooks ($("$SB" doctor 2>/dev/null | sed -n 's/^ *fentry (phase boundaries) *//p'))"
finish
