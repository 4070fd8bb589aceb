#!/usr/bin/env bats
# The Debian package, installed and booted (issue #11).  These tests run in
# the VM tests/lab/package-boot starts: PID 1 is systemd, ipvsadm-ng was
# installed over the reference ipvsadm package with dpkg -i, and
# /etc/ipvsadm.rules was written, AUTO="true" set in /etc/default/ipvsadm
# (left by the replaced package) and ipvsadm.service enabled before the boot.
# Anywhere else (the suite's ordinary boot) they are skipped.

load helpers
load traffic

setup() {
	if [ -z "${IPVSADM_PKG_BOOT:-}" ] || [ ! -d /run/systemd/system ]; then
		skip "needs the package boot: tests/lab/package-boot (tests/run runs it)"
	fi
}

# The reload test runs the unit in a namespace of its own through a
# drop-in: back to the boot's unit and table, also after a failure.
teardown() {
	local dropin=/run/systemd/system/ipvsadm.service.d
	[ -n "${TR_ID:-}" ] || return 0
	systemctl stop ipvsadm.service
	rm -rf "$dropin"
	systemctl daemon-reload
	systemctl start ipvsadm.service
	tr_teardown
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

@test "package: the boot set IPVS_SYSCTL of /etc/default/ipvsadm after loading ip_vs" {
	[ "$(cat /proc/sys/net/ipv4/vs/expire_nodest_conn)" = 1 ]
	[ "$(cat /proc/sys/net/ipv4/vs/sync_threshold)" = $'4\t40' ]
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

# Debian's settings file with KEY=VALUE lines replaced or added.
set_default() {
	local kv
	for kv; do
		sed -i "/^${kv%%=*}=/d" /etc/default/ipvsadm
		echo "$kv" >>/etc/default/ipvsadm
	done
}

@test "package: AUTO=false leaves the table alone at start, reload and stop" {
	set_default AUTO=false
	/sbin/ipvsadm -A -t 10.0.0.9:80 -s rr
	want=$(/sbin/ipvsadm -S -n)
	for c in restart reload stop start; do
		systemctl "$c" ipvsadm.service
		[ "$(/sbin/ipvsadm -S -n)" = "$want" ]
	done
	set_default AUTO=true
	systemctl restart ipvsadm.service
	[ "$(/sbin/ipvsadm -S -n)" = "$(expected_rules)" ]
}

@test "package: DAEMON=both IFACE SYNCID start both sync daemons; stop ends them" {
	ip link add sync0 type dummy
	ip link set sync0 multicast on up
	cp /etc/default/ipvsadm "$BATS_TEST_TMPDIR/default"
	set_default DAEMON=both IFACE=sync0 SYNCID=9
	systemctl restart ipvsadm.service
	run /sbin/ipvsadm -L --daemon
	[ "${#lines[@]}" -eq 2 ]
	[[ ${lines[0]} == "master sync daemon (mcast=sync0, syncid=9,"* ]]
	[[ ${lines[1]} == "backup sync daemon (mcast=sync0, syncid=9,"* ]]
	systemctl stop ipvsadm.service
	run /sbin/ipvsadm -L --daemon
	[ -z "$output" ]
	cp "$BATS_TEST_TMPDIR/default" /etc/default/ipvsadm
	ip link del sync0
	systemctl start ipvsadm.service
}

@test "package: reload under traffic (NAT): no failed request, held connection, counters kept" {
	tr_setup
	nat_topology 2
	local dir=$BATS_TEST_TMPDIR cfg rules f=$BATS_TEST_TMPDIR/answers dropin=/run/systemd/system/ipvsadm.service.d
	cfg=$dir/default rules=$dir/rules
	printf 'AUTO="true"\nIPVSADM_RULES="%s"\n' "$rules" >"$cfg"
	printf '%s\n' '# ipvsadm.rules' '-A -t 203.0.113.10:80 -s wrr' \
		'-a -t 203.0.113.10:80 -r 10.0.1.11:80 -m -w 1' \
		'-a -t 203.0.113.10:80 -r 10.0.1.12:80 -m -w 1' >"$rules"
	# The unit runs in the director's namespace, with this test's files.
	mkdir -p "$dropin"
	printf '[Service]\nNetworkNamespacePath=/run/netns/%s\nEnvironment=IPVSADM_CONFIG=%s\n' \
		"$D" "$cfg" >"$dropin/50-test.conf"
	systemctl daemon-reload
	systemctl restart ipvsadm.service
	[ "$(at "$D" /sbin/ipvsadm -S -n)" = "$(grep -v '^#' "$rules")" ]
	# A connection held open: its request is sent after the reload.
	bg "$C" bash -c 'exec 7<>/dev/tcp/203.0.113.10/80 || exit 1
		while [ ! -e "$1" ]; do sleep 0.2; done
		printf "GET / HTTP/1.0\r\n\r\n" >&7; cat <&7 >"$2"' _ "$dir/go" "$dir/held"
	loop_start "$C" http://203.0.113.10/ "$f"
	wait_lines "$f" 6
	sed -i 's/10.0.1.12:80 -m -w 1/10.0.1.12:80 -m -w 3/' "$rules"
	systemctl reload ipvsadm.service
	n=$(wc -l <"$f")
	wait_lines "$f" $((n + 6))
	loop_stop
	: >"$dir/go"
	for ((i = 0; i < 100; i++)); do
		grep -q '^web' "$dir/held" 2>/dev/null && break
		sleep 0.2
	done
	total=$(wc -l <"$f")
	run grep -c FAIL "$f"
	[ "$output" = 0 ]
	grep -q '^web[12]$' "$dir/held"
	[ "$(at "$D" /sbin/ipvsadm -S -n)" = "$(grep -v '^#' "$rules")" ]
	# Every connection since the restart is still counted (the 6.1
	# estimator folds the counters in every 2 s).
	for ((i = 0; i < 30; i++)); do
		row "$(at "$D" /sbin/ipvsadm -L -n --stats)" 203.0.113.10:80
		[ "${ROW[2]}" -ge $((total + 1)) ] && break
		sleep 0.5
	done
	[ "${ROW[2]}" -ge $((total + 1)) ]
}
