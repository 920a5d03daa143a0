#!/bin/bash
# SPDX-License-Identifier: MIT
# A list holds at most as many values as the array that stores it: bench/cases.h declares each limit once,
# the parser takes a list of exactly that many (--dry-run) and refuses one more (exit 2) with a message that
# names that same number. A parser that checked a literal of its own would fail here when the two part.
. "$(dirname "$0")/../lib.sh"

limit() { sed -n "s/^#define $1 \([0-9][0-9]*\).*/\1/p" "$SRC/bench/cases.h"; }
# repeat WORD N: WORD,WORD,... N times
repeat() { local s=$1 i; for ((i = 1; i < $2; i++)); do s+=",$1"; done; echo "$s"; }

# at_limit NAME CONSTANT WORDS MAKE: "MAKE N" prints the arguments of a run with a list of N values.
at_limit() {
	local name=$1 n words=$3 make=$4
	n=$(limit "$2")
	[ -n "$n" ] && [ "$n" -gt 0 ] || { fail "$2 is not declared in bench/cases.h"; return; }
	# shellcheck disable=SC2046
	expect_exit 0 "$name: $n values ($2)" -- "$SB" run --dry-run -q $($make "$n")
	# shellcheck disable=SC2046
	expect_exit 2 "$name: $((n + 1)) values" -- "$SB" run --dry-run -q $($make $((n + 1)))
	grep -qF -- "$words (at most $n)" "$TMP/err" && pass "  the message names $n" \
		|| fail "  message lacks '$words (at most $n)': $(cat "$TMP/err")"
}

mems() { echo "--method fork --mem $(seq -s, -f '%.0fK' 1 "$1")"; }
vmas() { echo "--method fork --mem 1M --vmas $(seq -s, 1 "$1")"; }
stacks() { echo "--method clone --stack $(seq -s, -f '%.0fK' 4 $(($1 + 3)))"; }
concurrency() { echo "--method fork --concurrency $(seq -s, 1 "$1")"; }
execs() { echo "--method fork --exec $(repeat /bin/true "$1")"; }
cpus() { echo "--method fork --cpu $(repeat 0 "$1")"; }
# --preset and --flags fill the same flag sets: N-1 presets and one --flags.
flagsets() { echo "--method clone --preset $(repeat process $(($1 - 1))) --flags vm"; }
plan() {
	local f=$TMP/lines$1.plan i
	{ echo "description: $1 cases: lines"; for ((i = 1; i <= $1; i++)); do echo "cases: --method fork --mem ${i}K"; done; } > "$f"
	echo "--plan $f"
}

at_limit "--mem" SB_MAX_MEMS "too many items in list" mems
at_limit "--vmas" SB_MAX_VMAS "too many items in list" vmas
at_limit "--stack" SB_MAX_STACKS "too many items in list" stacks
at_limit "--concurrency" SB_MAX_CONCURRENCY "too many items in list" concurrency
at_limit "--exec" SB_MAX_EXECS "too many items in list" execs
at_limit "--cpu" SB_MAX_CPUS "too many items in list" cpus
at_limit "--preset and --flags" SB_MAX_FLAGSETS "too many flag sets" flagsets
at_limit "a plan's cases: lines" SB_MAX_MATRICES "too many cases: lines" plan
finish
