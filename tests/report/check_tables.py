#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""summary.csv holds every case of every results file with every metric's statistics, equal to the file's."""
import csv
import json
import math
import sys

out, inputs = sys.argv[1], sys.argv[2:]
rows = list(csv.DictReader(open(out + "/summary.csv", newline="")))
bad = 0
want = 0
by_key = {}
for r in rows:
    by_key[(r["run"], r["key"], r["metric"])] = r
for path in inputs:
    run = path.rsplit("/", 1)[-1][:-5]
    doc = json.load(open(path))
    for c in doc["cases"]:
        stats = c.get("stats") or {}
        if not stats:
            want += 1
            if not any(r["run"] == run and r["key"] == c["key"] and r["status"] == c["status"] for r in rows):
                print("missing row for", run, c["label"], c["status"])
                bad += 1
        metrics = list(stats.items())
        for e in (c.get("counters") or {}).get("events", []):
            if e.get("stats"):
                metrics.append(("counter:%s:%s" % (e["scope"], e["name"]), e["stats"]))
        for metric, st in metrics:
            want += 1
            r = by_key.get((run, c["key"], metric))
            if r is None:
                print("missing row for", run, c["label"], metric)
                bad += 1
                continue
            for f in ("n", "median", "ci95_low", "ci95_high", "p99"):
                if not math.isclose(float(r[f]), float(st[f]), rel_tol=1e-6):
                    print(run, c["label"], metric, f, r[f], "!=", st[f])
                    bad += 1
if len(rows) != want:
    print("summary.csv has %d rows, want %d" % (len(rows), want))
    bad += 1
sys.exit(1 if bad else 0)
