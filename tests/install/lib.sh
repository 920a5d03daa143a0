# SPDX-License-Identifier: MIT
# Shared by the install tests: the build and source directories, a scratch directory, the checks.
set -u
BUILD=$1
SRCDIR=$2
TMP=$(mktemp -d "${TMPDIR:-/tmp}/sbinstall.XXXXXX")
trap 'rm -rf "$TMP"' EXIT
. "$SRCDIR/tests/checks.sh"
# No environment override may point the installed copy back at the source tree.
unset SPAWNBENCH_PLANS SPAWNBENCH_LIBEXEC

# check_installed ROOT PREFIX: the files of an install under ROOT/PREFIX, and the binary working from there.
check_installed() {
	local root=$1 prefix=$2 p=$1$2
	local sb=$p/bin/spawnbench
	[ -x "$sb" ] || { fail "$sb missing"; return; }
	for f in libexec/spawnbench/spawnbench-worker libexec/spawnbench/spawnbench-child share/man/man1/spawnbench.1 \
		share/doc/spawnbench/results.schema.json share/doc/spawnbench/ci.md share/doc/spawnbench/report.md \
		share/doc/spawnbench/results-schema.md share/bash-completion/completions/spawnbench \
		share/spawnbench/plans/default.plan; do
		[ -s "$p/$f" ] || fail "$p/$f missing"
	done
	python3 -c 'import json, sys; json.load(open(sys.argv[1]))' "$p/share/doc/spawnbench/results.schema.json" ||
		fail "the installed results.schema.json is not JSON"
	expect_rc 0 "$sb" --version
	expect_in "$TMP/out" "spawnbench "
	# Plans come from the install's own prefix although the source tree's data/plans still exists.
	[ -d "$SRCDIR/data/plans" ] || fail "the source tree's plans are gone: the test proves nothing"
	expect_rc 0 "$sb" list --plans
	expect_in "$TMP/out" "plans ($(realpath "$p/share/spawnbench/plans"))"
	expect_not_in "$TMP/out" "$SRCDIR/data/plans"
	expect_in "$TMP/out" "default"
	# A plan only the install has is found by name; one only the source tree has is not.
	printf 'description: only in the install\ncases: --method vfork\n' >"$p/share/spawnbench/plans/only-installed.plan"
	expect_rc 0 "$sb" run --plan only-installed --dry-run
	expect_in "$TMP/out" "vfork"
	# A tiny real run with the exec'd child program, found in the install's libexec.
	expect_rc 0 "$sb" run -q --no-table -m fork,posix_spawn -e child -n 5 -w 1 --cpu 0 -o "$TMP/run.json"
	jq_eq "$TMP/run.json" '[.cases[].status] | unique | join(",")' 'ok'
	if python3 -c 'import jsonschema' 2>/dev/null; then
		python3 "$SRCDIR/tests/validate_results.py" "$p/share/doc/spawnbench/results.schema.json" "$TMP/run.json" ||
			fail "the run of the installed binary is not valid against the installed schema"
	fi
	# The man page sends a reader to the installed documents.
	expect_in "$p/share/man/man1/spawnbench.1" "share/doc/spawnbench"
}
