#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""gen_cases.py N S OUT SRC...: write a results file of N cases with S raw samples per metric, built
from real results files: the cases of the sources in turn (the first source's header kept), each with
its samples resampled to S values (fixed seed). Figures then see real axes and distributions at a size
no fixture has. Used to time the report."""
import json
import random
import sys

n, s, out, srcs = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3], sys.argv[4:]
docs = [json.load(open(p)) for p in srcs]
real = [c for d in docs for c in d["cases"] if c["status"] == "ok"]
rng = random.Random(1)


def stats(v):
    v = sorted(v)
    m = v[len(v) // 2]
    return {"n": len(v), "min": v[0], "max": v[-1], "median": m, "ci95_low": v[int(len(v) * 0.45)],
            "ci95_high": v[int(len(v) * 0.55)], "mean": sum(v) / len(v), "stddev": 0.0,
            "p90": v[int(len(v) * 0.9)], "p99": v[int(len(v) * 0.99)], "outliers": 0}


cases = []
for i in range(n):
    c = dict(real[i % len(real)])
    if i >= len(real):
        c["key"] = "%s;copy=%d" % (c["key"], i)
        c["label"] = "%s #%d" % (c["label"], i)
    smp = {m: [rng.choice(v) for _ in range(s)] for m, v in c["samples"].items() if m != "child_pid" and v}
    c["samples"] = smp
    c["stats"] = dict(c["stats"], **{m: stats(v) for m, v in smp.items()})
    cases.append(c)
doc = docs[0]
doc["cases"] = cases
json.dump(doc, open(out, "w"))
