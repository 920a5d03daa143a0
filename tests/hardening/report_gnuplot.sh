#!/bin/bash
# SPDX-License-Identifier: MIT
# report and its gnuplot: a signal at any moment (even during `gnuplot --version`) leaves no temporary
# directory; SIGINT or SIGTERM to report alone ends a hung gnuplot and exits 130 at once; a gnuplot that
# never finishes is ended after SPAWNBENCH_GNUPLOT_TIMEOUT; `--gnuplot ./prog` (a relative path) is found.
. "$(dirname "$0")/../lib.sh"
cd "$TMP" || exit 1
"$SB" run -q --no-table -n 5 --method fork -o r.json 2>/dev/null || fail "a plain run failed"
gp=$(command -v gnuplot) || { echo "no gnuplot"; exit 77; }
# A hung gnuplot, with a name of this test's own so that what is left of it can be found.
printf '#!/bin/sh\nexec %s/hang-sleep 300\n' "$TMP" >hang-gnuplot
printf '#!/bin/sh\n[ "$1" = --version ] && exec %s --version\nexec %s/hang-sleep 300\n' "$gp" "$TMP" >hang-late
ln -s "$(command -v sleep)" hang-sleep
printf '#!/bin/sh\nexec %s "$@"\n' "$gp" >my-gnuplot
chmod 755 hang-gnuplot hang-late my-gnuplot
left() { pgrep -f "$TMP/hang-sleep" || true; }
no_temp() { compgen -G "$TMP/.out*.tmp-*" >/dev/null && fail "$1: temporary directory left: $(echo .out*.tmp-*)" || pass "$1: no temporary left"; }

expect_exit 0 "--gnuplot ./my-gnuplot (a relative path)" -- "$SB" report -q --gnuplot ./my-gnuplot r.json -o out0

# signal_report SIG PROG NAME: report with PROG as gnuplot, SIG after 1 s; exit 130 within 10 s
signal_report() {
	local start=$SECONDS
	env --default-signal=INT "$SB" report -q --gnuplot "$2" r.json -o "$3" >/dev/null 2>"$TMP/err" &
	local pid=$!
	sleep 1
	kill -s "$1" $pid
	for _ in $(seq 100); do kill -0 $pid 2>/dev/null || break; sleep 0.1; done
	if kill -0 $pid 2>/dev/null; then
		fail "SIG$1 with $2: report still running 10 s later"
		kill -KILL $pid
	fi
	wait $pid
	local rc=$?
	[ $rc -eq 130 ] && pass "SIG$1 with $2: exit 130 after $((SECONDS - start)) s" || fail "SIG$1 with $2: exit $rc: $(head -c 200 "$TMP/err")"
	[ -e "$3" ] && fail "SIG$1 with $2: $3 was written"
	no_temp "SIG$1 with $2"
	sleep 0.2
	[ -z "$(left)" ] && pass "SIG$1 with $2: the hung gnuplot was ended" || { fail "SIG$1 with $2: left running: $(left)"; pkill -KILL -f "$TMP/hang-sleep"; }
}
signal_report INT "$TMP/hang-gnuplot" out1    # hung in gnuplot --version, before the figures
signal_report TERM "$TMP/hang-gnuplot" out2
signal_report TERM "$TMP/hang-late" out3      # hung on a figure

start=$SECONDS
SPAWNBENCH_GNUPLOT_TIMEOUT=2 "$SB" report -q --gnuplot "$TMP/hang-late" r.json -o out4 >/dev/null 2>"$TMP/err" &
pid=$!
for _ in $(seq 300); do kill -0 $pid 2>/dev/null || break; sleep 0.1; done
kill -0 $pid 2>/dev/null && { fail "a hung gnuplot with a 2 s time-out: still running after 30 s"; kill -KILL $pid; }
wait $pid
rc=$?
[ $rc -eq 2 ] && grep -q "did not finish" "$TMP/err" && pass "a hung gnuplot ends after the time-out: exit 2, $(head -c 160 "$TMP/err")" ||
	fail "a hung gnuplot with a time-out: exit $rc: $(head -c 200 "$TMP/err")"
no_temp "time-out"
[ -z "$(left)" ] || { fail "time-out: left running: $(left)"; pkill -KILL -f "$TMP/hang-sleep"; }
finish
