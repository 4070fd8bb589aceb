#!/usr/bin/env python3
"""Write tests/bats/20-cmdline.bats from cases.txt and expected.txt.

Every case the reference took to the kernel runs live with both binaries
(twenty to a test); of the cases it refused in its option parser, which
the unit test tests/unit/test_cmdline.c checks exactly without a kernel,
every fifth runs live too."""
import os, sys

here = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, here)
from results import read_results, stops_in_parser

results = list(read_results(os.path.join(here, "expected.txt")))
live = [r for r in results if not stops_in_parser(r) or r["num"] % 5 == 0]
per_test = 20
out = ["#!/usr/bin/env bats",
       "# Made by tests/cmdline/gen-bats.py from tests/cmdline/cases.txt: do not edit.",
       "# Each case runs with the reference and with ours, each on an empty table;",
       "# exit status, stdout, stderr and the resulting table must be identical.",
       "# bats-jobs: cost 600",
       "",
       "load helpers",
       "load cmdline",
       "",
       "setup() { :; }",
       "teardown() { :; }",
       ""]
for i in range(0, len(live), per_test):
    group = live[i:i + per_test]
    label = group[0]["args"].replace('"', "").replace("'", "")
    out.append('@test "cmdline cases %d-%d: %s ..." {' % (group[0]["num"], group[-1]["num"], label))
    out.append("\tcompat_cases " + " ".join(str(r["num"]) for r in group))
    out.append("}")
    out.append("")
open(os.path.join(here, "..", "bats", "20-cmdline.bats"), "w").write("\n".join(out))
print(len(results), "cases,", len(live), "live in", (len(live) + per_test - 1) // per_test, "tests")
