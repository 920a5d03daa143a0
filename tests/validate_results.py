#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Validate results files against docs/results.schema.json with a real JSON Schema validator.

usage: validate_results.py [SCHEMA.json] RESULTS.json...
SCHEMA defaults to docs/results.schema.json beside this tests/ directory. Prints the first errors of each
file (path in the document and the message) and exits 1 when any file is invalid, 0 when all are valid,
77 when python3-jsonschema is not installed (ctest's skip code).
"""
import json
import os
import sys

try:
    import jsonschema
except ImportError:
    print("python3-jsonschema not installed: cannot validate", file=sys.stderr)
    sys.exit(77)


def main(argv):
    args = argv[1:]
    schema_path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "docs", "results.schema.json")
    if args and args[0].endswith(".schema.json"):
        schema_path = args.pop(0)
    if not args:
        print(__doc__, file=sys.stderr)
        return 2
    with open(schema_path) as f:
        schema = json.load(f)
    jsonschema.Draft202012Validator.check_schema(schema)
    validator = jsonschema.Draft202012Validator(schema)
    bad = 0
    for path in args:
        with open(path) as f:
            doc = json.load(f)
        errors = sorted(validator.iter_errors(doc), key=lambda e: list(e.path))
        for e in errors[:3]:
            where = "/".join(map(str, e.path)) or "(top)"
            print(f"{path}: schema error at {where}: {e.message[:300]}", file=sys.stderr)
        bad += bool(errors)
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
