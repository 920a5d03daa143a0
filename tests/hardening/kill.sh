#!/bin/bash
# SPDX-License-Identifier: MIT
# A run stopped at the worst moments: while its results are being written (SIGINT, SIGTERM, SIGHUP and
# SIGKILL the moment the temporary file appears) and SIGKILL at random moments of a spawn storm whose
# children exec a program. Each run gets a session of its own (setsid), so everything it started, whatever
# it exec'd and whoever reaped it, is found afterwards by session id, not by name.
. "$(dirname "$0")/../lib.sh"

printf '#!/bin/sh\nexec sleep 20\n' > "$TMP/hang"
chmod +x "$TMP/hang"
# start OUT ARGS...: a run in a session of its own, its pid (= session id) in $pid
start() {
	local out=$1
	shift
	setsid "$SB" run -q --no-table "$@" -o "$out" --csv "${out%.json}.csv" 2>"$TMP/err" &
	pid=$!
}
# A results file at the target is complete: valid JSON that matches the schema, and its CSV whole.
check_target() {
	local what=$1 out=$2 csv=${2%.json}.csv
	if [ -e "$out" ]; then
		validate "$out" >/dev/null && pass "$what: a valid results file" || fail "$what: an invalid results file"
	else
		pass "$what: no results file"
	fi
	if [ -e "$csv" ]; then
		"$PY" -c "import csv,sys; r=list(csv.reader(open(sys.argv[1]))); sys.exit(0 if r and all(len(x) == len(r[0]) for x in r) else 1)" "$csv" &&
			pass "$what: a whole CSV" || fail "$what: a broken CSV"
	fi
}
check_session() {
	local what=$1 sid=$2 left
	sleep 0.3
	left=$(in_session "$sid")
	[ -z "$left" ] && pass "$what: nothing of the run's session left" || fail "$what: left behind: $left"
	reap_session "$sid"
}

# 1. A signal the moment the results start being written (a 10 MB file).
for sig in INT TERM HUP KILL; do
	out=$TMP/w$sig.json
	start "$out" -n 100000 --max-time 1s --warmup 0 --method pthread,vfork
	# Builtins only (no sleep(1) to fork): the JSON's temporary lives for the tens of milliseconds the
	# dump and fsync take, and a forking loop can miss it. Bounded by the run's own end and 60 s.
	hit=0
	end=$((SECONDS + 60))
	while [ $SECONDS -lt $end ] && kill -0 "$pid" 2>/dev/null; do
		if compgen -G "$out.tmp.*" >/dev/null; then
			hit=1
			break
		fi
	done
	kill -s "$sig" "$pid" 2>/dev/null
	wait "$pid" 2>/dev/null
	rc=$?
	what="SIG$sig while writing (hit the write: $hit)"
	[ "$hit" = 1 ] || echo "note: $what: the write was not caught in time"
	case $sig in
	KILL) [ "$rc" -eq 137 ] && pass "$what: killed" || fail "$what: exit $rc" ;;
	*) [ "$rc" -eq 130 ] || [ "$rc" -eq 0 ] && pass "$what: exit $rc" || fail "$what: exit $rc: $(head -c 300 "$TMP/err")" ;;
	esac
	[ "$sig" = KILL ] && [ ! -e "$out" ] && compgen -G "$out.tmp.*" >/dev/null &&
		echo "note: $what: killed mid-write: no file at the target, the temporary remains"
	check_target "$what" "$out"
	check_session "$what" "$pid"
	# Only SIGKILL may leave a temporary, and it is never at the target's name.
	if [ "$sig" != KILL ] && compgen -G "$out.tmp.*" >/dev/null; then fail "$what: temporary file left"; fi
done
# The temporary SIGKILL may leave does not stop the next run writing the same target.
expect_exit 0 "a run after a SIGKILL writes the same target" -- "$SB" run -q --no-table -n 5 --method fork \
	-o "$TMP/wKILL.json"
validate "$TMP/wKILL.json" >/dev/null && pass "  and it is valid" || fail "  invalid results"
rm -f "$TMP"/*.tmp.*

# 2. SIGKILL at seeded random moments of a storm: the workers die with the controller (PDEATHSIG), and so
#    must their children, here exec'd programs that would otherwise sleep on as orphans of init.
RANDOM=11
for round in $(seq 1 6); do
	out=$TMP/k$round.json
	delay=$(printf '%d.%03d' $((RANDOM % 2)) $((RANDOM % 1000)))
	start "$out" -n 200 --warmup 1 --method fork,posix_spawn --mem 0,32M --exec child,"$TMP/hang" \
		--spawn-timeout 30s
	sleep "$delay"
	kill -KILL "$pid"
	wait "$pid" 2>/dev/null
	what="SIGKILL round $round after ${delay}s"
	[ ! -e "$out" ] && pass "$what: no results file at the target" || fail "$what: a file appeared"
	check_session "$what" "$pid"
done
[ "$(zombies_of_me)" -eq 0 ] && pass "no zombies" || fail "zombies"
finish
