#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Every object the results schema describes is closed: a schema with "properties" says
"additionalProperties": false, and an object schema without them is a map whose values have a schema.
So a field the writer adds without describing it fails validation instead of passing unnoticed.

usage: check_closed.py SCHEMA.json   exit 0 when closed, 1 with the open places listed
"""
import json
import sys


def walk(node, path, open_places):
    if isinstance(node, dict):
        is_object = node.get("type") == "object" or "properties" in node
        if is_object:
            extra = node.get("additionalProperties")
            if "properties" in node and extra is not False:
                open_places.append(f"{path}: has properties but additionalProperties is {extra!r}")
            if "properties" not in node and not isinstance(extra, dict) and "$ref" not in node:
                open_places.append(f"{path}: an object with neither properties nor a schema for its values")
        for k, v in node.items():
            if k in ("if", "not"):
                continue  # conditions test a few fields; they define no object
            walk(v, f"{path}/{k}", open_places)
    elif isinstance(node, list):
        for i, v in enumerate(node):
            walk(v, f"{path}[{i}]", open_places)


def main():
    with open(sys.argv[1]) as f:
        schema = json.load(f)
    open_places = []
    walk(schema, "", open_places)
    for p in open_places:
        print("open: " + p, file=sys.stderr)
    return 1 if open_places else 0


if __name__ == "__main__":
    sys.exit(main())
