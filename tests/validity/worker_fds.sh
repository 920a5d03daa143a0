#!/bin/bash
# SPDX-License-Identifier: MIT
# The spawner holds the same descriptors whoever started the run: the standard three, the control socket
# and the stamp's memfd. A descriptor passed on by the caller (here 9 and 200, which also widens the
# table) would be copied by every fork and closed by every child's exit.
. "$(dirname "$0")/../lib.sh"

"$SB" run -q --no-table -m fork -n 100000 --max-time 20s --batch 100 --cpu 0 --no-start -o "$TMP/f.json" \
	9</dev/null 200</dev/null >/dev/null 2>"$TMP/err" &
ctl=$!
at_exit "kill $ctl 2>/dev/null; wait $ctl 2>/dev/null"
worker=
for _ in $(seq 100); do
	worker=$(pgrep -P "$ctl" | head -1)
	[ -n "$worker" ] && [ -e "/proc/$worker/fd/4" ] && break
	sleep 0.1
done
[ -n "$worker" ] || die "no worker appeared"
ctl_fds=$(ls "/proc/$ctl/fd" | sort -n | tr '\n' ' ')
fds=$(ls "/proc/$worker/fd" | sort -n | tr '\n' ' ')
case " $ctl_fds" in *" 200 "*) pass "the caller's descriptor 200 reached the controller ($ctl_fds)" ;; *) fail "set-up: the controller lacks 200 ($ctl_fds)" ;; esac
[ "$fds" = "0 1 2 3 4 " ] && pass "the worker holds 0 1 2, the socket and the memfd only" || fail "the worker holds: $fds"
readlink "/proc/$worker/fd/3" | grep -q '^socket:' && pass "3 is the control socket" || fail "3 is $(readlink "/proc/$worker/fd/3")"
readlink "/proc/$worker/fd/4" | grep -q 'memfd:spawnbench-stamp' && pass "4 is the stamp page" || fail "4 is $(readlink "/proc/$worker/fd/4")"
flags=$(awk '/^flags:/ {print $2}' "/proc/$worker/fdinfo/3")
[ $(( 0$flags & 02000000 )) -ne 0 ] && pass "the socket is close-on-exec" || fail "the socket's flags: $flags"
kill "$ctl"
finish
