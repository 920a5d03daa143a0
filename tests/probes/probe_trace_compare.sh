# SPDX-License-Identifier: MIT
# compare reads two trace profiles: a program forking from a 64 MiB heap, then the same program from a
# 128 MiB heap, is a regression of its clone syscall explained by copy_page_range. A profile and a results
# file do not mix (exit 2).
. "$(dirname "$0")/lib.sh"
need_root
command -v python3 >/dev/null || fail "python3 is needed"
cat >"$DIR/forker.py" <<'PY'
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
	"$SB" trace --json "$DIR/t$m.json" -- python3 "$DIR/forker.py" $m 100 >/dev/null || fail "trace at $m MiB"
done
"$SB" compare --json "$DIR/t64.json" "$DIR/t128.json" >"$DIR/c.json"
[ $? = 1 ] || fail "compare of the profiles should exit 1 (regression)"
all='.rows[] | select(.key == "all spawns")'
check "$all | .metric == \"syscall_ns\" and .verdict == \"regression\"" "$DIR/c.json" "the syscall regressed" "$all"
check "$all | .explanation.stages[0].name == \"copy_page_range\" and .explanation.stages[0].carry >= 0.5" \
	"$DIR/c.json" "copy_page_range carries the change" "$all | .explanation"
check '[.rows[] | select(.key | startswith("clone")) | .explanation.phases[] | select(.name == "syscall_to_copy_done_ns") | .verdict] == ["regression"]' \
	"$DIR/c.json" "the fork's copy_process phase regressed" '.rows'
ok "profiles: $(jq -r "$all | .explanation.summary" "$DIR/c.json")"
"$SB" run -m fork -n 10 -q --no-table -o "$DIR/r.json" || fail "run"
"$SB" compare "$DIR/t64.json" "$DIR/r.json" >/dev/null 2>"$DIR/err"
rc=$?
[ $rc = 2 ] || fail "a profile against a results file exited $rc, want 2"
grep -q 'cannot compare trace profiles' "$DIR/err" || fail "no message: $(cat "$DIR/err")"
ok "a profile and a results file are refused"
