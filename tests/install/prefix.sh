#!/bin/bash
# SPDX-License-Identifier: MIT
# `cmake --install` to a scratch prefix: the installed binary reads plans and documents from its prefix,
# finds its worker and child there, and the bash completion works; the build tree keeps the source plans.
. "$(dirname "$0")/../lib.sh"
need jq

cmake --install "$BUILD" --prefix "$TMP/prefix" >"$TMP/install.log" 2>&1 || { cat "$TMP/install.log" >&2; fail "cmake --install"; finish; }
check_installed "" "$TMP/prefix"

# The build tree's binary still reads the source tree's plans.
expect_rc 0 "$BUILD/bench/spawnbench" list --plans
expect_in "$TMP/out" "plans ($SRC/data/plans)"

# Bash completion: subcommands, each subcommand's options, plan and method names, list items.
complete_words() {
	# complete_words WORD...: what the completion offers for the last word.
	bash -c '
		PATH=$1:$PATH
		. "$2"
		shift 2
		COMP_WORDS=("$@")
		COMP_CWORD=$(($# - 1))
		COMP_LINE="$*"
		COMP_POINT=${#COMP_LINE}
		_spawnbench
		printf "%s\n" "${COMPREPLY[@]}"' _ "$TMP/prefix/bin" "$TMP/prefix/share/bash-completion/completions/spawnbench" "$@"
}
complete_words spawnbench ex >"$TMP/c1"
expect_in "$TMP/c1" "export"
complete_words spawnbench export --fo >"$TMP/c2"
expect_in "$TMP/c2" "--format"
complete_words spawnbench export --format b >"$TMP/c3"
expect_in "$TMP/c3" "bencher"
complete_words spawnbench report --wh >"$TMP/c4"
expect_in "$TMP/c4" "--where"
complete_words spawnbench run --plan fork >"$TMP/c5"
expect_in "$TMP/c5" "fork-in-the-road"
complete_words spawnbench run -m fork,vf >"$TMP/c6"
expect_in "$TMP/c6" "fork,vfork"
[ "$(wc -l <"$TMP/c1")" = 1 ] || fail "'spawnbench ex' offers more than export: $(tr '\n' ' ' <"$TMP/c1")"

finish
