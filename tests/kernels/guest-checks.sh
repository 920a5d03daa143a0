#!/bin/sh
# SPDX-License-Identifier: MIT
# The probe checks of the kernel matrix, run as root on the kernel under test: inside a QEMU guest (from
# the initramfs scripts/kernel-matrix builds, busybox sh) or on the host itself (`--kernel host`).
# It prints one line per finding, "SBK <kind> ...", which scripts/kernel-matrix collects and judges:
#   SBK doctor <a line of `spawnbench doctor -v`'s kernel tracing section>
#   SBK backend <name> loads=yes|no attaches=yes|no
#   SBK check <backend> <name> PASS|FAIL|SKIP <detail>
#   SBK fig <backend> <case>: <figures>
# Timing under TCG means nothing (a clock read costs about 860 ns): the checks are about what loads,
# where the time is attributed and whether the parts add up, never about speed.
#   SB=spawnbench EXPECT="fentry kprobe tracepoint phase-fentry" WORK=/tmp/x guest-checks.sh
set -u
SB=${SB:-spawnbench}
WORK=${WORK:-/tmp/sbk}
EXPECT=${EXPECT:-}
# Only BPF programs whose names are ours count (on the host, other tools load theirs).
OURS='^(sb_|fentry_|fexit_|kprobe_|kretprobe_)'
mkdir -p "$WORK"

say() { echo "SBK $*"; }
pass() { say check "$1" "$2" PASS "${3:-}"; }
fail() { say check "$1" "$2" FAIL "${3:-}"; }
skip() { say check "$1" "$2" SKIP "${3:-}"; }
# verdict BACKEND NAME DETAIL JQ-TEST FILE
verdict() {
	if jq -e "$4" "$5" >/dev/null 2>&1; then pass "$1" "$2" "$3"; else fail "$1" "$2" "$3"; fi
}

our_progs() { bpftool prog show 2>/dev/null | sed -n 's/^[0-9]*: [a-z_]* *name \([^ ]*\).*/\1/p' | grep -cE "$OURS"; }
our_links() {
	# a link names its program by id: a link of ours points at a program of ours
	ids=$(bpftool prog show 2>/dev/null | sed -n 's/^\([0-9]*\): [a-z_]* *name \([^ ]*\).*/\1 \2/p' |
		grep -E " ($(echo "$OURS" | sed 's/^\^//'))" | cut -d' ' -f1 | tr '\n' '|')
	[ -z "$ids" ] && { echo 0; return; }
	bpftool link show 2>/dev/null | grep -cE "prog (${ids%|}) *\$|prog (${ids%|}) "
}
# Links and programs go away shortly after their last fd closes: wait up to 5 s.
nothing_left() {
	i=0
	while [ $i -lt 50 ]; do
		[ "$(our_progs)" = 0 ] && [ "$(our_links)" = 0 ] && return 0
		sleep 0.1
		i=$((i + 1))
	done
	return 1
}
expects() { case " $EXPECT " in *" $1 "*) return 0 ;; esac; return 1; }

# --- doctor: what this kernel allows, really loaded and attached -------------------------------------
"$SB" doctor -v >"$WORK/doctor.txt" 2>&1
rc=$?
sed -n '/^kernel tracing/,/^counters/p' "$WORK/doctor.txt" | grep -v '^counters' | while IFS= read -r l; do
	say doctor "$l"
done
[ $rc = 0 ] && pass doctor exit "doctor exit 0" || fail doctor exit "doctor exit $rc"
# rowval WHAT: "yes|no DETAIL" of doctor's row "  WHAT  yes|no DETAIL"
rowval() {
	awk -v n="$1" 'index($0, "  " n " ") == 1 { s = substr($0, length(n) + 3); sub(/^ +/, "", s); print s; exit }' \
		"$WORK/doctor.txt"
}
allowed=""
for b in fentry kprobe tracepoint phase-fentry; do
	case $b in
	fentry) r=$(rowval "fentry/fexit (exact stages)") ;;
	kprobe) r=$(rowval "kprobe/kretprobe (exact stages)") ;;
	tracepoint) r=$(rowval "perf_event stack sampling (sampled stages)") ;;
	phase-fentry) r=$(rowval "fentry (phase boundaries)") ;;
	esac
	case $r in
	yes*) loads=yes attaches=yes ;;
	*attaching*) loads=yes attaches=no ;;
	*) loads=no attaches=no ;;
	esac
	say backend $b loads=$loads attaches=$attaches
	if [ $b = phase-fentry ]; then
		phase_fentry=$attaches
	elif [ $attaches = yes ]; then
		allowed="$allowed $b"
	fi
	if expects $b; then
		[ $attaches = yes ] && pass $b doctor "doctor: loads and attaches" || fail $b doctor "doctor: $r"
	fi
	# a refusal by the verifier says so, and is never passed off as a privilege problem
	case $r in
	*"Permission denied"*) fail $b refusal-named "doctor says: $r" ;;
	esac
done
first=$(echo $allowed | cut -d' ' -f1)
if [ -n "$first" ]; then
	grep -q "auto picks $first\$" "$WORK/doctor.txt" && pass "$first" auto-picks "auto picks $first" ||
		fail "$first" auto-picks "$(rowval 'probe backend')"
fi

# --- per backend: stages of clone3 at 0/64M, with and without a new net namespace ---------------------
for b in $allowed; do
	case $b in
	tracepoint) n=20 exact=0 ;;
	*) n=20 exact=1 ;;
	esac
	say t "$b: $(cut -d' ' -f1 /proc/uptime)s"
	r="$WORK/stages-$b.json"
	"$SB" run -m clone3 --mem 0,64M --ns none,net -n $n --probe stages --probe-backend $b --probe-hz 2000 \
		-q --no-table -o "$r" >"$WORK/stages-$b.out" 2>&1
	rc=$?
	[ $rc = 0 ] && pass $b run-exit "run exit 0" || { fail $b run-exit "run exit $rc: $(tail -1 "$WORK/stages-$b.out")"; continue; }
	verdict $b names-backend "every case names $b" \
		"[.cases[] | .status == \"ok\" and .probe.backend == \"$b\"] | all and length == 4" "$r"
	jq -r '.cases[] | "\(.label): " + ([.probe.stages[0:4][] | "\(.name) \(.share * 1000 | round / 10)% \(.est_ns)ns"] | join(", "))
		+ "; copy_process phase mean \(.probe.phases.syscall_to_copy_done_ns.mean | round)ns"' "$r" |
		while IFS= read -r l; do say fig $b "$l"; done
	verdict $b top-64M "top stage at 64M is copy_page_range or dup_mmap" \
		'.cases[] | select(.label | test("mem=64M") and (test("ns=") | not)) | .probe.stages[0].name |
		 . == "copy_page_range" or . == "dup_mmap"' "$r"
	verdict $b top-net "top stage of NEWNET is copy_net_ns" \
		'.cases[] | select(.label | test("ns=net") and (test("mem=") | not)) | .probe.stages[0].name == "copy_net_ns"' "$r"
	if [ $exact = 1 ]; then
		# Exclusive times: each timed callee is subtracted from its caller once, so the stages (copy_process's
		# own time included) add up to copy_process's inclusive time, which the phase probes measure on
		# their own (syscall entry -> task_newtask, which adds only kernel_clone's short prologue).
		verdict $b shares-sum "shares add up to 1 (nothing counted twice)" \
			'[.cases[] | ([.probe.stages[].share] | add) | . > 0.999 and . < 1.001] | all' "$r"
		verdict $b adds-up "stages + self within 5% of copy_process (phase probes)" \
			'[.cases[] | (([.probe.stages[].est_ns] | add) / .probe.phases.syscall_to_copy_done_ns.mean - 1) | fabs <= 0.05] | all' "$r"
		jq -r '.cases[] | "\(.label): stages sum \([.probe.stages[].est_ns] | add)ns vs copy_process phase mean \(.probe.phases.syscall_to_copy_done_ns.mean | round)ns"' "$r" |
			while IFS= read -r l; do say fig $b "$l"; done
	else
		verdict $b samples "stage samples in every case" '[.cases[] | .probe.stage_samples_total > 0] | all' "$r"
	fi
	nothing_left && pass $b nothing-left "no program or link of ours after the run" ||
		fail $b nothing-left "$(our_progs) programs, $(our_links) links left after the run"

	# trace: a shell loop of /bin/true, every spawn counted
	say t "$b trace: $(cut -d' ' -f1 /proc/uptime)s"
	t="$WORK/trace-$b.json"
	"$SB" trace --probe-backend $b --json "$t" -- \
		sh -c 'i=0; while [ $i -lt 20 ]; do /bin/true; i=$((i + 1)); done' >"$WORK/trace-$b.out" 2>&1
	rc=$?
	if [ $rc = 0 ]; then
		got=$(jq '[.methods[] | .spawns_joined] | add // 0' "$t")
		verdict $b trace "trace saw $got of 20 spawns, backend $(jq -r .backend "$t")" \
			"([.methods[] | .spawns_joined] | add) == 20 and .backend == \"$b\"" "$t"
	else
		fail $b trace "trace exit $rc: $(tail -1 "$WORK/trace-$b.out")"
	fi
	nothing_left && pass $b trace-nothing-left "no program or link of ours after trace" ||
		fail $b trace-nothing-left "$(our_progs) programs left after trace"

	# SIGINT in the middle of a run (the exact backends; the host's probe tests interrupt the sampler)
	[ $exact = 1 ] || continue
	say t "$b sigint: $(cut -d' ' -f1 /proc/uptime)s"
	"$SB" run -m fork -n 1000000 --probe stages --probe-backend $b -q --no-table -o "$WORK/int-$b.json" \
		>"$WORK/int-$b.out" 2>&1 &
	pid=$!
	i=0
	while [ $i -lt 300 ] && [ "$(our_progs)" = 0 ]; do sleep 0.1; i=$((i + 1)); done
	sleep 1
	loaded=$(our_progs)
	kill -INT $pid
	wait $pid
	rc=$?
	if [ "$loaded" -gt 0 ] && [ $rc = 130 ] && nothing_left; then
		pass $b sigint "SIGINT with $loaded programs loaded: exit 130, nothing left"
	else
		fail $b sigint "SIGINT: $loaded programs loaded, exit $rc, $(our_progs) programs left after"
	fi
done

# --- phases with the fentry syscall hooks: they add up to create -------------------------------------
if [ $phase_fentry = yes ]; then
	say t "phases: $(cut -d' ' -f1 /proc/uptime)s"
	p="$WORK/phases.json"
	"$SB" run -m fork,vfork,pthread,posix_spawn -n 100 --probe phases -q --no-table -o "$p" >"$WORK/phases.out" 2>&1
	rc=$?
	if [ $rc = 0 ]; then
		verdict phase-fentry phase-hooks "phase_hooks is $(jq -r .config.probe.phase_hooks "$p")" \
			'.config.probe.phase_hooks == "fentry"' "$p"
		# The kernel's boundaries must cover create: call -> kernel_clone entry -> its return -> the last
		# time the caller came back from the kernel before the driver's clock read (the end of a page
		# fault, of libc's munmap or rt_sigprocmask after the spawn). What is left, user_to_caller, is user
		# space only. Up to kernel_clone's return alone (call_to_return, the "before" figure) covered only
		# 0.47-0.87 of fork's create under TCG: the parent's copy-on-write faults after fork and, on 6.12,
		# the child that runs first on the parent's CPU come after that return.
		for m in fork vfork pthread posix_spawn; do
			c=".cases[] | select(.method == \"$m\")"
			jq -r "$c | .probe.phases | \"$m: call_to_syscall \\(.call_to_syscall_ns.median)ns, syscall \\(.syscall_ns.median)ns, return_to_user \\(.return_to_user_ns.median)ns, user_to_caller \\(.user_to_caller_ns.median)ns (medians)\"" "$p" |
				while IFS= read -r l; do say fig phase-fentry "$l"; done
			jq -r "$c | \"$m: kernel phases / create = \\(.probe.phases.call_to_user_ns.median / .stats.create_ns.median * 1000 | round / 1000) (up to kernel_clone's return only: \\(.probe.phases.call_to_return_ns.median / .stats.create_ns.median * 1000 | round / 1000)), medians\"" "$p" |
				while IFS= read -r l; do say fig phase-fentry "$l"; done
			verdict phase-fentry "phases-$m" "$m: every spawn's kernel boundaries inside its create" \
				"$c | .stats.create_ns.n as \$n | .probe | .spawns_joined == \$n and .phases.call_to_syscall_ns.n == \$n
				 and .phases.syscall_ns.n == \$n and .phases.return_to_caller_ns.n == \$n and .phases.call_to_user_ns.n == \$n" "$p"
			verdict phase-fentry "adds-up-$m" "$m: kernel phases add up to create within 10% (medians)" \
				"$c | (.probe.phases.call_to_user_ns.median / .stats.create_ns.median - 1) | fabs <= 0.10" "$p"
		done
	else
		fail phase-fentry run-exit "phases run exit $rc: $(tail -1 "$WORK/phases.out")"
	fi
	nothing_left && pass phase-fentry nothing-left "no program or link of ours after the run" ||
		fail phase-fentry nothing-left "$(our_progs) programs left"
fi
say done
