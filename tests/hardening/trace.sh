#!/bin/bash
# SPDX-License-Identifier: MIT
# trace's targets: a command that does not exist and a pid that does not exist are refused at once (exit 2);
# trace -p ends when the traced process exits; a SIGKILL of trace does not leave its command running.
. "$(dirname "$0")/../lib.sh"
need_root "trace"
cd "$TMP" || exit 1
ln -s "$(command -v sleep)" "$TMP/trace-sleep"
left() { pgrep -f "$TMP/trace-sleep" || true; }

expect_exit 2 "trace -- /no/such/cmd" -- timeout 60 "$SB" trace -- /no/such/cmd
grep -q "/no/such/cmd: No such file" "$TMP/err" && pass "the message names it" || fail "message: $(head -c 200 "$TMP/err")"
expect_exit 2 "trace -- a name not in PATH" -- timeout 60 "$SB" trace -- no-such-command-anywhere
expect_exit 2 "trace -- a directory" -- timeout 60 "$SB" trace -- "$TMP"
expect_exit 2 "trace -p a pid that does not exist" -- timeout 60 "$SB" trace -p 999999999
grep -q "no such process" "$TMP/err" && pass "the message says so" || fail "message: $(head -c 200 "$TMP/err")"

# -p: ends when the process exits (it lives 3 s; the time-out would say trace ran on)
"$TMP/trace-sleep" 3 &
sp=$!
start=$SECONDS
expect_exit 0 "trace -p a process that exits" -- timeout 60 "$SB" trace --no-stages -p $sp
[ $((SECONDS - start)) -lt 30 ] && pass "trace -p ended $((SECONDS - start)) s after it started" || fail "trace -p ran on"
wait $sp 2>/dev/null

# SIGKILL of trace: its command goes too
"$SB" trace --no-stages -- "$TMP/trace-sleep" 300 >/dev/null 2>&1 &
tp=$!
for _ in $(seq 200); do [ -n "$(left)" ] && break; sleep 0.05; done
[ -n "$(left)" ] || fail "the traced command never started"
sleep 0.5
kill -KILL $tp
wait $tp 2>/dev/null
for _ in $(seq 40); do [ -z "$(left)" ] && break; sleep 0.05; done
[ -z "$(left)" ] && pass "SIGKILL of trace: the command did not outlive it" ||
	{ fail "SIGKILL of trace: the command is still running under $(ps -o ppid= -p "$(left | head -1)")"; kill -KILL $(left); }
finish
