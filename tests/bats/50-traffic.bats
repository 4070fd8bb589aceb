#!/usr/bin/env bats
# bats-jobs: cost 120
# bats-jobs: waits
# (it waits on servers starting, the kernel's 2-second counters and the
# sync daemon: in the lab its CPU was busy about a third of the time,
# against over half for 10-commands; it runs beside the two busy workers)
# Live traffic: the tutorials' clusters end to end.  Each test builds its own
# namespaces (traffic.bash), configures the director with our binary only,
# sends real requests through the virtual service and checks who answered,
# exactly where the scheduler is deterministic.

load helpers
load traffic

setup() { tr_setup; }
teardown() { tr_teardown; }

VIP=203.0.113.10
URL=http://203.0.113.10/

# nat_service SCHED [OPTS...]: the tutorial's service on VIP:80 with web1 and web2.
nat_service() {
	ipv -A -t $VIP:80 -s "$@" &&
		ipv -a -t $VIP:80 -r 10.0.1.11:80 -m &&
		ipv -a -t $VIP:80 -r 10.0.1.12:80 -m
}

# poll_stats KEY N: until -L -n --stats shows N conns for KEY (the kernel
# copies the counters every 2 s), then ROW is that line.
poll_stats() {
	local out end=$((SECONDS + 20))
	while :; do
		out=$(ipv -L -n --stats)
		row "$out" "$1" && [ "${ROW[2]}" = "$2" ] && return 0
		[ $SECONDS -lt $end ] || break
		sleep 0.5
	done
	echo "--stats never showed $2 conns for $1:" >&2; printf '%s\n' "$out" >&2
	return 1
}

# conn_entries TEXT CLIENT VIRTUAL: CONNS = destinations of the -c lines from
# CLIENT (an address) to VIRTUAL; STATES and SOURCES their states and sources.
conn_entries() {
	local l f
	CONNS=() STATES=() SOURCES=()
	while IFS= read -r l; do
		read -ra f <<<"$l"
		case ${f[3]:-} in "$2":*) ;; *) continue ;; esac
		[ "${f[4]}" = "$3" ] || continue
		CONNS+=("${f[5]}") STATES+=("${f[2]}") SOURCES+=("${f[3]}")
	done <<<"$1"
}

@test "NAT rr: 10 requests alternate; --stats, --rate and -c show them; real client address" {
	nat_topology 2
	nat_service rr
	answers "$(fetch "$C" $URL 10)"
	expect_counts web1=5 web2=5
	expect_cycle web1 web2

	poll_stats $VIP:80 10
	[ "${ROW[3]}" != 0 ] && [ "${ROW[4]}" != 0 ] # InPkts OutPkts
	local out rip
	out=$(ipv -L -n --stats)
	for rip in 10.0.1.11:80 10.0.1.12:80; do
		row "$out" $rip
		[ "${ROW[2]}" = 5 ] && [ "${ROW[3]}" != 0 ] && [ "${ROW[4]}" != 0 ] || {
			echo "$rip: ${ROW[*]}" >&2; false; }
	done
	out=$(ipv -L -n --rate)
	row "$out" $VIP:80
	# InBPS and OutBPS: a byte rate is never rounded down to 0 after traffic
	[ "${ROW[5]}" != 0 ] && [ "${ROW[6]}" != 0 ] || { printf '%s\n' "$out" >&2; false; }

	out=$(ipv -L -n -c)
	conn_entries "$out" 203.0.113.50 $VIP:80
	ANS=("${CONNS[@]}")
	expect_counts 10.0.1.11:80=5 10.0.1.12:80=5 || { printf '%s\n' "$out" >&2; false; }

	# the web nodes see the client's own address (NAT keeps the source)
	answers "$(fetch "$C" http://$VIP/cgi-bin/ip 2)"
	expect_counts "web1 203.0.113.50=1" "web2 203.0.113.50=1"
}

@test "NAT wrr 2:3: 10 requests split exactly 4:6" {
	nat_topology 2
	ipv -A -t $VIP:80 -s wrr
	ipv -a -t $VIP:80 -r 10.0.1.11:80 -m -w 2
	ipv -a -t $VIP:80 -r 10.0.1.12:80 -m -w 3
	answers "$(fetch "$C" $URL 10)"
	expect_counts web1=4 web2=6
}

@test "NAT wlc: two connections held open on web1, new requests go to web2" {
	nat_topology 2
	ipv -A -t $VIP:80 -s wlc
	ipv -a -t $VIP:80 -r 10.0.1.11:80 -m
	# two client connections through the VIP that stay open (httpd waits
	# for a request line that never comes)
	bg "$C" bash -c 'exec 5<>/dev/tcp/203.0.113.10/80 && exec sleep 60'
	bg "$C" bash -c 'exec 5<>/dev/tcp/203.0.113.10/80 && exec sleep 60'
	local out end=$((SECONDS + 30))
	while :; do
		out=$(ipv -L -n)
		row "$out" 10.0.1.11:80 && [ "${ROW[4]}" = 2 ] && break
		[ $SECONDS -lt $end ] || break
		sleep 0.2
	done
	[ "${ROW[4]}" = 2 ] || { echo "web1 never had 2 active connections:" >&2; printf '%s\n' "$out" >&2; false; }
	ipv -a -t $VIP:80 -r 10.0.1.12:80 -m
	answers "$(fetch "$C" $URL 6)"
	expect_counts web2=6
	out=$(ipv -L -n)
	row "$out" 10.0.1.11:80
	[ "${ROW[4]}" = 2 ] && [ "${ROW[5]}" = 0 ] || { printf '%s\n' "$out" >&2; false; }
	row "$out" 10.0.1.12:80
	[ "${ROW[4]}" = 0 ] && [ "${ROW[5]}" = 6 ] || { printf '%s\n' "$out" >&2; false; }
}

@test "NAT persistence -p: one client sticks to one node" {
	nat_topology 2
	nat_service rr -p 60
	answers "$(fetch "$C" $URL 10)"
	expect_same web1 web2
	local out
	out=$(ipv -L -n)
	[[ $out == *"TCP  $VIP:80 rr persistent 60"* ]] || { printf '%s\n' "$out" >&2; false; }
	# the persistence template (client port 0) and the 10 connections, all to one node
	out=$(ipv -L -n -c)
	conn_entries "$out" 203.0.113.50 $VIP:80
	ANS=("${SOURCES[@]}")
	[ "$(count 203.0.113.50:0)" = 1 ] && [ ${#ANS[@]} = 11 ] || { printf '%s\n' "$out" >&2; false; }
	ANS=("${CONNS[@]}")
	expect_same 10.0.1.11:80 10.0.1.12:80 || { printf '%s\n' "$out" >&2; false; }
}

@test "NAT replace a node live: add .13, weight 0 on .11, delete it; no request fails" {
	nat_topology 3
	nat_service rr
	local f=$TR_DIR/answers n m
	loop_start "$C" $URL "$f"
	wait_lines "$f" 4
	ipv -a -t $VIP:80 -r 10.0.1.13:80 -m
	mapfile -t ANS <"$f"; n=${#ANS[@]}
	wait_lines "$f" $((n + 6))
	ipv -e -t $VIP:80 -r 10.0.1.11:80 -m -w 0
	mapfile -t ANS <"$f"; m=${#ANS[@]}
	wait_lines "$f" $((m + 6))
	ipv -d -t $VIP:80 -r 10.0.1.11:80
	mapfile -t ANS <"$f"; n=${#ANS[@]}
	wait_lines "$f" $((n + 4))
	loop_stop
	answers "$(<"$f")"
	[ "$(count FAIL)" = 0 ] || { echo "requests failed during the change" >&2; show; false; }
	[ "$(count web3)" != 0 ] || { echo "web3 never answered" >&2; show; false; }
	# after -w 0 (one request may have been in flight) web1 gets nothing new
	local i
	for ((i = m + 1; i < ${#ANS[@]}; i++)); do
		[ "${ANS[i]}" != web1 ] || { echo "web1 answered request $((i + 1)) after -w 0 (at $m)" >&2; show; false; }
	done
	answers "$(fetch "$C" $URL 6)"
	expect_counts web2=3 web3=3
	expect_cycle web2 web3
}

@test "NAT save, clear, restore while a client sends requests" {
	nat_topology 2
	ipv -A -t $VIP:80 -s wrr
	ipv -a -t $VIP:80 -r 10.0.1.11:80 -m -w 2
	ipv -a -t $VIP:80 -r 10.0.1.12:80 -m -w 1 -x 100 -y 10
	ipv -A -t $VIP:443 -s sh -p 300
	ipv -a -t $VIP:443 -r 10.0.1.11:443 -m
	ipv -A -u $VIP:53 -s wlc
	ipv -a -u $VIP:53 -r 10.0.1.12:53 -m -w 4
	local before after f=$TR_DIR/answers n i
	before=$(ipv -S -n)
	loop_start "$C" $URL "$f"
	wait_lines "$f" 4
	ipv -S -n >"$TR_DIR/saved"
	ipv -C
	ipv -R <"$TR_DIR/saved"
	mapfile -t ANS <"$f"; n=${#ANS[@]}
	wait_lines "$f" $((n + 6))
	loop_stop
	after=$(ipv -S -n)
	[ "$before" = "$after" ] || { diff <(echo "$before") <(echo "$after") >&2; false; }
	answers "$(<"$f")"
	# the request in flight at the restore may have failed; none after it
	for ((i = n + 1; i < ${#ANS[@]}; i++)); do
		[ "${ANS[i]}" != FAIL ] || { echo "request $((i + 1)) failed after the restore (at $n)" >&2; show; false; }
	done
	answers "$(fetch "$C" $URL 6)"
	expect_counts web1=4 web2=2
}

@test "NAT fwmark service: nftables marks VIP:80, -f 1 balances" {
	command -v nft >/dev/null || skip "nft is not installed"
	nat_topology 2
	at "$D" nft -f - <<-EOF
	table ip m {
		chain pre {
			type filter hook prerouting priority -150;
			ip daddr $VIP tcp dport 80 meta mark set 1
		}
	}
	EOF
	ipv -A -f 1 -s rr
	ipv -a -f 1 -r 10.0.1.11:80 -m
	ipv -a -f 1 -r 10.0.1.12:80 -m
	answers "$(fetch "$C" $URL 10)"
	expect_counts web1=5 web2=5
	expect_cycle web1 web2
	poll_stats 1 10 # the "FWM  1" line
}

@test "NAT UDP service: datagrams through the VIP reach both nodes" {
	nat_topology 2
	local w
	for w in "$W1" "$W2"; do
		bg "$w" perl -MIO::Socket::INET -e '
			my $s = IO::Socket::INET->new(LocalPort => 5300, Proto => "udp") or die "udp: $!";
			while (defined(my $peer = recv($s, my $m, 512, 0))) { send($s, "$ARGV[0] $m", 0, $peer) }' \
			"${w##*-}"
	done
	for w in "$W1" "$W2"; do # until 5300 (0x14B4) is bound
		at "$w" bash -c 'for ((i = 0; i < 100; i++)); do
			[[ $(</proc/net/udp) == *":14B4 "* ]] && exit 0; sleep 0.1; done; exit 1'
	done
	ipv -A -u $VIP:5300 -s rr
	ipv -a -u $VIP:5300 -r 10.0.1.11:5300 -m
	ipv -a -u $VIP:5300 -r 10.0.1.12:5300 -m
	# 10 datagrams, each from its own socket (its own port: a new connection)
	local out
	out=$(at "$C" perl -MIO::Socket::INET -MIO::Select -e '
		my @keep;
		for my $i (1 .. 10) {
			my $s = IO::Socket::INET->new(PeerAddr => $ARGV[0], PeerPort => 5300, Proto => "udp")
				or die "udp: $!";
			push @keep, $s;
			$s->send("ping$i");
			my $m;
			if (IO::Select->new($s)->can_read(5) && defined $s->recv($m, 512)) { print "$m\n" }
			else { print "FAIL\n" }
		}' $VIP)
	answers "$out"
	local i
	for ((i = 0; i < ${#ANS[@]}; i++)); do
		[ "${ANS[i]#* }" = "ping$((i + 1))" ] || { echo "datagram $((i + 1)) answered '${ANS[i]}'" >&2; show; false; }
		ANS[i]=${ANS[i]%% *}
	done
	expect_counts w1=5 w2=5
	expect_cycle w1 w2
}

@test "NAT over IPv6: rr alternates" {
	nat_topology 2
	wait_http "$D" "http://[fd00:2::11]/" "http://[fd00:2::12]/"
	ipv -A -t "[fd00:1::10]:80" -s rr
	ipv -a -t "[fd00:1::10]:80" -r "[fd00:2::11]:80" -m
	ipv -a -t "[fd00:1::10]:80" -r "[fd00:2::12]:80" -m
	answers "$(fetch "$C" "http://[fd00:1::10]/" 10)"
	expect_counts web1=5 web2=5
	expect_cycle web1 web2
	answers "$(fetch "$C" "http://[fd00:1::10]/cgi-bin/ip" 2)"
	expect_counts "web1 fd00:1::50=1" "web2 fd00:1::50=1"
}

@test "sync daemon: connections through the master appear on the backup" {
	nat_topology 2
	ns_new B
	ip link add eth0 netns "$B" type veth peer name sync0 netns "$D"
	ip -n "$D" link set sync0 master br0 up
	in_ns "$B" <<-EOF
	addr add 10.0.1.20/24 dev eth0
	link set eth0 up
	EOF
	nat_service rr
	ipv --start-daemon master --mcast-interface br0
	ours_in "$B" --start-daemon backup --mcast-interface eth0
	local out end
	out=$(ipv -L --daemon)
	[[ $out == *"master sync daemon (mcast=br0, syncid=0"* ]] || { echo "$out" >&2; false; }
	out=$(ours_in "$B" -L --daemon)
	[[ $out == *"backup sync daemon (mcast=eth0, syncid=0"* ]] || { echo "$out" >&2; false; }
	answers "$(fetch "$C" $URL 6)"
	expect_counts web1=3 web2=3
	end=$((SECONDS + 30))
	while :; do
		out=$(ours_in "$B" -L -n -c)
		conn_entries "$out" 203.0.113.50 $VIP:80
		[ ${#CONNS[@]} -ge 6 ] && break
		[ $SECONDS -lt $end ] || break
		sleep 0.5
	done
	ANS=("${CONNS[@]}")
	expect_counts 10.0.1.11:80=3 10.0.1.12:80=3 || { printf '%s\n' "$out" >&2; false; }
	ipv --stop-daemon master
	ours_in "$B" --stop-daemon backup
}

@test "DR (-g) with sh: one client always reaches the same node" {
	l2_topology 2
	ipv -A -t 10.0.2.100:80 -s sh
	ipv -a -t 10.0.2.100:80 -r 10.0.2.11:80 -g
	ipv -a -t 10.0.2.100:80 -r 10.0.2.12:80 -g
	answers "$(fetch "$C" http://10.0.2.100/ 10)"
	expect_same real1 real2
	local first=${ANS[0]}
	answers "$(fetch "$C" http://10.0.2.100/cgi-bin/ip 1)"
	expect_counts "$first 10.0.2.50=1"
	local out
	out=$(ipv -L -n)
	row "$out" 10.0.2.11:80 && [ "${ROW[2]}" = Route ]
}

# tunnel_test TYPE [OPTS...]: the L2 cluster with the real servers behind a
# tunnel of TYPE (the VIP on lo, decapsulated by tunl0 or gre0).
tunnel_test() {
	local type=$1 dev=tunl0 mods="ipip" r
	shift
	case $type in gue) mods="ipip fou" ;; gre) mods="ip_gre" dev=gre0 ;; esac
	for r in $mods; do
		modprobe "$r" 2>/dev/null || skip "the kernel has no $r module"
	done
	l2_topology 2
	for r in "$R1" "$R2"; do
		ip -n "$r" link set $dev up || skip "no $dev device in the real server's namespace"
		sysctl_in "$r" net.ipv4.conf.$dev.rp_filter=0
		if [ "$type" = gue ]; then
			ip -n "$r" fou add port 6080 gue || skip "ip fou add port 6080 gue failed"
		fi
	done
	ipv -A -t 10.0.2.100:80 -s rr
	ipv -a -t 10.0.2.100:80 -r 10.0.2.11:80 -i "$@"
	ipv -a -t 10.0.2.100:80 -r 10.0.2.12:80 -i "$@"
	answers "$(fetch "$C" http://10.0.2.100/ 6)"
	expect_counts real1=3 real2=3
	expect_cycle real1 real2
	local out
	out=$(ipv -L -n)
	row "$out" 10.0.2.11:80 && [ "${ROW[2]}" = Tunnel ]
}

@test "IP-in-IP tunnel (-i): requests succeed through tunl0" {
	tunnel_test ipip
}

@test "GUE tunnel (-i --tun-type gue --tun-port 6080): requests succeed" {
	tunnel_test gue --tun-type gue --tun-port 6080
}

@test "GRE tunnel (-i --tun-type gre): requests succeed through gre0" {
	tunnel_test gre --tun-type gre
}
