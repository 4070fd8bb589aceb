#!/usr/bin/env bats
# bats-jobs: cost 133
# Listings compared byte for byte with the reference: -L/-l with every
# option, one service, -S, --timeout, --daemon.  (-c is in 30-list-conn.bats.)

load helpers

# Same binary, same netns: for outputs that depend on the kernel's dump
# order (--nosort, or the reference's non-transitive sort), both binaries
# read the state of NS_REF.
compat_here() {
	local d=${BATS_TEST_TMPDIR}/here.$RANDOM fail=0 try
	for ((try = 1; try <= COMPAT_TRIES; try++)); do	# see helpers.bash
		ref_in "$NS_REF" "$@" >"$d.ref.out" 2>"$d.ref.err"; REF_STATUS=$?
		ours_in "$NS_REF" "$@" >"$d.ours.out" 2>"$d.ours.err"; OURS_STATUS=$?
		_same "$d.ref.out" "$d.ours.out" && _same "$d.ref.err" "$d.ours.err" && break
	done
	_same "$d.ref.out" "$d.ours.out" || { echo "stdout differs" >&2; diff -u "$d.ref.out" "$d.ours.out" >&2; fail=1; }
	_same "$d.ref.err" "$d.ours.err" || { echo "stderr differs" >&2; diff -u "$d.ref.err" "$d.ours.err" >&2; fail=1; }
	[ "$REF_STATUS" = "$OURS_STATUS" ] || { echo "status: ref $REF_STATUS ours $OURS_STATUS" >&2; fail=1; }
	[ $fail -eq 0 ]
}

# Names for the addresses of the tests, seen only by the compared commands
# (a private mount namespace bind-mounts this file over /etc/hosts).
write_hosts() {
	HOSTS_FILE=$BATS_TEST_TMPDIR/hosts
	cat >"$HOSTS_FILE" <<-'H'
	127.0.0.1	localhost
	10.0.0.1	vip1.example
	10.0.0.3	a-very-long-service-host-name-for-truncation.example.com
	192.168.1.2	rs2.example
	192.168.1.5	a-very-long-real-server-host-name-for-truncation.example.com
	2001:db8::1	v6host.example
	2001:db8::3	a-very-long-ipv6-host-name-for-truncation-tests.example.com
	H
}

# compat_hosts ARGS...: compat_out with HOSTS_FILE as /etc/hosts.
compat_hosts() {
	local d=${BATS_TEST_TMPDIR}/hosts.$RANDOM fail=0
	D=$d HF=$HOSTS_FILE T=$COMPAT_TRIES unshare -m bash -c '
		mount --bind "$HF" /etc/hosts || exit 99
		for ((try = 1; try <= T; try++)); do	# see helpers.bash
			"$NSX" run "$NS_REF" "$REF_IPVSADM" ipvsadm "$@" >"$D.ref.out" 2>"$D.ref.err"; echo $? >"$D.ref.rc"
			"$NSX" run "$NS_OURS" "$IPVSADM" ipvsadm "$@" >"$D.ours.out" 2>"$D.ours.err"; echo $? >"$D.ours.rc"
			IFS= read -r -d "" a <"$D.ref.out"; IFS= read -r -d "" b <"$D.ours.out"
			[ "$a" == "$b" ] && break
		done
		exit 0
	' _ "$@" || return 1
	_same "$d.ref.out" "$d.ours.out" || { echo "stdout differs" >&2; diff -u "$d.ref.out" "$d.ours.out" >&2; fail=1; }
	_same "$d.ref.err" "$d.ours.err" || { echo "stderr differs" >&2; diff -u "$d.ref.err" "$d.ours.err" >&2; fail=1; }
	_same "$d.ref.rc" "$d.ours.rc" || { echo "status differs" >&2; fail=1; }
	_cat REF_OUT "$d.ref.out"
	[ $fail -eq 0 ]
}

# A table with a bit of everything (no fwmark >= 2^31: -S differs there
# on purpose, see the last tests).
mixed_table() {
	given_rules <<-'EOF'
	-A -t 10.0.0.2:80 -s rr
	-A -u 10.0.0.1:53 -s wlc -o
	-A -f 5 -s sh -b sh-fallback,sh-port
	-A -t 10.0.0.1:443 -p 300 -M 255.255.0.0
	-A -t [2001:db8::1]:80 -s mh -b mh-fallback
	-A -f 3 -6 -s rr -p
	-A --sctp-service 10.0.0.1:99 -s lc --pe sip -p 10
	-A -u 10.0.0.1:5060 -s rr -p 60 --pe sip
	-A -t [2001:db8::2]:8080 -s rr -p 100 -M 64
	-A -t 10.0.0.1:80 -s wrr -b flag-1,flag-2,flag-3
	-a -t 10.0.0.1:80 -r 192.168.1.5:80 -m -w 3
	-a -t 10.0.0.1:80 -r 192.168.1.2:8080 -m -w 0 -x 100 -y 10
	-a -t 10.0.0.1:80 -r 192.168.1.2:80 -g
	-a -t 10.0.0.1:80 -r 10.1.1.1:80 -g -x 5000 -y 4000
	-a -t 10.0.0.1:80 -r 192.168.1.3 -i --tun-type gue --tun-port 6080 --tun-csum
	-a -t 10.0.0.1:80 -r 192.168.1.4 -i --tun-type gue --tun-port 6081 --tun-remcsum
	-a -t 10.0.0.1:80 -r 192.168.1.6 -i --tun-type gre --tun-nocsum
	-a -t 10.0.0.1:80 -r 192.168.1.9 -i --tun-type gre --tun-csum
	-a -t 10.0.0.1:80 -r 192.168.1.7 -i --tun-type ipip
	-a -t 10.0.0.1:80 -r 192.168.1.8 -i --tun-type gue --tun-port 1 --tun-nocsum
	-a -t [2001:db8::1]:80 -r [2001:db8::10]:80 -m
	-a -t [2001:db8::1]:80 -r [2001:db8::9]:81 -m -w 2
	-a -t [2001:db8::1]:80 -r 192.168.9.9 -i
	-a -f 5 -r 192.168.1.2 -w 5
	-a -f 5 -r 127.0.0.1 -w 65535
	-a -f 5 -r 192.168.1.2:80 -w 5
	-a -u 10.0.0.1:53 -r 192.168.2.1:53 -m -w 7 -x 1 -y 0
	-a --sctp-service 10.0.0.1:99 -r 192.168.3.1:99 -m
	EOF
}

# ---- empty table ----
@test "list: empty: -L | -L -n | -l | -Ln | --list --numeric | -S" {
	compat_out -L
	compat_out -L -n
	compat_out -l
	compat_out -Ln
	compat_out --list --numeric
	compat_out -S
}
@test "list: empty: -S -n | --save | --stats | --rate | --thresholds | --persistent-conn" {
	compat_out -S -n
	compat_out --save
	compat_out -L -n --stats
	compat_out -L -n --rate
	compat_out -L -n --thresholds
	compat_out -L -n --persistent-conn
}
@test "list: empty: --tun-info | --exact --nosort --sort" {
	compat_out -L -n --tun-info
	compat_out -L -n --exact --nosort --sort
}

# ---- the mixed table, every format ----
@test "list: mixed: -L -n | -l -n | -L (names, no /etc/hosts entries)" {
	mixed_table
	compat_out -L -n
	compat_out -l -n
	compat_out -L
}
# -S differs from the reference on purpose in one way: real servers with
# thresholds carry -x/-y, which the reference drops (so its restores lost
# them).  Without those words the output must be the reference's.
compat_save() {
	local d=$BATS_TEST_TMPDIR try
	for ((try = 1; try <= COMPAT_TRIES; try++)); do	# see helpers.bash
		ref "$@" >"$d/ref.save" || return 1
		ours "$@" >"$d/ours.save" || return 1
		sed -E 's/ -x [0-9]+//; s/ -y [0-9]+//' "$d/ours.save" >"$d/ours.stripped"
		_same "$d/ref.save" "$d/ours.stripped" && break
	done
	diff -u "$d/ref.save" "$d/ours.stripped" >&2 || return 1
	[ "$(grep -c -- ' -x 100 -y 10$' "$d/ours.save")" = 1 ] || return 1
	[ "$(grep -c -- ' -x 5000 -y 4000$' "$d/ours.save")" = 1 ] || return 1
	[ "$(grep -c -- ' -w 7 -x 1$' "$d/ours.save")" = 1 ]
}
@test "list: mixed: -S -n (thresholds kept) | -S (thresholds kept) | --stats | --stats --exact | --rate | --rate --exact" {
	mixed_table
	compat_save -S -n
	compat_save -S
	compat_out -L -n --stats
	compat_out -L -n --stats --exact
	compat_out -L -n --rate
	compat_out -L -n --rate --exact
}
@test "list: mixed: --thresholds | --persistent-conn | --tun-info -n | --tun-info with names | --exact alone | --sort" {
	mixed_table
	compat_out -L -n --thresholds
	compat_out -L -n --persistent-conn
	compat_out -L -n --tun-info
	compat_out -L --tun-info
	compat_out -L -n --exact
	compat_out -L -n --sort
}
@test "list: mixed: --nosort (same netns) | --nosort --stats (same netns) | -L -n (same netns) | --stats --rate (stats wins) | --stats --thresholds | --rate --persistent-conn" {
	mixed_table
	compat_here -L -n --nosort
	compat_here -L -n --nosort --stats
	compat_here -L -n
	compat_out -L -n --stats --rate
	compat_out -L -n --stats --thresholds
	compat_out -L -n --rate --persistent-conn
}
@test "list: mixed: --thresholds --persistent-conn --tun-info | --tun-info --stats" {
	mixed_table
	compat_out -L -n --thresholds --persistent-conn --tun-info
	compat_out -L -n --tun-info --stats
}

# ---- sort order ----
@test "sort: services added in odd orders, v4/v6/fwmark/protocols" {
	given -A -f 9 -s rr
	given -A -u 10.0.0.1:1 -s rr
	given -A -t [2001:db8::1]:80 -s rr
	given -A -t 192.168.0.1:80 -s rr
	given -A -f 2 -6 -s rr
	given -A -t 10.0.0.1:80 -s rr
	given -A --sctp-service 10.0.0.1:80 -s rr
	given -A -t 10.0.0.1:8 -s rr
	given -A -t [2001:db8::1]:79 -s rr
	given -A -t [fe80::1]:80 -s rr
	given -A -u 128.0.0.1:1 -s rr
	given -A -u 1.0.0.1:1 -s rr
	given -A -t 0.0.0.0:0 -s rr -p
	given -A -t 255.255.255.255:65535 -s rr
	compat_out -L -n
	compat_here -L -n
	compat_here -S -n
}

@test "sort: real servers across the 2^31 address wrap" {
	# unicast addresses only: the kernel refuses broadcast and multicast ones
	given -A -t 10.0.0.1:80 -s rr
	for a in 192.168.1.1:80 10.1.1.1:80 10.1.1.1:8 128.0.0.1:1 127.255.255.254:1 1.1.1.1:1 192.168.1.1:79 223.255.255.254:65535; do
		given -a -t 10.0.0.1:80 -r $a -m
	done
	compat_out -L -n
	compat_out -S -n
	compat_here -L -n --nosort
}

@test "sort: IPv6 real servers" {
	given -A -t [2001:db8::1]:80 -s rr
	for a in [2001:db8::10]:80 [2001:db8::9]:81 [fd00::1]:1 [::1]:80 [2001:db8::9]:80 [8000::1]:5; do
		given -a -t [2001:db8::1]:80 -r $a -m
	done
	compat_out -L -n
	compat_out -S -n
}

@test "sort: fwmarks around 2^31 in -L" {
	given -A -f 1 -s rr
	given -A -f 2147483647 -s rr
	given -A -f 2147483648 -s rr
	given -A -f 4294967295 -s rr
	given -A -t 10.0.0.1:80 -s rr
	compat_out -L -n
	compat_here -L -n
	compat_out -L -n -f 4294967295
	compat_out -L -n -f 2147483648 --stats
}

# ---- one service ----
@test "one service: -t | -t with names | -u | --sctp-service | -f | -f -6" {
	mixed_table
	compat_out -L -n -t 10.0.0.1:80
	compat_out -L -t 10.0.0.1:80
	compat_out -L -n -u 10.0.0.1:53
	compat_out -L -n --sctp-service 10.0.0.1:99
	compat_out -L -n -f 5
	compat_out -L -n -f 3 -6
}
@test "one service: IPv6 -t | --stats | --rate --exact | --thresholds | --persistent-conn | --tun-info" {
	mixed_table
	compat_out -L -n -t [2001:db8::1]:80
	compat_out -L -n -t 10.0.0.1:80 --stats
	compat_out -L -n -u 10.0.0.1:53 --rate --exact
	compat_out -L -n -t 10.0.0.1:80 --thresholds
	compat_out -L -n -t 10.0.0.1:80 --persistent-conn
	compat_out -L -n -t 10.0.0.1:80 --tun-info
}
@test "one service: missing -t" {
	mixed_table
	compat_out -L -n -t 10.0.0.9:80
}
@test "one service: missing -u" { compat_out -L -n -u 10.0.0.1:53; }
@test "one service: missing --sctp-service | missing -f | missing -f -6" {
	mixed_table
	compat_out -L -n --sctp-service 10.0.0.1:80
	compat_out -L -n -f 9
	compat_out -L -n -f 5 -6
}
@test "one service: missing IPv6 -t, names" { compat_out -L -t [2001:db8::9]:80; }

# ---- scheduler flags ----
@test "sched flags: sh with flag-3 only prints ()" {
	given -A -t 10.0.0.1:80 -s sh -b flag-3
	given -A -t 10.0.0.2:80 -s sh -b sh-port,flag-3
	compat_out -L -n
	compat_out -S -n
}
@test "sched flags: mh" {
	given -A -t 10.0.0.1:80 -s mh -b mh-port
	given -A -t 10.0.0.2:80 -s mh -b mh-fallback,mh-port
	given -A -t 10.0.0.3:80 -s mh -b flag-3
	compat_out -L -n
	compat_out -S -n
}
@test "sched flags: flag-1..3 on other schedulers" {
	given -A -t 10.0.0.1:80 -s rr -b flag-1
	given -A -t 10.0.0.2:80 -s wlc -b flag-2,flag-3
	given -A -u 10.0.0.3:53 -s lc -b flag-1,flag-3
	compat_out -L -n
	compat_out -S -n
}

# ---- persistence, pe, ops ----
@test "persistence: -p default, masks, IPv6 prefixes" {
	given -A -t 10.0.0.1:80 -s rr -p
	given -A -t 10.0.0.2:80 -s rr -p 1 -M 255.255.255.255
	given -A -t 10.0.0.3:80 -s rr -p 86400 -M 0.0.0.0
	given -A -t [2001:db8::1]:80 -s rr -p 5 -M 128
	given -A -t [2001:db8::2]:80 -s rr -p 5 -M 1
	given -A -f 1 -6 -s rr -p 10 -M 48
	given -A -f 2 -s rr -p 10 -M 255.255.255.0
	compat_out -L -n
	compat_out -S -n
}
@test "persistence: --pe sip, -o" {
	given -A -u 10.0.0.1:5060 -s rr -p 60 --pe sip
	given -A -u 10.0.0.2:5060 -s rr --pe sip -o -p 1
	given -A -u 10.0.0.3:53 -s rr -o
	given -A -f 8 -s rr -o
	compat_out -L -n
	compat_out -S -n
	compat_out -L -n --persistent-conn
}

# ---- timeouts ----
@test "timeout: defaults" { compat_out -L --timeout; }
@test "timeout: -n --timeout" { compat_out -L -n --timeout; }
@test "timeout: after --set" { given --set 10 20 30; compat_out -L --timeout; }
@test "timeout: after --set with zeros (unchanged)" {
	given --set 1000 0 77
	compat_out -L --timeout
}

# ---- daemons ----
@test "daemon: none" { compat_out -L --daemon; }
@test "daemon: master with every option" {
	in_both ip link set lo multicast on
	given --start-daemon master --mcast-interface lo --syncid 5 --sync-maxlen 1400 --mcast-group 224.0.0.99 --mcast-port 8850 --mcast-ttl 2
	compat_out -L --daemon
}
@test "daemon: backup with defaults" {
	in_both ip link set lo multicast on
	given --start-daemon backup --mcast-interface lo
	compat_out -L --daemon
}
@test "daemon: master and backup, then master stopped" {
	in_both ip link set lo multicast on
	given --start-daemon master --mcast-interface lo --syncid 200
	given --start-daemon backup --mcast-interface lo --syncid 7 --mcast-port 9000
	compat_out -L --daemon
	given --stop-daemon master
	compat_out -L --daemon
}
@test "daemon: IPv6 group" {
	# lo has no IPv6 multicast route, so the kernel refuses: the same
	# error from both, and no daemon in either listing.
	in_both ip link set lo multicast on
	compat --start-daemon master --mcast-interface lo --mcast-group ff02::99
	compat_out -L --daemon
}

# ---- names ----
@test "names: -S with host and service names" {
	# no thresholds here: -S keeps them on purpose (see compat_save)
	write_hosts
	given -A -t 10.0.0.3:443 -s rr
	given -a -t 10.0.0.3:443 -r 192.168.1.5:443 -m
	given -A -t [2001:db8::3]:80 -s rr
	given -a -t [2001:db8::3]:80 -r [2001:db8::1]:21 -m
	given -A -u 10.0.0.1:53 -s wlc
	compat_hosts -S
}
@test "names: host and service names from /etc/hosts and services" {
	write_hosts
	mixed_table
	given -A -t 10.0.0.3:443 -s rr
	given -a -t 10.0.0.3:443 -r 192.168.1.5:443 -m
	given -A -t [2001:db8::3]:80 -s rr
	given -a -t [2001:db8::3]:80 -r [2001:db8::3]:8080 -m
	given -a -t [2001:db8::3]:80 -r [2001:db8::1]:21 -m
	compat_hosts -L
	compat_hosts -L --stats
	compat_hosts -L --tun-info
	compat_hosts -L --thresholds
}
@test "names: long names cut like the reference (svc 33, dest 28, -S 59)" {
	write_hosts
	given -A -t 10.0.0.3:80 -s rr
	given -A -u 10.0.0.3:65000 -s rr
	given -A --sctp-service 10.0.0.3:9 -s rr
	given -a -t 10.0.0.3:80 -r 192.168.1.5:8080 -m
	given -A -t [2001:db8::3]:443 -s rr
	given -a -t [2001:db8::3]:443 -r [2001:db8::3]:443 -m
	compat_hosts -L
	compat_hosts -S
	compat_hosts -L -t 10.0.0.3:80
	compat_hosts -L --rate
}
@test "names: fwmark services show numeric ports" {
	write_hosts
	given -A -f 5 -s rr
	given -a -f 5 -r 192.168.1.2:80 -w 2
	given -a -f 5 -r 10.0.0.1:443
	compat_hosts -L
	compat_hosts -S
}

# ---- counters ----
@test "counters: K scaling with real traffic" {
	in_both ip link add dummy0 type dummy
	in_both ip link set dummy0 up
	in_both ip addr add 10.0.0.1/24 dev dummy0
	given -A -u 10.0.0.1:53 -s rr
	given -a -u 10.0.0.1:53 -r 10.0.0.1:5353 -m
	in_both python3 -c '
import socket
s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
for i in range(1800): s.sendto(b"x" * 60000, ("10.0.0.1", 53))
'
	compat_here -L -n --stats
	compat_here -L -n --stats --exact
	compat_here -L --stats -u 10.0.0.1:53
}

# ---- deliberate difference ----
@test "difference: -S prints fwmarks >= 2^31 unsigned so restore keeps them" {
	given -A -f 2147483648 -s rr
	given -A -f 4294967295 -6 -s rr
	run ours -S -n
	[ "$status" -eq 0 ]
	[ "${lines[0]}" = "-A -f 4294967295 -6 -s rr" ] || [ "${lines[1]}" = "-A -f 4294967295 -6 -s rr" ]
	[[ "$output" == *"-A -f 2147483648 -s rr"* ]]
	run ref -S -n
	[[ "$output" == *"-A -f -2147483648 -s rr"* ]]
	compat_out -L -n
}
