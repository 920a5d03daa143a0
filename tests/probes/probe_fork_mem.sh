# SPDX-License-Identifier: MIT
# fork from a parent with 512 MiB resident spends most of copy_process in dup_mmap / copy_page_range.
. "$(dirname "$0")/../lib.sh"
need_root
need jq
"$SB" run -m fork --mem 512M -n 60 --probe stages -q --no-table -o "$TMP/r.json" || fail "run"
s='[.cases[0].probe.stages[] | select(.name == "dup_mmap" or .name == "copy_page_range") | .share] | add'
check ".cases[0].probe.stage_samples_total >= 100" "$TMP/r.json" "enough stage samples" \
	".cases[0].probe.stage_samples_total"
check "$s > 0.5" "$TMP/r.json" "dup_mmap + copy_page_range hold most of copy_process" ".cases[0].probe.stages"
pass "dup_mmap+copy_page_range share $(jq "$s" "$TMP/r.json")"
finish
