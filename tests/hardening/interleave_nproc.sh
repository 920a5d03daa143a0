#!/bin/bash
# SPDX-License-Identifier: MIT
# RLIMIT_NPROC and interleaving: the workers of every case of a group are alive together, so cases that each
# fit the limit alone can fail together with EAGAIN. Their reason then says that the interleaved cases'
# workers were alive too and that fewer cases per run fit; a case that fails alone says nothing of the kind,
# and the same case run alone under the same limit does fit.
. "$(dirname "$0")/../lib.sh"
need_root "to run as another user"

# A uid nobody else runs as (see starved.sh): the limit counts every task of the user on the machine.
# LeakSanitizer needs a task of its own at exit, which the limit withholds: off for these runs.
uid=64998
mkdir -p "$TMP/u" && chmod 777 "$TMP/u" && chmod 755 "$TMP" "$TMP/libexec"
# as_user NPROC OUT ARGS...: spawnbench run as $uid with RLIMIT_NPROC = its tasks now + NPROC
as_user() {
	local extra=$1 out=$2 have
	shift 2
	have=$(ps -L -u $uid --no-headers | wc -l)
	expect_exit 0 "run $* with RLIMIT_NPROC = uid $uid's tasks + $extra" -- timeout 120 setpriv --reuid=$uid \
		--regid=$uid --clear-groups prlimit --nproc=$((have + extra)) env SPAWNBENCH_LIBEXEC="$SPAWNBENCH_LIBEXEC" \
		ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0" \
		"$SB" run -q --no-table -n 10 --warmup 0 -o "$out" "$@"
}
# spawnbench, three workers, and each spawn's child: 5 tasks; alone, 3.
as_user 4 "$TMP/u/three.json" -m fork,vfork,posix_spawn
v=$(json_q "$TMP/u/three.json" "[(c['method'], c['status'], c.get('errno_name')) for c in d['cases']]")
echo "  interleaved: $v"
v=$(json_q "$TMP/u/three.json" "[c['reason'] for c in d['cases'] if c.get('errno_name') == 'EAGAIN']")
case "$v" in
\[\]) fail "no case hit EAGAIN interleaved" ;;
*) v2=$(json_q "$TMP/u/three.json" "all('2 workers of the 2 cases interleaved with it were alive too (fewer cases per run let it fit)' in c['reason'] and 'RLIMIT_NPROC' in c['reason'] for c in d['cases'] if c.get('errno_name') == 'EAGAIN')")
   [ "$v2" = True ] && pass "EAGAIN's reason names the interleaving: $v" || fail "reasons: $v" ;;
esac

as_user 4 "$TMP/u/one.json" -m fork
v=$(json_q "$TMP/u/one.json" "d['cases'][0]['status']")
[ "$v" = ok ] && pass "the same limit fits one case alone" || fail "one case alone: $v"

as_user 1 "$TMP/u/none.json" -m fork
v=$(json_q "$TMP/u/none.json" "[(c['status'], c.get('errno_name'), c.get('reason', '')) for c in d['cases']]")
case "$v" in
*EAGAIN*interleaved*) fail "a case failing alone blames interleaving: $v" ;;
*EAGAIN*) pass "a case failing alone names the limit only: $v" ;;
*) fail "no EAGAIN with no room at all: $v" ;;
esac
finish
