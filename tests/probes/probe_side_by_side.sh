# SPDX-License-Identifier: MIT
# --probe off,phases,stages measures every case at each level in one run: the programs are attached and
# detached between batches, so the "off" cases are really unprobed (the kernel programs, which follow the
# workers at every level, saw none of their spawns), the "phases" cases carry phases only, and the
# "stages" cases carry stages too. Bad lists exit 2; an interrupted run leaves nothing loaded.
. "$(dirname "$0")/../lib.sh"
need_root
need jq
wait_no_progs || fail "programs of ours (name sb_*) loaded before the test: another spawnbench probing?"
# 5 kHz: a posix_spawn copy_process is about 7 us, so 300 of them get about 10 samples (1 kHz: 2, often 0)
"$SB" run -m fork,posix_spawn -n 300 --probe off,phases,stages --probe-hz 5000 -q --no-table -o "$TMP/r.json" || fail "run"
f=$TMP/r.json
validate "$f" || fail "results do not match docs/results.schema.json"
check '.cases | length == 6' "$f" "one case per method and level" '[.cases[].label]'
check '.config.probe.levels == ["off","phases","stages"] and .config.probe.level == "stages"' "$f" \
	"levels recorded" '.config.probe'
check '.config.batch == 100' "$f" "a --probe list takes batches of 100 by default" '.config.batch'
check '[.cases[] | select(.probe_level == "off")] | length == 2 and all(.stats.create_ns.n == 300)' "$f" \
	"off cases ran" '[.cases[] | [.label, .stats.create_ns.n]]'
check '.config.probe.spawns_seen_while_off == 0' "$f" "no program saw the off cases' spawns (detached)" \
	'.config.probe'
check 'all(.cases[]; . as $c | ($c.key | endswith(";probe=" + $c.probe_level)) and ($c.label | endswith(" probe=" + $c.probe_level)))' \
	"$f" "the level is in each key and label" '[.cases[] | [.key, .label]]'
check 'all(.cases[] | select(.probe_level == "off"); has("probe") | not)' "$f" "off cases carry no probe data" \
	'[.cases[] | select(.probe_level == "off") | .probe]'
check 'all(.cases[] | select(.probe_level == "phases"); .probe.level == "phases" and (.probe | has("phases"))
	and (.probe | has("stages") | not) and .probe.spawns_joined == .stats.create_ns.n)' "$f" \
	"phases cases: every spawn joined, no stages" '[.cases[] | select(.probe_level == "phases") | .probe | keys]'
check 'all(.cases[] | select(.probe_level == "stages"); .probe.level == "stages" and .probe.stage_samples_total > 0
	and .probe.spawns_joined == .stats.create_ns.n)' "$f" "stages cases: stage samples and every spawn joined" \
	'[.cases[] | select(.probe_level == "stages") | .probe | [.stage_samples_total, .spawns_joined]]'
check 'all(.cases[] | select(.probe); .probe.lost_events == 0)' "$f" "no lost events" '[.cases[].probe.lost_events]'
wait_no_progs || fail "programs left after the run"
pass "off, phases and stages side by side in one run"

# The report turns such a run into a table of what the probes cost: one row per probed case, each with the
# ratio of its median to its off twin's and a CI around it.
"$SB" report "$f" -o "$TMP/report" -q || fail "report"
rows=$(grep -cE '^\| (fork|posix_spawn exec=child) \| (phases|stages) \| [0-9.]+ \| [0-9.]+ \| [-+][0-9.]+% \\\[[-+][0-9.]+%, [-+][0-9.]+%\\\] \|' \
	"$TMP/report/report.md")
[ "$rows" = 4 ] || fail "report: want 4 probe-cost rows, got $rows: $(grep -A8 'probes cost' "$TMP/report/report.md")"
grep -q 'What the probes cost' "$TMP/report/report.html" || fail "report.html lacks the probe-cost table"
pass "the report shows what the probes cost, with intervals"

for bad in off,off off,bogus ''; do
	"$SB" run -m fork -n 5 --probe "$bad" -q --no-table -o "$TMP/bad.json" 2>"$TMP/bad.err"
	rc=$?
	[ $rc = 2 ] || fail "--probe '$bad': exit $rc, want 2"
	grep -q -- '--probe' "$TMP/bad.err" || fail "--probe '$bad': unclear message: $(cat "$TMP/bad.err")"
	[ ! -e "$TMP/bad.json" ] || fail "--probe '$bad': a results file was written"
done
pass "bad level lists: exit 2 ($(head -1 "$TMP/bad.err"))"

# Interrupted while the levels alternate (detaching included): exit 130 and nothing left loaded.
"$SB" run -m fork -n 100000 --probe off,phases,stages -q --no-table -o "$TMP/int.json" &
pid=$!
sleep 3
kill -INT $pid
wait $pid
rc=$?
[ $rc = 130 ] || fail "interrupted run exited $rc, want 130"
check '.run.interrupted' "$TMP/int.json" "the interrupted run's file says so" '.run'
wait_no_progs || fail "programs left after an interrupted side-by-side run"
pass "interrupted side-by-side run released everything"
finish
