#!/usr/bin/env bats
# bats-jobs: cost 62
# The boot helper (save_restore/ipvsadm-boot.in) in both flavours, run by
# hand in a network namespace with its rules and settings files in the
# test's folder.  The unit under systemd as PID 1: 90-package.bats.

load helpers
bats_require_minimum_version 1.5.0

setup() {
	lab_setup || return 1
	# Real servers need a route; the sync daemons a multicast interface.
	ip -n "$NS_OURS" link add d0 type dummy &&
		ip -n "$NS_OURS" link set d0 multicast on up &&
		ip -n "$NS_OURS" addr add 10.0.0.254/16 dev d0 || return 1
	F=$BATS_TEST_TMPDIR
	B=$F/boot
	mkdir -p "$B"
}

teardown() { lab_teardown; }

boot() { IPVSADM_BIN=$IPVSADM nsenter --net="/run/netns/$NS_OURS" "$B/ipvsadm-boot" "$@"; }
state() { ours -S -n; }

RULES='-A -t 10.0.0.1:80 -s rr
-a -t 10.0.0.1:80 -r 10.0.1.1:80 -m -w 1
-a -t 10.0.0.1:80 -r 10.0.1.2:80 -m -w 2'

# ---------------------------------------------------------------- both flavours

@test "boot: an unknown command is refused with the usage" {
	boot_setup redhat
	run boot frobnicate
	[ "$status" -eq 2 ]
	[ "$output" = "usage: ipvsadm-boot start|stop|restart|reload|save|status" ]
}

@test "boot redhat: start without a rules file succeeds with an empty table" {
	boot_setup redhat
	ours -A -t 10.0.0.9:80 -s rr
	run boot start
	[ "$status" -eq 0 ]
	[ -z "$(state)" ]
}

@test "boot redhat: start restores the rules file; a bad one names FILE:LINE, keeps the table" {
	boot_setup redhat
	printf '%s\n' "$RULES" >"$B/rules"
	run boot start
	[ "$status" -eq 0 ]
	[ "$(state)" = "$RULES" ]
	printf -- '-A -t 10.0.0.2:80\n-A -t 10.0.0.3:80 -s\n-A -t 10.0.0.4:80 --bogus\n' >"$B/rules"
	run --separate-stderr boot start
	[ "$status" -ne 0 ]
	[[ "${stderr_lines[0]}" == "$B/rules:2: "* ]]
	[ "${stderr_lines[1]}" = "$B/rules:3: --bogus: unknown option" ]
	[ "$(state)" = "$RULES" ]
}

@test "boot: reload applies the difference; a bad file names FILE:LINE and changes nothing" {
	boot_setup redhat
	printf '%s\n' "$RULES" >"$B/rules"
	boot start
	# A service added by hand that the file lacks goes; the weight follows the file.
	ours -A -t 10.0.0.5:80 -s rr
	sed -i 's/10.0.1.2:80 -m -w 2/10.0.1.2:80 -m -w 5/' "$B/rules"
	run boot reload
	[ "$status" -eq 0 ]
	[ "$(state)" = "$(cat "$B/rules")" ]
	printf -- '-A -t 10.0.0.1:80 -s rr\n-a -t 10.0.0.1:80 -r 10.0.1.9:80 -w x\n' >"$B/rules"
	good=$(state)
	run --separate-stderr boot reload
	[ "$status" -ne 0 ]
	[[ "${stderr_lines[0]}" == "$B/rules:2: "* ]]
	[ "$(state)" = "$good" ]
	rm "$B/rules"
	run boot reload
	[ "$status" -ne 0 ]
	[ "$(state)" = "$good" ]
}

# ---------------------------------------------------------------- redhat

@test "boot redhat: stop saves (even with IPVS_SAVE_ON_STOP=no) and clears; start brings it back" {
	boot_setup redhat
	printf 'IPVS_MODULES_UNLOAD="yes"\nIPVS_SAVE_ON_STOP="no"\nIPVS_SAVE_ON_RESTART="no"\nIPVS_STATUS_NUMERIC="yes"\n' >"$B/config"
	printf '%s\n' "$RULES" >"$B/rules"
	boot start
	ours -a -t 10.0.0.1:80 -r 10.0.1.3:80 -m -w 3
	before=$(state)
	run boot stop
	[ "$status" -eq 0 ]
	[ "$(cat "$B/rules")" = "$before" ]
	[ -z "$(state)" ]
	run boot start
	[ "$status" -eq 0 ]
	[ "$(state)" = "$before" ]
	ours -d -t 10.0.0.1:80 -r 10.0.1.1:80
	before=$(state)
	run boot restart
	[ "$status" -eq 0 ]
	[ "$(state)" = "$before" ]
	[ "$(cat "$B/rules")" = "$before" ]
	ls "$B" >"$F/ls"
	[ "$(grep -c new "$F/ls")" -eq 0 ]
}

@test "boot redhat: a bad key is named with its file; stop still saves but keeps the table" {
	boot_setup redhat
	printf '%s\n' "$RULES" >"$B/rules"
	boot start
	ours -a -t 10.0.0.1:80 -r 10.0.1.3:80 -m -w 3
	before=$(state)
	printf 'IPVS_SAVE_ON_STOP="maybe"\n' >"$B/config"
	run boot start
	[ "$status" -eq 1 ]
	[ "${lines[0]}" = "ipvsadm-boot: $B/config: IPVS_SAVE_ON_STOP=\"maybe\": must be yes or no" ]
	[ "$(state)" = "$before" ]
	run boot stop
	[ "$status" -eq 1 ]
	[ "$(cat "$B/rules")" = "$before" ]
	[ "$(state)" = "$before" ]
	printf 'if then\n' >"$B/config"
	run boot reload
	[ "$status" -eq 1 ]
	[[ $output == *"$B/config: reading it as a shell fragment failed"* ]]
}

@test "boot redhat: IPVS_RULES_FILE moves the rules file; status lists numerically" {
	boot_setup redhat
	printf 'IPVS_RULES_FILE=%s\n' "$B/other" >"$B/config"
	echo '-A -t 10.0.0.1:80 -s rr' >"$B/other"
	run boot start
	[ "$status" -eq 0 ]
	[ "$(state)" = "-A -t 10.0.0.1:80 -s rr" ]
	run boot status
	[ "$status" -eq 0 ]
	[ "${lines[3]}" = "TCP  10.0.0.1:80 rr" ]
}

# ---------------------------------------------------------------- debian

@test "boot debian: AUTO=false (the default) leaves the table alone" {
	boot_setup debian
	printf '%s\n' "$RULES" >"$B/rules"
	ours -A -t 10.0.0.9:80 -s rr
	for c in start reload stop; do
		run boot "$c"
		[ "$status" -eq 0 ]
		[ "$(state)" = "-A -t 10.0.0.9:80 -s rr" ]
	done
}

@test "boot debian: AUTO=true replaces the table at start (comments allowed) and clears it at stop" {
	boot_setup debian
	echo 'AUTO="true"' >"$B/config"
	printf '# ipvsadm.rules\n%s\n# the end\n' "$RULES" >"$B/rules"
	ours -A -t 10.0.0.9:80 -s rr
	run boot start
	[ "$status" -eq 0 ]
	[ "$(state)" = "$RULES" ]
	run boot stop
	[ "$status" -eq 0 ]
	[ -z "$(state)" ]
	[ "$(head -n 1 "$B/rules")" = "# ipvsadm.rules" ]
}

@test "boot debian: save writes the '# ipvsadm.rules' line, then ipvsadm -S -n" {
	boot_setup debian
	ours -R <<<"$RULES"
	run boot save
	[ "$status" -eq 0 ]
	[ "$(cat "$B/rules")" = "# ipvsadm.rules
$RULES" ]
}

@test "boot debian: DAEMON=both starts both sync daemons on IFACE with SYNCID; stop ends them" {
	boot_setup debian
	printf 'DAEMON="both"\nIFACE="d0"\nSYNCID="7"\n' >"$B/config"
	run boot start
	[ "$status" -eq 0 ]
	run ours -L --daemon
	[ "${#lines[@]}" -eq 2 ]
	[[ ${lines[0]} == "master sync daemon (mcast=d0, syncid=7,"* ]]
	[[ ${lines[1]} == "backup sync daemon (mcast=d0, syncid=7,"* ]]
	run boot stop
	[ "$status" -eq 0 ]
	run ours -L --daemon
	[ -z "$output" ]
}

@test "boot debian: bad values are named with file and key; nothing changes" {
	boot_setup debian
	ours -R <<<"$RULES"
	printf '%s\n' '-A -t 10.0.0.2:80 -s rr' >"$B/rules"
	local conf
	for conf in 'AUTO="yes"|AUTO="yes": must be true or false' \
		'AUTO=true DAEMON="primary"|DAEMON="primary": must be none, master, backup or both' \
		'AUTO=true SYNCID="256"|SYNCID="256": must be a number from 0 to 255' \
		'AUTO=true DAEMON=master IFACE="eth 0"|IFACE="eth 0": must be a network interface name'; do
		echo "${conf%%|*}" >"$B/config"
		for c in start stop reload; do
			run boot "$c"
			[ "$status" -eq 1 ]
			[ "${lines[0]}" = "ipvsadm-boot: $B/config: ${conf#*|}" ]
			[ "$(state)" = "$RULES" ]
			run ours -L --daemon
			[ -z "$output" ]
		done
	done
}

@test "boot: the unit passes systemd-analyze verify" {
	command -v systemd-analyze >/dev/null || skip "no systemd-analyze"
	boot_setup redhat
	sed "s|@sbindir@|$B|g" "$REPO/systemd/ipvsadm.service.in" >"$F/ipvsadm.service"
	# (--man=no: the man pages it names are not installed here.)  It can take
	# minutes in the qemu lab: give up there rather than hang.
	run timeout 60 systemd-analyze verify --man=no "$F/ipvsadm.service"
	[ "$status" -ne 124 ] || skip "systemd-analyze verify timed out"
	[ "$status" -eq 0 ]
	[ -z "$output" ]
}
