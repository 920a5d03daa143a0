# SPDX-License-Identifier: MIT
# shellcheck shell=bash
# The harness of every script test. ctest runs each one the same way (sb_add_script_test in
# tests/cmake/sb_tests.cmake):
#     bash SCRIPT BINARY SCRATCH SOURCE [EXTRA...]
# and the script sources this file first:
#     . "$(dirname "$0")/../lib.sh"
# which sets
#     SB     the spawnbench binary          TMP   a fresh scratch directory (see below)
#     SRC    the source tree's root         HERE  the script's own folder (its checkers, plans, fixtures)
#     BUILD  the build tree's root          PY    the one python3 (SB_PYTHON3, found once by CMake)
# and gives the checks: fail/pass/finish, expect_exit, expect_in, jq_eq, json_q, validate, ...
# Checks count failures instead of stopping at the first (die stops); a failure is recorded in a file,
# so one made in a subshell or a $(...) counts too. The script ends with finish; a script that exits 0
# without it still fails when a check failed. TMP is removed when the test passes or skips and kept for a
# look when it fails. Exit 77 is a skip: only tests added with SKIPPABLE take it as one, the rest fail.
# tests/README.md says how to write a test.
set -u
SB=${1:?usage: $0 BINARY SCRATCH SOURCE [EXTRA...]}
TMP=${2:?usage: $0 BINARY SCRATCH SOURCE [EXTRA...]}
SRC=${3:?usage: $0 BINARY SCRATCH SOURCE [EXTRA...]}
case $TMP in /|"$HOME"|"$SRC") echo "refusing $TMP as a scratch directory" >&2; exit 2 ;; esac
rm -rf "$TMP" && mkdir -p "$TMP" || exit 1
TMP=$(cd "$TMP" && pwd)
SRC=$(cd "$SRC" && pwd)
HERE=$(cd "$(dirname "$0")" && pwd)
BUILD=${SB_BUILD:-$(cd "$(dirname "$SB")/.." && pwd)}
PY=${SB_PYTHON3:-$(command -v python3)}
SB_FAILS=$TMP/.failures
: >"$SB_FAILS"

fail() { echo "FAIL: $*" >&2; echo "$*" >>"$SB_FAILS"; }
pass() { echo "ok: $*"; }
# die MESSAGE: a failure after which nothing else can be checked.
die() { fail "$*"; exit 1; }
# skip REASON: the test cannot run here (exit 77; a failure unless the test is SKIPPABLE).
skip() { echo "SKIP: $*"; exit 77; }
failures() { if [ -f "$SB_FAILS" ]; then wc -l <"$SB_FAILS"; else echo 0; fi; }
finish() {
	local n
	n=$(failures)
	if [ "$n" -ne 0 ]; then
		echo "$n check(s) failed" >&2
		exit 1
	fi
	echo "all checks passed"
	exit 0
}

# at_exit COMMAND: run COMMAND (a string, eval'd) when the script ends, before the scratch directory goes;
# the last registered runs first. Use this rather than `trap ... EXIT`, which would replace the harness's.
SB_AT_EXIT=()
at_exit() { SB_AT_EXIT=("$1" "${SB_AT_EXIT[@]}"); }
sb_exit() {
	local rc=$? cmd
	for cmd in "${SB_AT_EXIT[@]}"; do eval "$cmd"; done
	if [ "$rc" -eq 0 ] && [ "$(failures)" -ne 0 ]; then
		echo "$(failures) check(s) failed (the script ended without finish)" >&2
		rc=1
	fi
	cd / || true
	if [ "$rc" -eq 0 ] || [ "$rc" -eq 77 ]; then
		rm -rf "$TMP" 2>/dev/null || { chmod -R u+w "$TMP" 2>/dev/null; rm -rf "$TMP"; }
	else
		echo "scratch directory kept: $TMP" >&2
	fi
	exit "$rc"
}
trap sb_exit EXIT

# need TOOL...: skip without them (fail in CI, where setup installs them all).
need() {
	local t
	for t; do
		command -v "$t" >/dev/null && continue
		[ -n "${CI:-}" ] && die "$t is needed"
		skip "$t not installed"
	done
}
# need_root [WHY]: skip unless root; in CI (which runs as root) a skip would hide a broken test, so fail.
need_root() {
	[ "$(id -u)" -eq 0 ] && return 0
	[ -n "${CI:-}" ] && die "needs root in CI${1:+: $1}"
	skip "needs root${1:+: $1}"
}
# as_nobody CMD...: CMD as user nobody without capabilities, HOME in the scratch directory.
as_nobody() { setpriv --reuid=nobody --regid=nogroup --clear-groups --inh-caps=-all env HOME="$TMP" "$@"; }

# expect_exit CODE DESCRIPTION -- COMMAND...: runs it, checks its exit status; stdout in $TMP/out, stderr in $TMP/err.
expect_exit() {
	local want=$1 what=$2
	shift 3
	"$@" >"$TMP/out" 2>"$TMP/err"
	local got=$?
	if [ "$got" -eq "$want" ]; then pass "$what (exit $got)"; else fail "$what: exit $got, wanted $want; stderr: $(head -c 400 "$TMP/err")"; fi
}
# expect_rc CODE COMMAND...: expect_exit with the command as its description.
expect_rc() {
	local want=$1
	shift
	expect_exit "$want" "$*" -- "$@"
}
# expect_in FILE TEXT: FILE contains TEXT (fixed string); shows the file's start when not.
expect_in() {
	grep -qF -- "$2" "$1" || { fail "$1 lacks '$2'"; head -40 "$1" | sed 's/^/  | /' >&2; }
}
expect_not_in() {
	! grep -qF -- "$2" "$1" || fail "$1 holds '$2' but should not"
}
# expect_num VALUE OP BOUND DESCRIPTION: a numeric comparison (OP is a Python one: < <= == >= >).
expect_num() {
	if "$PY" -c "import sys; sys.exit(0 if float(sys.argv[1]) $2 float(sys.argv[3]) else 1)" "$1" "$2" "$3" 2>/dev/null; then
		pass "$4 ($1 $2 $3)"
	else
		fail "$4: $1, wanted $2 $3"
	fi
}
# expect_true PYEXPR DESCRIPTION: a Python expression (with the values pasted in) holds.
expect_true() { "$PY" -c "import sys; sys.exit(0 if $1 else 1)" 2>/dev/null && pass "$2" || fail "$2: not $1"; }

# JSON: jq_eq FILE FILTER WANT (jq -r's output); json_q FILE EXPR prints a Python expression over the
# document d; expect_json FILE EXPR DESCRIPTION passes when EXPR is true.
jq_eq() {
	local got
	got=$(jq -r "$2" "$1" 2>&1)
	[ "$got" = "$3" ] || fail "$1: $2 is '$got', want '$3'"
}
json_q() { "$PY" -c "import json,sys; d=json.load(open(sys.argv[1])); print($2)" "$1"; }
expect_json() {
	local v
	v=$(json_q "$1" "$2" 2>&1)
	[ "$v" = True ] && pass "$3" || fail "$3: $2 is $v"
}
# counters_q FILE EXPR: a Python expression over ev, the counter events of FILE by (label, event, scope);
# counter_median FILE LABEL EVENT SCOPE: one event's median.
counters_q() { json_q "$1" "(lambda ev: $2)({(c['label'], e['name'], e['scope']): e for c in d['cases'] for e in c['counters']['events']})"; }
counter_median() { counters_q "$1" "ev[('$2', '$3', '$4')]['stats']['median']"; }
# check JQ-TEST FILE DESCRIPTION SHOW: jq -e JQ-TEST, and on failure the value of the jq filter SHOW.
check() { jq -e "$1" "$2" >/dev/null && pass "$3" || fail "$3 ($(jq -c "$4" "$2" 2>&1))"; }

# validate [--schema SCHEMA] FILE...: the results files against docs/results.schema.json (or SCHEMA) with
# tests/validate_results.py; its errors on stdout. A validator that cannot run (no python3-jsonschema, exit
# 77) is a failure here, never a skip: a test that validates nothing must not pass.
validate() {
	local schema=$SRC/docs/results.schema.json rc
	if [ "$1" = --schema ]; then
		schema=$2
		shift 2
	fi
	"$PY" "$SRC/tests/validate_results.py" "$schema" "$@" 2>&1
	rc=$?
	[ "$rc" -eq 77 ] && fail "cannot validate $*: python3-jsonschema is missing"
	return "$rc"
}
# expect_valid FILE: pass or fail on validate.
expect_valid() {
	local v
	v=$(validate "$1") && pass "$1 validates against docs/results.schema.json" || fail "$1 does not validate: $v"
}

# The helper programs in a private libexec: any process running from it belongs to this test alone.
# Functional tests (SB_WORKER_ASAN=1) run the worker's AddressSanitizer twin where the build has one;
# timing tests keep the undistorted worker.
mkdir -p "$TMP/libexec"
cp "$(dirname "$SB")/spawnbench-worker" "$(dirname "$SB")/spawnbench-child" "$TMP/libexec/"
if [ -n "${SB_WORKER_ASAN:-}" ] && [ -x "$(dirname "$SB")/spawnbench-worker-asan" ]; then
	cp "$(dirname "$SB")/spawnbench-worker-asan" "$TMP/libexec/spawnbench-worker"
fi
export SPAWNBENCH_LIBEXEC="$TMP/libexec"
# Processes that belong to this test's spawnbench runs and should not outlive them.
leftovers() { pgrep -f "$TMP/libexec/" || true; }
# spawnbench.PID cgroups whose run has ended: a run removes its cgroup before it exits, so one whose
# process is gone was left behind (a live one may be another test's, or another user's, run).
stale_cgroups() {
	local d
	for d in /sys/fs/cgroup/spawnbench.* /sys/fs/cgroup/unified/spawnbench.*; do
		[ -d "$d" ] && [ ! -e "/proc/${d##*.}" ] && echo "$d"
	done
}
zombies_of_me() { ps -o stat=,ppid= -e | awk -v p=$$ '$1 ~ /^Z/ && $2 == p' | wc -l; }

# Synthetic results (compare): gen_results ARGS... runs tests/compare/gen_results ($GEN_BIN, set by the
# compare tests' CMake) and validates the file it wrote, so every generated file is one the schema accepts.
gen_results() {
	"${GEN_BIN:?GEN_BIN is not set}" "$@" || return
	local out=
	while [ $# -gt 0 ]; do
		[ "$1" = -o ] && out=$2
		shift
	done
	[ -z "$out" ] || validate "$out" >&2 || die "gen_results wrote $out, which docs/results.schema.json refuses"
}
GEN=gen_results
# The report fixtures: real runs checked in.
FIX=$SRC/data/fixtures/report

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

# Runs in sessions of their own (hardening): `setsid CMD &` from a script (no job control, so the child is not a group
# leader and setsid(1) does not fork) makes the run's pid its session id, which every process it starts
# keeps, whatever it exec'd and whoever reaps it. Leftovers are then found by session, not by name.

# Processes of session SID still alive. A zombie that init has inherited is dead and init's to reap (this
# VM's init does so lazily), so it does not count; a zombie with any other parent does.
in_session() { ps -e -o sid=,pid=,ppid=,stat=,args= | awk -v s="$1" '$1 == s && !($4 ~ /^Z/ && $3 == 1)'; }
# Kill what a failed check left, by pid, so that one failure does not leak into the next round.
reap_session() { in_session "$1" | awk '{ print $2 }' | xargs -r kill -KILL 2>/dev/null; }

# check_figure DIR STEM: the five files of a report figure exist and each is what it claims to be.
check_figure() {
	local d=$1 s=$2 f want got
	for f in png svg pdf gp dat; do
		[ -s "$d/$s.$f" ] || { fail "$d/$s.$f missing or empty"; return; }
	done
	# PNG: the signature, and the pixel size the script asked for.
	want=$(sed -n 's/^W = \([0-9]*\); H = \([0-9]*\);.*/\1x\2/p' "$d/$s.gp")
	got=$("$PY" "$SRC/tests/report/png_size.py" "$d/$s.png") || { fail "$s.png is not a PNG"; return; }
	[ "$got" = "$want" ] || fail "$s.png is $got, the script asked for $want"
	[ "$(stat -c %s "$d/$s.png")" -gt 5000 ] || fail "$s.png is suspiciously small"
	# SVG: well-formed XML with an svg root and drawn paths.
	xmllint --noout "$d/$s.svg" 2>"$TMP/xmllint" || { fail "$s.svg does not parse: $(head -1 "$TMP/xmllint")"; }
	grep -q '<svg' "$d/$s.svg" || fail "$s.svg has no svg element"
	[ "$(grep -c '<path' "$d/$s.svg")" -gt 5 ] || fail "$s.svg draws almost nothing"
	# PDF: poppler reads it and renders a page that is not blank.
	pdfinfo "$d/$s.pdf" >"$TMP/pdfinfo" 2>&1 || { fail "pdfinfo rejects $s.pdf: $(head -1 "$TMP/pdfinfo")"; return; }
	grep -q '^Pages: *1$' "$TMP/pdfinfo" || fail "$s.pdf does not have exactly one page"
	pdftoppm -r 30 -png -singlefile "$d/$s.pdf" "$TMP/pdfpage" 2>/dev/null || { fail "pdftoppm cannot render $s.pdf"; return; }
	"$PY" "$SRC/tests/report/png_size.py" --not-blank "$TMP/pdfpage.png" >/dev/null || fail "$s.pdf renders as a blank page"
}

# check_installed ROOT PREFIX (install tests): the files of an install under ROOT/PREFIX, and the binary working from there.
check_installed() {
	local root=$1 prefix=$2 p=$1$2
	local sb=$p/bin/spawnbench
	# No environment override may point the installed copy back at the source or build tree.
	unset SPAWNBENCH_PLANS SPAWNBENCH_LIBEXEC
	[ -x "$sb" ] || { fail "$sb missing"; return; }
	for f in libexec/spawnbench/spawnbench-worker libexec/spawnbench/spawnbench-child share/man/man1/spawnbench.1 \
		share/doc/spawnbench/results.schema.json share/doc/spawnbench/ci.md share/doc/spawnbench/report.md \
		share/doc/spawnbench/results-schema.md share/bash-completion/completions/spawnbench \
		share/spawnbench/plans/default.plan; do
		[ -s "$p/$f" ] || fail "$p/$f missing"
	done
	"$PY" -c 'import json, sys; json.load(open(sys.argv[1]))' "$p/share/doc/spawnbench/results.schema.json" ||
		fail "the installed results.schema.json is not JSON"
	expect_rc 0 "$sb" --version
	expect_in "$TMP/out" "spawnbench "
	# Plans come from the install's own prefix although the source tree's data/plans still exists.
	[ -d "$SRC/data/plans" ] || fail "the source tree's plans are gone: the test proves nothing"
	expect_rc 0 "$sb" list --plans
	expect_in "$TMP/out" "plans ($(realpath "$p/share/spawnbench/plans"))"
	expect_not_in "$TMP/out" "$SRC/data/plans"
	expect_in "$TMP/out" "default"
	# A plan only the install has is found by name; one only the source tree has is not.
	printf 'description: only in the install\ncases: --method vfork\n' >"$p/share/spawnbench/plans/only-installed.plan"
	expect_rc 0 "$sb" run --plan only-installed --dry-run
	expect_in "$TMP/out" "vfork"
	# A tiny real run with the exec'd child program, found in the install's libexec.
	expect_rc 0 "$sb" run -q --no-table -m fork,posix_spawn -e child -n 5 -w 1 --cpu 0 -o "$TMP/run.json"
	jq_eq "$TMP/run.json" '[.cases[].status] | unique | join(",")' 'ok'
	validate --schema "$p/share/doc/spawnbench/results.schema.json" "$TMP/run.json" ||
		fail "the run of the installed binary is not valid against the installed schema"
	# The man page sends a reader to the installed documents.
	expect_in "$p/share/man/man1/spawnbench.1" "share/doc/spawnbench"
}

# Names the folders' own libraries used before this one, kept so that scripts written against them run
# after a change of their source line only. New scripts use the names above.
DIR=$TMP
ok() { pass "$@"; }
SRCDIR=$SRC
