#!/usr/bin/env bats
# bats-jobs: cost 160
# Random command lines and random tables against the reference
# (tests/cmdline/random-diff).  Commands with random services, real
# servers and options, good and bad values, long and bundled forms, each
# run by both binaries on the same base table: output, status and what
# they leave (table, timeouts, daemons: every attribute but the counters,
# read by one static `nsx state`) must be the same.  The case table
# of 20-cmdline covers the grammar option by option; this covers what
# combinations do.  Random tables (every kind of service and real server)
# are restored by both binaries (the tables must be the same) and listed
# every way by both, in the same namespace.  The seed
# is fixed so that a run can be repeated (RANDOM_DIFF_SEED changes it).

load helpers

@test "random command lines: output, exit status and the state left are the reference's (250 cases)" {
	run env IPVSADM_BIN="$IPVSADM" IPVSADM_REF="$REF_IPVSADM" \
		"$REPO/tests/cmdline/random-diff" 250
	echo "$output" | tail -30
	[ "$status" -eq 0 ]
	[[ ${lines[-1]} == "random-diff: 250 cases "*", 0 differ" ]]
}

@test "random tables: ours restores the reference's table, and lists it as the reference does (30 tables, 12 listings each)" {
	run env IPVSADM_BIN="$IPVSADM" IPVSADM_REF="$REF_IPVSADM" \
		"$REPO/tests/cmdline/random-diff" --tables 30
	echo "$output" | tail -30
	[ "$status" -eq 0 ]
	[[ ${lines[-1]} == "random-diff: 12 listings of 30 tables "*", 0 differ" ]]
}
