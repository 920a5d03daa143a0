#!/bin/bash
# SPDX-License-Identifier: MIT
# A run stopped by SIGINT: the cases it was measuring are `interrupted` and keep their samples and the
# statistics from them, the cases it had not started are `skipped` for the reason `interrupted`, no case is
# an `error` or `ok`; the table says so; compare says that a file is an interrupted run.
. "$(dirname "$0")/../lib.sh"
cd "$TMP" || exit 1
# Each spawn appends a line, so the test knows when samples exist; the sleep keeps the cases in flight.
printf '#!/bin/sh\necho >>%s/spawns\nsleep 0.05\n' "$TMP" >slow.sh
chmod 755 slow.sh
"$SB" run -q --no-table -n 5 -m fork,vfork,posix_spawn -e "$TMP/slow.sh" -o base.json 2>/dev/null || fail "a plain run failed"

# interrupt_after SPAWNS OUT: a run of 4 methods x 3 sizes, SIGINT once SPAWNS spawns were made
interrupt_after() {
	rm -f spawns
	"$SB" run -q -n 200 -w 0 --batch 2 -m fork,vfork,posix_spawn,clone --mem 0,1M,2M -e "$TMP/slow.sh" \
		-o "$2" >"$2.table" 2>"$2.err" &
	local pid=$! i
	for i in $(seq 600); do
		# A background job of a script starts with SIGINT ignored until spawnbench installs its handler.
		[ "$1" = 0 ] && sleep 0.3 && break
		[ -f spawns ] && [ "$(wc -l <spawns)" -ge "$1" ] && break
		sleep 0.05
	done
	kill -INT $pid
	wait $pid
	echo $?
}
rc=$(interrupt_after 40 mid.json)
[ "$rc" = 130 ] && pass "SIGINT mid-run: exit 130" || fail "SIGINT mid-run: exit $rc: $(head -c 300 mid.json.err)"
validate mid.json && pass "the interrupted results validate against the schema" || fail "schema"
json_q mid.json "sorted(set(c['status'] for c in d['cases']))"
json_q mid.json "[c['label'] + ': ' + c['status'] + ' ' + c.get('reason','') for c in d['cases'] if c['status'] not in ('interrupted','skipped')]" |
	grep -q "^\[\]$" && pass "no case is ok or error" || fail "cases ok or error: $(json_q mid.json "[(c['label'], c['status'], c.get('reason')) for c in d['cases'] if c['status'] not in ('interrupted','skipped')]")"
n_int=$(json_q mid.json "len([c for c in d['cases'] if c['status'] == 'interrupted'])")
[ "$n_int" -ge 1 ] && pass "$n_int cases interrupted in flight" || fail "no case is interrupted"
json_q mid.json "all(len(c['samples']['total_ns']) == c['stats']['total_ns']['n'] > 0 and c['stop_reason'] == 'interrupted' and ('after %d spawns' % c['stats']['total_ns']['n']) in c['reason'] for c in d['cases'] if c['status'] == 'interrupted')" |
	grep -q True && pass "interrupted cases keep their samples, stats and say how many" || fail "interrupted cases lack samples or stats"
json_q mid.json "all(c.get('reason') == 'interrupted' for c in d['cases'] if c['status'] == 'skipped')" | grep -q True &&
	pass "skipped cases say interrupted" || fail "a skipped case has another reason"
grep -q "note: interrupted after" mid.json.table && pass "the table says so" || fail "the table does not say interrupted: $(head -5 mid.json.table)"
grep -q "error" mid.json.table && fail "the table shows errors: $(grep error mid.json.table | head -3)"

# Interrupted cases are not compared (fewer samples than asked): with every case in flight, nothing is.
expect_exit 2 "compare base against the interrupted run" -- "$SB" compare base.json mid.json
grep -q "interrupted in new: interrupted after" "$TMP/out" && pass "compare says why a case was not compared" ||
	fail "compare does not give the reason: $(grep -m3 "interrupted" "$TMP/out")"
grep -q "is an interrupted run" "$TMP/out" && pass "compare says the new file is an interrupted run" ||
	fail "compare does not say so: $(tail -5 "$TMP/out")"
"$SB" compare --json mid.json base.json >cmp.json 2>/dev/null
json_q cmp.json "any('base file' in n and 'interrupted run' in n for n in d['notes'])" | grep -q True &&
	pass "compare --json notes the base file" || fail "compare --json lacks the note"

# At once (0.3 s): nothing measured yet, so every case is skipped, none an error.
rc=$(interrupt_after 0 early.json)
[ "$rc" = 130 ] && pass "SIGINT at 0.3 s: exit 130" || fail "SIGINT at 0.3 s: exit $rc"
json_q early.json "sorted(set(c['status'] for c in d['cases'])) in (['skipped'], ['interrupted', 'skipped'])" | grep -q True &&
	pass "SIGINT at 0.3 s: cases skipped (or interrupted), no error" ||
	fail "SIGINT at 0.3 s: $(json_q early.json "[(c['status'], c.get('reason')) for c in d['cases']]" | head -c 300)"
finish
