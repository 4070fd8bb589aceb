#!/usr/bin/env bats
# The Debian package, installed and booted (issue #11).  These tests run in
# the VM tests/lab/package-boot starts: PID 1 is systemd, ipvsadm-ng was
# installed over the reference ipvsadm package with dpkg -i, and
# /etc/ipvsadm.rules was written and ipvsadm.service enabled before the boot.
# Anywhere else (the suite's ordinary boot) they are skipped.

setup() {
	if [ -z "${IPVSADM_PKG_BOOT:-}" ] || [ ! -d /run/systemd/system ]; then
		skip "needs the package boot: tests/lab/package-boot (tests/run runs it)"
	fi
}

# The rules package-boot wrote to /etc/ipvsadm.rules before the boot.
expected_rules() { cat "$IPVSADM_PKG_BOOT/expected.rules"; }

@test "package: PID 1 is systemd; ipvsadm-ng replaced Debian's ipvsadm" {
	[ "$(cat /proc/1/comm)" = systemd ]
	run dpkg-query -W -f '${Status} ${Version}' ipvsadm-ng
	[ "$output" = "install ok installed 1.31" ]
	run dpkg-query -W -f '${Status}' ipvsadm
	[ "$output" != "install ok installed" ]
	run dpkg -S /sbin/ipvsadm /sbin/ipvsadm-save /sbin/ipvsadm-restore /sbin/ipvsadm-boot
	[ "$status" -eq 0 ]
	[ "$output" = "ipvsadm-ng: /sbin/ipvsadm
ipvsadm-ng: /sbin/ipvsadm-save
ipvsadm-ng: /sbin/ipvsadm-restore
ipvsadm-ng: /sbin/ipvsadm-boot" ]
}

@test "package: /sbin/ipvsadm is ours (--json, which 1.31 lacks)" {
	run /sbin/ipvsadm -v
	[ "$output" = "ipvsadm v1.31 2019/12/24 (compiled with popt and IPVS v1.2.1)" ]
	run /sbin/ipvsadm -L -n -t 10.0.0.1:80 --json
	[ "$status" -eq 0 ]
	[[ $output == '{"'*'"address":"10.0.0.1","port":80,"scheduler":"wlc"'* ]]
}

@test "package: ipvsadm.service restored /etc/ipvsadm.rules at boot" {
	run systemctl is-enabled ipvsadm.service
	[ "$output" = enabled ]
	run systemctl show -P FragmentPath ipvsadm.service
	[ "$output" = /lib/systemd/system/ipvsadm.service ]
	run systemctl show -P ActiveState ipvsadm.service
	[ "$output" = active ]
	run systemctl show -P ExecMainStatus ipvsadm.service
	[ "$output" = 0 ]
	# It ran during the boot, before multi-user.target was reached.
	local started reached
	started=$(systemctl show -P ExecMainStartTimestampMonotonic ipvsadm.service)
	reached=$(systemctl show -P ActiveEnterTimestampMonotonic multi-user.target)
	[ "$started" -gt 0 ] && [ "$started" -lt "$reached" ]
	[ "$(cat /etc/ipvsadm.rules)" = "$(expected_rules)" ]
	run /sbin/ipvsadm -S -n
	[ "$status" -eq 0 ]
	[ "$output" = "$(expected_rules)" ]
}

@test "package: systemctl stop clears the table, start restores it" {
	systemctl stop ipvsadm.service
	run /sbin/ipvsadm -S -n
	[ "$status" -eq 0 ]
	[ -z "$output" ]
	systemctl start ipvsadm.service
	run /sbin/ipvsadm -S -n
	[ "$output" = "$(expected_rules)" ]
}

@test "package: a bad rules file: reload names FILE:LINE and keeps the table" {
	cp /etc/ipvsadm.rules "$BATS_TEST_TMPDIR/rules"
	printf '%s\n' '-A -t 10.0.0.2:80 -s rr' '-a -t 10.0.0.2:80 -r 192.168.1.9:80 -w x' \
		>/etc/ipvsadm.rules
	run systemctl reload ipvsadm.service
	cp "$BATS_TEST_TMPDIR/rules" /etc/ipvsadm.rules
	[ "$status" -ne 0 ]
	run journalctl -u ipvsadm.service -o cat --no-pager
	[[ $output == *"/etc/ipvsadm.rules:2: "* ]]
	run /sbin/ipvsadm -S -n
	[ "$output" = "$(expected_rules)" ]
}

@test "package: man pages installed, with the package's paths, render cleanly" {
	local p
	for p in ipvsadm ipvsadm-save ipvsadm-restore ipvsadm-boot; do
		[ "$(man -w "$p")" = "/usr/share/man/man8/$p.8.gz" ]
	done
	run bash -c 'MANWIDTH=80 man --warnings -P cat ipvsadm-boot 2>&1 >/dev/null'
	[ -z "$output" ]
	run env MANWIDTH=80 man -P cat ipvsadm-boot
	[[ $output == *"/etc/ipvsadm.rules"* ]]
	[[ $output == *"/etc/default/ipvsadm"* ]]
	run bash -c 'MANWIDTH=80 man --warnings -P cat ipvsadm 2>&1 >/dev/null'
	[ -z "$output" ]
}

@test "package: bash completion offers the table's services after -t" {
	# In a shell of its own, as bash runs it (not under bats' errexit).
	run bash -c '. /usr/share/bash-completion/completions/ipvsadm &&
		complete -p ipvsadm &&
		COMP_WORDS=(ipvsadm -e -t "") COMP_CWORD=3 && _ipvsadm
		echo "${COMPREPLY[*]}"
		COMP_WORDS=(ipvsadm -A -t 10.0.0.3:80 --schedu) COMP_CWORD=4 && _ipvsadm
		echo "${COMPREPLY[*]}"'
	[ "$output" = "complete -F _ipvsadm ipvsadm
10.0.0.1:80
--scheduler" ]
}

@test "package: ipvsadm-save and ipvsadm-restore from /sbin in a fresh netns" {
	run unshare -n bash -c 'ip link set lo up &&
		ipvsadm-restore </etc/ipvsadm.rules && ipvsadm-save -n'
	[ "$status" -eq 0 ]
	[ "$output" = "$(expected_rules)" ]
}

@test "package: the LVS-NAT tutorial with the installed /sbin/ipvsadm" {
	run env IPVSADM_BIN=/sbin/ipvsadm DEMO_REQUESTS=4 "$BATS_TEST_DIRNAME/../../scripts/demo-nat"
	[ "$status" -eq 0 ]
	[[ $output == *"director# ipvsadm -A -t 203.0.113.10:80 -s rr"* ]]
	[[ $output == *"== done: 4/4 requests balanced by IPVS (NAT)"* ]]
}
