# SPDX-License-Identifier: MIT
# A CLONE_NEWNET spawn spends most of copy_process creating the net namespace.
. "$(dirname "$0")/../lib.sh"
need_root
need jq
"$SB" run -m clone --ns net -n 150 --probe stages -q --no-table -o "$TMP/r.json" || fail "run"
check '.cases[0].status == "ok"' "$TMP/r.json" "net namespace case ran" '.cases[0].reason'
s='[.cases[0].probe.stages[] | select(.name == "copy_net_ns") | .share] | add'
check ".cases[0].probe.stages[0].name == \"copy_net_ns\"" "$TMP/r.json" "copy_net_ns is the largest stage" \
	".cases[0].probe.stages[0:3]"
check "$s > 0.5" "$TMP/r.json" "copy_net_ns holds most of copy_process" ".cases[0].probe.stages[0:3]"
pass "copy_net_ns share $(jq "$s" "$TMP/r.json")"
finish
