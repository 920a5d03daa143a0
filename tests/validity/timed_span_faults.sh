#!/bin/bash
# SPDX-License-Identifier: MIT
# No copy-on-write fault of the driver's own inside a fork's timed span. After fork() every private page
# the parent writes is copied while the child still maps it; a bare fork/_exit/waitpid loop writes only its
# stack (fork()'s own return does that), so spawnbench must not store into its context or sample before the
# reap. The counters' parent scope covers the call from just before t_call to just after t_return: its page
# faults are the stack's, which fork()'s own return copies (and the caller's frame, when it sits on the
# next page), and nothing else. Stores into the spawn context or the sample (a page each) would add more.
. "$(dirname "$0")/../lib.sh"

out=$TMP/f.json
expect_exit 0 "fork and clone3 with page faults counted" -- "$SB" run -q --no-table -n 60 --warmup 5 --cpu 0 \
	--no-start --method fork,clone3 --counters page-faults -o "$out"
for m in fork clone3; do
	v=$(json_q "$out" "[e['stats']['median'] for c in d['cases'] if c['method'] == '$m' for e in c['counters']['events'] if e['scope'] == 'parent' and e['name'] == 'page-faults'][0]")
	expect_num "$v" '<=' 2 "$m: the spawner's page faults over the call (median)"
done
# The child's side still sees its own: the stack and glibc's data it writes before _exit.
v=$(json_q "$out" "[e['stats']['median'] for c in d['cases'] if c['method'] == 'fork' for e in c['counters']['events'] if e['scope'] == 'child' and e['name'] == 'page-faults'][0]")
expect_num "$v" '>=' 1 "fork: the child's page faults are counted"
finish
