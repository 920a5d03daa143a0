#!/bin/bash
# SPDX-License-Identifier: MIT
# Output paths that are not regular files. Results are written to a temporary beside the target and renamed
# over it; done blindly as root, `-o /dev/null` replaces the machine's /dev/null with a JSON file and
# `-o /dev/stdout` replaces the /dev/stdout symlink. Checked on a private character device (the same
# device as /dev/null, made with mknod in the scratch directory) and a symlink to it: never on /dev itself.
. "$(dirname "$0")/../lib.sh"
need_root "for mknod"

dev=$TMP/null
mknod -m 666 "$dev" c 1 3 || { echo "mknod refused here"; exit 77; }
ln -s "$dev" "$TMP/link"
"$SB" run -q --no-table -n 5 --method fork -o "$TMP/r.json" 2>/dev/null || fail "a plain run failed"

# still_special WHAT: the device is still the device, the symlink still a symlink to it, no temporary left
still_special() {
	[ -c "$dev" ] && pass "$1: the device node is still a device node" ||
		fail "$1: the device node was replaced by: $(stat -c %F "$dev")"
	[ -L "$TMP/link" ] && pass "$1: the symlink is still a symlink" ||
		fail "$1: the symlink was replaced by: $(stat -c %F "$TMP/link")"
	if compgen -G "$TMP/null.tmp.*" >/dev/null || compgen -G "$TMP/link.tmp.*" >/dev/null; then
		fail "$1: temporary left beside the target"
		rm -f "$TMP"/null.tmp.* "$TMP"/link.tmp.*
	fi
	# Put them back for the next check whatever happened.
	[ -c "$dev" ] || { rm -f "$dev"; mknod -m 666 "$dev" c 1 3; }
	[ -L "$TMP/link" ] || { rm -f "$TMP/link"; ln -s "$dev" "$TMP/link"; }
}
for t in null link; do
	"$SB" run -q --no-table -n 5 --method fork -o "$TMP/$t" >/dev/null 2>"$TMP/err"
	echo "run -o $t: exit $? $(head -c 200 "$TMP/err")"
	still_special "run -o $t"
	"$SB" run -q --no-table -n 5 --method fork -o "$TMP/r2.json" --csv "$TMP/$t" >/dev/null 2>"$TMP/err"
	echo "run --csv $t: exit $? $(head -c 200 "$TMP/err")"
	still_special "run --csv $t"
	"$SB" export -f csv -o "$TMP/$t" "$TMP/r.json" >/dev/null 2>"$TMP/err"
	echo "export -o $t: exit $? $(head -c 200 "$TMP/err")"
	still_special "export -o $t"
done
finish
