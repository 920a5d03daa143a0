#!/bin/bash
# SPDX-License-Identifier: MIT
# The results file validates against the documented schema, and its numbers agree with themselves.
. "$(dirname "$0")/../lib.sh"

out=$TMP/s.json
csv=$TMP/s.csv
expect_exit 0 "a varied run" -- "$SB" run -q --no-table -n 30 --warmup 2 --method fork,clone3,posix_spawn,pthread \
	--exec none,child --ns none,uts --target-ci 5% --min-iterations 10 --max-time 2s -o "$out" --csv "$csv"
validate "$out" && pass "validates against docs/results.schema.json" \
	|| fail "schema validation"
expect_json "$out" "all(c['stats'][m]['n'] == len(c['samples'][m]) and c['stats'][m]['ci95_low'] <= c['stats'][m]['median'] <= c['stats'][m]['ci95_high'] and c['stats'][m]['min'] <= c['stats'][m]['p90'] <= c['stats'][m]['p99'] <= c['stats'][m]['max'] for c in d['cases'] if c['status'] == 'ok' for m in c['stats'] if m != 'spawns_per_s')" "stats agree with samples (n, CI around median, quantile order)"
expect_json "$out" "sorted(set(c['stop_reason'] for c in d['cases'])) and all(c['stop_reason'] in ('iterations','target-ci','max-time') for c in d['cases'])" "every case says why it stopped"
expect_json "$out" "d['host']['clock']['overhead_ns'] > 0 and d['host']['cores'] >= 1 and len(d['tool']['git_commit']) > 0" "host and timer recorded"
lines=$(wc -l < "$csv")
cases=$(json_q "$out" "len(d['cases'])")
[ "$lines" -eq $((cases + 1)) ] && pass "CSV: header + one row per case" || fail "CSV has $lines lines for $cases cases"
"$PY" -c "import csv,sys; r=list(csv.DictReader(open(sys.argv[1]))); sys.exit(0 if all(x['total_median'] for x in r) else 1)" "$csv" \
	&& pass "CSV parses, every row has total_median" || fail "CSV content"

# Every shipped plan loads and expands (dry run).
for plan in "$SRC"/data/plans/*.plan; do
	name=$(basename "$plan" .plan)
	expect_exit 0 "plan $name expands" -- "$SB" run --plan "$name" --dry-run
done
finish
