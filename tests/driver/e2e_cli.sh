#!/bin/bash
# SPDX-License-Identifier: MIT
# list, doctor and --help work, and the man page documents every option --help shows.
. "$(dirname "$0")/../lib.sh"

expect_exit 0 "list" -- "$SB" list
for w in fork vfork clone3 posix_spawn-fa pthread thread-like into-cgroup sweep fork-in-the-road namespaces; do
	grep -qw -- "$w" "$TMP/out" && pass "  list names $w" || fail "  list lacks $w"
done
expect_exit 0 "doctor" -- "$SB" doctor
for w in "CAP_SYS_ADMIN" "user namespaces" "clone3" "cgroup v2" "tracepoints" "counters" "CLOCK_MONOTONIC"; do
	grep -q -- "$w" "$TMP/out" && pass "  doctor reports $w" || fail "  doctor lacks $w"
done
expect_exit 0 "run --help" -- "$SB" run --help
sed 's/\\-/-/g' "$SRC/docs/spawnbench.1" > "$TMP/man.txt"
for opt in $(grep -oE -- '--[a-z][a-z0-9-]+' "$TMP/out" | sort -u); do
	grep -qE -- "(^|[^a-z-])${opt}([^a-z-]|\$)" "$TMP/man.txt" && pass "  man page documents $opt" \
		|| fail "  $opt missing from docs/spawnbench.1"
done
expect_exit 0 "--version" -- "$SB" --version
expect_exit 2 "no command" -- "$SB"
finish
