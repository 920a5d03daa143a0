#!/bin/bash
# SPDX-License-Identifier: MIT
# report.html in a real browser (headless Chromium): it loads with no request outside the page, every
# figure decodes, every table renders; and the check fails on a page that breaks each of those.
. "$(dirname "$0")/../lib.sh"
need gnuplot xmllint pdfinfo pdftoppm
need chromium

expect_rc 0 "$SB" report -q "$FIX/fork-in-the-road.json" "$FIX/concurrency.json" "$FIX/probe-stages.json" -o "$TMP/r"
"$PY" "$HERE/check_browser.py" "$TMP/r" "$TMP/page.png" || fail "report.html in chromium"
"$PY" "$HERE/png_size.py" --not-blank "$TMP/page.png" >/dev/null || fail "the screenshot of report.html is blank"
[ -n "${SB_KEEP_SCREENSHOT:-}" ] && cp "$TMP/page.png" "$SB_KEEP_SCREENSHOT"

# A page that fetches an image from the network and holds a figure that does not decode is refused.
mkdir "$TMP/bad"
cp "$TMP"/r/*.png "$TMP/bad/"
"$PY" - "$TMP/r/report.html" "$TMP/bad/report.html" <<'PY'
import re, sys
html = open(sys.argv[1], encoding="utf-8").read()
html = re.sub(r'src="data:image/png;base64,[A-Za-z0-9+/]{64}', 'src="data:image/png;base64,' + "A" * 64, html, count=1)
html = html.replace("</body>", '<p><img src="https://example.com/x.png" width="1" height="1"></p></body>', 1)
open(sys.argv[2], "w", encoding="utf-8").write(html)
PY
"$PY" "$HERE/check_browser.py" "$TMP/bad" >"$TMP/out" 2>"$TMP/err" && fail "check_browser.py passes a broken page"
expect_in "$TMP/err" "did not decode"
expect_in "$TMP/err" "https://example.com/x.png"

finish
