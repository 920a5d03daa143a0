#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Every axis of every figure carries at least three labelled ticks (an x axis of whole counts, two).

Reads the SVG files gnuplot wrote (its svg terminal draws each tick mark as a <path> followed at once by
the <g><text> of its label) and sorts the labels by how gnuplot anchors them: right-aligned labels belong
to the y axis on the left, centred or rotated ones to the x axis below. An axis of names (a bar chart's
rows, the results files of a trend) is a list of categories rather than a scale and needs only one label.
The labels of a y axis must also stand apart by their font size, or they overprint one another. A plot made of several panels
(multiplot) is checked per panel: labels are grouped by the line their tick marks stand on.

usage: check_axes.py [--min N] FILE.svg|DIR...   exit 0 when every axis has N labels (3 by default), else 1
"""
import collections
import os
import re
import sys

TICK = re.compile(
    r"<path [^>]*d='M([-\d.]+),([-\d.]+)[^']*'\s*/>\s*"
    r"<g transform=\"translate\(([-\d.]+),([-\d.]+)\)( rotate\([-\d.]+\))?\"[^>]*?(?:font-size=\"([\d.]+)\")?[^>]*text-anchor=\"(\w+)\"[^>]*>\s*"
    r"<text>([^<]*)</text>")


NUMBER = re.compile(r"[-+\u2212]?[\d.]+(e[-+]?\d+)?")


def axes(svg):
    """{('x'|'y', position): [label, ...]} for the tick labels in one SVG document."""
    found = collections.defaultdict(list)
    for m in TICK.finditer(svg):
        px, py, ty, rotated = float(m[1]), float(m[2]), float(m[4]), m[5]
        size, anchor, label = float(m[6] or 0), m[7], m[8].strip()
        if not label:
            continue
        if anchor == "end" and not rotated:
            # A y axis: its tick marks share an x coordinate.
            found[("y", round(px))].append((label, ty, size))
        else:
            found[("x", round(py))].append((label, px, size))
    return found


def check(path, want):
    with open(path, encoding="utf-8") as f:
        found = axes(f.read())
    errs = []
    kinds = {k for k, _ in found}
    for k in ("x", "y"):
        if k not in kinds:
            errs.append(f"{path}: the {k} axis has no labelled tick")
    for (k, pos), ticks in sorted(found.items()):
        labels = [t[0] for t in ticks]
        # Names of cases or files (a bar chart's rows) are categories, not a scale: one is enough.
        if not any(NUMBER.fullmatch(x) for x in labels):
            continue
        # An x axis of counts (spawners, mappings) swept over two values labels just those two: ticks
        # between them would name counts that cannot exist (1.2 spawners).
        counts = k == "x" and all(re.fullmatch(r"\d+", x) for x in labels)
        if len(labels) < want and not (counts and len(labels) >= 2):
            errs.append(f"{path}: {k} axis at {pos} labels {len(labels)} tick(s) {labels}, want {want} or more")
        # Labels of a y axis stacked closer than their own height overprint each other.
        at = sorted(t[1] for t in ticks)
        size = max(t[2] for t in ticks)
        if k == "y" and size and any(b - a < size * 0.9 for a, b in zip(at, at[1:])):
            errs.append(f"{path}: y axis at {pos}: tick labels {labels} overlap (closer than {size:g} px)")
    return errs


def main(argv):
    want = 3
    if len(argv) > 2 and argv[1] == "--min":
        want = int(argv[2])
        argv = argv[2:]
    files = []
    for a in argv[1:]:
        if not os.path.exists(a):
            print(f"check_axes.py: {a}: no such file or directory", file=sys.stderr)
            return 1
        if os.path.isdir(a):
            files += sorted(os.path.join(a, n) for n in os.listdir(a) if n.endswith(".svg"))
        else:
            files.append(a)
    if not files:
        print("check_axes.py: no SVG files given", file=sys.stderr)
        return 1
    errs = []
    for f in files:
        errs += check(f, want)
    for e in errs:
        print(e, file=sys.stderr)
    print(f"{len(files)} SVG file(s), {len(errs)} axis problem(s)")
    return 1 if errs else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
