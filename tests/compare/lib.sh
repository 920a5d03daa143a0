# SPDX-License-Identifier: MIT
# Shared by the compare shell tests: arguments, a scratch directory, and checks that print both sides.
set -u
SB=$1
SRC=$3
# The generator through a wrapper that validates each file it writes against the results schema.
export GEN_BIN=$2
GEN="$SRC/gen_checked.sh"
TMP=$(mktemp -d "${TMPDIR:-/tmp}/sbcompare.XXXXXX")
trap 'rm -rf "$TMP"' EXIT
. "$(dirname "${BASH_SOURCE[0]}")/../checks.sh"

command -v jq >/dev/null || { echo "jq not installed: skipping" >&2; exit 77; }
