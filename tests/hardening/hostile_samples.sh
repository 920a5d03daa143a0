#!/bin/bash
# SPDX-License-Identifier: MIT
# Samples and statistics are checked on read, the same way in report, compare and export: a sample that is
# not a finite, non-negative, whole number of nanoseconds (below 2^53), or a statistic that is not a
# finite number, is refused with exit 2 naming the file, the case and the field; statistics are recomputed
# from the samples, so report and compare agree even when the stored ones lie.
. "$(dirname "$0")/../lib.sh"
cd "$TMP" || exit 1
"$SB" run -q --no-table -n 20 -m fork,vfork -o ok.json 2>/dev/null || fail "a plain run failed"
"$PY" - <<'PYEOF'
import json
d = json.load(open('ok.json'))
def w(name, f):
    e = json.loads(json.dumps(d)); f(e); json.dump(e, open(name, 'w'))
def every(e, v):
    e['cases'][0]['samples']['total_ns'] = [v] * len(e['cases'][0]['samples']['total_ns'])
w('huge.json', lambda e: every(e, 1e308))
w('neg.json', lambda e: e['cases'][1]['samples']['total_ns'].__setitem__(2, -5))
w('frac.json', lambda e: e['cases'][1]['samples']['create_ns'].__setitem__(0, 1.5))
w('strsample.json', lambda e: e['cases'][1]['samples']['total_ns'].__setitem__(0, "123"))
w('strstat.json', lambda e: e['cases'][1]['stats']['spawns_per_s'].__setitem__('median', "123"))
# Stored statistics that lie about the samples: 1 ns medians.
def lie(e):
    for c in e['cases']:
        for m in c['stats'].values():
            m['median'] = 1.0
w('lie.json', lie)
PYEOF

# bad FILE CASE FIELD: every reader refuses it with exit 2 and names FILE, the case and the field
bad() {
	local f=$1 case=$2 field=$3
	for cmd in "compare ok.json $f -o out.md" "compare $f ok.json" "export -f csv $f" "export -f hyperfine -o e.json $f" "report -q $f -o rep-$f"; do
		expect_exit 2 "$cmd" -- $SB $cmd
		grep -q "$f: case $case" "$TMP/err" && grep -qF "$field" "$TMP/err" && pass "$cmd: names $f, case $case, $field" ||
			fail "$cmd: message does not name $f, case $case, $field: $(head -c 300 "$TMP/err")"
	done
	[ -e out.md ] && fail "compare wrote -o although an input was refused"
	[ -e e.json ] && fail "export wrote -o although an input was refused"
	[ -e "rep-$f" ] && fail "report wrote its directory although an input was refused"
	rm -f out.md e.json
}
SB=$SB
bad huge.json 0 "samples.total_ns[0]"
bad neg.json 1 "samples.total_ns[2]"
bad frac.json 1 "samples.create_ns[0]"
bad strsample.json 1 "samples.total_ns[0]"
bad strstat.json 1 "stats.spawns_per_s.median"

# Lying stats: report's summary and compare's medians both come from the samples.
expect_exit 0 "report of a file whose stored stats lie" -- "$SB" report -q lie.json -o rep
expect_exit 0 "report of the honest file" -- "$SB" report -q ok.json -o rep-ok
cmp -s <(cut -d, -f2- rep/summary.csv) <(cut -d, -f2- rep-ok/summary.csv) && pass "report recomputes the stats from the samples" ||
	fail "report used the stored stats: $(diff <(cat rep/summary.csv) <(cat rep-ok/summary.csv) | head -4)"
expect_exit 0 "compare of the lying file against the honest one" -- "$SB" compare --json ok.json lie.json
json_q "$TMP/out" "all(abs(r['base_median'] - r['new_median']) < 1e-6 for r in d['rows'] if 'base_median' in r)" | grep -q True &&
	pass "compare agrees: same medians" || fail "compare's medians differ"
finish
