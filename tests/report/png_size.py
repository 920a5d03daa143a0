#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Print a PNG's WIDTHxHEIGHT from its header; with --not-blank, fail when every pixel is the same.

Only the standard library: zlib inflates the image data, which is enough for the 8-bit RGB/RGBA/grey
images gnuplot's cairo terminals and pdftoppm write.
"""
import struct
import sys
import zlib


def read(path):
    data = open(path, "rb").read()
    if data[:8] != b"\x89PNG\r\n\x1a\n":
        sys.exit("%s: not a PNG" % path)
    w, h = struct.unpack(">II", data[16:24])
    pos, idat = 8, b""
    while pos < len(data):
        n, kind = struct.unpack(">I4s", data[pos:pos + 8])
        if kind == b"IDAT":
            idat += data[pos + 8:pos + 8 + n]
        pos += 12 + n
    return w, h, zlib.decompress(idat)


def main():
    blank = sys.argv[1] == "--not-blank"
    path = sys.argv[-1]
    w, h, raw = read(path)
    print("%dx%d" % (w, h))
    # Filter bytes aside, a blank page inflates to one repeated value; a drawn one to many.
    if blank and len(set(raw[: 1 << 20])) < 4:
        sys.exit("%s: blank image" % path)


main()
