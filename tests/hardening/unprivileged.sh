#!/bin/bash
# SPDX-License-Identifier: MIT
# The driver's end-to-end suite, report, compare, export and counters again as an unprivileged user (nobody)
# with a writable scratch directory: privileged cases run inside a user namespace or are skipped with the
# reason; probes say they need root; nothing fails.
. "$(dirname "$0")/../lib.sh"
need_root "to become nobody"
chown nobody:nogroup "$TMP"
cd "$TMP" || exit 1
# nobody: as_nobody with the scratch directory as TMPDIR, and the helpers each suite copies for itself.
nobody() { as_nobody env -u SPAWNBENCH_LIBEXEC TMPDIR="$TMP" "$@"; }
# run_as_nobody NAME SCRIPT [ENV...]: a script test of another folder, run as nobody with the usual arguments.
run_as_nobody() {
	local name=$1 script=$2
	shift 2
	if nobody "$@" bash "$SRC/tests/$script" "$SB" "$TMP/$name" "$SRC" >"$TMP/$name.log" 2>&1; then
		pass "$name as nobody ($(grep -c '^ok' "$TMP/$name.log") checks)"
	else
		fail "$name as nobody:"
		grep -v '^ok' "$TMP/$name.log" | tail -20
	fi
}
for t in methods rules schema interrupt timeout cli ratios; do
	run_as_nobody "e2e_$t" "driver/e2e_$t.sh"
done
# The report, compare, export and counters suites too: none of them needs root, so none may fail as nobody.
for t in render badinput; do
	run_as_nobody "report_$t" "report/$t.sh"
done
for t in cli badinput export; do
	run_as_nobody "compare_$t" "compare/$t.sh" GEN_BIN="$GEN_BIN"
done
run_as_nobody counters_e2e counters/e2e_counters.sh
# Probes need root: refused with exit 3 and a clear message, nothing else happens.
out=$(nobody "$SB" run -q -n 5 --method fork --probe phases -o "$TMP/p.json" 2>&1)
rc=$?
if [ "$rc" -eq 3 ] && [ ! -e "$TMP/p.json" ] && [ -n "$out" ]; then
	pass "--probe as nobody: exit 3: $out"
else
	fail "--probe as nobody: exit $rc, output: $out"
fi
out=$(nobody "$SB" run -q --no-table -n 10 --method clone3 --ns net,pid+mnt -o "$TMP/ns.json" 2>&1)
if nobody "$PY" -c "import json,sys; d=json.load(open(sys.argv[1])); sys.exit(0 if all(c['status'] == 'ok' and c['userns_added'] for c in d['cases']) and d['notes'] else 1)" "$TMP/ns.json"; then
	pass "privileged namespaces ran inside a new user namespace, and the results say so"
else
	fail "namespaces as nobody: $out"
fi
finish
