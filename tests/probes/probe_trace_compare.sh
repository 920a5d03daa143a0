# SPDX-License-Identifier: MIT
# compare reads two trace profiles: a program forking from a 64 MiB heap, then the same program from a
# 128 MiB heap, is a regression of its clone syscall explained by copy_page_range. A profile and a results
# file do not mix (exit 2).
. "$(dirname "$0")/../lib.sh"
need_root
need jq
cat >"$TMP/forker.py" <<'PY'
import os, sys
n = int(sys.argv[1]) << 20
b = bytearray(n)
for i in range(0, n, 4096):
    b[i] = 1
for _ in range(int(sys.argv[2])):
    pid = os.fork()
    if pid == 0:
        os._exit(0)
    os.waitpid(pid, 0)
PY
for m in 64 128; do
	"$SB" trace --json "$TMP/t$m.json" -- "$PY" "$TMP/forker.py" $m 100 >/dev/null || fail "trace at $m MiB"
done
"$SB" compare --json "$TMP/t64.json" "$TMP/t128.json" >"$TMP/c.json"
[ $? = 1 ] || fail "compare of the profiles should exit 1 (regression)"
all='.rows[] | select(.key == "all spawns")'
check "$all | .metric == \"syscall_ns\" and .verdict == \"regression\"" "$TMP/c.json" "the syscall regressed" "$all"
check "$all | .explanation.stages[0].name == \"copy_page_range\" and .explanation.stages[0].carry >= 0.5" \
	"$TMP/c.json" "copy_page_range carries the change" "$all | .explanation"
check '[.rows[] | select(.key | startswith("clone")) | .explanation.phases[] | select(.name == "syscall_to_copy_done_ns") | .verdict] == ["regression"]' \
	"$TMP/c.json" "the fork's copy_process phase regressed" '.rows'
pass "profiles: $(jq -r "$all | .explanation.summary" "$TMP/c.json")"
"$SB" run -m fork -n 10 -q --no-table -o "$TMP/r.json" || fail "run"
"$SB" compare "$TMP/t64.json" "$TMP/r.json" >/dev/null 2>"$TMP/err"
rc=$?
[ $rc = 2 ] || fail "a profile against a results file exited $rc, want 2"
grep -q 'cannot compare trace profiles' "$TMP/err" || fail "no message: $(cat "$TMP/err")"
pass "a profile and a results file are refused"
finish
