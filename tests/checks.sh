# SPDX-License-Identifier: MIT
# Checks that count failures instead of stopping at the first, for the compare and report tests.
# Source after setting TMP (a scratch directory); end the test with finish.
fails=0

fail() {
	echo "FAIL: $*" >&2
	fails=$((fails + 1))
}

# expect_rc WANT CMD...: run CMD, keep stdout in $TMP/out and stderr in $TMP/err, check the exit status.
expect_rc() {
	local want=$1
	shift
	"$@" >"$TMP/out" 2>"$TMP/err"
	local rc=$?
	if [ "$rc" != "$want" ]; then
		fail "'$*' exited $rc, want $want"
		sed 's/^/  stderr: /' "$TMP/err" | head -5 >&2
	fi
}

# expect_in FILE TEXT: FILE contains TEXT (fixed string); shows the file's start when not.
expect_in() {
	grep -qF -- "$2" "$1" || { fail "$1 lacks '$2'"; head -40 "$1" | sed 's/^/  | /' >&2; }
}

expect_not_in() {
	! grep -qF -- "$2" "$1" || fail "$1 holds '$2' but should not"
}

# jq_eq FILE FILTER WANT
jq_eq() {
	local got
	got=$(jq -r "$2" "$1" 2>&1)
	[ "$got" = "$3" ] || fail "$1: $2 is '$got', want '$3'"
}

finish() {
	if [ "$fails" != 0 ]; then
		echo "$fails check(s) failed" >&2
		exit 1
	fi
	echo "all checks passed"
	exit 0
}
