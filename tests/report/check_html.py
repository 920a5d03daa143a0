#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""report.html stands alone: every image is an embedded PNG equal to the file beside it, and nothing
(src, href, CSS url()) points outside the page."""
import base64
import glob
import os
import sys
from html.parser import HTMLParser

out = sys.argv[1]
bad = []


class Page(HTMLParser):
    def __init__(self):
        super().__init__()
        self.images = []

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if name in ("src", "href", "srcset", "data", "poster", "action") and value is not None:
                if not (value.startswith("data:") or value.startswith("#")):
                    bad.append("<%s %s=%r> points outside the page" % (tag, name, value[:60]))
        if tag in ("script", "link", "iframe", "object", "embed"):
            bad.append("<%s> element" % tag)
        if tag == "img":
            self.images.append(dict(attrs))


text = open(os.path.join(out, "report.html"), encoding="utf-8").read()
p = Page()
p.feed(text)
if "url(" in text:
    bad.append("CSS url() reference")
pngs = sorted(glob.glob(os.path.join(out, "*.png")))
if len(p.images) != len(pngs):
    bad.append("%d images embedded, %d PNG files written" % (len(p.images), len(pngs)))
embedded = set()
for img in p.images:
    src = img.get("src", "")
    prefix = "data:image/png;base64,"
    if not src.startswith(prefix):
        bad.append("image not embedded as PNG: %r" % src[:40])
        continue
    embedded.add(base64.b64decode(src[len(prefix):], validate=True))
for png in pngs:
    if open(png, "rb").read() not in embedded:
        bad.append("%s is not embedded byte for byte" % os.path.basename(png))
for b in bad:
    print(b)
sys.exit(1 if bad else 0)
