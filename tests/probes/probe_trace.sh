# SPDX-License-Identifier: MIT
# trace mode sees the spawns of a command it runs (and its children's), with stages and a JSON profile.
. "$(dirname "$0")/../lib.sh"
need_root
need jq
"$SB" trace --probe-hz 20000 --json "$TMP/t.json" -- sh -c 'for i in $(seq 100); do /bin/true; done' >"$TMP/out" || fail "trace"
cat "$TMP/out"
n=$(jq '[.methods[] | .spawns_joined] | add' "$TMP/t.json")
[ "$n" -ge 100 ] || fail "trace saw $n spawns, want >= 100"
check '.all.stage_samples_total > 0' "$TMP/t.json" "stage samples" '.all'
grep -q 'stages of copy_process' "$TMP/out" || fail "no stage table"
pass "trace saw $n spawns"
# -p PID for a given duration
sh -c 'while :; do /bin/true; sleep 0.01; done' &
pid=$!
"$SB" trace -p $pid -d 1 --no-stages --json "$TMP/p.json" >/dev/null || fail "trace -p"
kill $pid; wait $pid 2>/dev/null
n=$(jq '[.methods[] | .spawns_joined] | add // 0' "$TMP/p.json")
[ "$n" -ge 10 ] || fail "trace -p saw $n spawns"
pass "trace -p saw $n spawns"
wait_no_progs || fail "BPF programs left loaded after trace"
finish
