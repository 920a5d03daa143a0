#!/bin/bash
# SPDX-License-Identifier: MIT
# A results file over the size bound (256M, or SPAWNBENCH_RESULTS_MAX) is refused by report, compare and
# export before it is parsed: exit 2, a message naming the file and the bound, nothing written. A file at
# the bound is read; a bound that is not a size is refused, not ignored.
. "$(dirname "$0")/../lib.sh"
cd "$TMP" || exit 1
"$SB" run -q --no-table -n 20 -m fork,vfork -o ok.json 2>/dev/null || fail "a plain run failed"
size=$(stat -c %s ok.json)
small=$((size - 1))

# refused WHAT -- COMMAND...: exit 2, the message names ok.json (or big.json) and the limit, no output left
refused() {
	local what=$1
	shift 2
	expect_exit 2 "$what" -- "$@"
	grep -q "over the .* limit on a results file" "$TMP/err" || fail "$what: no limit in: $(head -c 300 "$TMP/err")"
}
refused "compare of a file one byte over the bound" -- env SPAWNBENCH_RESULTS_MAX=$small "$SB" compare ok.json ok.json
grep -q "ok.json: $size bytes is over the $small limit" "$TMP/err" || fail "compare: the message names neither size nor bound"
refused "export of a file over the bound" -- env SPAWNBENCH_RESULTS_MAX=$small "$SB" export -f csv -o out.csv ok.json
[ -e out.csv ] && fail "export over the bound left out.csv"
refused "report of a file over the bound" -- env SPAWNBENCH_RESULTS_MAX=1K "$SB" report -o rep ok.json
[ -e rep ] && fail "report over the bound left rep/"

expect_exit 0 "compare of a file exactly at the bound" -- env SPAWNBENCH_RESULTS_MAX=$size "$SB" compare ok.json ok.json
expect_exit 0 "export of a file exactly at the bound" -- env SPAWNBENCH_RESULTS_MAX=$size "$SB" export -f csv ok.json
expect_exit 2 "a bound that is not a size" -- env SPAWNBENCH_RESULTS_MAX=lots "$SB" compare ok.json ok.json
grep -q "SPAWNBENCH_RESULTS_MAX" "$TMP/err" || fail "a bad bound is not named: $(head -c 300 "$TMP/err")"

# The default bound, without reading: a sparse 300 MiB file takes no disk and is refused on its size alone
# (parsed, its NUL bytes would give "not valid JSON" instead).
truncate -s 300M big.json
refused "compare of a 300 MiB file under the default bound" -- "$SB" compare big.json ok.json
grep -q "big.json: 314572800 bytes is over the 256M limit" "$TMP/err" || fail "default bound: $(head -c 300 "$TMP/err")"
refused "export of a 300 MiB file" -- "$SB" export -f csv big.json
refused "compare with only the new file over the bound" -- "$SB" compare ok.json big.json
rm -f big.json
finish
