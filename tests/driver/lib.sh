# SPDX-License-Identifier: MIT
# Shared by the driver's end-to-end tests: $1 binary, $2 scratch dir, $3 source dir.
set -u
SB=$1
TMP=$2
SRC=$3
PY=${SB_PYTHON3:-/usr/bin/python3}
rm -rf "$TMP" && mkdir -p "$TMP"
failures=0

fail() { echo "FAIL: $*"; failures=$((failures + 1)); }
pass() { echo "ok: $*"; }
finish() {
	if [ "$failures" -ne 0 ]; then
		echo "$failures check(s) failed"
		exit 1
	fi
	echo "all checks passed"
	exit 0
}

# expect_exit CODE DESCRIPTION -- COMMAND...: runs it, checks its exit status, keeps stderr in $TMP/err
expect_exit() {
	local want=$1 what=$2
	shift 3
	"$@" >"$TMP/out" 2>"$TMP/err"
	local got=$?
	if [ "$got" -eq "$want" ]; then pass "$what (exit $got)"; else fail "$what: exit $got, wanted $want; stderr: $(head -c 400 "$TMP/err")"; fi
}

# jq-like queries with Python: json_q FILE EXPR (EXPR sees the document as d)
json_q() { "$PY" -c "import json,sys; d=json.load(open(sys.argv[1])); print($2)" "$1"; }

# A private copy of the helper programs: any process running from it belongs to this test alone.
mkdir -p "$TMP/libexec"
cp "$(dirname "$SB")/spawnbench-worker" "$(dirname "$SB")/spawnbench-child" "$TMP/libexec/"
# Functional tests (SB_WORKER_ASAN=1) run the worker's AddressSanitizer twin where the build has one;
# timing tests keep the undistorted worker.
if [ -n "${SB_WORKER_ASAN:-}" ] && [ -x "$(dirname "$SB")/spawnbench-worker-asan" ]; then
	cp "$(dirname "$SB")/spawnbench-worker-asan" "$TMP/libexec/spawnbench-worker"
fi
export SPAWNBENCH_LIBEXEC="$TMP/libexec"
# Processes that belong to this test's spawnbench runs and should not outlive them.
leftovers() { pgrep -f "$TMP/libexec/" || true; }
zombies_of_me() { ps -o stat=,ppid= -e | awk -v p=$$ '$1 ~ /^Z/ && $2 == p' | wc -l; }
# validate FILE: the results file against docs/results.schema.json (tests/validate_results.py, shared by all suites)
validate() {
	"$PY" "$SRC/tests/validate_results.py" "$SRC/docs/results.schema.json" "$1" 2>&1
}
