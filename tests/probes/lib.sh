# SPDX-License-Identifier: MIT
# Shared by the probe end-to-end tests: $1 = spawnbench binary, $2 = scratch directory.
set -u
SB=$1
DIR=$2
rm -rf "$DIR" && mkdir -p "$DIR"

fail() { echo "FAIL: $*" >&2; exit 1; }
ok() { echo "ok: $*"; }

need_root() {
	if [ "$(id -u)" != 0 ]; then
		[ -n "${CI:-}" ] && fail "probe tests must run as root in CI"
		echo "SKIP: needs root"
		exit 77
	fi
	command -v jq >/dev/null || fail "jq is needed"
}

# BPF programs of ours still loaded (links and programs go away shortly after their last fd closes).
our_progs() { bpftool prog list 2>/dev/null | grep -cE 'name sb_' || true; }
wait_no_progs() {
	for _ in $(seq 30); do
		[ "$(our_progs)" = 0 ] && return 0
		sleep 0.1
	done
	bpftool prog list | grep -E 'name sb_' >&2
	return 1
}

# jq -e with a message
check() { jq -e "$1" "$2" >/dev/null || fail "$3 ($(jq -c "$4" "$2"))"; }
