#!/bin/bash
# SPDX-License-Identifier: MIT
# Bad input is refused before anything runs: exit 2, the rule named, no results file written.
. "$(dirname "$0")/../lib.sh"

out=$TMP/never.json
refuse() {   # refuse "words expected in the message" ARGS...
	local words=$1
	shift
	expect_exit 2 "refused: $*" -- "$SB" run -q -n 5 -o "$out" "$@"
	grep -qF -- "$words" "$TMP/err" && pass "  message names: $words" || fail "  message lacks '$words': $(cat "$TMP/err")"
	[ ! -e "$out" ] && pass "  no results file" || { fail "  results file written"; rm -f "$out"; }
}

# clone(2)'s EINVAL rules, each as the man page states it
refuse "CLONE_THREAD was specified, but CLONE_SIGHAND was not" --method clone --flags vm,thread
refuse "CLONE_SIGHAND was specified, but CLONE_VM was not" --method clone --flags sighand
refuse "both CLONE_FS and CLONE_NEWNS" --method clone --flags fs,newns
refuse "both CLONE_FS and CLONE_NEWNS" --method clone3 --flags fs --ns mnt
refuse "both CLONE_NEWUSER and CLONE_FS" --method clone3 --flags fs --ns user
refuse "both CLONE_NEWIPC and CLONE_SYSVSEM" --method clone --flags sysvsem --ns ipc
refuse "CLONE_NEWPID or CLONE_NEWUSER was specified with CLONE_THREAD or CLONE_PARENT" --method clone3 --preset thread-like --ns pid
refuse "CLONE_NEWPID or CLONE_NEWUSER was specified with CLONE_THREAD or CLONE_PARENT" --method clone --flags parent --ns user
refuse "both CLONE_SIGHAND and CLONE_CLEAR_SIGHAND" --method clone3 --flags vm,sighand,clear_sighand
refuse "CLONE_PIDFD was specified together with CLONE_THREAD" --method clone3 --flags vm,sighand,thread,pidfd --exit-signal none
refuse "CLONE_PIDFD was specified together with CLONE_PARENT_SETTID" --method clone --flags pidfd,parent_settid
refuse "CLONE_NEWTIME needs clone3()" --method clone --ns time
refuse "exist only for clone3()" --method clone --preset into-cgroup
refuse "cannot exec" --method clone --preset thread-like --exec child
# names, sizes, values
refuse "did you mean 'fork'" --method frok
refuse "did you mean 'sighand'" --method clone --flags vm,sighnad
refuse "did you mean 'net'" --method clone --ns nte
refuse "did you mean 'thread-like'" --method clone --preset thread-lik
refuse "did you mean '--iterations'" --method fork --iteration 5
refuse "unknown size suffix" --method fork --mem 64X
refuse "is not a size" --method fork --mem -1G
refuse "not a whole number" --method fork --mem 1.5
refuse "empty item" --method fork --mem 0,,1G
refuse "outside 4K..4G" --method clone --stack 100
refuse "more than this machine allows a run" --method fork --mem 4T
refuse "the limit is 64 spawners per online CPU" --method fork --concurrency 100000
# 1024 in all, whatever the CPU count: batch.c hands the probes the spawners in an array of that size,
# and the BPF map of followed tgids holds that many (on this many CPUs the per-CPU limit speaks first).
refuse "1024 in all" --method fork --concurrency 1025
refuse "not an absolute path" --method fork --exec /no/such/program
refuse "always execs" --method posix_spawn --exec none
refuse "cannot exec" --method pthread --exec child
refuse "needs a value" --method
refuse "--plan and axis options do not mix" --plan default --method fork
refuse "No such file" --plan no-such-plan
refuse "must be below 100%" --method fork --target-ci 150%
refuse "is not a level" --method fork --probe everything

# A plan file with a bad line names the file and the line.
printf 'description: broken\ncases: --method fork --mem 1Q\n' > "$TMP/bad.plan"
refuse "bad.plan:2" --plan "$TMP/bad.plan"
printf 'description: broken\noptions: --method fork\ncases: --method fork\n' > "$TMP/bad2.plan"
refuse "is an axis" --plan "$TMP/bad2.plan"

expect_exit 2 "unknown command" -- "$SB" frobnicate
grep -q "unknown command" "$TMP/err" && pass "  says so" || fail "  message: $(cat "$TMP/err")"
finish
