#!/usr/bin/env bats
# bats-jobs: cost 194
# bats-jobs: waits
# (about 3 minutes, mostly waiting for VRRP and the preempt delay: the
# guest's CPUs are busy for about a quarter of it, so it runs in a worker
# of its own beside the two that keep the CPUs busy; see bats-jobs)
# High availability: two LVS-DR directors with keepalived's VRRP moving the
# VIP and the kernel's sync daemons (started with our ipvsadm) copying
# connections, so that a director can fail, and come back, under traffic
# without dropping an established connection.  The network, the services and
# the helpers are in ha.bash; the table comes from one rules file applied
# with our `ipvsadm -R --apply` on both directors.

load helpers
load traffic
load ha

setup_file() {
	command -v keepalived >/dev/null || {
		echo "keepalived is not installed (scripts/deps installs it)" >&2
		return 1
	}
}

setup() { tr_setup; }
teardown() {
	tr_teardown
	if [ "$BATS_TEST_COMPLETED" != 1 ] && [ -n "${TR_DIR:-}" ]; then
		local f
		for f in "$TR_DIR"/keepalived-*.log; do
			[ -e "$f" ] && { echo "--- $f"; cat "$f"; }
		done >&2
	fi
}

URL=http://$HA_VIP/

# The rules file both directors load: web on :80 and echo on :7, direct
# routing to R1 and R2.
rules_v1() {
	cat <<-EOF
	-A -t $HA_VIP:80 -s rr
	-a -t $HA_VIP:80 -r 192.0.2.11:80 -g -w 1
	-a -t $HA_VIP:80 -r 192.0.2.12:80 -g -w 1
	-A -t $HA_VIP:7 -s rr
	-a -t $HA_VIP:7 -r 192.0.2.11:7 -g -w 1
	-a -t $HA_VIP:7 -r 192.0.2.12:7 -g -w 1
	EOF
}

# ha_pair N: the topology with N real servers, rules_v1 applied on both
# directors, both sync daemons on both, keepalived on D1 (until it holds
# the VIP) and then on D2.
ha_pair() {
	ha_topology "$1"
	rules_v1 >"$(ha_rules v1)"
	ha_apply "$D1" "$(ha_rules v1)"
	ha_apply "$D2" "$(ha_rules v1)"
	ha_sync_start "$D1"
	ha_sync_start "$D2"
	ha_keepalived_start "$D1" 150
	ha_wait_vip d1 30
	ha_keepalived_start "$D2" 100
	# D2 settles as backup: D1 keeps the VIP
	sleep 3
	ha_vip_holder
	[ "$HOLDER" = d1 ] || { echo "VIP on '$HOLDER' after D2's keepalived started" >&2; false; }
}

# daemons_are NS: -L --daemon shows exactly the two daemons ha_sync_start
# started, as the reference prints them.
daemons_are() {
	local out ref
	out=$(ours_in "$1" -L --daemon)
	ref=$(ref_in "$1" -L --daemon)
	[ "$out" = "$ref" ] || { diff <(echo "$ref") <(echo "$out") >&2; return 1; }
	# (the kernel adds its defaults: maxlen, group, port, ttl)
	[[ $out == "master sync daemon (mcast=eth0, syncid=$HA_SYNCID,"*")
backup sync daemon (mcast=eth0, syncid=$HA_SYNCID,"*")" ]] || { echo "${1##*-} -L --daemon: $out" >&2; return 1; }
}

# switch_ok FILE FAILED MOVED: the short requests' answers.  FAILED is the
# count when the director failed, MOVED when the other one held the VIP.
# The one in flight then may fail (its SYNs went to the dead director, or
# its address stayed unresolved); every later one must succeed, at least 8,
# going strictly round real1 and real2: the new director balances them.
switch_ok() {
	local i fails=0
	answers "$(<"$1")"
	for ((i = $2; i <= $3 && i < ${#ANS[@]}; i++)); do
		[ "${ANS[i]}" = FAIL ] && fails=$((fails + 1))
	done
	echo "# $fails request(s) failed during the switch" >&3
	ANS=("${ANS[@]:$3 + 1}")
	[ ${#ANS[@]} -ge 8 ] || { echo "only ${#ANS[@]} answers after the switch" >&2; show; return 1; }
	[ "$(count FAIL)" = 0 ] || { echo "requests failed after the switch" >&2; show; return 1; }
	expect_cycle real1 real2
}

@test "failover and back: the long connection keeps its real server; short requests balanced" {
	ha_pair 2
	daemons_are "$D1"
	daemons_are "$D2"

	local f=$TR_DIR/answers n m
	loop_start "$C" $URL "$f"
	talker_open a
	local server=$TALK_SERVER peer=$TALK_PEER
	# the standby holds a copy of the connection: same real server, established
	ha_wait_conn "$D2" "$peer" 20
	[ "${CONN[2]}" = ESTABLISHED ] && [ "${CONN[4]}" = $HA_VIP:7 ] &&
		[ "${CONN[5]}" = "192.0.2.1${server#real}:7" ] || { echo "D2: ${CONN[*]} (talker on $server)" >&2; false; }
	wait_lines "$f" 6
	answers "$(<"$f")"
	[ "$(count FAIL)" = 0 ] || { show; false; }

	# D1 fails: its link goes down, its adverts stop, D2 takes the VIP
	# after three missed adverts
	mapfile -t ANS <"$f"; n=${#ANS[@]}
	ip -n "$D1" link set eth0 down
	ha_wait_vip d2 20
	mapfile -t ANS <"$f"; m=${#ANS[@]}
	echo "# D2 holds the VIP ${ELAPSED} s after D1's link went down" >&3
	talker_kept a "$server" "$peer"
	wait_lines "$f" $((m + 10))
	switch_ok "$f" "$n" "$m"
	daemons_are "$D2"

	# a second long connection, scheduled by D2 while D1 is away
	talker_open b
	local server_b=$TALK_SERVER peer_b=$TALK_PEER

	# D1 comes back: keepalived waits preempt_delay before it takes the VIP
	# back, time for D2's sync to refresh b's copy on D1
	local back=$EPOCHREALTIME
	mapfile -t ANS <"$f"; n=${#ANS[@]}
	ip -n "$D1" link set eth0 up
	ha_wait_conn "$D1" "$peer_b" $((HA_PREEMPT_DELAY + 10))
	[ "${CONN[5]}" = "192.0.2.1${server_b#real}:7" ] || { echo "D1: ${CONN[*]} (talker b on $server_b)" >&2; false; }
	ha_wait_vip d1 $((HA_PREEMPT_DELAY + 30))
	mapfile -t ANS <"$f"; m=${#ANS[@]}
	local took
	took=$(ha_since "$back")
	echo "# D1 took the VIP back ${took} s after its link came up" >&3
	# not before the preempt delay (without it: about a second)
	[ "${took%.*}" -ge $((HA_PREEMPT_DELAY - 3)) ] || { echo "D1 took the VIP back after $took s" >&2; false; }
	daemons_are "$D1"

	talker_kept a "$server" "$peer"
	talker_kept b "$server_b" "$peer_b"
	wait_lines "$f" $((m + 10))
	loop_stop
	switch_ok "$f" "$n" "$m"
	talker_stop a
	talker_stop b
}

@test "stopping keepalived on the active director: the VIP moves, the connection carries on" {
	ha_pair 2
	local f=$TR_DIR/answers n m
	loop_start "$C" $URL "$f"
	talker_open a
	local server=$TALK_SERVER peer=$TALK_PEER
	ha_wait_conn "$D2" "$peer" 20
	mapfile -t ANS <"$f"; n=${#ANS[@]}
	# keepalived leaves with a priority-0 advert: D2 does not wait for
	# three missed adverts (under a loaded lab it still takes seconds)
	kill "$KA_PID_d1"
	ha_wait_vip d2 20
	mapfile -t ANS <"$f"; m=${#ANS[@]}
	echo "# D2 holds the VIP ${ELAPSED} s after D1's keepalived was stopped" >&3
	talker_kept a "$server" "$peer"
	wait_lines "$f" $((m + 10))
	loop_stop
	switch_ok "$f" "$n" "$m"
	talker_stop a
}

# diff_status NS FILE WANT: -R --diff on NS against FILE exits WANT, with
# changes printed (1) or nothing printed (0).
diff_status() {
	local out st=0
	out=$(ours_in "$1" -R --diff <"$2") || st=$?
	if [ "$st" != "$3" ] || { [ "$3" = 0 ] && [ -n "$out" ]; } ||
		{ [ "$3" = 1 ] && [ -z "$out" ]; }; then
		echo "-R --diff in $1: status $st (want $3), changes: $out" >&2
		return 1
	fi
}

@test "fleet: a changed rules file applied with -R --apply on the standby, then the active, under traffic" {
	ha_pair 3
	local v2 f=$TR_DIR/answers n out
	v2=$(ha_rules v2)
	# wrr, R3 added with weight 2, the echo service unchanged
	cat >"$v2" <<-EOF
	-A -t $HA_VIP:80 -s wrr
	-a -t $HA_VIP:80 -r 192.0.2.11:80 -g -w 1
	-a -t $HA_VIP:80 -r 192.0.2.12:80 -g -w 1
	-a -t $HA_VIP:80 -r 192.0.2.13:80 -g -w 2
	-A -t $HA_VIP:7 -s rr
	-a -t $HA_VIP:7 -r 192.0.2.11:7 -g -w 1
	-a -t $HA_VIP:7 -r 192.0.2.12:7 -g -w 1
	EOF
	loop_start "$C" $URL "$f"
	talker_open a
	local server=$TALK_SERVER peer=$TALK_PEER
	wait_lines "$f" 4

	# the standby first: nothing changes on the active one
	diff_status "$D2" "$v2" 1
	ha_apply "$D2" "$v2"
	diff_status "$D2" "$v2" 0
	diff_status "$D1" "$(ha_rules v1)" 0
	mapfile -t ANS <"$f"; n=${#ANS[@]}
	wait_lines "$f" $((n + 6))

	# then the active one, under traffic
	ha_apply "$D1" "$v2"
	mapfile -t ANS <"$f"; n=${#ANS[@]}
	wait_lines "$f" $((n + 12))
	loop_stop
	answers "$(<"$f")"
	[ "$(count FAIL)" = 0 ] || { echo "requests failed while the rules changed" >&2; show; false; }
	[ "$(count real3)" != 0 ] || { echo "real3 never answered" >&2; show; false; }

	# both directors hold the same table, the one of the file
	local t1 t2
	t1=$(ours_in "$D1" -S -n)
	t2=$(ours_in "$D2" -S -n)
	[ "$t1" = "$t2" ] || { diff <(echo "$t1") <(echo "$t2") >&2; false; }
	diff_status "$D1" "$v2" 0
	# the file names no daemon: both kept theirs
	daemons_are "$D1"
	daemons_are "$D2"
	# wrr 1:1:2, two whole rounds
	answers "$(fetch "$C" $URL 8)"
	expect_counts real1=2 real2=2 real3=4
	# the long connection never noticed
	talker_kept a "$server" "$peer" 2
	talker_stop a
}
