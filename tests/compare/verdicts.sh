#!/bin/bash
# SPDX-License-Identifier: MIT
# compare's verdicts end to end: a case whose interval reaches past the threshold on both sides is
# "inconclusive", counted apart in the Markdown summary and the JSON, and does not fail the job (exit 0);
# a real regression beside it still does (exit 1).
. "$(dirname "$0")/../lib.sh"
need jq

"$GEN" -o "$TMP/gen.json" -s 5 -n 300 -g 0.02 -c wide:1000 -c steady:1000
# wide: two modes with the median between them (any resample's median may land in either mode).
jq '(.cases[] | select(.key == "wide") | .samples.total_ns) = ([range(10)] | map(100) + map(1000))' \
	"$TMP/gen.json" >"$TMP/base.json"
jq '(.cases[] | select(.key == "wide") | .samples.total_ns) = ([range(10)] | map(103) + map(1030))' \
	"$TMP/gen.json" >"$TMP/new.json"

expect_rc 0 "$SB" compare "$TMP/base.json" "$TMP/new.json"
expect_in "$TMP/out" "0 regressions, 0 improvements, 1 no change, 0 noise, 1 inconclusive"
grep -F '| wide |' "$TMP/out" | grep -q '| inconclusive |' || fail "the wide case's row is not inconclusive: $(grep -F '| wide |' "$TMP/out")"
expect_rc 0 "$SB" compare --json "$TMP/base.json" "$TMP/new.json"
jq_eq "$TMP/out" '.summary.inconclusive' 1
jq_eq "$TMP/out" '.summary.no_change' 1
jq_eq "$TMP/out" '.rows[] | select(.key == "wide") | .verdict' 'inconclusive'
jq_eq "$TMP/out" '.rows[] | select(.key == "wide") | .ratio_ci95_low < 0.95 and .ratio_ci95_high > 1.05' 'true'
jq_eq "$TMP/out" '.exit_status' 0

# A regression elsewhere still fails the job; the inconclusive row is still counted.
jq '(.cases[] | select(.key == "steady") | .samples.total_ns) |= map(. * 1.3 | floor)' "$TMP/new.json" >"$TMP/new2.json"
expect_rc 1 "$SB" compare --json "$TMP/base.json" "$TMP/new2.json"
jq_eq "$TMP/out" '[.summary.regression, .summary.inconclusive] | join(",")' '1,1'

finish
