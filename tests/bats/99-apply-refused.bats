#!/usr/bin/env bats
# bats-jobs: last
# -R --apply when the kernel refuses a change that no check of the file
# can foresee: once module loading is disabled, a scheduler whose module
# is not loaded yet is refused at -E time, though its module file exists.
# The switch cannot be undone until the VM reboots, so this file runs
# last, alone (tests/lab/bats-jobs), after every test that loads modules,
# and only in the lab's VM: never on a host that runs its kernel directly.
# The lab loads every scheduler at boot (tests/lab/guest-init), so the
# test first unloads one that nothing uses: its module file stays, as on
# a director that has never used it.

load helpers

teardown() { lab_teardown; }

@test "modules disabled: a scheduler the kernel cannot load rolls the apply back; -S -n is the snapshot byte for byte" {
	mountpoint -q /run/lab || skip "disables module loading: only in the lab's VM"
	lab_setup
	local sched= s F=$BATS_TEST_TMPDIR
	for s in lblcr lblc sed nq dh fo ovf mh; do
		if [ ! -e "/sys/module/ip_vs_$s" ] || modprobe -r "ip_vs_$s" 2>/dev/null; then
			sched=$s
			break
		fi
	done
	[ -n "$sched" ] || skip "no scheduler module could be unloaded"
	[ ! -e "/sys/module/ip_vs_$sched" ]
	given_rules <<-'EOF'
	-A -t 10.0.0.1:80 -s wrr
	-a -t 10.0.0.1:80 -r 10.0.1.1 -m
	-a -t 10.0.0.1:80 -r 10.0.1.2 -m -w 2
	-A -t 10.0.0.2:80 -s rr
	-a -t 10.0.0.2:80 -r 10.0.1.3 -m
	-A -t 10.0.0.3:80 -s rr
	EOF
	ref_in "$NS_OURS" -S -n >"$F/before"
	cat >"$F/rules" <<-EOF
	-A -t 10.0.0.1:80 -s rr
	-a -t 10.0.0.1:80 -r 10.0.1.1 -m -w 5
	-a -t 10.0.0.1:80 -r 10.0.1.4 -m
	-A -t 10.0.0.2:80 -s $sched
	-a -t 10.0.0.2:80 -r 10.0.1.3 -m
	-A -t 10.0.0.4:80 -s wrr
	EOF
	# --test sees the module file, so the file passes every check
	ours -R --test <"$F/rules"
	echo 1 >/proc/sys/kernel/modules_disabled
	run ours -R --apply <"$F/rules"
	[ "$status" = 255 ] &&
		[ "${lines[0]}" = "-E -t 10.0.0.2:80 -s $sched: Scheduler or persistence engine not found" ] &&
		[ "${lines[1]}" = "Rolled back: the 6 changes already made were undone; the table is as it was" ] &&
		[ ${#lines[@]} = 2 ] || { echo "status $status: $output" >&2; false; }
	ref_in "$NS_OURS" -S -n | cmp - "$F/before"
}
