#!/bin/bash
# SPDX-License-Identifier: MIT
# Every method and every preset runs, spawns real children, and reaps them all.
SB_WORKER_ASAN=1
. "$(dirname "$0")/../lib.sh"

out=$TMP/methods.json
expect_exit 0 "all methods, exec none/child" -- "$SB" run -q --no-table -n 20 --warmup 2 \
	--method all --exec none,child -o "$out"
n=$(json_q "$out" "len(d['cases'])")
[ "$n" -eq 11 ] && pass "11 method/exec cases" || fail "expected 11 cases, got $n"
bad=$(json_q "$out" "[c['label'] for c in d['cases'] if c['status'] != 'ok' or len(c['samples']['total_ns']) < 20]")
[ "$bad" = "[]" ] && pass "every case ok with 20 samples" || fail "cases not ok: $bad"
# The child really ran: start is stamped by the child, exec by the exec'd program.
nostart=$(json_q "$out" "[c['label'] for c in d['cases'] if c['method'] not in ('posix_spawn','posix_spawn-fa') and 'start_ns' not in c['stats']]")
[ "$nostart" = "[]" ] && pass "start stamped by every non-posix_spawn child" || fail "no start stamp: $nostart"
noexec=$(json_q "$out" "[c['label'] for c in d['cases'] if c['exec'] == 'child' and len(c['samples'].get('exec_ns', [])) != len(c['samples']['total_ns'])]")
[ "$noexec" = "[]" ] && pass "exec'd child stamped main() every time" || fail "missing exec stamps: $noexec"
order=$(json_q "$out" "[c['label'] for c in d['cases'] if c['stats']['total_ns']['median'] < c['stats']['create_ns']['median']]")
[ "$order" = "[]" ] && pass "total >= create for every case" || fail "total < create: $order"
pids=$(json_q "$out" "all(len(set(c['samples']['child_pid'])) == len(c['samples']['child_pid']) and min(c['samples']['child_pid']) > 0 for c in d['cases'])")
[ "$pids" = "True" ] && pass "each sample names a distinct child" || fail "child pids missing or repeated"

out=$TMP/presets.json
expect_exit 0 "every preset with clone3" -- "$SB" run -q --no-table -n 15 --warmup 2 \
	--method clone3 --preset process,vfork-like,linuxthreads,thread-like,pidfd,clear-sighand,into-cgroup -o "$out"
okp=$(json_q "$out" "sorted(set(c['preset'] for c in d['cases'] if c['status'] == 'ok'))")
if [ "$(id -u)" -eq 0 ]; then
	want="['clear-sighand', 'into-cgroup', 'linuxthreads', 'pidfd', 'process', 'thread-like', 'vfork-like']"
else   # without root there is no cgroup to clone into: skipped, with the reason
	want="['clear-sighand', 'linuxthreads', 'pidfd', 'process', 'thread-like', 'vfork-like']"
	r=$(json_q "$out" "[c['reason'] for c in d['cases'] if c['preset'] == 'into-cgroup' and c['status'] == 'skipped']")
	case "$r" in *cgroup*) pass "into-cgroup skipped with the reason" ;; *) fail "into-cgroup: $r" ;; esac
fi
[ "$okp" = "$want" ] && pass "every preset ran with clone3" || fail "presets that ran: $okp"
expect_exit 0 "every preset clone() can take" -- "$SB" run -q --no-table -n 15 --warmup 2 \
	--method clone --preset process,vfork-like,linuxthreads,thread-like,pidfd -o "$TMP/presets-clone.json"
okc=$(json_q "$TMP/presets-clone.json" "[c['status'] for c in d['cases']].count('ok')")
[ "$okc" -eq 5 ] && pass "every preset ran with clone" || fail "clone presets ok: $okc"
[ -z "$(stale_cgroups)" ] && pass "into-cgroup's cgroup removed" || fail "cgroup left behind: $(stale_cgroups)"
# clone() cannot take clone3-only flags: those are refused before running, so they are run separately above;
# here check clone's refusal names the rule.
expect_exit 2 "clone with a clone3-only preset is refused" -- "$SB" run -q -n 5 --method clone --preset pidfd,clear-sighand
grep -q "clone3" "$TMP/err" && pass "refusal names clone3" || fail "message: $(cat "$TMP/err")"

out=$TMP/raw.json
expect_exit 0 "raw flags and a non-SIGCHLD exit signal (reaped with __WALL)" -- "$SB" run -q --no-table -n 15 \
	--method clone,clone3 --flags vm,files --exit-signal none --exec none,/bin/true -o "$out"
okr=$(json_q "$out" "[c['status'] for c in d['cases']]")
[ "$okr" = "['ok', 'ok', 'ok', 'ok']" ] && pass "raw flag sets ran" || fail "raw: $okr"
sig=$(json_q "$out" "set(c['exit_signal'] for c in d['cases'])")
[ "$sig" = "{'none'}" ] && pass "exit signal none recorded" || fail "exit signal: $sig"

out=$TMP/axes.json
st=$TMP/stacks.json
expect_exit 0 "stack sizes, vmas, thp, shared memory, concurrency" -- "$SB" run -q --no-table -n 20 --warmup 1 \
	--method clone3,pthread --stack 4K,8M --stack-touch -o "$st"
# Each stack case is what it asked for; a touched 8M stack is really resident in the spawner (about 8 MiB
# more than a touched 4K one: 9.9 against 1.7 MB here), and glibc refuses a 4K pthread stack (below
# PTHREAD_STACK_MIN), which is recorded as the case's error, not a crash.
v=$(json_q "$st" "sorted((c['method'], c['stack_bytes'], c['stack_touch'], c['status']) for c in d['cases'])")
want="[('clone3', 4096, True, 'ok'), ('clone3', 8388608, True, 'ok'), ('pthread', 4096, True, 'error'), ('pthread', 8388608, True, 'ok')]"
[ "$v" = "$want" ] && pass "stack cases as asked, pthread 4K refused" || fail "stack cases: $v"
v=$(json_q "$st" "(lambda r: r[8388608] - r[4096])({c['stack_bytes']: c['spawner']['vm_rss_bytes'] for c in d['cases'] if c['method'] == 'clone3'})")
[ "$v" -ge $((7 << 20)) ] && pass "touched 8M stack resident in the spawner (+$((v >> 20)) MiB)" || fail "8M stack adds only $v bytes"
v=$(json_q "$st" "[c['reason'] for c in d['cases'] if c['status'] == 'error']")
case "$v" in *"stack size 4096"*) pass "pthread 4K stack: the reason names the size" ;; *) fail "pthread 4K: $v" ;; esac
expect_exit 0 "memory shaping axes" -- "$SB" run -q --no-table -n 10 --warmup 1 --method fork \
	--mem 32M --vmas 1,64 --thp on,off --mem-kind anon,shared -o "$out"
maps=$(json_q "$out" "[c['spawner']['mappings'] for c in d['cases'] if c['vmas'] == 64]")
python_ok=$("$PY" -c "import sys; m=eval(sys.argv[1]); print(all(x >= 64 for x in m) and len(m) == 4)" "$maps")
[ "$python_ok" = "True" ] && pass "64 mappings really made ($maps)" || fail "mappings: $maps"
rss=$(json_q "$out" "min(c['spawner']['vm_rss_bytes'] for c in d['cases'])")
[ "$rss" -ge $((32 << 20)) ] && pass "32M resident in every spawner" || fail "rss $rss"
kinds=$(json_q "$out" "sorted(set((c['mem_kind'], c['thp']) for c in d['cases'] if c['status'] == 'ok'))")
[ "$kinds" = "[('anon', 'off'), ('anon', 'on'), ('shared', 'off'), ('shared', 'on')]" ] &&
	pass "anon and shared memory, THP on and off" || fail "memory kinds: $kinds"
# THP off: no huge page anywhere. On: one 32M anonymous mapping is backed by huge pages (where the host
# allows THP by madvise or always); 64 mappings of 512K each are too small for one, and shared memory is
# not anonymous.
huge=$(json_q "$out" "[(c['label'], c['spawner']['anon_huge_bytes']) for c in d['cases'] if c['spawner']['anon_huge_bytes'] and not (c['thp'] == 'on' and c['mem_kind'] == 'anon' and c['vmas'] == 1)]")
[ "$huge" = "[]" ] && pass "huge pages only where asked and possible" || fail "unexpected huge pages: $huge"
if grep -q '\[never\]' /sys/kernel/mm/transparent_hugepage/enabled 2>/dev/null; then
	pass "THP disabled on this host: not checked"
else
	huge=$(json_q "$out" "min(c['spawner']['anon_huge_bytes'] for c in d['cases'] if c['thp'] == 'on' and c['mem_kind'] == 'anon' and c['vmas'] == 1)")
	[ "$huge" -ge $((16 << 20)) ] && pass "thp on: $((huge >> 20)) MiB in huge pages" || fail "thp on: $huge bytes huge"
fi
expect_exit 0 "concurrency 1 and 2" -- "$SB" run -q --no-table -n 40 --method fork,pthread --concurrency 1,2 -o "$TMP/conc.json"
tp=$(json_q "$TMP/conc.json" "all(c['stats']['spawns_per_s']['median'] > 0 for c in d['cases'])")
[ "$tp" = "True" ] && pass "spawns per second recorded" || fail "throughput missing"
# Two spawners really ran each batch together: 40 spawns in batches of 10 per spawner are 4 rounds with
# one spawner and 2 with two, every child distinct. A case whose adaptive warm-up dropped a transient
# (warmup_dropped > 0) spawned more, in more rounds: there only the distinct children are checked.
v=$(json_q "$TMP/conc.json" "sorted((c['method'], c['concurrency'], c['stats']['spawns_per_s']['n'], len(set(c['samples']['child_pid'])) == len(c['samples']['child_pid']) >= 40, c.get('warmup_dropped', 0)) for c in d['cases'])")
ok=$("$PY" -c "
import sys
v = eval(sys.argv[1])
print(len(v) == 4 and all(distinct and (dropped or rounds == 40 // (10 * k)) for m, k, rounds, distinct, dropped in v))" "$v")
[ "$ok" = "True" ] && pass "x2 ran two spawners per round: $v" || fail "concurrency (method, spawners, rounds, children distinct, dropped): $v"

sleep 0.2
left=$(leftovers)
[ -z "$left" ] && pass "no worker or child left" || fail "left behind: $left"
[ "$(zombies_of_me)" -eq 0 ] && pass "no zombies" || fail "zombies"
finish
