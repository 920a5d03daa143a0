#!/bin/bash
# SPDX-License-Identifier: MIT
# A missing helper program (only the spawnbench binary copied elsewhere, or SPAWNBENCH_LIBEXEC naming a
# directory without them) is refused before anything runs: exit 2, naming the file and where it looked.
. "$(dirname "$0")/../lib.sh"
cd "$TMP" || exit 1
mkdir alone empty
cp "$SB" alone/spawnbench
unset SPAWNBENCH_LIBEXEC
expect_exit 2 "only the binary, no worker" -- alone/spawnbench run -q -m fork -n 3 -o r.json
grep -q "spawnbench-worker" "$TMP/err" && grep -qF "$TMP/alone/spawnbench-worker" "$TMP/err" && grep -q "libexec" "$TMP/err" &&
	pass "names the worker and where it looked: $(head -c 200 "$TMP/err")" || fail "message: $(head -c 300 "$TMP/err")"
[ -e r.json ] && fail "a results file was written"
grep -q "results in" "$TMP/err" && fail "says 'results in' although nothing ran"
SPAWNBENCH_LIBEXEC=$TMP/empty expect_exit 2 "SPAWNBENCH_LIBEXEC without the worker" -- "$SB" run -q -m fork -n 3 -o r.json
grep -q "SPAWNBENCH_LIBEXEC ($TMP/empty/spawnbench-worker)" "$TMP/err" && pass "names \$SPAWNBENCH_LIBEXEC, not 'beside the binary'" ||
	fail "message: $(head -c 300 "$TMP/err")"
cp "$TMP/libexec/spawnbench-worker" empty/
SPAWNBENCH_LIBEXEC=$TMP/empty expect_exit 2 "SPAWNBENCH_LIBEXEC without the child program, -e child" -- "$SB" run -q -m fork -e child -n 3 -o r.json
grep -q "spawnbench-child program in \$SPAWNBENCH_LIBEXEC" "$TMP/err" && pass "names the child program and the variable" ||
	fail "message: $(head -c 300 "$TMP/err")"
[ -e r.json ] && fail "a results file was written"
SPAWNBENCH_LIBEXEC=$TMP/empty expect_exit 0 "the worker alone is enough without -e child" -- "$SB" run -q --no-table -m fork -n 3 -o r.json

# A worker of another build (another wire layout) refuses to read the controller's messages, and says why.
mkdir -p other
printf '#!/bin/sh\nexec "%s" "$1" "$2" 1.2.3.4.5\n' "$TMP/libexec/spawnbench-worker" >other/spawnbench-worker
chmod +x other/spawnbench-worker
cp "$TMP/libexec/spawnbench-child" other/
SPAWNBENCH_LIBEXEC=$TMP/other expect_exit 0 "a worker of another build" -- "$SB" run -q --no-table -m fork -n 3 -o r.json
grep -q "built with another spawnbench (message sizes .*, the controller's 1.2.3.4.5)" "$TMP/err" && pass "the worker says it is of another build" ||
	fail "message: $(head -c 300 "$TMP/err")"
expect_json r.json "d['cases'][0]['status'] == 'error' and not d['cases'][0].get('samples')" "its case is an error, with no samples"
finish
