#!/bin/bash
# SPDX-License-Identifier: MIT
# --ns-path clone|unshare|setns for every namespace type, as root and unprivileged; the setns holder and every
# namespace a run made are gone afterwards (also after SIGINT); setns into a PID namespace really places the
# child inside the existing namespace.
. "$(dirname "$0")/../driver/lib.sh"

if [ "$(id -u)" -ne 0 ]; then
	echo "needs root (to compare with an unprivileged run)"
	[ -n "${CI:-}" ] && exit 1
	exit 77
fi
types=user,pid,net,mnt,uts,ipc,cgroup,time
nets_before=$(lsns -n -t net | wc -l)

# Root: every path for every type, with fork and clone3.
out=$TMP/root.json
expect_exit 0 "root: clone/unshare/setns x 8 types" -- "$SB" run -q --no-table -n 10 --warmup 1 \
	--method fork,clone3 --ns $types --ns-path clone,unshare,setns -o "$out"
validate "$out" && pass "results validate" || fail "schema"
bad=$(json_q "$out" "[c['label'] + ': ' + c.get('reason', '') for c in d['cases'] if c['status'] != 'ok']")
[ "$bad" = "[]" ] && pass "every case ran" || fail "not ok: $bad"
n=$(json_q "$out" "len(d['cases'])")
[ "$n" -eq 40 ] && pass "40 cases (clone3 x 3 paths + fork x 2 paths, 8 types)" || fail "$n cases"
v=$(json_q "$out" "all(('nsenter_ns' in c['stats']) == (c['ns_path'] != 'clone') for c in d['cases'])")
[ "$v" = True ] && pass "nsenter measured for unshare/setns, absent for clone" || fail "nsenter presence"
v=$(json_q "$out" "(lambda m: m[('net','unshare')] > 3 * m[('net','setns')])({(c['namespaces'][0], c['ns_path']): c['stats']['nsenter_ns']['median'] for c in d['cases'] if c['method'] == 'clone3' and c['ns_path'] != 'clone'})")
[ "$v" = True ] && pass "creating a net namespace costs more than joining one" || fail "unshare(net) vs setns(net)"

# With the probes: the helper's spawns are followed, so every spawn has its kernel phases, beside nsenter.
out=$TMP/probe.json
expect_exit 0 "probes with unshare and setns" -- "$SB" run -q --no-table -n 20 --warmup 1 --method fork,clone3 \
	--ns net --ns-path unshare,setns --probe phases -o "$out"
v=$(json_q "$out" "all(c['probe']['spawns_joined'] == c['stats']['create_ns']['n'] and c['probe']['phases']['syscall_to_copy_done_ns']['median'] > 0 and c['stats']['nsenter_ns']['median'] > 0 for c in d['cases'])")
[ "$v" = True ] && pass "every spawn joined: copy_process phases beside nsenter" || fail "probe join: $v"

# Unprivileged: the same through a user namespace, said so per case.
mkdir -p "$TMP/nobody" && chmod 777 "$TMP/nobody"
chmod 755 "$TMP" "$TMP/libexec"
out=$TMP/nobody/u.json
expect_exit 0 "unprivileged: unshare/setns x 8 types" -- setpriv --reuid=nobody --regid=nogroup --clear-groups \
	env SPAWNBENCH_LIBEXEC="$SPAWNBENCH_LIBEXEC" "$SB" run -q --no-table -n 10 --warmup 1 --method fork \
	--ns $types --ns-path unshare,setns -o "$out"
bad=$(json_q "$out" "[c['label'] + ': ' + c.get('reason', '') for c in d['cases'] if c['status'] != 'ok']")
[ "$bad" = "[]" ] && pass "every unprivileged case ran" || fail "not ok: $bad"
v=$(json_q "$out" "all(c['userns_added'] == (c['namespaces'] != ['user']) for c in d['cases'])")
[ "$v" = True ] && pass "a user namespace was added where privilege was needed, and said so" || fail "userns_added"

# setns into an existing PID namespace: each child sees itself as PID > 1 there, all in the same namespace,
# which is not ours; unshare gives each child a new namespace in which it is PID 1.
cat > "$TMP/whoami" <<SH
#!/bin/sh
echo "\$\$ \$(readlink /proc/self/ns/pid)" >> "$TMP/pids.\$1"
SH
for path in setns unshare; do
	printf '#!/bin/sh\nexec %s/whoami %s\n' "$TMP" "$path" > "$TMP/who-$path"
	chmod +x "$TMP/whoami" "$TMP/who-$path"
	rm -f "$TMP/pids.$path"
	expect_exit 0 "pid namespace by $path" -- "$SB" run -q --no-table -n 8 --warmup 0 --method fork \
		--exec "$TMP/who-$path" --ns pid --ns-path $path -o "$TMP/pid-$path.json"
done
mine=$(readlink /proc/self/ns/pid)
"$PY" - "$TMP/pids.setns" "$TMP/pids.unshare" "$mine" <<'PY' && pass "setns: PID > 1 in one existing namespace; unshare: PID 1 in a new one each" || fail "PID placement"
import sys
s = [l.split() for l in open(sys.argv[1])]
u = [l.split() for l in open(sys.argv[2])]
ok = len(s) == 8 and all(int(p) > 1 for p, _ in s) and len({i for _, i in s}) == 1 and s[0][1] != sys.argv[3]
# (namespace inode numbers are reused once a namespace is freed, so new ones need not all differ)
ok = ok and len(u) == 8 and all(p == "1" for p, _ in u) and sys.argv[3] not in {i for _, i in u}
print("setns:", s[:3], "unshare:", u[:3])
sys.exit(0 if ok else 1)
PY

# SIGINT in the middle of a setns run: the holder goes with it.
"$SB" run -q --no-table -n 100000 --method fork --ns net+pid --ns-path setns -o "$TMP/int.json" 2>/dev/null &
pid=$!
sleep 1.5
kill -INT $pid
wait $pid
rc=$?
[ "$rc" -eq 130 ] && pass "SIGINT: exit 130" || fail "SIGINT: exit $rc"
sleep 0.3
left=$(leftovers)
[ -z "$left" ] && pass "no worker, holder or child left" || fail "left behind: $(ps -o pid,args -p ${left//$'\n'/,})"
# Network namespaces are torn down by a workqueue after their last process: give it a moment.
for _ in 1 2 3 4 5 6 7 8 9 10; do
	[ "$(lsns -n -t net | wc -l)" -le "$nets_before" ] && break
	sleep 0.5
done
nets_after=$(lsns -n -t net | wc -l)
[ "$nets_after" -le "$nets_before" ] && pass "no network namespace left ($nets_before before, $nets_after after)" \
	|| fail "network namespaces: $nets_before before, $nets_after after"
finish
