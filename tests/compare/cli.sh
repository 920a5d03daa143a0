#!/bin/bash
# SPDX-License-Identifier: MIT
# spawnbench compare end to end on synthetic results with known shifts.
. "$(dirname "$0")/../lib.sh"
need jq

# A known +20% shift on fork, nothing on vfork: regression, exit 1.
"$GEN" -o "$TMP/base.json" -s 1 -n 300 -c fork:50000 -c vfork:20000
"$GEN" -o "$TMP/new.json" -s 2 -n 300 -c fork:50000:1.2 -c vfork:20000
expect_rc 1 "$SB" compare "$TMP/base.json" "$TMP/new.json" --json-out "$TMP/c.json"
expect_in "$TMP/out" "| fork | total_ns |"
expect_in "$TMP/out" "**regression**"
expect_in "$TMP/out" "**1 regression**"
jq_eq "$TMP/c.json" '.schema' 'spawnbench-compare/1'
jq_eq "$TMP/c.json" '.rows[] | select(.key == "fork") | .verdict' 'regression'
jq_eq "$TMP/c.json" '.rows[] | select(.key == "fork") | (.ratio > 1.15 and .ratio < 1.25)' 'true'
jq_eq "$TMP/c.json" '.rows[] | select(.key == "fork") | (.ratio_ci95_low > 1 and .p_value < 0.001)' 'true'
jq_eq "$TMP/c.json" '.rows[] | select(.key == "vfork") | .verdict != "regression"' 'true'
jq_eq "$TMP/c.json" '.exit_status' '1'

# The same run twice gives the same bytes: the bootstrap is seeded.
expect_rc 1 "$SB" compare --json "$TMP/base.json" "$TMP/new.json"
cp "$TMP/out" "$TMP/c1.json"
expect_rc 1 "$SB" compare --json "$TMP/base.json" "$TMP/new.json"
cmp -s "$TMP/out" "$TMP/c1.json" || fail "two identical compares differ"

# A 20% shift under a 25% threshold is real but does not matter: no change, exit 0.
expect_rc 0 "$SB" compare --threshold 25% --json "$TMP/base.json" "$TMP/new.json"
jq_eq "$TMP/out" '.rows[] | select(.key == "fork") | .verdict' 'no change'

# Faster is an improvement and never fails the job.
"$GEN" -o "$TMP/fast.json" -s 3 -n 300 -c fork:50000:0.8 -c vfork:20000
expect_rc 0 "$SB" compare --json "$TMP/base.json" "$TMP/fast.json"
jq_eq "$TMP/out" '.rows[] | select(.key == "fork") | .verdict' 'improvement'

# Same distribution, enough samples for a tight CI: no change everywhere, exit 0.
"$GEN" -o "$TMP/same1.json" -s 11 -n 2000 -c fork:50000 -c vfork:20000 -c clone:60000
"$GEN" -o "$TMP/same2.json" -s 12 -n 2000 -c fork:50000 -c vfork:20000 -c clone:60000
expect_rc 0 "$SB" compare --metric all --json "$TMP/same1.json" "$TMP/same2.json"
jq_eq "$TMP/out" '[.rows[].verdict] | unique | join(",")' 'no change'
jq_eq "$TMP/out" '[.rows[].metric] | unique | join(",")' 'create_ns,total_ns'
jq_eq "$TMP/out" '.rows | length' '6'

# Case mismatch: each side's extra cases are listed by key, the common one compared.
"$GEN" -o "$TMP/ab.json" -s 21 -n 100 -c a:30000 -c b:40000 -c skip:40000:1:skipped
"$GEN" -o "$TMP/bc.json" -s 22 -n 100 -c b:40000 -c c:50000 -c skip:40000
expect_rc 0 "$SB" compare "$TMP/ab.json" "$TMP/bc.json" --json-out "$TMP/m.json"
expect_in "$TMP/out" "Only in base"
expect_in "$TMP/out" '- `a`'
expect_in "$TMP/out" "Only in new"
expect_in "$TMP/out" '- `c`'
expect_in "$TMP/out" "skipped in base: synthetic: not run"
jq_eq "$TMP/m.json" '[.only_in_base[].key] | join(",")' 'a'
jq_eq "$TMP/m.json" '[.only_in_new[].key] | join(",")' 'c'
jq_eq "$TMP/m.json" '.summary.not_compared' '1'
jq_eq "$TMP/m.json" '.rows[] | select(.key == "skip") | .verdict' 'not compared'

# Nothing in common: nothing was compared, which must not pass a CI job.
"$GEN" -o "$TMP/x.json" -s 23 -n 50 -c x:30000
expect_rc 2 "$SB" compare "$TMP/ab.json" "$TMP/x.json"
expect_in "$TMP/err" "nothing compared"
expect_in "$TMP/out" "nothing was compared"

# Pooling: two runs per side add up, and the summary says so.
"$GEN" -o "$TMP/b1.json" -s 31 -n 100 -c fork:50000
"$GEN" -o "$TMP/b2.json" -s 32 -n 150 -c fork:50000
"$GEN" -o "$TMP/n1.json" -s 33 -n 100 -c fork:50000:1.2
"$GEN" -o "$TMP/n2.json" -s 34 -n 100 -c fork:50000:1.2
expect_rc 1 "$SB" compare -b "$TMP/b1.json" -b "$TMP/b2.json" -n "$TMP/n1.json" -n "$TMP/n2.json" -o "$TMP/p.md" \
	--json-out "$TMP/p.json"
expect_in "$TMP/p.md" "(2 runs pooled)"
jq_eq "$TMP/p.json" '.rows[0].base.n' '250'
jq_eq "$TMP/p.json" '.rows[0].new.n' '200'
jq_eq "$TMP/p.json" '.base.files | length' '2'
[ -s "$TMP/out" ] && fail "-o given, yet standard output is not empty"

# Too few samples: listed as not compared rather than guessed at; with nothing else compared, exit 2.
"$GEN" -o "$TMP/tiny1.json" -s 41 -n 3 -c fork:50000 -c vfork:20000
"$GEN" -o "$TMP/tiny2.json" -s 42 -n 300 -c fork:50000 -c vfork:20000
expect_rc 2 "$SB" compare --json "$TMP/tiny1.json" "$TMP/tiny2.json"
jq_eq "$TMP/out" '.rows[0].reason' 'too few samples (3 base, 300 new; 5 needed per side)'

finish
