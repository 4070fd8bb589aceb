#!/usr/bin/env bats
# bats-jobs: cost 90
# --sysctl: the namespace's IPVS settings (net.ipv4.vs.*) listed, set, and
# in rules files (-R, -R --apply, -R --diff, -S --sysctl), beyond ipvsadm
# 1.31.  Runs on every kernel (tests/run's MATRIX_FILES): the listing must
# equal /proc, and a fresh namespace must show every key at the default of
# the source's table.

load helpers

VS=/proc/sys/net/ipv4/vs

# in_ours CMD...: a shell command in NS_OURS
in_ours() { "$NSX" run "$NS_OURS" /bin/bash bash -c "$1"; }

# the keys of /proc as "name value" lines, a pair's tab made a space
proc_pairs() {
	in_ours 'cd '$VS' && for f in *; do v=$(<"$f"); printf "%s %s\n" "$f" "${v//$'"'"'\t'"'"'/ }"; done'
}

@test "--sysctl lists every key of /proc with its value; a fresh namespace is at the table's defaults" {
	local listing want got
	ours -L -n >/dev/null	# ip_vs loaded
	listing=$(ours --sysctl)
	want=$(proc_pairs)
	got=$(sed -n '3,$p' <<<"$listing" | awk '{print $1, ($1 == "sync_threshold" ? $2 " " $3 : $2)}')
	[ "$want" = "$got" ] || { diff <(echo "$want") <(echo "$got") >&2; false; }
	[[ ${listing%%$'\n'*} == "IPVS settings (net.ipv4.vs) of this network namespace, kernel $(uname -r)" ]]
	[ "$(sed -n 2p <<<"$listing")" = "Key                        Value      Default    State    Meaning" ]
	# every key known, every known default right on this kernel
	run awk 'NR > 2 && $0 !~ / default  / && $0 !~ / machine  /' <<<"$listing"
	[ -z "$output" ] || { echo "not at the table's default: $output" >&2; false; }
	grep -q '^sync_qlen_max .* machine ' <<<"$listing"
	# JSON: the same keys and values
	got=$(ours --sysctl --json | perl -MJSON::PP -e '
		my $j = decode_json(join "", <STDIN>);
		printf "%s %s\n", $_->{name}, $_->{value} for @{$j->{sysctl}};
		print "kernel $j->{kernel}\n"')
	[ "$got" = "$want"$'\n'"kernel $(uname -r)" ] || { diff <(echo "$want") <(echo "$got") >&2; false; }
}

@test "--sysctl NAME=VALUE: set; a bad value, an unknown key, a bad word change nothing" {
	ours --sysctl expire_nodest_conn=1 sync_threshold=4,40
	[ "$(in_ours "cat $VS/expire_nodest_conn")" = 1 ]
	[ "$(in_ours "cat $VS/sync_threshold")" = $'4\t40' ]
	ours --sysctl | grep -q '^expire_nodest_conn  *1  *0  *changed '
	run ours --sysctl sloppy_tcp=1 expire_nodest_conn=2
	[ "$status" = 2 ] && [ "$output" = "IPVS setting expire_nodest_conn: \`2' is not 0 or 1" ]
	run ours --sysctl sloppy_tcp=1 nosuch_key=1
	[ "$status" = 2 ] && [ "$output" = "unknown IPVS setting \`nosuch_key' (kernel $(uname -r))" ]
	run ours --sysctl sloppy_tcp=1 sync_ports=3
	[ "$status" = 2 ] && [ "$output" = "IPVS setting sync_ports: \`3' is not a power of 2 from 1 to 65536" ]
	run ours --sysctl sloppy_tcp
	[ "$status" = 2 ] && [ "$output" = "--sysctl takes settings as NAME=VALUE, not \`sloppy_tcp'" ]
	[ "$(in_ours "cat $VS/sloppy_tcp")" = 0 ]
	if [ ! -e $VS/est_nice ]; then
		run ours --sysctl est_nice=1
		[ "$status" = 2 ] && [ "$output" = "no IPVS setting \`est_nice' in kernel $(uname -r) (it came with 6.2)" ]
	fi
}

@test "--sysctl: all or nothing when the kernel refuses one midway" {
	ours -L -n >/dev/null
	# a write to sloppy_tcp fails (ENOSPC), in a mount namespace of its own
	run "$NSX" run "$NS_OURS" /usr/bin/unshare unshare -m /bin/bash -c "
		mount --bind /dev/full $VS/sloppy_tcp || exit 99
		'$IPVSADM' --sysctl expire_nodest_conn=1 sloppy_tcp=1; echo status \$?"
	echo "$output" >&2
	[ "${lines[0]}" = "the kernel refused IPVS setting sloppy_tcp=1: No space left on device" ]
	[ "${lines[1]}" = "status 255" ]
	[ "$(in_ours "cat $VS/expire_nodest_conn $VS/sloppy_tcp")" = $'0\n0' ]
}

@test "rules files: --sysctl lines with -R, -R --diff (text, JSON), -R --apply (rolled back with a refusal); -S --sysctl" {
	local f=$BATS_TEST_TMPDIR
	printf '%s\n' '-A -t 10.0.0.1:80 -s rr' '--sysctl expire_nodest_conn=1 sync_threshold=3,40' \
		'--sysctl conn_reuse_mode=0' >"$f/rules"
	run ours -R --diff <"$f/rules"
	[ "$status" = 1 ] && [ "$output" = "-A -t 10.0.0.1:80 -s rr
--sysctl expire_nodest_conn=1
--sysctl sync_threshold=3,40
--sysctl conn_reuse_mode=0" ]
	run ours -R --diff --json <"$f/rules"
	[ "$status" = 1 ]
	[[ $output == *'{"op":"sysctl","sysctl":"sync_threshold","rule":"--sysctl sync_threshold=3,40","changed":{"value":{"old":"3 50","new":"3 40"}}}'* ]]
	# a refused change rolls the settings back too
	printf '%s\n' '-A -t 10.0.0.2:80 -s nosuchsched' '--sysctl expire_nodest_conn=1' >"$f/refused"
	run ours -R --apply <"$f/refused"
	[ "$status" = 255 ] && [[ $output == *"Rolled back: the 1 setting written put back" ]]
	[ "$(in_ours "cat $VS/expire_nodest_conn")" = 0 ]
	ours -R --apply <"$f/rules"
	run ours -R --diff <"$f/rules"
	[ "$status" = 0 ] && [ -z "$output" ]
	[ "$(in_ours "cat $VS/expire_nodest_conn $VS/conn_reuse_mode")" = $'1\n0' ]
	run ours -S --sysctl -n
	[ "$output" = "-A -t 10.0.0.1:80 -s rr
--set 900 120 300
--sysctl conn_reuse_mode=0
--sysctl expire_nodest_conn=1
--sysctl sync_threshold=3,40" ]
	# -S's plain form is 1.31's
	[ "$(ours -S -n)" = "-A -t 10.0.0.1:80 -s rr" ]
	# plain -R: a bad setting stops the file before anything is done
	printf '%s\n' '-A -t 10.0.0.3:80 -s rr' '--sysctl sloppy_tcp=5' >"$f/bad"
	run ours -R <"$f/bad"
	[ "$status" = 2 ] && [ "$output" = "2: IPVS setting sloppy_tcp: \`5' is not 0 or 1" ]
	! ours -L -n | grep -q 10.0.0.3
	printf '%s\n' '-C' '--sysctl sloppy_tcp=1' >"$f/good"
	ours -R <"$f/good"
	[ "$(in_ours "cat $VS/sloppy_tcp")" = 1 ]
}

@test "boot helper (both flavours): start sets IPVS_SYSCTL of the settings file before the table; a bad one does nothing" {
	local B=$BATS_TEST_TMPDIR/boot fl
	mkdir -p "$B"
	ln -sf "$REPO/save_restore/ipvsadm-save" "$REPO/save_restore/ipvsadm-restore" "$B/"
	printf '%s\n' '-A -t 10.0.0.1:80 -s rr' >"$B/rules"
	for fl in redhat debian; do
		sed -e "s|@RULES_FILE@|$B/rules|g" -e "s|@CONFIG_FILE@|$B/config|g" \
			-e "s|@DISTRO@|$fl|g" "$REPO/save_restore/ipvsadm-boot.in" >"$B/ipvsadm-boot"
		chmod +x "$B/ipvsadm-boot"
		ours -C
		ours --sysctl expire_nodest_conn=0 expire_quiescent_template=0
		printf '%s\n' 'AUTO=true' 'IPVS_SYSCTL="expire_nodest_conn=1 expire_quiescent_template=1"' >"$B/config"
		IPVSADM_BIN=$IPVSADM "$NSX" run "$NS_OURS" "$B/ipvsadm-boot" ipvsadm-boot start
		[ "$(in_ours "cat $VS/expire_nodest_conn $VS/expire_quiescent_template")" = $'1\n1' ]
		[ "$(ours -S -n)" = "-A -t 10.0.0.1:80 -s rr" ]
		[ $fl = redhat ] || continue	# the checks below are the flavours' common code
		# a bad value: reported with the file and key, nothing done
		ours -C
		printf '%s\n' 'AUTO=true' 'IPVS_SYSCTL="expire_nodest_conn=0 sloppy_tcp=7"' >"$B/config"
		run env IPVSADM_BIN="$IPVSADM" "$NSX" run "$NS_OURS" "$B/ipvsadm-boot" ipvsadm-boot start
		[ "$status" = 1 ]
		[ "${lines[0]}" = "ipvsadm-boot: $B/config: IPVS_SYSCTL: IPVS setting sloppy_tcp: \`7' is not 0 or 1" ]
		[ "$(in_ours "cat $VS/expire_nodest_conn")" = 1 ]
		[ -z "$(ours -S -n)" ]
		printf '%s\n' 'IPVS_SYSCTL="sloppy_tcp"' >"$B/config"
		run env IPVSADM_BIN="$IPVSADM" "$NSX" run "$NS_OURS" "$B/ipvsadm-boot" ipvsadm-boot start
		[ "$status" = 1 ] && [ "${lines[0]}" = "ipvsadm-boot: $B/config: IPVS_SYSCTL=\"sloppy_tcp\": \`sloppy_tcp' is not NAME=VALUE" ]
	done
}
