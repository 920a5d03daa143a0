#!/bin/bash
# SPDX-License-Identifier: MIT
# gen_results, then the file it wrote validated against docs/results.schema.json: every results file the
# compare tests generate is one the schema accepts. usage: GEN_BIN=... gen_checked.sh [gen_results args]
set -u
"$GEN_BIN" "$@" || exit
out=
while [ $# -gt 0 ]; do
	[ "$1" = -o ] && out=$2
	shift
done
[ -z "$out" ] || python3 "$(dirname "$0")/../validate_results.py" "$out" ||
	{ echo "gen_results wrote $out, which docs/results.schema.json refuses" >&2; exit 1; }
