#!/bin/bash
# SPDX-License-Identifier: MIT
# A starved machine: spawns the kernel refuses are recorded with their errno and the limit named; nothing
# hangs, crashes or is killed but spawnbench's own processes. Every limit set here is undone on every path.
. "$(dirname "$0")/../lib.sh"
need_root "to set limits"

cgdirs=()
enabled=()   # "subtree_control-file controller" pairs this test turned on, to turn off again
cleanup() {
	local e
	for d in "${cgdirs[@]}"; do rmdir "$d" 2>/dev/null; done
	for e in "${enabled[@]}"; do echo "-${e#* }" > "${e% *}" 2>/dev/null; done
}
at_exit cleanup
# A fresh cgroup with CONTROLLER, in cgroup v2 if it offers it, else in the v1 hierarchy; its path in $cg.
# Not called as $(make_cg): a subshell would record it for cleanup in a copy of cgdirs that is thrown away.
make_cg() {
	local ctl=$1 v2 d
	cg=
	v2=$(awk '$3 == "cgroup2" { print $2; exit }' /proc/self/mounts)
	if [ -n "$v2" ] && grep -qw "$ctl" "$v2/cgroup.controllers" 2>/dev/null; then
		if ! grep -qw "$ctl" "$v2/cgroup.subtree_control"; then
			echo "+$ctl" > "$v2/cgroup.subtree_control" 2>/dev/null &&
				enabled+=("$v2/cgroup.subtree_control $ctl")
		fi
		d=$v2/sbtest-$ctl.$$.${#cgdirs[@]}
	elif [ -d "/sys/fs/cgroup/$ctl" ]; then
		d=/sys/fs/cgroup/$ctl/sbtest.$$.${#cgdirs[@]}
	else
		return 1
	fi
	mkdir "$d" && cgdirs+=("$d") && cg=$d
}
mem_limit_file() { [ -e "$1/memory.max" ] && echo "$1/memory.max" || echo "$1/memory.limit_in_bytes"; }

# 1. RLIMIT_NPROC just above what the controller needs, as an unprivileged user (root is exempt from it).
#    The limit counts every task of the user on the machine, so the user is one nobody else runs as (uid
#    64999, no passwd entry): with `nobody`, another suite running as nobody at the same time changed the
#    count under the test. LeakSanitizer is off for this one run: its checker needs a task of its own at
#    exit, which is exactly what the limit withholds (it then aborts with "LeakSanitizer has encountered a
#    fatal error"); every other test checks leaks.
uid=64999
mkdir -p "$TMP/nobody" && chmod 777 "$TMP/nobody" && chmod 755 "$TMP" "$TMP/libexec"
have=$(ps -u $uid --no-headers | wc -l)
out=$TMP/nobody/nproc.json
expect_exit 0 "RLIMIT_NPROC = uid $uid's processes + 3" -- timeout 120 setpriv --reuid=$uid --regid=$uid \
	--clear-groups prlimit --nproc=$((have + 3)) env SPAWNBENCH_LIBEXEC="$SPAWNBENCH_LIBEXEC" \
	ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0" \
	"$SB" run -q --no-table -n 20 --warmup 0 --method fork,vfork,pthread --concurrency 1,3 -o "$out"
v=$(json_q "$out" "[c['errno_name'] for c in d['cases'] if c['errno']]")
case "$v" in *EAGAIN*) pass "EAGAIN recorded: $v" ;; *) fail "no EAGAIN recorded: $v" ;; esac
v=$(json_q "$out" "all('RLIMIT_NPROC' in c['reason'] for c in d['cases'] if c['errno'] == 11)")
[ "$v" = True ] && pass "the limit is named" || fail "limit not named"
v=$(json_q "$out" "any(c['status'] == 'ok' for c in d['cases'])")
[ "$v" = True ] && pass "cases within the limit still ran" || fail "nothing ran"

# 2. A pids cgroup with a low pids.max.
if make_cg pids; then
	echo 5 > "$cg/pids.max"
	out=$TMP/pids.json
	expect_exit 0 "pids.max = 5" -- timeout 120 bash -c "echo \$\$ > $cg/cgroup.procs && exec \"\$@\"" _ \
		"$SB" run -q --no-table -n 30 --warmup 0 --method fork,pthread --concurrency 1,4 -o "$out"
	v=$(json_q "$out" "sorted(set(c['errno_name'] for c in d['cases'] if c['errno']))")
	[ "$v" = "['EAGAIN']" ] && pass "EAGAIN recorded per case" || fail "errnos: $v"
	v=$(json_q "$out" "sum(c['failed_spawns'] for c in d['cases']) + sum(c['status'] == 'error' for c in d['cases'])")
	[ "$v" -gt 0 ] && pass "failures counted ($v)" || fail "no failure counted"
else
	fail "no pids cgroup controller to test with"
fi

# 3. A memory cgroup smaller than the parent size asked for: refused before anything runs; a child that
#    outgrows it takes only spawnbench's own processes with it.
if make_cg memory; then
	echo $((200 << 20)) > "$(mem_limit_file "$cg")"
	expect_exit 2 "--mem 512M in a 200M cgroup is refused" -- bash -c "echo \$\$ > $cg/cgroup.procs && exec \"\$@\"" _ \
		"$SB" run -q -n 5 --method fork --mem 512M -o "$TMP/never.json"
	grep -q "memory cgroup" "$TMP/err" && pass "  the limit is named: $(cat "$TMP/err")" || fail "  message: $(cat "$TMP/err")"
	[ ! -e "$TMP/never.json" ] && pass "  nothing written" || fail "  a results file appeared"
	sleep 60 & bystander=$!
	echo $bystander > "$cg/cgroup.procs"
	out=$TMP/oom.json
	# --child-writes is counted by the budget now (twice the parent memory), so the memory that runs out
	# at run time is one the check cannot foresee: an exec'd program that fills 150M.
	printf '#!/bin/sh\nexec %s -c "b = b\\"x\\" * (150 << 20)"\n' "$PY" >"$TMP/hog.sh"
	chmod 755 "$TMP/hog.sh"
	expect_exit 0 "an exec'd program filling 150M beside 60M of parent in the 200M cgroup" -- timeout 120 bash -c \
		"echo \$\$ > $cg/cgroup.procs && exec \"\$@\"" _ "$SB" run -q --no-table -n 10 --warmup 0 --method fork \
		--mem 60M -e "$TMP/hog.sh" -o "$out"
	v=$(json_q "$out" "d['cases'][0]['status'] + ': ' + d['cases'][0].get('reason', '')")
	case "$v" in error*) pass "recorded: $v" ;; ok*) pass "fitted after all: $v" ;; *) fail "case: $v" ;; esac
	kill -0 $bystander 2>/dev/null && pass "a bystander in the same cgroup survived" || fail "the OOM killer took a bystander"
	kill $bystander 2>/dev/null
	wait $bystander 2>/dev/null
else
	fail "no memory cgroup controller to test with"
fi

# 3b. The limit on a parent cgroup caps its children too: refused up front the same way.
make_cg memory
if [ -z "$cg" ]; then
	fail "no memory cgroup for the parent-limit check"
else
	echo $((200 << 20)) > "$(mem_limit_file "$cg")"
	mkdir "$cg/child" && cgdirs=("$cg/child" "${cgdirs[@]}")
	expect_exit 2 "--mem 512M under a 200M parent cgroup is refused" -- bash -c \
		"echo \$\$ > $cg/child/cgroup.procs && exec \"\$@\"" _ "$SB" run -q -n 5 --method fork --mem 512M -o "$TMP/never2.json"
	grep -q "memory cgroup" "$TMP/err" && pass "  the parent's limit is named" || fail "  message: $(cat "$TMP/err")"
fi

# 3c. A cgroup left by a run that was SIGKILLed (its process is gone) is removed by the next run that
#     needs one; rmdir refuses cgroups with processes in them, so a live run's is never touched.
v2=$(awk '$3 == "cgroup2" { print $2; exit }' /proc/self/mounts)
if [ -n "$v2" ]; then
	sleep 30 & live=$!
	mkdir -p "$v2/spawnbench.999999" "$v2/spawnbench.$live"
	echo $live > "$v2/spawnbench.$live/cgroup.procs" 2>/dev/null
	expect_exit 0 "a run with into-cgroup after a SIGKILLed one" -- "$SB" run -q --no-table -n 5 --method clone3 \
		--preset into-cgroup -o "$TMP/cg.json"
	[ ! -d "$v2/spawnbench.999999" ] && pass "  the dead run's cgroup was removed" || fail "  stale cgroup left"
	[ -d "$v2/spawnbench.$live" ] && pass "  a live process's cgroup was kept" || fail "  a live cgroup was removed"
	kill $live; wait $live 2>/dev/null
	for _ in 1 2 3 4 5; do rmdir "$v2/spawnbench.$live" 2>/dev/null && break; sleep 0.2; done
	rmdir "$v2/spawnbench.999999" 2>/dev/null
fi

# 4. Namespace limits lowered (in a user namespace of our own, where they are ours to set).
out=$TMP/nslimit.json
expect_exit 0 "max_net_namespaces = 0, max_ipc_namespaces = 0" -- unshare -U -r sh -c \
	'echo 0 > /proc/sys/user/max_net_namespaces && echo 0 > /proc/sys/user/max_ipc_namespaces && exec "$@"' _ \
	"$SB" run -q --no-table -n 10 --warmup 1 --method clone3 --ns none,net,ipc,uts -o "$out"
v=$(json_q "$out" "[(c['label'], c['status'], c['errno_name'] if c['errno'] else '') for c in d['cases']]")
want="[('clone3', 'ok', ''), ('clone3 ns=net', 'error', 'ENOSPC'), ('clone3 ns=ipc', 'error', 'ENOSPC'), ('clone3 ns=uts', 'ok', '')]"
[ "$v" = "$want" ] && pass "ENOSPC per case, the rest ran" || fail "cases: $v"
v=$(json_q "$out" "[c['reason'] for c in d['cases'] if c['errno']]")
case "$v" in *max_net_namespaces\ =\ 0*max_ipc_namespaces\ =\ 0*) pass "limits named" ;; *) fail "reasons: $v" ;; esac

sleep 0.2
cleanup
for d in "${cgdirs[@]}"; do [ -d "$d" ] && fail "cgroup left: $d"; done
left=$(leftovers)
[ -z "$left" ] && pass "no worker or child left" || fail "left behind: $left"
finish
