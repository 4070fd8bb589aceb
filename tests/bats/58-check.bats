#!/usr/bin/env bats
# bats-jobs: cost 100
# --check (issue 29): each finding seen on a broken set-up and gone once it
# is fixed, on the director and on real servers, including the tutorials'
# NAT and DR clusters as traffic.bash builds them.

load helpers
load traffic
bats_require_minimum_version 1.5.0

setup() { tr_setup; }
teardown() { tr_teardown; lab_teardown; }

# ids NS [--check=...] [-R --check <FILE]: the ids of the findings, one
# line, sorted (read from --json by bash itself: an exec costs).
ids() {
	local ns=$1 out re='"id":"([^"]*)"' found=() i j t
	shift
	[ $# -gt 0 ] || set -- --check
	out=$(ours_in "$ns" "$@" --json)
	while [[ $out =~ $re ]]; do
		found+=("${BASH_REMATCH[1]}")
		out=${out#*"${BASH_REMATCH[0]}"}
	done
	for ((i = 1; i < ${#found[@]}; i++)); do
		for ((j = i; j > 0; j--)); do
			[[ ${found[j - 1]} > ${found[j]} ]] || break
			t=${found[j]} found[j]=${found[j - 1]} found[j - 1]=$t
		done
	done
	echo "${found[*]}"
}

# ---------------------------------------------------------------- the tutorials

@test "check: the tutorial's NAT cluster has no finding; without its gateway or forwarding, exactly that" {
	nat_topology 2
	ipv -A -t 203.0.113.10:80 -s rr
	ipv -a -t 203.0.113.10:80 -r 10.0.1.11:80 -m
	ipv -a -t 203.0.113.10:80 -r 10.0.1.12:80 -m
	run ipv --check
	[ "$status" -eq 0 ]
	[ "$output" = "No findings: 1 service checked." ]
	run ours_in "$W1" --check=nat:10.0.1.10
	[ "$status" -eq 0 ]
	[ "$output" = "No findings: this real server is set up for its method." ]

	ip -n "$W1" route del default
	run ours_in "$W1" --check=nat:10.0.1.10
	[ "$status" -eq 1 ]
	[ "${lines[0]}" = "this real server: no default route: replies to clients do not go back through the director 10.0.1.10, which must rewrite them" ]
	[ "${lines[1]}" = "    fix: ip route replace default via 10.0.1.10" ]
	[ "$(ids "$W1" --check=nat:10.0.1.10)" = nat-gateway ]
	ip -n "$W1" route add default via 10.0.1.12
	[ "$(ids "$W1" --check=nat:10.0.1.10)" = nat-gateway ]
	ip -n "$W1" route replace default via 10.0.1.10
	[ "$(ids "$W1" --check=nat:10.0.1.10)" = "" ]

	sysctl_in "$D" net.ipv4.ip_forward=0
	[ "$(ids "$D")" = nat-ip-forward ]
	sysctl_in "$D" net.ipv4.ip_forward=1
	[ "$(ids "$D")" = "" ]
}

@test "check: the tutorial's DR cluster has no finding; without its ARP settings or VIP, exactly that" {
	l2_topology 2
	ipv -A -t 10.0.2.100:80 -s sh
	ipv -a -t 10.0.2.100:80 -r 10.0.2.11:80 -g
	ipv -a -t 10.0.2.100:80 -r 10.0.2.12:80 -g
	run ipv --check
	[ "$status" -eq 0 ]
	[ "$(ids "$R1" --check=dr:10.0.2.100)" = "" ]

	sysctl_in "$R1" net.ipv4.conf.all.arp_ignore=0
	run ours_in "$R1" --check=dr:10.0.2.100
	[ "$status" -eq 1 ]
	[[ ${lines[0]} == "this real server: eth0 may answer ARP requests for the VIP"* ]]
	[ "${lines[1]}" = "    fix: sysctl -w net.ipv4.conf.all.arp_ignore=1 net.ipv4.conf.all.arp_announce=2" ]
	[ "${#lines[@]}" -eq 2 ]
	sysctl_in "$R1" net.ipv4.conf.all.arp_ignore=1 net.ipv4.conf.all.arp_announce=0
	[ "$(ids "$R1" --check=dr:10.0.2.100)" = dr-arp ]
	sysctl_in "$R1" net.ipv4.conf.all.arp_announce=2
	[ "$(ids "$R1" --check=dr:10.0.2.100)" = "" ]

	ip -n "$R1" addr del 10.0.2.100/32 dev lo
	[ "$(ids "$R1" --check=dr:10.0.2.100)" = dr-vip ]
	ip -n "$R1" addr add 10.0.2.100/32 dev eth0
	[ "$(ids "$R1" --check=dr:10.0.2.100)" = dr-vip-iface ]
	ip -n "$R1" addr del 10.0.2.100/32 dev eth0
	ip -n "$R1" link add vip0 type dummy
	ip -n "$R1" addr add 10.0.2.100/32 dev vip0
	[ "$(ids "$R1" --check=dr:10.0.2.100)" = "" ]

	# The director: the real server off its network, the VIP gone.
	ipv -a -t 10.0.2.100:80 -r 10.0.3.13:80 -g
	[ "$(ids "$D")" = real-server-route ]
	ipv -d -t 10.0.2.100:80 -r 10.0.3.13:80
	ip -n "$D" addr del 10.0.2.100/32 dev eth0
	run ours_in "$D" --check
	[ "$status" -eq 1 ]
	[ "${lines[1]}" = "    fix: ip addr add 10.0.2.100/32 dev eth0" ]
	[ "$(ids "$D")" = vip-missing ]
}

# ---------------------------------------------------------------- one namespace

# A director in NS_OURS: d0 10.0.0.254/16, the VIP 10.0.0.1 on it.
director() {
	lab_setup || return 1
	ip -n "$NS_OURS" link add d0 type dummy &&
		ip -n "$NS_OURS" link set d0 up &&
		ip -n "$NS_OURS" addr add 10.0.0.254/16 dev d0 &&
		ip -n "$NS_OURS" addr add 10.0.0.1/32 dev d0
}

@test "check: the director's findings against the table, each gone once fixed" {
	director
	ours -A -t 10.0.0.1:80 -s rr
	[ "$(ids "$NS_OURS")" = no-real-server ]
	ours -a -t 10.0.0.1:80 -r 10.0.1.1:80 -g -w 0
	run ours --check
	[ "${lines[1]}" = "    fix: ipvsadm -e -t 10.0.0.1:80 -r 10.0.1.1:80 -g -w 1 (or add a server with -a)" ]
	[ "$(ids "$NS_OURS")" = "dr-conn-reuse no-real-server" ]
	ours -a -t 10.0.0.1:80 -r 10.0.1.2:80 -g -w 1
	[ "$(ids "$NS_OURS")" = dr-conn-reuse ]
	sysctl_in "$NS_OURS" net.ipv4.vs.conn_reuse_mode=2
	[ "$(ids "$NS_OURS")" = "" ]
	ours -E -t 10.0.0.1:80 -s rr -p 60
	sysctl_in "$NS_OURS" net.ipv4.vs.expire_quiescent_template=0
	[ "$(ids "$NS_OURS")" = drain-templates ]
	sysctl_in "$NS_OURS" net.ipv4.vs.expire_quiescent_template=1
	[ "$(ids "$NS_OURS")" = "" ]

	ours -E -t 10.0.0.1:80 -s mh
	sysctl_in "$NS_OURS" net.ipv4.vs.sloppy_tcp=0
	[ "$(ids "$NS_OURS")" = mh-sloppy-tcp ]
	sysctl_in "$NS_OURS" net.ipv4.vs.sloppy_tcp=1
	[ "$(ids "$NS_OURS")" = "" ]

	ours -A -t 10.0.0.2:80 -s rr
	ours -a -t 10.0.0.2:80 -r 192.0.2.1:8080 -m
	sysctl_in "$NS_OURS" net.ipv4.ip_forward=0
	[ "$(ids "$NS_OURS")" = "nat-ip-forward real-server-route vip-missing" ]
	ip -n "$NS_OURS" addr add 10.0.0.2/32 dev d0
	ip -n "$NS_OURS" route add 192.0.2.0/24 via 10.0.0.253
	run ours --check
	[[ $output == *"the real server 192.0.2.1 is behind the gateway 10.0.0.253"* ]]
	ip -n "$NS_OURS" route del 192.0.2.0/24
	ip -n "$NS_OURS" addr add 192.0.2.254/24 dev d0
	sysctl_in "$NS_OURS" net.ipv4.ip_forward=1
	[ "$(ids "$NS_OURS")" = "" ]
}

@test "check: -R --check reads a rules file; a bad one is exit 2; --json" {
	director
	printf -- '-A -t 10.0.0.1:80 -s nosuch\n-a -t 10.0.0.1:80 -r 10.0.0.9:80 -g\n' >"$BATS_TEST_TMPDIR/rules"
	run ours -R --check <"$BATS_TEST_TMPDIR/rules"
	[ "$status" -eq 1 ]
	[ "${lines[0]}" = "TCP 10.0.0.1:80: the scheduler 'nosuch' is not in this kernel (no module ip_vs_nosuch)" ]
	[ "$(ids "$NS_OURS" -R --check <"$BATS_TEST_TMPDIR/rules")" = scheduler-module ]
	sed -i 's/nosuch/wrr/' "$BATS_TEST_TMPDIR/rules"
	run ours -R --check <"$BATS_TEST_TMPDIR/rules"
	[ "$status" -eq 0 ]
	[ -z "$(ours -S -n)" ]	# a file's check changes nothing
	run ours -R --check --json <"$BATS_TEST_TMPDIR/rules"
	[ "$output" = '{"findings":[],"services":1,"count":0}' ]
	printf -- '-A -t 10.0.0.1:80 --bogus\n' >"$BATS_TEST_TMPDIR/bad"
	run ours -R --check <"$BATS_TEST_TMPDIR/bad"
	[ "$status" -eq 2 ]
	run ours --check=dr:nowhere
	[ "$status" -eq 2 ]
}

@test "check: a TUN real server: the VIP, the tunnel device up, rp_filter off" {
	modprobe ipip 2>/dev/null || skip "the kernel has no ipip module"
	lab_setup
	ip -n "$NS_OURS" link set tunl0 up
	ip -n "$NS_OURS" addr add 10.0.2.100/32 dev lo
	sysctl_in "$NS_OURS" net.ipv4.conf.all.rp_filter=0 net.ipv4.conf.tunl0.rp_filter=0
	[ "$(ids "$NS_OURS" --check=tun:10.0.2.100)" = "" ]
	sysctl_in "$NS_OURS" net.ipv4.conf.tunl0.rp_filter=1
	[ "$(ids "$NS_OURS" --check=tun:10.0.2.100)" = tun-rp-filter ]
	sysctl_in "$NS_OURS" net.ipv4.conf.tunl0.rp_filter=0
	ip -n "$NS_OURS" link set tunl0 down
	[ "$(ids "$NS_OURS" --check=tun:10.0.2.100)" = tun-device ]
	ip -n "$NS_OURS" link set tunl0 up
	ip -n "$NS_OURS" addr del 10.0.2.100/32 dev lo
	[ "$(ids "$NS_OURS" --check=tun:10.0.2.100)" = tun-vip ]
	ip -n "$NS_OURS" addr add 10.0.2.100/32 dev tunl0
	[ "$(ids "$NS_OURS" --check=tun:10.0.2.100)" = "" ]
}
