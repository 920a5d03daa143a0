# SPDX-License-Identifier: MIT
# Shared by the report tests: arguments, a scratch directory, and checks of the files report writes.
set -u
SB=$1
FIX=$2
SRC=$3
TMP=$(mktemp -d "${TMPDIR:-/tmp}/sbreport.XXXXXX")
trap 'rm -rf "$TMP"' EXIT
. "$(dirname "${BASH_SOURCE[0]}")/../checks.sh"

# check_figure DIR STEM: the five files exist and each is what it claims to be.
check_figure() {
	local d=$1 s=$2 f
	for f in png svg pdf gp dat; do
		[ -s "$d/$s.$f" ] || { fail "$d/$s.$f missing or empty"; return; }
	done
	# PNG: the signature, and the pixel size the script asked for.
	local want got
	want=$(sed -n 's/^W = \([0-9]*\); H = \([0-9]*\);.*/\1x\2/p' "$d/$s.gp")
	got=$(python3 "$SRC/png_size.py" "$d/$s.png") || { fail "$s.png is not a PNG"; return; }
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
	python3 "$SRC/png_size.py" --not-blank "$TMP/pdfpage.png" >/dev/null || fail "$s.pdf renders as a blank page"
}

for tool in gnuplot xmllint pdfinfo pdftoppm python3; do
	command -v $tool >/dev/null || { echo "$tool not installed: skipping" >&2; exit 77; }
done
