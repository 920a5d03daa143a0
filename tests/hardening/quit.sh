#!/bin/bash
# SPDX-License-Identifier: MIT
# SIGQUIT (Ctrl-\) at its default disposition is handled like SIGINT: the results of the finished cases are
# written, the run exits 130, no core dump, nothing left running. (A script's background job starts with
# SIGQUIT ignored: env --default-signal gives spawnbench the terminal's default, as an interactive shell does.)
. "$(dirname "$0")/../lib.sh"
cd "$TMP" || exit 1
printf '#!/bin/sh\necho >>%s/spawns\nsleep 0.02\n' "$TMP" >slow.sh
chmod 755 slow.sh
env --default-signal=QUIT "$SB" run -q --no-table -n 300 -w 0 --batch 5 -m fork,vfork -e "$TMP/slow.sh" \
	-o q.json 2>err &
pid=$!
for _ in $(seq 600); do [ -f spawns ] && [ "$(wc -l <spawns)" -ge 20 ] && break; sleep 0.05; done
kill -QUIT $pid
wait $pid
rc=$?
[ $rc -eq 130 ] && pass "SIGQUIT: exit 130" || fail "SIGQUIT: exit $rc, wanted 130: $(head -c 300 err)"
[ -s q.json ] && validate q.json && pass "SIGQUIT: a valid results file" || fail "SIGQUIT: no valid results file"
json_q q.json "d['run']['interrupted'] and any(c['status'] == 'interrupted' for c in d['cases'])" 2>/dev/null |
	grep -q True && pass "SIGQUIT: marked interrupted, samples kept" || fail "SIGQUIT: not marked interrupted"
compgen -G "core*" >/dev/null && fail "a core file was dumped"
sleep 0.2
[ -z "$(leftovers)" ] && pass "nothing left running" || fail "left running: $(leftovers)"
finish
