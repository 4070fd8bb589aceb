#!/usr/bin/env bats
# The RPM of the redhat flavour, installed and booted (issue #19).  These
# tests run in the VM `tests/lab/package-boot --redhat` starts: PID 1 is
# systemd, rpm installed the package rpm/check built, and
# /etc/sysconfig/ipvsadm plus the original package's default
# /etc/sysconfig/ipvsadm-config (both SAVE keys "no") were written and
# ipvsadm.service enabled before the boot.  Anywhere else they are skipped.

setup() {
	if [ -z "${IPVSADM_PKG_BOOT:-}" ] || [ ! -d /run/systemd/system ] ||
		[ ! -f /etc/sysconfig/ipvsadm-config ]; then
		skip "needs the redhat package boot: tests/lab/package-boot --redhat (tests/run runs it)"
	fi
}

expected_rules() { cat "$IPVSADM_PKG_BOOT/expected.rules"; }
RS='-a -t 10.0.0.1:80 -r 192.168.1.7:80 -m -w 4'

@test "redhat package: the RPM's files; the boot restored /etc/sysconfig/ipvsadm" {
	[ "$(cat /proc/1/comm)" = systemd ]
	run rpm -qf --qf '%{NAME}-%{VERSION}\n' /usr/sbin/ipvsadm-boot \
		/usr/lib/systemd/system/ipvsadm.service
	[ "$output" = "ipvsadm-ng-1.31
ipvsadm-ng-1.31" ]
	run systemctl show -P ActiveState ipvsadm.service
	[ "$output" = active ]
	run /usr/sbin/ipvsadm -S -n
	[ "$output" = "$(expected_rules)" ]
}

@test "redhat package: stop saves a runtime change and clears; start brings it back" {
	/usr/sbin/ipvsadm $RS
	want=$(/usr/sbin/ipvsadm -S -n)
	[[ $want == *"192.168.1.7:80"* ]]
	systemctl stop ipvsadm.service
	[ "$(cat /etc/sysconfig/ipvsadm)" = "$want" ]
	run /usr/sbin/ipvsadm -S -n
	[ -z "$output" ]
	systemctl start ipvsadm.service
	run /usr/sbin/ipvsadm -S -n
	[ "$output" = "$want" ]
}

@test "redhat package: restart keeps a runtime change with the original settings file" {
	grep -qx 'IPVS_SAVE_ON_STOP="no"' /etc/sysconfig/ipvsadm-config
	grep -qx 'IPVS_SAVE_ON_RESTART="no"' /etc/sysconfig/ipvsadm-config
	/usr/sbin/ipvsadm -e -t 10.0.0.1:80 -r 192.168.1.2:80 -m -w 9
	want=$(/usr/sbin/ipvsadm -S -n)
	systemctl restart ipvsadm.service
	[ "$(cat /etc/sysconfig/ipvsadm)" = "$want" ]
	run /usr/sbin/ipvsadm -S -n
	[ "$output" = "$want" ]
}

@test "redhat package: a save that cannot be written keeps the file and the table, fails the unit" {
	/usr/sbin/ipvsadm -a -t 10.0.0.1:80 -r 192.168.1.8:80 -m
	old=$(cat /etc/sysconfig/ipvsadm)
	want=$(/usr/sbin/ipvsadm -S -n)
	# Root ignores permission bits: a read-only mount makes the directory unwritable.
	mount --bind /etc/sysconfig /etc/sysconfig
	mount -o remount,bind,ro /etc/sysconfig
	systemctl stop ipvsadm.service || true
	umount /etc/sysconfig
	[ "$(cat /etc/sysconfig/ipvsadm)" = "$old" ]
	run /usr/sbin/ipvsadm -S -n
	[ "$output" = "$want" ]
	run systemctl show -P ActiveState ipvsadm.service
	[ "$output" = failed ]
	run journalctl -u ipvsadm.service -o cat --no-pager
	[[ $output == *"cannot save the table to /etc/sysconfig/ipvsadm"* ]]
	systemctl reset-failed ipvsadm.service
	systemctl start ipvsadm.service
	run /usr/sbin/ipvsadm -S -n
	[ "$output" = "$old" ]
}

@test "redhat package: man pages and the settings file describe the flavour" {
	run env MANWIDTH=80 man -P cat ipvsadm-boot
	[[ $output == *"IPVS_SAVE_ON_RESTART"* ]]
	# the words of one sentence, wherever man broke the lines
	local words
	read -r -d '' -a words <<<"$output" || true
	[[ " ${words[*]} " == *" built with the redhat flavour: rules file /etc/sysconfig/ipvsadm, "* ]]
	run bash -c 'MANWIDTH=80 man --warnings -P cat ipvsadm-boot 2>&1 >/dev/null'
	[ -z "$output" ]
}
