# SPDX-License-Identifier: MIT
# A CLONE_NEWNET spawn spends most of copy_process creating the net namespace.
. "$(dirname "$0")/lib.sh"
need_root
"$SB" run -m clone --ns net -n 150 --probe stages -q --no-table -o "$DIR/r.json" || fail "run"
check '.cases[0].status == "ok"' "$DIR/r.json" "net namespace case ran" '.cases[0].reason'
s='[.cases[0].probe.stages[] | select(.name == "copy_net_ns") | .share] | add'
check ".cases[0].probe.stages[0].name == \"copy_net_ns\"" "$DIR/r.json" "copy_net_ns is the largest stage" \
	".cases[0].probe.stages[0:3]"
check "$s > 0.5" "$DIR/r.json" "copy_net_ns holds most of copy_process" ".cases[0].probe.stages[0:3]"
ok "copy_net_ns share $(jq "$s" "$DIR/r.json")"
