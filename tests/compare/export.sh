#!/bin/bash
# SPDX-License-Identifier: MIT
# spawnbench export: each format checked against what the other tool reads.
. "$(dirname "$0")/../lib.sh"
need jq

# A label with a comma and a quote exercises CSV quoting; a skipped case must not be exported.
"$GEN" -o "$TMP/r.json" -s 7 -n 60 -c 'fork mem=1M, "big"':50000 -c vfork:20000 -c gone:1000:1:skipped

# hyperfine: field names and types as hyperfine itself writes them.
if command -v hyperfine >/dev/null; then
	hyperfine -N -r 3 -w 0 --export-json "$TMP/ref.json" true >/dev/null 2>&1 ||
		fail "hyperfine could not write a reference export"
else
	# hyperfine 1.15's fields, for hosts without it.
	cat >"$TMP/ref.json" <<'JSON'
{"results": [{"command": "true", "mean": 0.001, "stddev": 0.0, "median": 0.001, "user": 0.001, "system": 0.0,
  "min": 0.001, "max": 0.001, "times": [0.001], "exit_codes": [0]}]}
JSON
fi
expect_rc 0 "$SB" export --format hyperfine -o "$TMP/hf.json" "$TMP/r.json"
"$PY" "$HERE/check_exports.py" hyperfine "$TMP/hf.json" "$TMP/ref.json" "$TMP/r.json" || fail "hyperfine export"
jq_eq "$TMP/hf.json" '.results[1].command' 'vfork'
# One metric and cases that share no axis name but the key: nothing varies that hyperfine could plot.
jq_eq "$TMP/hf.json" '.results[1] | has("parameters")' 'false'

# github-action-benchmark: its customSmallerIsBetter schema.
expect_rc 0 "$SB" export --format github-action-benchmark "$TMP/r.json"
cp "$TMP/out" "$TMP/gab.json"
"$PY" "$HERE/check_exports.py" gab "$TMP/gab.json" "$HERE/github-action-benchmark.schema.json" "$TMP/r.json" ||
	fail "github-action-benchmark export"
jq_eq "$TMP/gab.json" '.[1].name' 'vfork total_ns'

# CSV: every metric of every ok case, quoted where needed, the numbers right.
expect_rc 0 "$SB" export --format csv -o "$TMP/r.csv" "$TMP/r.json"
"$PY" "$HERE/check_exports.py" csv "$TMP/r.csv" "$TMP/r.json" || fail "csv export"
expect_in "$TMP/r.csv" '"fork mem=1M, ""big"""'
expect_not_in "$TMP/r.csv" 'gone'

# Several files: repeated runs pool by key.
"$GEN" -o "$TMP/r2.json" -s 8 -n 40 -c vfork:20000
expect_rc 0 "$SB" export --format hyperfine "$TMP/r.json" "$TMP/r2.json"
jq_eq "$TMP/out" '.results[] | select(.command == "vfork") | .times | length' '100'

# --metric all in hyperfine names each metric.
expect_rc 0 "$SB" export --format hyperfine --metric all "$TMP/r2.json"
jq_eq "$TMP/out" '[.results[].command] | join(",")' 'vfork [create_ns],vfork [total_ns]'

finish
