#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""What the readers of spawnbench's exports expect, checked on the files export wrote.

  hyperfine-param EXPORT.json AXIS   hyperfine's scripts/plot_parametrized.py: every result has exactly one
                                     parameter, the same name in all (AXIS), whose value float() reads;
                                     mean and stddev are numbers (stddev null only for a single time)
  hyperfine-welch EXPORT.json        hyperfine's scripts/welch_ttest.py: exactly two results, each with a
                                     command and two or more times, and a Welch t that can be computed
  gab-pooled EXPORT.json RESULTS.json...   github-action-benchmark from several runs: range and extra in
                                     plain decimals, range at least the between-run interval's half-width
  bencher EXPORT.json RESULTS.json... Bencher Metric Format: {case: {measure: {value, lower_value,
                                     upper_value}}}, lower <= value <= upper, the medians of the pooled samples

The checks restate those scripts' requirements; the scripts themselves need matplotlib and scipy.
"""
import json
import math
import re
import statistics
import sys

T975 = {1: 12.706, 2: 4.303, 3: 3.182, 4: 2.776, 5: 2.571, 6: 2.447, 7: 2.365, 8: 2.306, 9: 2.262}


def fail(msg):
    print("FAIL: " + msg, file=sys.stderr)
    sys.exit(1)


def hyperfine_param(export, axis):
    results = export["results"]
    if not results:
        fail("no benchmark data to plot")
    names = set()
    for b in results:
        params = b.get("parameters", {})
        if len(params) != 1:
            fail(f"{b['command']}: benchmarks must have exactly one parameter, found {sorted(params)}")
        [(name, value)] = params.items()
        names.add(name)
        try:
            float(value)
        except ValueError:
            fail(f"{b['command']}: parameter {name}={value!r} is not a number")
        if not isinstance(b["mean"], (int, float)):
            fail(f"{b['command']}: mean is not a number")
        if b["stddev"] is None and len(b["times"]) != 1:
            fail(f"{b['command']}: stddev null with {len(b['times'])} times")
    if names != {axis}:
        fail(f"parameter names {sorted(names)}, want only {axis!r}")


def hyperfine_welch(export):
    results = export["results"]
    if len(results) != 2:
        fail(f"the input file has to contain exactly two benchmarks, it has {len(results)}")
    xs = []
    for b in results:
        if not isinstance(b["command"], str) or len(b["times"]) < 2:
            fail(f"{b.get('command')}: a command and at least two times are needed")
        xs.append(b["times"])
    va, vb = statistics.variance(xs[0]) / len(xs[0]), statistics.variance(xs[1]) / len(xs[1])
    if not va + vb > 0:
        fail("no variance: Welch's t is undefined")
    t = (statistics.mean(xs[0]) - statistics.mean(xs[1])) / math.sqrt(va + vb)
    if not math.isfinite(t):
        fail("Welch's t is not finite")


def cases_by_key(paths):
    runs = {}
    for p in paths:
        with open(p) as f:
            for c in json.load(f)["cases"]:
                if c["status"] == "ok":
                    runs.setdefault(c["key"], []).append(c)
    return runs


def between_run(medians):
    logs = [math.log(m) for m in medians]
    k = len(logs)
    half = T975[k - 1] * statistics.stdev(logs) / math.sqrt(k)
    mean = statistics.mean(logs)
    return math.exp(mean - half), math.exp(mean + half)


def gab_pooled(export, paths):
    runs = cases_by_key(paths)
    for b in export:
        if not re.fullmatch(r"± \d+(\.\d+)?", b["range"]):
            fail(f"{b['name']}: range {b['range']!r} is not a plain decimal")
        if re.search(r"\de[+-]\d", b["extra"]):
            fail(f"{b['name']}: extra has a number with an exponent: {b['extra']!r}")
        key = re.search(r"key: (\S+)", b["extra"])[1]
        metric = b["name"].rsplit(" ", 1)[1]
        rs = runs[key]
        if len(rs) < 2:
            continue
        lo, hi = between_run([statistics.median(c["samples"][metric]) for c in rs])
        half = float(b["range"][2:])
        pooled = statistics.median([v for c in rs for v in c["samples"][metric]])
        if abs(b["value"] - pooled) > 1e-6:
            fail(f"{b['name']}: value {b['value']}, pooled median {pooled}")
        if half < (hi - lo) / 2 * 0.99:  # t quantiles here are rounded to three decimals
            fail(f"{b['name']}: range ± {half} is narrower than the between-run interval [{lo:.0f}, {hi:.0f}]")


def bencher(export, paths):
    runs = cases_by_key(paths)
    if not isinstance(export, dict) or not export:
        fail("not a non-empty object of benchmarks")
    labels = {c[0]["label"]: k for k, c in runs.items()}
    for name, measures in export.items():
        key = labels.get(name, name)
        if key not in runs:
            fail(f"{name}: no such case in the results")
        if not measures or not isinstance(measures, dict):
            fail(f"{name}: no measures")
        for m, v in measures.items():
            if not re.fullmatch(r"[a-z]+-latency|throughput", m):
                fail(f"{name}: measure {m!r}")
            if set(v) != {"value", "lower_value", "upper_value"}:
                fail(f"{name} {m}: fields {sorted(v)}")
            if not all(isinstance(x, (int, float)) for x in v.values()):
                fail(f"{name} {m}: values are not numbers")
            if not v["lower_value"] <= v["value"] <= v["upper_value"]:
                fail(f"{name} {m}: {v['lower_value']} <= {v['value']} <= {v['upper_value']} does not hold")
            if m == "throughput":
                pooled = statistics.median([x for c in runs[key] for x in c["throughput"]["spawns_per_s"]])
            else:
                metric = m[:-len("-latency")] + "_ns"
                pooled = statistics.median([x for c in runs[key] for x in c["samples"][metric]])
            if abs(v["value"] - pooled) > 1e-6 * max(1, pooled):
                fail(f"{name} {m}: value {v['value']}, pooled median {pooled}")
        for want in ("total-latency", "throughput"):
            if want not in measures:
                fail(f"{name}: no {want} measure")


def main():
    kind, path = sys.argv[1], sys.argv[2]
    with open(path) as f:
        export = json.load(f)
    if kind == "hyperfine-param":
        hyperfine_param(export, sys.argv[3])
    elif kind == "hyperfine-welch":
        hyperfine_welch(export)
    elif kind == "gab-pooled":
        gab_pooled(export, sys.argv[3:])
    elif kind == "bencher":
        bencher(export, sys.argv[3:])
    else:
        fail(f"unknown check {kind}")
    print(f"{kind}: ok")


if __name__ == "__main__":
    main()
