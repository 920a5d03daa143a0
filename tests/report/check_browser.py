#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""report.html as a reader sees it: opened in headless Chromium, it loads without one request outside
the page, every figure decodes to an image with a size, and every table has a header and body rows.

A copy of the page gets a small script appended that, once the page has loaded, writes what it found into
an attribute of <body>; `chromium --dump-dom` prints the DOM after that, and this reads the attribute back.
Requests are what the page's own Resource Timing lists (everything fetched but data: URLs) and what a
Content-Security-Policy put first in the copy's <head> stopped (it allows only inline styles and data:);
the browser's host resolver maps every name to nothing, so no request could leave the machine anyway.

usage: check_browser.py REPORT_DIR [SCREENSHOT.png]   exit 0 when the page passes, 1 when not, 77 without chromium
"""
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile

# First in <head>: a policy that lets the page load nothing but itself and data: URLs, and a listener that
# records every load the policy stopped, i.e. every request the page tried to make outside itself.
HEAD_PROBE = """
<meta http-equiv="Content-Security-Policy"
      content="default-src 'none'; img-src data:; style-src 'unsafe-inline'; script-src 'unsafe-inline'">
<script>
window.sbBlocked = [];
document.addEventListener('securitypolicyviolation', function (e) { window.sbBlocked.push(e.blockedURI); });
</script>
"""

PROBE = """
<script>
window.addEventListener('load', function () {
  var imgs = Array.prototype.slice.call(document.images);
  var tables = Array.prototype.slice.call(document.querySelectorAll('table'));
  var found = {
    images: imgs.length,
    undecoded: imgs.filter(function (i) { return !(i.complete && i.naturalWidth > 0 && i.naturalHeight > 0); })
                   .map(function (i) { return i.alt || i.src.slice(0, 40); }),
    tables: tables.length,
    bad_tables: tables.filter(function (t) {
      return t.querySelectorAll('th').length === 0 || t.querySelectorAll('tbody tr, tr').length < 2 ||
             t.getBoundingClientRect().height <= 0;
    }).map(function (t) { return t.textContent.slice(0, 40); }),
    requests: performance.getEntriesByType('resource').map(function (e) { return e.name; })
                .filter(function (n) { return n.indexOf('data:') !== 0; }).concat(window.sbBlocked),
    width: document.documentElement.scrollWidth
  };
  document.body.setAttribute('data-sbcheck', JSON.stringify(found));
});
</script>
"""

FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--disable-default-apps", "--mute-audio", "--hide-scrollbars"]


def chromium():
    for name in ("chromium", "chromium-browser", "google-chrome"):
        path = shutil.which(name)
        if path:
            return path
    return None


def run(browser, profile, args, timeout=120):
    cmd = [browser] + FLAGS + ["--user-data-dir=" + profile, "--host-resolver-rules=MAP * ~NOTFOUND"] + args
    return subprocess.run(cmd, capture_output=True, text=True, timeout=timeout)


def main(argv):
    if len(argv) < 2:
        print(__doc__, file=sys.stderr)
        return 2
    browser = chromium()
    if not browser:
        print("chromium not installed: skipping", file=sys.stderr)
        return 77
    out = os.path.abspath(argv[1])
    page = os.path.join(out, "report.html")
    with open(page, encoding="utf-8") as f:
        html = f.read()
    if "</body>" not in html or "<head>" not in html:
        print("report.html has no <head> or no </body>", file=sys.stderr)
        return 1
    errs = []
    with tempfile.TemporaryDirectory(prefix="sbchrome.") as tmp:
        probe_page = os.path.join(tmp, "report-probe.html")
        with open(probe_page, "w", encoding="utf-8") as f:
            f.write(html.replace("<head>", "<head>" + HEAD_PROBE, 1).replace("</body>", PROBE + "</body>", 1))
        profile = os.path.join(tmp, "profile")
        os.mkdir(profile)
        r = run(browser, profile, ["--virtual-time-budget=10000", "--dump-dom", "file://" + probe_page])
        m = re.search(r'data-sbcheck="([^"]*)"', r.stdout)
        if r.returncode != 0 or not m:
            print(f"chromium exited {r.returncode} without the page's findings; stderr ends:\n"
                  + "\n".join(r.stderr.splitlines()[-8:]), file=sys.stderr)
            return 1
        found = json.loads(m[1].replace("&quot;", '"').replace("&amp;", "&").replace("&lt;", "<")
                           .replace("&gt;", ">"))
        want_imgs = len([n for n in os.listdir(out) if n.endswith(".png")])
        if found["images"] != want_imgs:
            errs.append(f"the page shows {found['images']} images, the directory has {want_imgs} PNGs")
        if found["undecoded"]:
            errs.append(f"{len(found['undecoded'])} image(s) did not decode: {found['undecoded'][:3]}")
        if found["tables"] < 1:
            errs.append("no table rendered")
        if found["bad_tables"]:
            errs.append(f"table(s) without a header, rows or height: {found['bad_tables'][:3]}")
        if found["requests"]:
            errs.append(f"requests outside the page: {sorted(set(found['requests']))[:5]}")
        if len(argv) > 2:
            # The page as printed for a reader; the test's caller may look at it.
            run(browser, profile, ["--window-size=1280,2400", "--screenshot=" + os.path.abspath(argv[2]),
                                   "file://" + page])
            if not os.path.exists(argv[2]):
                errs.append("chromium wrote no screenshot")
    for e in errs:
        print("report.html in chromium: " + e, file=sys.stderr)
    print(f"chromium: {found['images']} images decoded, {found['tables']} tables, "
          f"{len(found['requests'])} outside requests")
    return 1 if errs else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
