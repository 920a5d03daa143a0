#!/bin/bash
# SPDX-License-Identifier: MIT
# The spawner holds the same descriptors whoever started the run: the standard three, the control socket
# and, when children stamp, the stamp's memfd. A descriptor passed on by the caller (here 9 and 200, which
# also widens the table) would be copied by every fork and closed by every child's exit. Under --no-start
# (no exec'd stamper, no --ns-path helper) there is no shared page at all.
. "$(dirname "$0")/../lib.sh"

# look EXPECTED_FDS [RUN OPTIONS]: start a long run with extra descriptors, check its worker's.
look() {
	local want=$1
	shift
	"$SB" run -q --no-table -m fork -n 100000 --max-time 20s --batch 100 --cpu 0 "$@" -o "$TMP/f.json" \
		9</dev/null 200</dev/null >/dev/null 2>"$TMP/err" &
	local ctl=$! worker= _
	for _ in $(seq 100); do
		worker=$(pgrep -P "$ctl" | head -1)
		[ -n "$worker" ] && [ -e "/proc/$worker/fd/3" ] && grep -q '\[stack\]' "/proc/$worker/maps" 2>/dev/null && break
		sleep 0.1
	done
	sleep 0.3   # past the worker's set-up: it is spawning now
	if [ -z "$worker" ]; then
		fail "no worker appeared ($*)"
	else
		local ctl_fds fds flags
		ctl_fds=$(ls "/proc/$ctl/fd" | sort -n | tr '\n' ' ')
		fds=$(ls "/proc/$worker/fd" | sort -n | tr '\n' ' ')
		case " $ctl_fds" in *" 200 "*) pass "the caller's 200 reached the controller ($*)" ;; *) fail "set-up: the controller lacks 200 ($ctl_fds)" ;; esac
		[ "$fds" = "$want" ] && pass "the worker holds $want($*)" || fail "the worker holds $fds, not $want($*)"
		readlink "/proc/$worker/fd/3" | grep -q '^socket:' && pass "3 is the control socket" || fail "3 is $(readlink "/proc/$worker/fd/3")"
		flags=$(awk '/^flags:/ {print $2}' "/proc/$worker/fdinfo/3")
		[ $(( 0$flags & 02000000 )) -ne 0 ] && pass "the socket is close-on-exec" || fail "the socket's flags: $flags"
		if [ "$want" = "0 1 2 3 4 " ]; then
			readlink "/proc/$worker/fd/4" | grep -q 'memfd:spawnbench-stamp' && pass "4 is the stamp page" || fail "4 is $(readlink "/proc/$worker/fd/4")"
		else
			grep -q spawnbench-stamp "/proc/$worker/maps" && fail "--no-start: the stamp page is mapped" || pass "--no-start: no shared stamp page"
		fi
	fi
	kill "$ctl" 2>/dev/null
	wait "$ctl" 2>/dev/null
}
look "0 1 2 3 4 "
look "0 1 2 3 " --no-start
finish
