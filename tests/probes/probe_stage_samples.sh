# SPDX-License-Identifier: MIT
# Every stack sample taken inside copy_process is counted. Many distinct stacks between two reads (20 kHz,
# batches of 1000 forks) once lost 2-5% of the samples, 100 to 650 per run of this test, to bucket
# collisions in a stack-trace map; counting by the stack itself loses none.
. "$(dirname "$0")/../lib.sh"
need_root
need jq
"$SB" run -m fork -n 3000 --batch 1000 --probe stages --probe-hz 20000 -q --no-table -o "$TMP/r.json" || fail "run"
check '.cases[0].probe.stage_samples_total >= 2000' "$TMP/r.json" "enough stage samples" \
	'.cases[0].probe.stage_samples_total'
check '.cases[0].probe.lost_events == 0' "$TMP/r.json" "no sample lost" '.cases[0].probe | [.lost_events, .stage_samples_total]'
check '.cases[0].probe | ([.stages[].samples] | add) == .stage_samples_total' "$TMP/r.json" \
	"the stages' samples add up to the total" '[.cases[0].probe.stages[] | [.name, .samples]]'
pass "$(jq '.cases[0].probe.stage_samples_total' "$TMP/r.json") stage samples, none lost"
wait_no_progs || fail "BPF programs left loaded after the run"
finish
