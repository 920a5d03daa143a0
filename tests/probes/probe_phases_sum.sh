# SPDX-License-Identifier: MIT
# The phases of a spawn add up to the driver's create time, every spawn is joined, and the result says
# which backend made it. The kernel's boundaries (call -> syscall entry -> copy_process -> fork event ->
# wake-up -> return -> the caller's last way back from the kernel before the driver's clock read) must
# cover create within 10% (median) for every method, as in the kernel matrix. Up to the syscall's return
# alone they covered 88% of fork's create here and 93% of posix_spawn's: after the return, fork's parent
# takes copy-on-write faults on its first writes and posix_spawn unmaps its child's stack, and
# return_to_user_ns now follows the caller through those (99% for both, 97-98% for vfork and pthread).
. "$(dirname "$0")/../lib.sh"
need_root
need jq
"$SB" run -m fork,posix_spawn,vfork,pthread -n 300 --probe phases --probe-kmem -q --no-table -o "$TMP/r.json" || fail "run"
for i in 0 1 2 3; do
	c=".cases[$i]"
	check "$c.probe.backend == \"tracepoint\"" "$TMP/r.json" "backend" "$c.probe.backend"
	check "$c.probe.spawns_joined == $c.stats.create_ns.n" "$TMP/r.json" "every spawn joined" \
		"[$c.label, $c.probe.spawns_joined, $c.probe.spawns_unjoined]"
	check "$c.probe.lost_events == 0" "$TMP/r.json" "no lost events" "$c.probe.lost_events"
	check "($c.probe.phases.call_to_user_ns.median / $c.stats.create_ns.median - 1) | fabs <= 0.10" \
		"$TMP/r.json" "kernel phases add up to create within 10%" \
		"[$c.label, $c.probe.phases.call_to_user_ns.median, $c.probe.phases.call_to_return_ns.median, $c.stats.create_ns.median]"
	check "$c.probe.phases.return_to_caller_ns.n == $c.probe.spawns_joined and
	       $c.probe.phases.call_to_user_ns.n == $c.probe.spawns_joined" "$TMP/r.json" \
		"return_to_caller and call_to_user for every spawn" "$c.probe.phases.call_to_user_ns"
	check "$c.probe.phases.syscall_to_copy_done_ns.median > 0 and $c.probe.kmem.slab_objects.median > 0" \
		"$TMP/r.json" "copy_process phase and kmem counts present" "$c.probe.kmem"
	pass "$(jq -r "$c.label" "$TMP/r.json"): phases add up"
done
# A thread's record needs both its exit and its creator's return, which race on two CPUs: about one
# pthread spawn in 1700 here exits before clone3 has returned in its creator. Over 10000 spawns a record
# sent at the thread's exit alone missed 3 to 9 creators' returns (10 runs of 10).
"$SB" run -m pthread -n 10000 --probe phases -q --no-table -o "$TMP/threads.json" || fail "run pthread"
check '.cases[0].probe | .phases.call_to_return_ns.n == .spawns_joined and .spawns_joined == 10000' \
	"$TMP/threads.json" "every thread spawn has its creator's return" \
	'.cases[0].probe | [.spawns_joined, .phases.call_to_return_ns.n, .lost_events]'
pass "every thread spawn has its creator's return"
# Without --probe-kmem the allocation programs are not even loaded, and the results say nothing of kmem.
"$SB" run -m fork -n 50 --probe phases -q --no-table -o "$TMP/nokmem.json" || fail "run without kmem"
check '.cases[0].probe | has("kmem") | not' "$TMP/nokmem.json" "no kmem object without --probe-kmem" ".cases[0].probe.kmem"
wait_no_progs || fail "BPF programs left loaded after the run"
pass "nothing left loaded"
finish
