#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Check spawnbench's exports against what the other tools read.

usage: check_exports.py hyperfine EXPORT.json REFERENCE.json RESULTS.json
       check_exports.py gab EXPORT.json SCHEMA.json RESULTS.json
       check_exports.py csv EXPORT.csv RESULTS.json
REFERENCE.json is an export written by hyperfine itself; RESULTS.json the file that was exported.
"""
import csv
import json
import statistics
import sys


def fail(msg):
    print("FAIL: " + msg, file=sys.stderr)
    sys.exit(1)


def ok_cases(results):
    return [c for c in results["cases"] if c["status"] == "ok"]


def check_hyperfine(export, reference, results):
    ref_keys = set(reference["results"][0].keys())
    # hyperfine writes "parameters" only for parameter scans; spawnbench only when an axis varies.
    allowed = ref_keys | {"parameters"}
    if set(export.keys()) != set(reference.keys()):
        fail(f"top level keys {sorted(export)} != hyperfine's {sorted(reference)}")
    cases = ok_cases(results)
    if len(export["results"]) != len(cases):
        fail(f"{len(export['results'])} results for {len(cases)} ok cases")
    for r, c in zip(export["results"], cases):
        if not ref_keys <= set(r) <= allowed:
            fail(f"result keys {sorted(r)} do not match hyperfine's {sorted(ref_keys)}")
        for k, v in reference["results"][0].items():
            if k == "stddev" and r[k] is None and len(r["times"]) == 1:
                continue  # hyperfine writes null for one run
            if type(r[k]) is not type(v) and not (isinstance(v, (int, float)) and isinstance(r[k], (int, float))):
                fail(f"{k}: {type(r[k]).__name__}, hyperfine writes {type(v).__name__}")
        ns = c["samples"]["total_ns"]
        if len(r["times"]) != len(ns) or len(r["exit_codes"]) != len(ns):
            fail(f"{c['key']}: {len(r['times'])} times for {len(ns)} samples")
        if abs(r["median"] - statistics.median(ns) * 1e-9) > 1e-12:
            fail(f"{c['key']}: median {r['median']} s, samples say {statistics.median(ns) * 1e-9} s")
        if abs(r["mean"] - statistics.mean(r["times"])) > 1e-12 or r["min"] != min(r["times"]):
            fail(f"{c['key']}: mean/min disagree with times")
        if any(not isinstance(p, str) for p in r.get("parameters", {}).values()):
            fail("hyperfine's parameters are strings")


def check_gab(export, schema, results):
    try:
        import jsonschema
    except ImportError:
        jsonschema = None
    if jsonschema:
        try:
            jsonschema.validate(export, schema)
        except jsonschema.ValidationError as e:
            fail(f"not valid against the action's schema: {e.message}")
    else:  # the same rules by hand
        if not isinstance(export, list):
            fail("not a list")
        for b in export:
            if set(b) - {"name", "unit", "value", "range", "extra"} or not {"name", "unit", "value"} <= set(b):
                fail(f"fields {sorted(b)}")
            if not isinstance(b["value"], (int, float)) or not isinstance(b["name"], str):
                fail("types")
    names = [b["name"] for b in export]
    if len(names) != len(set(names)):
        fail("benchmark names repeat; the action would merge the series")
    cases = ok_cases(results)
    if len(export) != len(cases):
        fail(f"{len(export)} benchmarks for {len(cases)} ok cases")
    for b, c in zip(export, cases):
        if b["unit"] != "ns" or abs(b["value"] - statistics.median(c["samples"]["total_ns"])) > 1e-6:
            fail(f"{b['name']}: {b['value']} {b['unit']}, median of samples is {statistics.median(c['samples']['total_ns'])}")


def check_csv(path, results):
    with open(path, newline="") as f:
        rows = list(csv.DictReader(f))
    want = [(c["key"], m) for c in ok_cases(results) for m in c["samples"] if m != "child_pid"]
    got = [(r["key"], r["metric"]) for r in rows]
    if got != want:
        fail(f"rows {got} != {want}")
    for r in rows:
        c = next(c for c in results["cases"] if c["key"] == r["key"])
        v = c["samples"][r["metric"]]
        if int(r["n"]) != len(v) or abs(float(r["median"]) - statistics.median(v)) > 1e-6:
            fail(f"{r['key']} {r['metric']}: n {r['n']} median {r['median']}")
        if not float(r["ci95_low"]) <= float(r["median"]) <= float(r["ci95_high"]):
            fail(f"{r['key']}: CI does not hold the median")


def main():
    kind = sys.argv[1]
    if kind == "csv":
        check_csv(sys.argv[2], json.load(open(sys.argv[3])))
    else:
        export, ref, results = (json.load(open(p)) for p in sys.argv[2:5])
        (check_hyperfine if kind == "hyperfine" else check_gab)(export, ref, results)
    print(f"{kind}: ok")


main()
