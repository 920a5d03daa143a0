#!/bin/bash
# SPDX-License-Identifier: MIT
# Exports as their readers take them, from real runs (the report fixtures): hyperfine's scripts get one
# parameter for a one-axis sweep and two cases chosen with --case; github-action-benchmark gets the
# between-run interval for pooled runs; Bencher gets its metric format. Exports a reader would reject are
# refused with exit 2, and --case/--where refuse names the inputs do not have.
. "$(dirname "$0")/../lib.sh"
need jq
CHK="$PY $HERE/check_consumers.py"

# hyperfine, plot_parametrized.py: a sweep over parent memory is a one-parameter scan.
expect_rc 0 "$SB" export -f hyperfine --where method=fork --where exec=child --where ns=none \
	--where concurrency=1 -o "$TMP/mem.json" "$FIX/fork-in-the-road.json"
$CHK hyperfine-param "$TMP/mem.json" mem || fail "plot_parametrized.py would refuse the memory sweep"
jq_eq "$TMP/mem.json" '.results | length' 8
# Sizes select as sizes: mem=64M is the key's mem=67108864.
expect_rc 0 "$SB" export -f hyperfine --where mem=64M --where mem=1G --where method=fork --where exec=child \
	--where ns=none "$FIX/fork-in-the-road.json"
jq_eq "$TMP/out" '[.results[].parameters.mem] | join(",")' '67108864,1073741824'
# Without a selection every axis that varies is a parameter (and plot_parametrized.py would refuse it).
expect_rc 0 "$SB" export -f hyperfine -o "$TMP/all.json" "$FIX/fork-in-the-road.json"
$CHK hyperfine-param "$TMP/all.json" mem 2>/dev/null && fail "a several-axis export passes as a one-parameter scan"
jq_eq "$TMP/all.json" '.results[0].parameters | keys | join(",")' 'exec,mem,method'

# hyperfine, welch_ttest.py: exactly the two cases named.
expect_rc 0 "$SB" export -f hyperfine --case 'fork exec=child' --case 'posix_spawn exec=child' \
	-o "$TMP/two.json" "$FIX/default.json"
$CHK hyperfine-welch "$TMP/two.json" || fail "welch_ttest.py would refuse two --case exports"
jq_eq "$TMP/two.json" '[.results[].command] | join(",")' 'fork exec=child,posix_spawn exec=child'
jq_eq "$TMP/two.json" '.results[0].parameters | keys | join(",")' 'method'
# A case given by its key works as well as by its label.
key=$(jq -r '.cases[0].key' "$FIX/default.json")
expect_rc 0 "$SB" export -f hyperfine --case "$key" "$FIX/default.json"
jq_eq "$TMP/out" '.results | length' 1
# One sample: stddev is null, as hyperfine writes it for one run.
jq '.cases[0].samples |= map_values(.[:1]) | .cases |= .[:1]' "$FIX/default.json" >"$TMP/one.json"
expect_rc 0 "$SB" export -f hyperfine "$TMP/one.json"
jq_eq "$TMP/out" '.results[0].stddev' 'null'

# github-action-benchmark over three runs: the between-run interval, in plain decimals.
expect_rc 0 "$SB" export -f github-action-benchmark -o "$TMP/gab.json" "$FIX/default.json" "$FIX/default-b.json" "$FIX/default-c.json"
$CHK gab-pooled "$TMP/gab.json" "$FIX/default.json" "$FIX/default-b.json" "$FIX/default-c.json" || fail "pooled gab export"
"$PY" "$HERE/check_exports.py" gab "$TMP/gab.json" "$HERE/github-action-benchmark.schema.json" "$FIX/default.json" 2>/dev/null
grep -q 'e+0' "$TMP/gab.json" && fail "gab export has numbers with exponents: $(grep -m1 'e+0' "$TMP/gab.json")"
expect_in "$TMP/gab.json" "between-run interval"

# Bencher Metric Format, one run and three pooled.
expect_rc 0 "$SB" export -f bencher -o "$TMP/bmf.json" "$FIX/concurrency.json"
$CHK bencher "$TMP/bmf.json" "$FIX/concurrency.json" || fail "bencher export of one run"
expect_rc 0 "$SB" export -f bencher -o "$TMP/bmf3.json" "$FIX/default.json" "$FIX/default-b.json" "$FIX/default-c.json"
$CHK bencher "$TMP/bmf3.json" "$FIX/default.json" "$FIX/default-b.json" "$FIX/default-c.json" || fail "bencher export of three runs"
jq_eq "$TMP/bmf3.json" '.["fork exec=child"] | keys | join(",")' 'create-latency,exec-latency,start-latency,throughput,total-latency'
expect_rc 0 "$SB" export -f bencher --metric create_ns "$FIX/default.json"
jq_eq "$TMP/out" '[.[] | keys[]] | unique | join(",")' 'create-latency'

# Refusals: an unknown metric, one no exported case has, an empty export, a selection of nothing.
expect_rc 2 "$SB" export -f github-action-benchmark --metric bogus_ns "$FIX/default.json"
expect_in "$TMP/err" "metric 'bogus_ns': no exported case measured it (metrics: create_ns, start_ns, total_ns, exec_ns)"
[ -s "$TMP/out" ] && fail "a refused export still wrote: $(head -c 80 "$TMP/out")"
expect_rc 2 "$SB" export -f github-action-benchmark --metric exec_ns --where exec=none "$FIX/fork-in-the-road.json"
expect_in "$TMP/err" "metric 'exec_ns': no exported case measured it"
"$GEN" -o "$TMP/skipped.json" -s 3 -n 10 -c gone:1000:1:skipped
expect_rc 2 "$SB" export -f hyperfine -o "$TMP/empty.json" "$TMP/skipped.json"
expect_in "$TMP/err" "refusing to write an empty export"
[ -e "$TMP/empty.json" ] && fail "a refused export left $TMP/empty.json"
expect_rc 2 "$SB" export -f hyperfine --where metod=fork "$FIX/default.json"
expect_in "$TMP/err" "no case has the axis 'metod' (axes: method, preset"
expect_rc 2 "$SB" export -f hyperfine --case 'frok exec=child' "$FIX/default.json"
expect_in "$TMP/err" "--case 'frok exec=child': no case has that label or key"
expect_rc 2 "$SB" export -f hyperfine --where method=fork --where concurrency=99 "$FIX/default.json"
expect_in "$TMP/err" "no case matches every --case and --where"
expect_rc 2 "$SB" export -f hyperfine --where method "$FIX/default.json"
expect_in "$TMP/err" "want AXIS=VALUE"

# The same selection in compare (vfork exec=child regressed between these runs: exit 1) and report.
expect_rc 1 "$SB" compare --json --where method=vfork "$FIX/default.json" "$FIX/default-b.json"
jq_eq "$TMP/out" '[.rows[].key | test("^method=vfork;")] | all' 'true'
jq_eq "$TMP/out" '.rows | length > 0' 'true'
jq_eq "$TMP/out" '[.only_in_new[].key | test("^method=vfork;")] | all' 'true'
expect_rc 2 "$SB" compare --case 'frok exec=child' "$FIX/default.json" "$FIX/default-b.json"
expect_in "$TMP/err" "no case has that label or key"
expect_rc 0 "$SB" report --where method=fork --where mem=0 "$FIX/default.json" "$FIX/concurrency.json" -o "$TMP/rep"
expect_in "$TMP/out" "cases from 2 files"
grep -q 'vfork\|posix_spawn' "$TMP/rep/summary.csv" && fail "report --where method=fork kept other methods"
grep -q 'mem=64M' "$TMP/rep/summary.csv" && fail "report --where mem=0 kept other sizes"
expect_rc 2 "$SB" report --where method=clone9 "$FIX/default.json" -o "$TMP/rep2"
expect_in "$TMP/err" "no case matches every --case and --where"
[ -e "$TMP/rep2" ] && fail "a refused report wrote $TMP/rep2"

finish
