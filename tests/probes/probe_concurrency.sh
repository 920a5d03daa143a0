# SPDX-License-Identifier: MIT
# With several spawners the records of all of them come through one ring buffer: each batch is joined
# once over every worker's samples. Joined worker by worker, each join dropped the other workers' records:
# at --concurrency 2, 55-64% of spawns were joined, at 4, 26-27%.
. "$(dirname "$0")/../lib.sh"
need_root
need jq
for cc in 2 4; do
	"$SB" run -m fork -n 400 --probe phases --concurrency "$cc" -q --no-table -o "$TMP/c$cc.json" || fail "run x$cc"
	check '.cases[0] | .stats.create_ns.n == 400 and .probe.spawns_joined >= 0.98 * .stats.create_ns.n' \
		"$TMP/c$cc.json" "nearly every spawn joined at --concurrency $cc" \
		'.cases[0] | [.label, .probe.spawns_joined, .probe.spawns_unjoined, .stats.create_ns.n]'
	pass "--concurrency $cc: $(jq -r '.cases[0].probe.spawns_joined' "$TMP/c$cc.json") of 400 spawns joined"
done
finish
