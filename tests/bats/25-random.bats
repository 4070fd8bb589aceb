#!/usr/bin/env bats
# Random command lines against the reference (tests/cmdline/random-diff):
# commands with random services, real servers and options, good and bad
# values, long and bundled forms, each run by both binaries on the same
# base table.  Output, status and what they leave (table, timeouts,
# daemons) must be the same.  The case table of 20-cmdline covers the
# grammar option by option; this covers what combinations do.  The seed
# is fixed so that a run can be repeated (RANDOM_DIFF_SEED changes it).

load helpers

@test "random command lines: output, exit status and the state left are the reference's (250 cases)" {
	run env IPVSADM_BIN="$IPVSADM" IPVSADM_REF="$REF_IPVSADM" \
		"$REPO/tests/cmdline/random-diff" 250
	echo "$output" | tail -30
	[ "$status" -eq 0 ]
	[[ ${lines[-1]} == "random-diff: 250 cases "*", 0 differ" ]]
}
