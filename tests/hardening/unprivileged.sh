#!/bin/bash
# SPDX-License-Identifier: MIT
# The driver's end-to-end suite, report, compare, export and counters again as an unprivileged user (nobody)
# with a writable scratch directory: privileged cases run inside a user namespace or are skipped with the
# reason; probes say they need root; nothing fails.
SB=$1
SCRATCH=$2
SRC=$3
if [ "$(id -u)" -ne 0 ]; then echo "needs root to become nobody"; [ -n "${CI:-}" ] && exit 1; exit 77; fi
rm -rf "$SCRATCH" && mkdir -p "$SCRATCH" && chown nobody:nogroup "$SCRATCH"
as_nobody() { setpriv --reuid=nobody --regid=nogroup --clear-groups env -u SPAWNBENCH_LIBEXEC HOME="$SCRATCH" TMPDIR="$SCRATCH" "$@"; }
failed=0
for t in methods rules schema interrupt timeout cli ratios; do
	if (cd "$SCRATCH" && as_nobody bash "$SRC/tests/driver/e2e_$t.sh" "$SB" "$SCRATCH/$t" "$SRC") >"$SCRATCH/$t.log" 2>&1; then
		echo "ok: e2e_$t as nobody ($(grep -c '^ok' "$SCRATCH/$t.log") checks)"
	else
		echo "FAIL: e2e_$t as nobody:"
		grep -v '^ok' "$SCRATCH/$t.log" | tail -20
		failed=$((failed + 1))
	fi
done
# The report, compare, export and counters suites too: none of them needs root, so none may fail as nobody.
BUILD=$(dirname "$SB")/..
run_as_nobody() {
	local name=$1
	shift
	if (cd "$SCRATCH" && as_nobody "$@") >"$SCRATCH/$name.log" 2>&1; then
		echo "ok: $name as nobody"
	else
		echo "FAIL: $name as nobody:"
		grep -v '^ok' "$SCRATCH/$name.log" | tail -20
		failed=$((failed + 1))
	fi
}
for t in render badinput; do
	run_as_nobody "report_$t" bash "$SRC/tests/report/$t.sh" "$SB" "$SRC/data/fixtures/report" "$SRC/tests/report"
done
for t in cli badinput export; do
	run_as_nobody "compare_$t" bash "$SRC/tests/compare/$t.sh" "$SB" "$BUILD/tests/compare/compare_gen_results" \
		"$SRC/tests/compare"
done
run_as_nobody counters_e2e bash "$SRC/tests/counters/e2e_counters.sh" "$SB" "$SCRATCH/counters" "$SRC"
# Probes need root: refused with exit 3 and a clear message, nothing else happens.
out=$(cd "$SCRATCH" && as_nobody "$SB" run -q -n 5 --method fork --probe phases -o "$SCRATCH/p.json" 2>&1)
rc=$?
if [ "$rc" -eq 3 ] && [ ! -e "$SCRATCH/p.json" ] && [ -n "$out" ]; then
	echo "ok: --probe as nobody: exit 3: $out"
else
	echo "FAIL: --probe as nobody: exit $rc, output: $out"
	failed=$((failed + 1))
fi
out=$(cd "$SCRATCH" && as_nobody "$SB" run -q --no-table -n 10 --method clone3 --ns net,pid+mnt -o "$SCRATCH/ns.json" 2>&1)
if (cd "$SCRATCH" && as_nobody /usr/bin/python3 -c "import json,sys; d=json.load(open(sys.argv[1])); sys.exit(0 if all(c['status'] == 'ok' and c['userns_added'] for c in d['cases']) and d['notes'] else 1)" "$SCRATCH/ns.json"); then
	echo "ok: privileged namespaces ran inside a new user namespace, and the results say so"
else
	echo "FAIL: namespaces as nobody: $out"
	failed=$((failed + 1))
fi
if [ "$failed" -ne 0 ]; then echo "$failed check(s) failed"; exit 1; fi
echo "all checks passed"
