#!/usr/bin/env python3
"""Write tests/bats/20-cmdline.bats and 21-cmdline.bats from cases.txt and
expected.txt.

Every case the reference took to the kernel runs live with both binaries
(twenty to a test); of the cases it refused in its option parser, which
the unit test tests/unit/test_cmdline.c checks exactly without a kernel,
every fifth runs live too.  The tests are split into two files of half
each, so that the lab's two bats jobs (whole files each) can share them:
on the slower kernels the comparison is the longest file of a boot."""
import os, sys

here = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, here)
from results import read_results, stops_in_parser

results = list(read_results(os.path.join(here, "expected.txt")))
live = [r for r in results if not stops_in_parser(r) or r["num"] % 5 == 0]
per_test = 20
tests = []
for i in range(0, len(live), per_test):
    group = live[i:i + per_test]
    label = group[0]["args"].replace('"', "").replace("'", "")
    tests += ['@test "cmdline cases %d-%d: %s ..." {' % (group[0]["num"], group[-1]["num"], label),
              "\tcompat_cases " + " ".join(str(r["num"]) for r in group),
              "}", ""]
half = (len(tests) // 4 + 1) // 2 * 4    # whole tests of 4 lines each
for name, part in (("20-cmdline.bats", tests[:half]), ("21-cmdline.bats", tests[half:])):
    out = ["#!/usr/bin/env bats",
           "# Made by tests/cmdline/gen-bats.py from tests/cmdline/cases.txt: do not edit.",
           "# Each case runs with the reference and with ours, each on an empty table;",
           "# exit status, stdout, stderr and the resulting table must be identical.",
           "# The cases are split between 20-cmdline.bats and 21-cmdline.bats.",
           "# bats-jobs: cost 72",
           "",
           "load helpers",
           "load cmdline",
           "",
           "setup() { :; }",
           "teardown() { :; }",
           ""] + part
    open(os.path.join(here, "..", "bats", name), "w").write("\n".join(out))
print(len(results), "cases,", len(live), "live in", (len(live) + per_test - 1) // per_test, "tests")
