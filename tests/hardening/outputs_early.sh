#!/bin/bash
# SPDX-License-Identifier: MIT
# Every output is checked before the first spawn: a bad path is exit 2, a place that cannot be written is
# exit 4, and neither runs a case. A results file that still cannot be written at the end (the place changed
# during the run) is saved beside it with a suffix, else in $TMPDIR, else printed on stderr: never lost.
. "$(dirname "$0")/../lib.sh"
need_root "to become nobody"
chmod -R a+rX "$TMP"
cd "$TMP" || exit 1
# The exec'd program leaves a mark: a refused run must not have started any case.
printf '#!/bin/sh\ntouch %s/ran\nsleep 0.2\n' "$TMP" >mark.sh
chmod 755 mark.sh
mkdir dir ro && chmod 555 ro && echo x >plain
chmod 777 "$TMP"

# refused WANT WHAT ARGS...: exit WANT, nothing ran
refused() {
	local want=$1 what=$2
	shift 2
	rm -f ran
	expect_exit "$want" "$what" -- "$@"
	[ -e ran ] && fail "$what: a case ran before the refusal"
	[ -s "$TMP/err" ] && pass "$what: says $(head -c 150 "$TMP/err")" || fail "$what: no message"
}
RUN=("$SB" run -q --no-table -n 3 -w 0 -m fork -e "$TMP/mark.sh")
refused 2 "-o an existing directory" "${RUN[@]}" -o dir
refused 2 "-o ''" "${RUN[@]}" -o ""
refused 2 "--csv an existing directory" "${RUN[@]}" -o r.json --csv dir
refused 2 "-o under a regular file" "${RUN[@]}" -o plain/r.json
refused 4 "-o in a directory nobody cannot write (as nobody)" as_nobody "${RUN[@]}" -o "$TMP/ro/r.json"
refused 4 "the default results/ in a directory nobody cannot write (as nobody)" \
	bash -c 'cd "$1/ro" && shift && "$@"' _ "$TMP" setpriv --reuid=nobody --regid=nogroup --clear-groups "${RUN[@]}"
[ -e ro/results ] && fail "a results directory appeared in ro"

# closed_mid_run NAME: a run as nobody writing w/NAME.json (stderr in $TMP/NAME.err), w made read-only once
# the first case has started; returns the run's exit status.
closed_mid_run() {
	rm -f ran
	as_nobody env TMPDIR="$TMP/tmpdir" "$SB" run -q --no-table -n 6 -w 0 --batch 1 -m fork -e "$TMP/mark.sh" \
		-o "$TMP/w/$1.json" >/dev/null 2>"$TMP/$1.err" &
	local pid=$!
	for _ in $(seq 200); do [ -e ran ] && break; sleep 0.05; done
	chmod 555 w
	wait $pid
}

# The place becomes unwritable during the run: the results are saved elsewhere and the path is said.
mkdir w tmpdir && chown nobody w tmpdir
closed_mid_run r
rc=$?
[ $rc -eq 4 ] && pass "results not written where asked: exit 4" || fail "exit $rc, wanted 4: $(head -c 300 "$TMP/r.err")"
saved=$(compgen -G "$TMP/tmpdir/r.json.unsaved-*" | head -1)
[ -n "$saved" ] && json_q "$saved" "len(d['cases'])" >/dev/null && pass "saved in $saved" ||
	fail "no results saved in \$TMPDIR: $(ls tmpdir) $(head -c 300 "$TMP/r.err")"
grep -qF "$saved" "$TMP/r.err" && pass "stderr names $saved" || fail "stderr does not name the saved file"

# Nowhere to save them: the JSON goes to stderr.
chmod 777 w && chmod 555 tmpdir
closed_mid_run r2
rc=$?
[ $rc -eq 4 ] && pass "nowhere to save: exit 4" || fail "exit $rc, wanted 4"
grep -q '"schema": "spawnbench/1"' "$TMP/r2.err" && pass "the results are on stderr" ||
	fail "the results are lost: $(head -c 300 "$TMP/r2.err")"
chmod 777 w tmpdir
finish
