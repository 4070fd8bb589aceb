#!/usr/bin/env python3
"""Write tests/unit/cmdline_cases.inc from cases.txt and expected.txt (the
reference's results, recorded in the lab by record-reference).

A row holds argv and what the reference did: when it stopped in its
option parser (exit 2, popt's errors, -h, -v) the row carries the exact
text and status that cmdline_parse must produce; otherwise the command
reached the kernel and cmdline_parse must accept it."""
import os, re, shlex, sys

here = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, here)
from results import read_results, stops_in_parser

def cstr(s):
    """A C string literal of s, byte for byte."""
    out = []
    for ch in s.encode("utf-8", "surrogateescape"):
        c = chr(ch)
        if c in '"\\':
            out.append("\\" + c)
        elif c == "\n":
            out.append("\\n")
        elif 32 <= ch < 127:
            out.append(c)
        else:
            out.append("\\%03o" % ch)
    return '"' + "".join(out) + '"'

rows, stops = [], 0
for r in read_results(os.path.join(here, "expected.txt")):
    stop = stops_in_parser(r)
    stops += stop
    argv = ["ipvsadm"] + shlex.split(r["args"])
    text = (r["out"] if r["rc"] == 0 else r["err"]) if stop else ""
    rows.append("\t{ %d, { %s }, %d, %d, %s },\n" % (
        len(argv), ", ".join(cstr(a) for a in argv), 1 if stop else 0,
        r["rc"], cstr(text)))
with open(os.path.join(here, "..", "unit", "cmdline_cases.inc"), "w") as f:
    f.write("/* Made by tests/cmdline/gen-unit-table.py from the reference's results: do not edit. */\n")
    f.writelines(rows)
print(len(rows), "rows,", stops, "stopping in the parser")
