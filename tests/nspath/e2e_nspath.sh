#!/bin/bash
# SPDX-License-Identifier: MIT
# --ns-path clone|unshare|setns for every namespace type, as root and unprivileged; the children really stand in
# the namespaces (an exec'd program, nsp_whoami, writes where it is); setns into a PID namespace places the child
# inside the holder's namespace; the holder and every namespace a run made are gone afterwards, also after
# SIGINT and after the controller is SIGKILLed. $4: the nsp_whoami program.
. "$(dirname "$0")/../lib.sh"
WHO=$4
CHECK="$PY $HERE/check_whoami.py"

need_root "to compare with an unprivileged run"
types=user,pid,net,mnt,uts,ipc,cgroup,time
chmod 755 "$TMP" "$TMP/libexec"
mkdir -p "$TMP/nobody" && chmod 777 "$TMP/nobody"
# who NAME: a private copy of nsp_whoami, logging to $TMP/nobody/NAME.log (writable by every user)
who() { cp "$WHO" "$TMP/nobody/$1" && chmod 755 "$TMP/nobody/$1" && rm -f "$TMP/nobody/$1.log" && echo "$TMP/nobody/$1"; }

# Root: every path for every type, with fork and clone3, timed.
out=$TMP/root.json
expect_exit 0 "root: clone/unshare/setns x 8 types" -- "$SB" run -q --no-table -n 10 --warmup 1 \
	--method fork,clone3 --ns $types --ns-path clone,unshare,setns -o "$out"
expect_valid "$out"
bad=$(json_q "$out" "[c['label'] + ': ' + c.get('reason', '') for c in d['cases'] if c['status'] != 'ok']")
[ "$bad" = "[]" ] && pass "every case ran" || fail "not ok: $bad"
n=$(json_q "$out" "len(d['cases'])")
[ "$n" -eq 40 ] && pass "40 cases (clone3 x 3 paths + fork x 2 paths, 8 types)" || fail "$n cases"
v=$(json_q "$out" "all(('nsenter_ns' in c['stats']) == (c['ns_path'] != 'clone') for c in d['cases'])")
[ "$v" = True ] && pass "nsenter measured for unshare/setns, absent for clone" || fail "nsenter presence"
v=$(json_q "$out" "(lambda m: m[('net','unshare')] > 3 * m[('net','setns')])({(c['namespaces'][0], c['ns_path']): c['stats']['nsenter_ns']['median'] for c in d['cases'] if c['method'] == 'clone3' and c['ns_path'] != 'clone'})")
[ "$v" = True ] && pass "creating a net namespace costs more than joining one" || fail "unshare(net) vs setns(net)"

# Every method that can take the path (all of them), and the one combination clone(2) forbids.
out=$TMP/methods.json
expect_exit 0 "every method by unshare and setns" -- "$SB" run -q --no-table -n 5 --warmup 1 \
	--method fork,vfork,clone,clone3,posix_spawn,posix_spawn-fa,pthread --ns net,uts --ns-path unshare,setns -o "$out"
v=$(json_q "$out" "len(d['cases']) == 28 and all(c['status'] == 'ok' and not c.get('failed_spawns') for c in d['cases'])")
[ "$v" = True ] && pass "7 methods x 2 namespaces x 2 paths ran" || fail "methods: $v"
expect_exit 2 "pthread into a PID namespace by setns is refused" -- "$SB" run -q --no-table -n 5 --method pthread \
	--ns pid --ns-path setns -o "$TMP/refused.json"
grep -q "CLONE_THREAD was specified" "$TMP/err" && pass "with clone(2)'s rule" || fail "rule: $(cat "$TMP/err")"

# Where the children stand, as root and as nobody: an exec'd program writes its namespaces.
for user in root nobody; do
	run=; [ $user = nobody ] && run=as_nobody
	for path in clone unshare setns; do
		prog=$(who "$user-$path")
		methods=fork,clone3; [ $path = clone ] && methods=clone3
		expect_exit 0 "$user: $path x 8 types, exec'd" -- $run "$SB" run -q --no-table -n 4 --warmup 1 \
			--method $methods --ns $types --ns-path $path --exec "$prog" -o "$TMP/nobody/$user-$path.json"
		$CHECK member "$prog.log" $path $types 5 >"$TMP/chk" && pass "$user: $path puts the children in each type" \
			|| fail "$user $path membership: $(cat "$TMP/chk")"
		v=$(json_q "$TMP/nobody/$user-$path.json" "all(c['status'] == 'ok' and c['userns_added'] == ('$user' == 'nobody' and c['namespaces'] != ['user']) for c in d['cases'])")
		[ "$v" = True ] && pass "$user: $path ran, user namespace added only where needed" || fail "$user $path: $v"
		$CHECK pid "$prog.log" $path >"$TMP/chk" && pass "$user: $path, PID namespace: $(tail -c 200 "$TMP/chk" | tr -d '\n' | cut -c1-120)" \
			|| fail "$user $path PID placement: $(cat "$TMP/chk")"
	done
	sleep 0.2
	left=$(leftovers)
	[ -z "$left" ] && pass "$user: no worker, helper or holder left" || fail "$user: left behind: $left"
	$CHECK gone "$TMP"/nobody/$user-*.log >"$TMP/chk" && pass "$user: $(cat "$TMP/chk")" \
		|| fail "$user: namespaces left: $(cat "$TMP/chk")"
done

# As nobody the exec'd child may not read its holder's namespace links (the holder has capabilities in their
# user namespace, the child has none after exec): compare the inodes from outside, while the run is on.
prog=$(who live)
# Started directly, not through the as_nobody function: $! must be spawnbench itself (setpriv and env exec
# it), not a subshell that would take the SIGINT below in its place.
setpriv --reuid=nobody --regid=nogroup --clear-groups env SPAWNBENCH_LIBEXEC="$SPAWNBENCH_LIBEXEC" \
	"$SB" run -q --no-table -n 100000 --method fork --ns pid --ns-path setns --exec "$prog" \
	-o "$TMP/nobody/live.json" 2>/dev/null &
pid=$!
for _ in $(seq 50); do
	[ "$(cat "$prog.log" 2>/dev/null | wc -l)" -ge 3 ] && break
	sleep 0.1
done
row=$(tail -n 1 "$prog.log")
h=$(sed 's/.* init=\([0-9-]*\) .*/\1/' <<<"$row")
child_ns=$(sed 's/.* pid_ns=\([0-9]*\) .*/\1/' <<<"$row")
holder_ns=$(stat -L -c %i "/proc/$h/ns/pid" 2>/dev/null)
kill -INT $pid
wait $pid
[ -n "$holder_ns" ] && [ "$holder_ns" = "$child_ns" ] && [ "${row#pid=}" != "$row" ] && [ "$(cut -d' ' -f1 <<<"$row")" != pid=1 ] \
	&& pass "nobody: the child's PID namespace is its holder's ($h: $holder_ns)" \
	|| fail "nobody: child in $child_ns, holder $h in ${holder_ns:-?}: $row"

# setns by /proc/PID/ns files (the pre-5.8 way), forced: same placement.
prog=$(who files-setns)
expect_exit 0 "setns by /proc/PID/ns files" -- env SPAWNBENCH_SETNS_JOIN=files "$SB" run -q --no-table -n 4 --warmup 1 \
	--method fork,clone3 --ns $types,net+pid+mnt --ns-path setns --exec "$prog" -o "$TMP/files.json"
$CHECK member "$prog.log" setns $types 5 >"$TMP/chk" && $CHECK pid "$prog.log" setns >>"$TMP/chk" \
	&& pass "by files: the children stand in the holder's namespaces" || fail "files: $(cat "$TMP/chk")"

# With the probes: the helper's spawns are followed, so every spawn has its kernel phases, beside nsenter.
out=$TMP/probe.json
expect_exit 0 "probes with unshare and setns" -- "$SB" run -q --no-table -n 20 --warmup 1 --method fork,clone3 \
	--ns net --ns-path unshare,setns --probe phases -o "$out"
v=$(json_q "$out" "all(c['probe']['spawns_joined'] == c['stats']['create_ns']['n'] and c['probe']['phases']['syscall_to_copy_done_ns']['median'] > 0 and c['stats']['nsenter_ns']['median'] > 0 for c in d['cases'])")
[ "$v" = True ] && pass "every spawn joined: copy_process phases beside nsenter" || fail "probe join: $v"

# Interrupted runs: SIGINT (exit 130, results written) and SIGKILL of the controller (nothing can clean up but
# PR_SET_PDEATHSIG: worker, then holder). Afterwards no process of the run, and none of its namespaces.
for sig in INT KILL; do
	prog=$(who "sig$sig")
	"$SB" run -q --no-table -n 100000 --method fork,clone3 --ns net+pid+ipc+mnt+uts+cgroup+time,user+net \
		--ns-path setns,unshare --exec "$prog" -o "$TMP/sig$sig.json" 2>/dev/null &
	pid=$!
	for _ in $(seq 50); do
		[ -s "$prog.log" ] && [ "$(pgrep -f "$TMP/libexec/" | wc -l)" -ge 6 ] && break
		sleep 0.1
	done
	sleep 0.5
	kill -$sig $pid
	wait $pid
	rc=$?
	want=130; [ $sig = KILL ] && want=137
	[ "$rc" -eq $want ] && pass "SIG$sig: exit $rc" || fail "SIG$sig: exit $rc"
	[ $sig = INT ] && { validate "$TMP/sig$sig.json" && pass "SIGINT: results written" || fail "SIGINT: results"; }
	for _ in $(seq 20); do
		[ -z "$(leftovers)" ] && ! pgrep -f "$prog" >/dev/null && break
		sleep 0.1
	done
	left=$(leftovers)
	[ -z "$left" ] && pass "SIG$sig: no worker, helper, holder or child left" \
		|| fail "SIG$sig: left behind: $(ps -o pid,ppid,args -p ${left//$'\n'/,})"
	$CHECK gone "$prog.log" >"$TMP/chk" && pass "SIG$sig: $(cat "$TMP/chk")" || fail "SIG$sig: $(cat "$TMP/chk")"
done
finish
