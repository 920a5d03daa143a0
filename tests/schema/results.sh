#!/bin/bash
# SPDX-License-Identifier: MIT
# The results schema is closed and describes what the writer writes: runs with every kind of content
# (counters, an unavailable counter, probes with phases, stages and kmem, cases skipped for want of
# privilege, cases moved into a user namespace) validate with python3-jsonschema; a field the schema does
# not describe, or a wrong type, fails.
. "$(dirname "$0")/../lib.sh"
need jq
SCHEMA=$SRC/docs/results.schema.json

"$PY" "$HERE/check_closed.py" "$SCHEMA" || fail "the schema leaves objects open"

run() {
	local out=$1
	shift
	"$SB" run -q --no-table -n 20 -w 1 --cpu 0 "$@" -o "$TMP/$out.json" >"$TMP/out" 2>"$TMP/err"
}
run plain -m fork,vfork,posix_spawn,pthread,clone3 -e none,child --mem 0,2M -c 1,2 || fail "plain run: $(tail -2 "$TMP/err")"
validate "$TMP/plain.json" || fail "a plain run does not validate"
run counters -m fork --counters perf::TASK-CLOCK,perf::PAGE-FAULTS,cycles || fail "counters run: $(tail -2 "$TMP/err")"
validate "$TMP/counters.json" || fail "a run with counters does not validate"
jq_eq "$TMP/counters.json" '.cases[0].counters.events | length' 6

# Probes need root and BPF: without them this part is skipped (the rest still counts).
if [ "$(id -u)" = 0 ]; then
	run probes -m fork,posix_spawn --probe off,phases,stages --probe-kmem --batch 20
	rc=$?
	if [ $rc = 0 ]; then
		validate "$TMP/probes.json" || fail "a run with probes does not validate"
		jq_eq "$TMP/probes.json" '[.cases[] | select(.probe.stages)] | length > 0' 'true'
		jq_eq "$TMP/probes.json" '[.cases[] | select(.probe.kmem)] | length > 0' 'true'
	elif [ $rc != 3 ]; then
		fail "probe run exited $rc: $(tail -2 "$TMP/err")"
	fi
	# Unprivileged: privileged cases skipped with the reason, or moved into a user namespace.
	chmod 711 "$TMP"
	mkdir -m 777 "$TMP/nobody"
	if as_nobody "$SB" run -q --no-table -n 10 -w 1 \
		-m clone3 --preset into-cgroup,process --ns none,net -o "$TMP/nobody/r.json" 2>"$TMP/err"; then
		validate "$TMP/nobody/r.json" || fail "an unprivileged run does not validate"
		jq_eq "$TMP/nobody/r.json" '[.cases[] | select(.status == "skipped")] | length > 0' 'true'
	else
		fail "unprivileged run: $(tail -2 "$TMP/err")"
	fi
fi

# Closed means closed: an undescribed field or a wrong type anywhere is refused.
for filter in '.cases[0].surprise = 1' '.host.surprise = "x"' '.config.surprise = true' '.run.surprise = 0' \
	'.surprise = {}' '.cases[0].spawner.vm_rss_bytes = "big"' '.cases[0].stats.total_ns.surprise = 1' \
	'.cases[0].counters.events[0].surprise = 1' '.cases[0].counters.surprise = 1' \
	'.cases[0].placement = {"same_cpu_share": 2, "parent_cpus": [], "child_cpus": []}' \
	'.cases[0].warnings = [{"code": "x"}]' '.run.stamp_ns = {"median": "slow"}'; do
	jq "$filter" "$TMP/counters.json" >"$TMP/bad.json"
	validate "$TMP/bad.json" 2>/dev/null && fail "the schema accepts: $filter"
done
# And the optional objects it describes are accepted in their documented shape.
jq '.cases[0].placement = {"requested": "same", "same_cpu_share": 0.97, "parent_cpus": [0], "child_cpus": [0, 1]}
	| .cases[0].warnings = [{"code": "cpu-migrated", "message": "3% of children ran on another CPU"}]
	| .run.stamp_ns = {"method": "fork", "median": 310.5, "ci95_low": 290, "ci95_high": 333, "cpu_read_median": 20}' \
	"$TMP/counters.json" >"$TMP/good.json"
validate "$TMP/good.json" || fail "the documented placement, warnings and stamp_ns are refused"

finish
