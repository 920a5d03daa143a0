# SPDX-License-Identifier: MIT
# shellcheck shell=bash
# Runs in sessions of their own: `setsid CMD &` from a script (no job control, so the child is not a group
# leader and setsid(1) does not fork) makes the run's pid its session id, which every process it starts
# keeps, whatever it exec'd and whoever reaps it. Leftovers are then found by session, not by name.

# Processes of session SID still alive. A zombie that init has inherited is dead and init's to reap (this
# VM's init does so lazily), so it does not count; a zombie with any other parent does.
in_session() { ps -e -o sid=,pid=,ppid=,stat=,args= | awk -v s="$1" '$1 == s && !($4 ~ /^Z/ && $3 == 1)'; }
# Kill what a failed check left, by pid, so that one failure does not leak into the next round.
reap_session() { in_session "$1" | awk '{ print $2 }' | xargs -r kill -KILL 2>/dev/null; }
