#!/usr/bin/env python3
"""Write tests/bats/20-cmdline.bats: every line of cases.txt run by both
binaries (tests/cmdline/run-case), ten cases to a test."""
import os

here = os.path.dirname(os.path.abspath(__file__))
cases = [l for l in open(os.path.join(here, "cases.txt")) if l.strip()]
per_test = 25
out = ["#!/usr/bin/env bats",
       "# Made by tests/cmdline/gen-bats.py from tests/cmdline/cases.txt: do not edit.",
       "# Each case runs with the reference and with ours, each on an empty table;",
       "# exit status, stdout, stderr and the resulting table must be identical.",
       "",
       "load helpers",
       "load cmdline",
       "",
       "setup() { :; }",
       "teardown() { :; }",
       ""]
for first in range(1, len(cases) + 1, per_test):
    last = min(first + per_test - 1, len(cases))
    label = cases[first - 1].strip()
    out.append(f'@test "cmdline {first}-{last}: {label.replace(chr(34), "")} ..." {{')
    out.append(f"\tcompat_case_lines {first} {last}")
    out.append("}")
    out.append("")
open(os.path.join(here, "..", "bats", "20-cmdline.bats"), "w").write("\n".join(out))
print(len(cases), "cases in", (len(cases) + per_test - 1) // per_test, "tests")
