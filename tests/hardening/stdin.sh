#!/bin/bash
# SPDX-License-Identifier: MIT
# Programs that the children exec read /dev/null, not spawnbench's stdin: `sleep 40 | spawnbench run -e
# /bin/cat` waited for the pipe (and hit the spawn time-out), and from a terminal `-e /bin/sh` read the keyboard.
. "$(dirname "$0")/../lib.sh"
cd "$TMP" || exit 1
mkfifo pipe
sleep 60 >pipe &
writer=$!
start=$SECONDS
timeout 50 "$SB" run -q --no-table -m fork,posix_spawn -e /bin/cat -n 3 -w 1 --spawn-timeout 5 -o r.json <pipe >/dev/null 2>err
rc=$?
kill $writer 2>/dev/null
wait $writer 2>/dev/null
[ $rc -eq 0 ] && pass "-e /bin/cat with a pipe on stdin: exit 0 after $((SECONDS - start)) s" || fail "exit $rc: $(head -c 300 err)"
json_q r.json "[c['status'] for c in d['cases']]" | grep -q "^\['ok', 'ok'\]$" && pass "both cases ok" ||
	fail "cases: $(json_q r.json "[(c['status'], c.get('reason')) for c in d['cases']]")"
# What the child's stdin is: /dev/null, whatever spawnbench's is.
printf '#!/bin/sh\nreadlink /proc/self/fd/0 >>%s/stdin-of-child\n' "$TMP" >which.sh
chmod 755 which.sh
echo "input nobody should read" | "$SB" run -q --no-table -m fork -e "$TMP/which.sh" -n 2 -w 0 -o r2.json >/dev/null 2>&1
[ "$(sort -u stdin-of-child)" = "/dev/null" ] && pass "the exec'd program's stdin is /dev/null" ||
	fail "the exec'd program's stdin is: $(sort -u stdin-of-child | head -3)"
finish
