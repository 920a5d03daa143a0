# SPDX-License-Identifier: MIT
# Nothing is left loaded after a run, an interrupted run (SIGINT) or an interrupted trace; and without
# privilege --probe fails with exit 3 and a clear message.
. "$(dirname "$0")/../lib.sh"
need_root
need jq
wait_no_progs || fail "programs of ours (name sb_*) loaded before the test: another spawnbench probing?"
# until_loaded PID: wait (60 s at most) until PID has its programs loaded, so the signal lands mid-run.
until_loaded() {
	for _ in $(seq 600); do
		[ "$(our_progs)" -gt 0 ] && return 0
		kill -0 "$1" 2>/dev/null || return 1
		sleep 0.1
	done
	return 1
}
# stop PID: SIGINT, then its exit status; SIGKILL and fail when it is still running 60 s later.
stop() {
	kill -INT "$1"
	for _ in $(seq 600); do
		kill -0 "$1" 2>/dev/null || break
		sleep 0.1
	done
	kill -0 "$1" 2>/dev/null && { kill -KILL "$1"; fail "SIGINT did not end pid $1 within 60 s"; }
	wait "$1"
}
"$SB" run -m fork -n 100000 --probe stages -q --no-table -o "$TMP/int.json" &
pid=$!
until_loaded $pid || fail "no programs loaded during the run"
sleep 0.5
stop $pid
rc=$?
[ $rc = 130 ] || fail "interrupted run exited $rc, want 130"
wait_no_progs || fail "programs left after an interrupted run"
pass "interrupted run released everything"
"$SB" trace -- sh -c 'while :; do /bin/true; done' >/dev/null &
pid=$!
until_loaded $pid || fail "trace loaded no programs"
sleep 0.5
stop $pid
wait_no_progs || fail "programs left after an interrupted trace"
pass "interrupted trace released everything"
if command -v setpriv >/dev/null; then
	as_nobody "$SB" run -m fork -n 10 --probe phases -q --no-table -o /tmp/sb-noroot.json 2>"$TMP/noroot.err"
	rc=$?
	[ $rc = 3 ] || fail "unprivileged --probe: exit $rc, want 3"
	grep -qi 'root\|permit' "$TMP/noroot.err" || fail "unclear message: $(cat "$TMP/noroot.err")"
	pass "unprivileged: $(head -1 "$TMP/noroot.err")"
fi
finish
