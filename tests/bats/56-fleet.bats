#!/usr/bin/env bats
# bats-jobs: cost 120
# bats-jobs: waits
# (measured alone: 87 s on a quiet host, 101 to 131 s beside a one-CPU
# guest.  Most of it waits on BGP, BFD and TCP, so it runs in the extra
# worker beside 50-traffic and 52-ha.  It took 4 to 14 min while its polls
# looped in bash, for bats traces every command of a test: the helpers now
# read one summary line.)
# An active-active fleet: three LVS-DR directors announce the VIP by BGP
# (BIRD) to a router that spreads the flows over them by ECMP; each one
# schedules with mh (Maglev hashing) and sloppy TCP, no sync daemon.  A
# director can die without breaking a connection only if every director
# builds the same lookup table from the same rules file, whatever its
# history: what -R --apply's canonical form guarantees (apply_order.c).
# The network and its helpers are in fleet.bash; it is built once for the
# whole file (nine namespaces, four BIRDs) and every test leaves it with
# three directors announcing.

load helpers
load traffic
load ha
load fleet

setup_file() {
	command -v bird >/dev/null && command -v birdc >/dev/null || {
		echo "bird2 is not installed (scripts/deps installs it)" >&2
		return 1
	}
	tr_setup
	TR_DIR=$BATS_FILE_TMPDIR
	fleet_topology || return 1
	export C RT S D1 D2 D3 R1 R2 R3 R4 TR_DIR TR_ID
	FL_FILE_PIDS="${TR_PIDS[*]}"
	export FL_FILE_PIDS
}

teardown_file() {
	local p n
	: >"$TR_DIR/long.stop"
	for n in 1 2 3; do fleet_bird_kill "$n"; done
	read -ra TR_PIDS <<<"${FL_FILE_PIDS:-}"
	TR_NS=("$C" "$RT" "$S" "$D1" "$D2" "$D3" "$R1" "$R2" "$R3" "$R4")
	tr_teardown
	for p in "$TR_DIR"/bird-*.pid; do
		[ -e "$p" ] && kill -9 "$(cat "$p")" 2>/dev/null
	done
	return 0
}

# A BIRD started again in a test lives on for the next ones (teardown_file
# kills it by its pid file); the long connections end with the test.
setup() { TR_PIDS=(); }
teardown() {
	local p
	fleet_long_stop
	fleet_short_stop
	fleet_unpin
	if [ "$BATS_TEST_COMPLETED" != 1 ]; then
		for p in "$TR_DIR"/bird-*.log; do
			[ -s "$p" ] && { echo "--- $p"; tail -n 20 "$p"; }
		done >&2
		ip -n "$RT" route show "$FL_VIP/32" >&2
	fi
}

rules() { fleet_rules "$1" >"$TR_DIR/$1.rules" && echo "$TR_DIR/$1.rules"; }
dir_ns() { local v=D$1; echo "${!v}"; }

apply_all() { # RULES
	local n
	for n in 1 2 3; do ha_apply "$(dir_ns $n)" "$1" || return 1; done
}

# same_maps BASE: the 200 pinned flows land on the same real server
# through each director; DIFFER = how many differ from D1's.
same_maps() {
	local m1 m2 m3
	fleet_flows 1 "$1" && m1=$MAP || return 1
	fleet_flows 2 "$1" && m2=$MAP || return 1
	fleet_flows 3 "$1" && m3=$MAP || return 1
	fleet_unpin
	DIFFER=$(( $(comm -13 <(echo "$m1") <(echo "$m2") | wc -l) +
		   $(comm -13 <(echo "$m1") <(echo "$m3") | wc -l) ))
	[ "$DIFFER" -eq 0 ]
}

@test "each director announces the VIP once its table is applied: one ECMP route over three" {
	fleet_paths
	[ "$PATHS" = none ]
	apply_all "$(rules v1)"
	fleet_wait_paths 3 60
	echo "# three directors announce the VIP ${ELAPSED}s after the apply" >&3
	ip -n "$RT" -4 route show "$FL_VIP/32" | grep -c nexthop | grep -qx 3
	[ "$(at "$RT" sysctl -n net.ipv4.fib_multipath_hash_policy)" = 1 ]
}

@test "three histories, one file: the same real server for 200 pinned flows through each director" {
	local d1 d2 d3 v1 drain
	d1=$(dir_ns 1) d2=$(dir_ns 2) d3=$(dir_ns 3)
	v1=$(rules v1) drain=$(rules drain)
	# D1 rebooted during the drain: a fresh load of the drain file
	ours_in "$d1" -C
	ours_in "$d1" -R <"$drain"
	# D2: the old file, a server deleted and added again by hand...
	ours_in "$d2" -d -t $FL_VIP:7 -r 10.9.0.22:7
	ours_in "$d2" -a -t $FL_VIP:7 -r 10.9.0.22:7 -g -w 1
	run ours_in "$d2" -R --diff <"$v1"
	[ "$status" -eq 1 ]
	[[ $output == *"# reseat -t $FL_VIP:7 (mh)"* ]]
	# ...then the drain file; D3: the drain file over the old one
	ha_apply "$d2" "$drain"
	ha_apply "$d3" "$drain"
	for d in "$d1" "$d2" "$d3"; do
		run ours_in "$d" -R --diff <"$drain"
		[ "$status" -eq 0 ] && [ -z "$output" ]
	done
	[ "$(ours_in "$d2" -L -n --nosort)" = "$(ours_in "$d1" -L -n --nosort)" ]
	[ "$(ours_in "$d3" -L -n --nosort)" = "$(ours_in "$d1" -L -n --nosort)" ]
	same_maps 20000
	echo "# 200 flows x 3 directors: 0 differ" >&3
}

@test "negative control: the same histories by hand (edit in place) send flows elsewhere; --diff catches the order" {
	local d1 d2 d3 drain
	d1=$(dir_ns 1) d2=$(dir_ns 2) d3=$(dir_ns 3)
	drain=$(rules drain)
	for d in "$d1" "$d2" "$d3"; do ref_in "$d" -C; done
	fleet_rules v1 | ref_in "$d2" -R
	fleet_rules v1 | ref_in "$d3" -R
	ref_in "$d1" -R <"$drain"
	ref_in "$d2" -d -t $FL_VIP:7 -r 10.9.0.22:7
	ref_in "$d2" -a -t $FL_VIP:7 -r 10.9.0.22:7 -g -w 1
	ref_in "$d2" -e -t $FL_VIP:7 -r 10.9.0.23:7 -g -w 0
	ref_in "$d3" -e -t $FL_VIP:7 -r 10.9.0.23:7 -g -w 0
	# the order is caught; the hidden last weight cannot be read
	run ours_in "$d2" -R --diff <"$drain"
	[ "$status" -eq 1 ]
	run ours_in "$d3" -R --diff <"$drain"
	[ "$status" -eq 0 ]
	! same_maps 21000
	echo "# by hand: $DIFFER of 2 x 200 flows land elsewhere than through D1" >&3
	[ "$DIFFER" -gt 0 ]
	# the documented way back: delete the drained server, apply
	ours_in "$d2" -d -t $FL_VIP:7 -r 10.9.0.23:7
	ours_in "$d3" -d -t $FL_VIP:7 -r 10.9.0.23:7
	apply_all "$drain"
	same_maps 22000
	apply_all "$(rules v1)"
	fleet_wait_paths 3 60
}

# long_ready BASE: 100 long connections, each answered 3 times; they are
# spread over the three directors.
long_ready() {
	local n c
	fleet_long_start "$1"
	fleet_long_wait 3 60
	fleet_long_servers
	SERVERS0=$SERVERS
	for n in 1 2 3; do
		c=$(ours_in "$(dir_ns $n)" -L -n -c |
			grep -cE " 198\.51\.100\.1[0-3]:${1:0:3}[0-9]{2} .*ESTABLISHED|ESTABLISHED.* 198\.51\.100\.1[0-3]:${1:0:3}[0-9]{2} ")
		echo "# director $n holds $c connections" >&3
		[ "$c" -gt 0 ]
	done
}

# long_survive: every connection 5 more echoes, from the same server.
long_survive() {
	fleet_long_wait $((LONG_MIN + 5)) 90 || return 1
	fleet_long_servers
	[ "$SERVERS" = "$SERVERS0" ]
}

# long_broken: within 60 s, a connection is reset, silent or moved.
long_broken() {
	local end=$((${EPOCHREALTIME%.*} + 60))
	while fleet_long_check 2>/dev/null; do
		if [ "${EPOCHREALTIME%.*}" -ge $end ]; then
			echo "no connection broke" >&2
			return 1
		fi
		sleep 0.2
	done
	echo "# $LONG_BAD connections broken" >&3
}

@test "a director dies (link down, then BIRD killed): 100 long connections go on, same real server" {
	local d2 start ok=1
	d2=$(dir_ns 2)
	long_ready 23000
	start=$EPOCHREALTIME
	# a silent death: the link first, so that the dying BIRD's TCP
	# close cannot tell the router; BFD must find it
	ip -n "$d2" link set eth0 down
	fleet_bird_kill 2
	if fleet_wait_paths 2 30; then
		echo "# BFD: the router dropped D2 ${ELAPSED}s after its death" >&3
		long_survive || ok=0
		echo "# every connection answered again $(ha_since "$start")s after the death" >&3
	else
		ok=0
	fi
	fleet_long_stop
	# D2 back before the verdict, so that a failure here fails no other test
	ip -n "$d2" link set eth0 up
	fleet_bird_start 2
	fleet_wait_paths 3 60
	[ $ok = 1 ]
	# the router's BIRD says why it dropped D2's session
	grep -q "d2: BFD session down" "$TR_DIR/bird-rt.events" || {
		tail -n 20 "$TR_DIR/bird-rt.events" >&2
		return 1
	}
}

@test "a clean withdraw (BIRD disables the VIP): 100 long connections go on, same real server" {
	long_ready 24000
	fleet_birdc d2 disable vip >/dev/null
	fleet_wait_paths 2 30
	echo "# withdrawn in ${ELAPSED}s" >&3
	long_survive
	fleet_long_stop
	# the health check: no service, no announce; the service back, announced
	ours_in "$(dir_ns 2)" -C
	sleep 2
	ha_apply "$(dir_ns 2)" "$(rules v1)"
	fleet_wait_paths 3 60
	echo "# D2 announces again ${ELAPSED}s after its table came back" >&3
}

@test "negative control: sloppy_tcp=0, the moved connections are reset" {
	local n
	for n in 1 2 3; do sysctl_in "$(dir_ns $n)" net.ipv4.vs.sloppy_tcp=0; done
	long_ready 25000
	fleet_birdc d2 disable vip >/dev/null
	long_broken
	fleet_long_stop
	for n in 1 2 3; do sysctl_in "$(dir_ns $n)" net.ipv4.vs.sloppy_tcp=1; done
	fleet_birdc d2 enable vip >/dev/null
	fleet_wait_paths 3 60
}

@test "negative control: rr, the moved connections land on other real servers" {
	apply_all "$(rules rr)"
	# with rr any path change breaks connections, even a BFD flap before
	# the withdraw: that is the point, so a break while opening counts
	fleet_long_start 26000
	fleet_long_wait 3 60 || true
	fleet_birdc d2 disable vip >/dev/null
	long_broken
	fleet_long_stop
	fleet_birdc d2 enable vip >/dev/null
	apply_all "$(rules v1)"
	fleet_wait_paths 3 60
}

@test "a rolling change (a server drained, one added), director by director under traffic: no request fails, no connection breaks" {
	local v2 n a b
	v2=$(rules v2)
	long_ready 28000
	fleet_short_start before
	fleet_short_wait before 20 60
	fleet_short_phase roll
	for n in 1 2 3; do
		ha_apply "$(dir_ns $n)" "$v2"
		fleet_long_check
		# requests through a fleet that disagrees, before the next step
		fleet_short_wait roll $((n * 15)) 60
	done
	fleet_short_phase after
	fleet_short_wait after 40 60
	long_survive
	fleet_long_stop
	fleet_short_stop
	fleet_short_count roll && a=$COUNT
	fleet_short_count after && b=$COUNT
	fleet_short_count '' FAIL
	echo "# $a requests during the roll, $b after it; $COUNT failed" >&3
	fleet_short_failures >&2
	[ "$COUNT" -eq 0 ]
	fleet_short_count after real4
	echo "# after the roll: the new real4 took $COUNT" >&3
	[ "$COUNT" -gt 0 ]
	fleet_short_count after real2
	[ "$COUNT" -eq 0 ]
	# on each, the list a fresh load of the file gives, in its order
	# (counters aside)
	order() { ours_in "$1" -L -n --nosort | awk '$1 == "->" { print $2, $4 }'; }
	"$NSX" add "$TR_ID-fresh"
	ours_in "$TR_ID-fresh" -R <"$v2"
	a=$(order "$TR_ID-fresh")
	"$NSX" del "$TR_ID-fresh"
	for n in 1 2 3; do
		run ours_in "$(dir_ns $n)" -R --diff <"$v2"
		[ "$status" -eq 0 ] && [ -z "$output" ]
		[ "$(order "$(dir_ns $n)")" = "$a" ]
	done
}

@test "negative control: a reload by clear and restore (-C, then -R, as the original boot scripts reload) fails requests" {
	local d1 v1
	d1=$(dir_ns 1) v1=$(rules v1)
	apply_all "$v1"
	fleet_short_start before
	fleet_short_wait before 10 60
	# every new flow through D1 while its table is empty
	fleet_pin 1
	fleet_short_phase reload
	ours_in "$d1" -C
	fleet_short_wait reload 1 20 FAIL
	ours_in "$d1" -R <"$v1"
	fleet_unpin
	fleet_short_stop
	fleet_short_count reload FAIL
	echo "# $COUNT requests failed while D1's table was empty" >&3
	fleet_wait_paths 3 60
}

@test "a fourth director joins: it announces once -R --diff exits 0, takes its share, breaks nothing" {
	local v1 c
	v1=$(rules v1)
	long_ready 27000
	fleet_join
	sleep 3
	fleet_paths
	[ "$PATHS" = "d1 d2 d3" ]
	ha_apply "$D4" "$v1"
	run ours_in "$D4" -R --diff <"$v1"
	[ "$status" -eq 0 ]
	fleet_wait_paths 4 60
	echo "# D4 announces ${ELAPSED}s after its table equals the file" >&3
	long_survive
	c=$(ours_in "$D4" -L -n -c | grep -cE "ESTABLISHED.* 198\.51\.100\.1[0-3]:270[0-9]{2} ")
	echo "# D4 took over $c of the 100 connections, none broken" >&3
	[ "$c" -gt 0 ]
	fleet_long_stop
	fleet_bird_kill 4
	for c in "${TR_PIDS[@]}"; do kill "$c" 2>/dev/null || :; done
	"$NSX" del "$D4"
	fleet_wait_paths 3 60
}
