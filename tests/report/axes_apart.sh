#!/bin/bash
# SPDX-License-Identifier: MIT
# Cases that differ in an axis no figure sweeps (here the probe level) are separate lines of a sweep,
# never one line with two points at each x. Merged, fig1-memory.dat held one block per method with the
# probe=off and probe=phases cases interleaved, and the line zigzagged between them.
. "$(dirname "$0")/../lib.sh"
need gnuplot xmllint pdfinfo pdftoppm

# A real run: --probe off,phases needs root and BPF; without them the probe level is one and there is
# nothing to keep apart.
need_root "--probe"
expect_rc 0 "$SB" run -m fork --mem 0,64M --probe off,phases -n 40 -q --no-table -o "$TMP/r.json"
expect_rc 0 "$SB" report "$TMP/r.json" -o "$TMP/rep"
dat=$TMP/rep/fig1-memory.dat
if [ -f "$dat" ]; then
	# Blocks are separated by two blank lines and open with a '# "line title"' comment.
	awk -v want=2 '
		/^# "/ { blocks++; title[blocks] = $0; last = -1; next }
		/^#/ || NF == 0 { next }
		{ n[blocks]++; if ($5 <= last) bad = bad " " title[blocks]; last = $5 }
		END {
			if (blocks != want) { print "FAIL: " blocks " lines in fig1-memory, want " want; exit 1 }
			if (title[1] == title[2]) { print "FAIL: both lines are titled " title[1]; exit 1 }
			for (b = 1; b <= blocks; b++)
				if (n[b] != 2) { print "FAIL: line " title[b] " has " n[b] " points, want 2"; exit 1 }
			if (bad != "") { print "FAIL: requested sizes not increasing along" bad; exit 1 }
		}' "$dat" >&2 || fail "fig1-memory.dat merges the probe levels: $(grep -v '^#' "$dat" | tr '\n' ' ')"
	expect_in "$dat" '# "fork probe=off"'
	expect_in "$dat" '# "fork probe=phases"'
else
	fail "no fig1-memory.dat"
fi
finish
