#!/bin/bash
# SPDX-License-Identifier: MIT
# Bad input to compare and export: exit status 2, one line naming the file and what is wrong.
. "$(dirname "$0")/../lib.sh"
need jq

"$GEN" -o "$TMP/good.json" -s 1 -n 50 -c fork:50000
printf '{"schema": "spawnbench/1", "cases": [ {"key": "a"' >"$TMP/truncated.json"
printf 'this is not json\n' >"$TMP/garbage.json"
printf '{"schema": "spawnbench/9", "cases": []}\n' >"$TMP/future.json"
printf '{"cases": []}\n' >"$TMP/noschema.json"
printf '{"schema": "spawnbench/1", "cases": [{"label": "x", "status": "ok"}]}\n' >"$TMP/nokey.json"
printf '{"schema": "spawnbench/1", "cases": [{"key": "fork", "status": "ok", "samples": {"total_ns": [1, "2"]}}]}\n' \
	>"$TMP/badsample.json"
# The typed parts of the model: a case's probe and counters, the header a report prints.
printf '{"schema": "spawnbench/1", "cases": [{"key": "fork", "status": "ok", "samples": {"total_ns": [1, 2]}, "probe": {"stages": [{"name": "dup_mmap", "share": "71%%"}]}}]}\n' \
	>"$TMP/badprobe.json"
printf '{"schema": "spawnbench/1", "cases": [{"key": "fork", "status": "ok", "samples": {"total_ns": [1, 2]}, "counters": {"events": [{"name": "cycles", "samples": [3, null]}]}}]}\n' \
	>"$TMP/badcounter.json"
printf '{"schema": "spawnbench/1", "host": {"cores": "eight"}, "cases": [{"key": "fork", "status": "ok", "samples": {"total_ns": [1, 2]}}]}\n' \
	>"$TMP/badhost.json"

# Each broken file, on either side of compare and as an export input.
for bad in missing.json truncated.json garbage.json future.json noschema.json nokey.json badsample.json badprobe.json \
	badcounter.json badhost.json; do
	f="$TMP/$bad"
	expect_rc 2 "$SB" compare "$TMP/good.json" "$f"
	expect_in "$TMP/err" "$f"
	[ "$(wc -l <"$TMP/err")" = 1 ] || fail "compare with $bad: want one line on stderr, got $(wc -l <"$TMP/err")"
	[ -s "$TMP/out" ] && fail "compare with $bad printed a table anyway"
	expect_rc 2 "$SB" compare -b "$f" -n "$TMP/good.json"
	expect_in "$TMP/err" "$f"
	expect_rc 2 "$SB" export --format csv "$TMP/good.json" "$f"
	expect_in "$TMP/err" "$f"
done
expect_rc 2 "$SB" compare "$TMP/good.json" "$TMP/missing.json"
expect_in "$TMP/err" "No such file"
expect_rc 2 "$SB" compare "$TMP/good.json" "$TMP/truncated.json"
expect_in "$TMP/err" "truncated"
expect_rc 2 "$SB" compare "$TMP/good.json" "$TMP/future.json"
expect_in "$TMP/err" "spawnbench/9"
expect_rc 2 "$SB" compare "$TMP/good.json" "$TMP/nokey.json"
expect_in "$TMP/err" "case 0 has no \"key\""
expect_rc 2 "$SB" compare "$TMP/good.json" "$TMP/badsample.json"
expect_in "$TMP/err" "samples.total_ns[1] is not a number"
expect_rc 2 "$SB" compare "$TMP/good.json" "$TMP/badprobe.json"
expect_in "$TMP/err" "$TMP/badprobe.json: case 0 (no label): probe.stages[0].share is not a number"
expect_rc 2 "$SB" export --format bencher "$TMP/badcounter.json"
expect_in "$TMP/err" "$TMP/badcounter.json: case 0 (no label): counters.events[0].samples[1] is not a number"
expect_rc 2 "$SB" compare "$TMP/badhost.json" "$TMP/good.json"
expect_in "$TMP/err" "$TMP/badhost.json: host.cores is not a number"

# Bad options.
expect_rc 2 "$SB" compare "$TMP/good.json"
expect_rc 2 "$SB" compare "$TMP/good.json" "$TMP/good.json" "$TMP/good.json"
expect_rc 2 "$SB" compare -b "$TMP/good.json" "$TMP/good.json"
expect_rc 2 "$SB" compare --threshold lots "$TMP/good.json" "$TMP/good.json"
expect_in "$TMP/err" "--threshold"
expect_rc 2 "$SB" compare --alpha 0.7 "$TMP/good.json" "$TMP/good.json"
expect_in "$TMP/err" "--alpha"
expect_rc 2 "$SB" compare --metric spawns_per_s "$TMP/good.json" "$TMP/good.json"
expect_in "$TMP/err" "not a duration metric"
expect_rc 2 "$SB" compare --metric all,total_ns "$TMP/good.json" "$TMP/good.json"
expect_rc 2 "$SB" compare --bogus "$TMP/good.json" "$TMP/good.json"
expect_rc 2 "$SB" compare -o "$TMP/no/such/dir/out.md" "$TMP/good.json" "$TMP/good.json"
expect_in "$TMP/err" "$TMP/no/such/dir/out.md"
expect_rc 2 "$SB" export --format hyperfin "$TMP/good.json"
expect_in "$TMP/err" "did you mean 'hyperfine'"
expect_rc 2 "$SB" export "$TMP/good.json"
expect_in "$TMP/err" "--format is required"
expect_rc 2 "$SB" export --format csv
expect_in "$TMP/err" "no results file"
expect_rc 0 "$SB" compare --help
expect_in "$TMP/out" "usage: spawnbench compare"
expect_rc 0 "$SB" export --help

finish
