#!/bin/bash
# SPDX-License-Identifier: MIT
# `cpack -G DEB` makes a package with the dependencies the binaries need; unpacked, its binary runs.
. "$(dirname "$0")/../lib.sh"
need cpack dpkg-deb jq

# A scratch package directory, so nothing is left in the build tree.
(cd "$TMP" && cpack -G DEB -B "$TMP/pkg" --config "$BUILD/CPackConfig.cmake") >"$TMP/cpack.log" 2>&1 ||
	{ tail -5 "$TMP/cpack.log" >&2; fail "cpack -G DEB"; finish; }
deb=$(ls "$TMP"/pkg/spawnbench_*.deb 2>/dev/null | head -1)
[ -n "$deb" ] || { fail "no .deb in $TMP/pkg"; finish; }
dpkg-deb -f "$deb" Depends >"$TMP/depends"
for dep in libc6 libjansson4 libbpf1 libpfm4 libelf1 zlib1g gnuplot-nox; do
	grep -qE "(^|, )$dep( |,|$)" "$TMP/depends" || fail "Depends lacks $dep: $(cat "$TMP/depends")"
done
# Every package named is one the archive knows (a typo would make the .deb uninstallable).
if command -v apt-cache >/dev/null; then
	for dep in $(tr ',|' '\n\n' <"$TMP/depends" | sed 's/(.*)//; s/ //g' | grep .); do
		apt-cache show "$dep" >/dev/null 2>&1 || fail "Depends names $dep, which apt does not know"
	done
fi
dpkg-deb -c "$deb" | grep -q '/usr/share/bash-completion/completions/spawnbench$' || fail "the .deb has no bash completion"
dpkg-deb -x "$deb" "$TMP/root" || fail "dpkg-deb -x"
check_installed "$TMP/root" /usr

finish
