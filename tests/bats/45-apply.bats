#!/usr/bin/env bats
# bats-jobs: cost 152
# -R --apply / -R --diff (only the difference between the live table and a
# rules file) and --drain (weight 0, wait for the active connections to end,
# delete), beyond ipvsadm 1.31.  The first tests use the helpers' two
# namespaces and the reference as the judge of the table; the others run
# live traffic through a NAT cluster (traffic.bash).

load helpers
load traffic

setup() { tr_setup; }
teardown() { tr_teardown; lab_teardown; }

VIP=203.0.113.10
URL=http://203.0.113.10/

# namespaces: the helpers' pair, with a route to the real servers in both
two_namespaces() {
	lab_setup || return 1
	local ns
	for ns in "$NS_REF" "$NS_OURS"; do
		ip -n "$ns" link add d0 type dummy && ip -n "$ns" link set d0 up &&
			ip -n "$ns" addr add 10.0.0.254/16 dev d0 || return 1
	done
	F=$BATS_TEST_TMPDIR
}

# same_tables: -S -n of both namespaces, read by the reference, are equal.
same_tables() {
	local r o
	r=$(ref_in "$NS_REF" -S -n) && o=$(ref_in "$NS_OURS" -S -n) || return 1
	[ "$r" = "$o" ] || { diff <(echo "$r") <(echo "$o") >&2; return 1; }
}

@test "--apply on an empty table gives what -R gives; a second run changes nothing" {
	two_namespaces
	cat >"$F/rules" <<-'EOF'
	-A -t 10.0.0.1:80 -s wrr
	-a -t 10.0.0.1:80 -r 10.0.1.1 -m -w 3 -x 100 -y 10
	-a -t 10.0.0.1:80 -r 10.0.1.2:8080 -m
	-A -u 10.0.0.1:53 -o
	-a -u 10.0.0.1:53 -r 10.0.1.3 -g -w 0
	-A -t 10.0.0.1:443 -s sh -p 300 -M 255.255.255.0 -b sh-port
	-a -t 10.0.0.1:443 -r 10.0.1.1 -i --tun-type gue --tun-port 6080 --tun-csum
	-A -f 7 -s rr -p
	-a -f 7 -r 10.0.1.4
	--set 900 0 60
	EOF
	ref -R <"$F/rules"
	ours -R --apply <"$F/rules"
	same_tables
	[ "$(ref_in "$NS_REF" -L --timeout)" = "$(ref_in "$NS_OURS" -L --timeout)" ]
	run ours -R --diff <"$F/rules"
	[ "$status" = 0 ] && [ "$output" = "" ] || { echo "second diff: $output" >&2; false; }
	ours -R --apply <"$F/rules"
	same_tables
}

@test "--diff prints the change set, the reference's -R accepts it; --apply makes the same table" {
	two_namespaces
	given_rules <<-'EOF'
	-A -t 10.0.0.1:80 -s rr
	-a -t 10.0.0.1:80 -r 10.0.1.1 -m
	-a -t 10.0.0.1:80 -r 10.0.1.2 -m
	-A -t 10.0.0.1:443 -s sh -p 300
	-a -t 10.0.0.1:443 -r 10.0.1.1 -m
	-A -t 10.0.0.2:80 -s rr
	-a -t 10.0.0.2:80 -r 10.0.1.5 -g
	EOF
	cat >"$F/rules" <<-'EOF'
	-A -t 10.0.0.1:80 -s wrr
	-a -t 10.0.0.1:80 -r 10.0.1.1 -m -w 3
	-a -t 10.0.0.1:80 -r 10.0.1.3 -m
	-A -t 10.0.0.1:443 -s sh -p 60
	-a -t 10.0.0.1:443 -r 10.0.1.1 -m
	-A -u 10.0.0.1:53
	-a -u 10.0.0.1:53 -r 10.0.1.3 -m -w 2
	EOF
	run ours_in "$NS_REF" -R --diff <"$F/rules"
	[ "$status" = 1 ]
	local want
	want=$(cat <<-'EOF'
	-E -t 10.0.0.1:80 -s wrr
	-E -t 10.0.0.1:443 -s sh -p 60
	-A -u 10.0.0.1:53 -s wlc
	-e -t 10.0.0.1:80 -r 10.0.1.1:80 -m -w 3
	-a -t 10.0.0.1:80 -r 10.0.1.3:80 -m -w 1
	-a -u 10.0.0.1:53 -r 10.0.1.3:53 -m -w 2
	-d -t 10.0.0.1:80 -r 10.0.1.2:80
	-D -t 10.0.0.2:80
	EOF
	)
	[ "$output" = "$want" ] || { diff <(echo "$want") <(echo "$output") >&2; false; }
	# --diff changed nothing; the reference applies the printed lines
	ref_in "$NS_REF" -S -n >"$F/before"
	ref_in "$NS_OURS" -S -n >"$F/before-ours"
	cmp "$F/before" "$F/before-ours"
	ref -R <<<"$output"
	ours -R --apply <"$F/rules"
	same_tables
	run ours -R --diff <"$F/rules"
	[ "$output" = "" ]
}

@test "--diff exits 0 when the table is the file's, 1 when there are changes, 2 for a bad file" {
	two_namespaces
	given_rules <<-'EOF'
	-A -t 10.0.0.1:80 -s rr
	-a -t 10.0.0.1:80 -r 10.0.1.1 -m
	EOF
	ref_in "$NS_OURS" -S -n >"$F/same"
	run ours -R --diff <"$F/same"
	[ "$status" = 0 ] && [ "$output" = "" ] || { echo "same: $status: $output" >&2; false; }
	sed 's/-w 1/-w 2/' "$F/same" >"$F/changed"
	run ours -R --diff <"$F/changed"
	[ "$status" = 1 ] && [ "$output" = "-e -t 10.0.0.1:80 -r 10.0.1.1:80 -m -w 2" ] ||
		{ echo "changed: $status: $output" >&2; false; }
	printf '%s\n' '-A -t 10.0.0.1:80 -s rr' '-a -t 10.0.0.1:80 -r 10.0.1.1 -w x' '-a -t 10.0.0.1:80 -r 10.0.1.2 -x lots' >"$F/bad"
	run ours -R --diff <"$F/bad"
	[ "$status" = 2 ] && [ "$output" = "2: illegal weight specified
3: illegal u_threshold specified" ] || { echo "bad: $status: $output" >&2; false; }
	same_tables
}

@test "bad options of -R --apply/--diff: a clear error, exit 2, the table unchanged" {
	two_namespaces
	given_rules <<-'EOF'
	-A -t 10.0.0.1:80 -s rr
	-a -t 10.0.0.1:80 -r 10.0.1.1 -m
	EOF
	printf '%s\n' '-A -t 10.0.0.1:80 -s wrr' '-a -t 10.0.0.1:80 -r 10.0.1.2 -m' >"$F/rules"
	local args want
	while IFS='|' read -r args want; do
		# shellcheck disable=SC2086
		run ours -R $args <"$F/rules"
		[ "$status" = 2 ] && [ "$output" = "$want" ] ||
			{ echo "-R $args: status $status: $output" >&2; false; }
		same_tables
	done <<-'EOF'
	--apply --drain=soon|invalid drain timeout `soon' specified
	--apply --diff|The option 'diff' conflicts with the 'apply' option in the 'restore' command
	--apply --json|option --json goes with -R --diff (the change set as JSON)
	--json|option --json goes with -R --diff (the change set as JSON)
	--diff --drain=5|option --drain goes with -R --apply (the servers it removes are drained)
	EOF
}

@test "--apply: a bad line or an impossible file changes nothing; a kernel refusal names the change and rolls back" {
	two_namespaces
	given -A -t 10.0.0.1:80 -s rr
	printf '%s\n' '-A -t 10.0.0.1:80 -s wrr' '-a -t 10.0.0.1:80 -r 10.0.1.1 -w lots' >"$F/bad"
	run ours -R --apply <"$F/bad"
	[ "$status" = 2 ] && [ "$output" = "2: illegal weight specified" ]
	printf '%s\n' '-A -t 10.0.0.1:80 -s wrr' '-a -t 10.0.0.9:80 -r 10.0.1.1' >"$F/bad"
	run ours -R --apply <"$F/bad"
	[ "$status" = 2 ] && [ "$output" = "2: Service not defined" ]
	same_tables
	# a scheduler the kernel lacks: refused like -R --test refuses it
	printf '%s\n' '-A -t 10.0.0.1:80 -s nosuchsched' '-A -t 10.0.0.2:80 -s rr' >"$F/bad"
	run ours -R --apply <"$F/bad"
	[ "$status" = 2 ] &&
		[ "$output" = "1: scheduler 'nosuchsched' is not available in this kernel (no module ip_vs_nosuchsched)" ] ||
		{ echo "status $status: $output" >&2; false; }
	same_tables
	# a kernel refusal (a daemon on an interface the namespace lacks: the
	# file check cannot know) after one change: that change is undone
	printf '%s\n' '-A -t 10.0.0.1:80 -s rr' '-A -t 10.0.0.2:80 -s rr' \
		'--start-daemon master --mcast-interface nosuchif0' >"$F/refused"
	run ours -R --apply <"$F/refused"
	[ "$status" = 255 ] &&
		[[ ${lines[0]} == "--start-daemon master --mcast-interface nosuchif0 --syncid 0: "* ]] &&
		[ "${lines[1]}" = "Rolled back: the 1 change already made was undone; the table is as it was" ] &&
		[ ${#lines[@]} = 2 ] || { echo "status $status: $output" >&2; false; }
	# the other change (sent in the same batch) was undone
	same_tables
}

@test "--diff --json: the change set as JSON, each change with its fields' old and new values" {
	two_namespaces
	given_rules <<-'EOF'
	-A -t 10.0.0.1:80 -s rr
	-a -t 10.0.0.1:80 -r 10.0.1.1 -m
	-a -t 10.0.0.1:80 -r 10.0.1.2 -m
	-A -f 7 -s rr
	--set 900 120 300
	EOF
	cat >"$F/rules" <<-'EOF'
	-A -t 10.0.0.1:80 -s wrr -p 60
	-a -t 10.0.0.1:80 -r 10.0.1.1 -m -w 3
	-A -u [fd00::1]:53 -s rr
	-a -u [fd00::1]:53 -r [fd00::2]:53 -m -w 2
	--set 900 0 60
	EOF
	run ours -R --diff --json <"$F/rules"
	[ "$status" = 1 ] || { echo "status $status: $output" >&2; false; }
	local json=$output
	jq -e . <<<"$json" >/dev/null
	[ "$(jq -r '[.changes[].op] | join(" ")' <<<"$json")" = \
		"edit-service add-service edit-server add-server delete-server delete-service set-timeouts" ]
	[ "$(jq -c '.changes[0]' <<<"$json")" = '{"op":"edit-service","service":{"protocol":"TCP","af":"inet","address":"10.0.0.1","port":80},"rule":"-E -t 10.0.0.1:80 -s wrr -p 60","changed":{"scheduler":{"old":"rr","new":"wrr"},"persistent":{"old":false,"new":true},"timeout":{"new":60},"netmask":{"new":"255.255.255.255"}}}' ]
	[ "$(jq -c '.changes[1].service, .changes[1].changed.scheduler' <<<"$json")" = '{"protocol":"UDP","af":"inet6","address":"fd00::1","port":53}
{"new":"rr"}' ]
	[ "$(jq -c '.changes[2] | .server, .changed' <<<"$json")" = '{"af":"inet","address":"10.0.1.1","port":80}
{"weight":{"old":1,"new":3}}' ]
	[ "$(jq -c '.changes[4] | .rule, .changed.weight' <<<"$json")" = '"-d -t 10.0.0.1:80 -r 10.0.1.2:80"
{"old":1}' ]
	[ "$(jq -c '.changes[5] | .service, .changed.scheduler' <<<"$json")" = '{"af":"inet","fwmark":7}
{"old":"rr"}' ]
	[ "$(jq -c '.changes[6].changed' <<<"$json")" = '{"udp":{"old":300,"new":60}}' ]
	# the rules are the --diff lines; --pretty is the same document
	[ "$(jq -r '.changes[].rule' <<<"$json")" = "$(ours -R --diff <"$F/rules")" ]
	[ "$(ours -R --diff --pretty <"$F/rules" | jq -c .)" = "$(jq -c . <<<"$json")" ]
	# no change: an empty list and status 0
	ours -R --apply <"$F/rules"
	run ours -R --diff --json <"$F/rules"
	[ "$status" = 0 ] && [ "$output" = '{"changes":[]}' ] || { echo "status $status: $output" >&2; false; }
}

# random_rules SEED: a random table of a few services and servers (a
# subshell: it seeds RANDOM).
random_rules() (
	RANDOM=$1
	local s r n sched
	for ((s = 1; s <= 5; s++)); do
		[ $((RANDOM % 4)) = 0 ] && continue
		sched=rr
		[ $((RANDOM % 2)) = 0 ] && sched=wrr
		[ $((RANDOM % 3)) = 0 ] && sched+=" -p 60"
		echo "-A -t 10.0.0.$s:80 -s $sched"
		n=$((RANDOM % 4))
		for ((r = 1; r <= n; r++)); do
			echo "-a -t 10.0.0.$s:80 -r 10.0.1.$((RANDOM % 5 + 1)):80 -m -w $((RANDOM % 3))"
		done
	done | awk '!seen[$1 $3 $5]++'
)

@test "--diff --json of random tables: applying the changes' rules reaches the file's table" {
	two_namespaces
	local i
	for ((i = 1; i <= 12; i++)); do
		random_rules $((i * 7)) >"$F/live"
		random_rules $((i * 7 + 3)) >"$F/file"
		ref -C && ref -R <"$F/live"
		ref_in "$NS_OURS" -C && ref_in "$NS_OURS" -R <"$F/live"
		ours -R --apply <"$F/file"
		run ours_in "$NS_REF" -R --diff --json <"$F/file"
		[ "$status" -le 1 ] || { echo "round $i: status $status: $output" >&2; false; }
		jq -r '.changes[].rule' <<<"$output" >"$F/rules"
		ref -R <"$F/rules"
		same_tables || { echo "round $i: $(cat "$F/live") => $(cat "$F/file")" >&2; false; }
	done
}

@test "ipvsadm-restore --diff and --apply; plain ipvsadm-restore still clears first" {
	two_namespaces
	given_rules <<-'EOF'
	-A -t 10.0.0.1:80 -s rr
	-a -t 10.0.0.1:80 -r 10.0.1.1 -m
	EOF
	printf '%s\n' '# new weight' '-A -t 10.0.0.1:80 -s rr' '-a -t 10.0.0.1:80 -r 10.0.1.1 -m -w 4' >"$F/rules"
	local restore="$REPO/save_restore/ipvsadm-restore"
	run env IPVSADM_BIN="$IPVSADM" nsenter --net="/run/netns/$NS_OURS" "$restore" --diff <"$F/rules"
	[ "$status" = 1 ] && [ "$output" = "-e -t 10.0.0.1:80 -r 10.0.1.1:80 -m -w 4" ] || { echo "$status: $output" >&2; false; }
	IPVSADM_BIN="$IPVSADM" nsenter --net="/run/netns/$NS_OURS" "$restore" --apply <"$F/rules"
	ref -e -t 10.0.0.1:80 -r 10.0.1.1 -m -w 4
	same_tables
	run env IPVSADM_BIN="$IPVSADM" nsenter --net="/run/netns/$NS_OURS" "$restore" --diff <"$F/rules"
	[ "$output" = "" ]
	echo '-A -t 10.0.0.5:80 -s rr' >"$F/other"
	IPVSADM_BIN="$IPVSADM" nsenter --net="/run/netns/$NS_OURS" "$restore" <"$F/other"
	[ "$(ref_in "$NS_OURS" -S -n)" = "-A -t 10.0.0.5:80 -s rr" ]
}

@test "--drain: no active connection: deleted at once; unknown server or service: -d's words" {
	two_namespaces
	given_rules <<-'EOF'
	-A -t 10.0.0.1:80 -s rr
	-a -t 10.0.0.1:80 -r 10.0.1.1 -m -w 5
	-a -t 10.0.0.1:80 -r 10.0.1.2 -m
	EOF
	ours --drain -t 10.0.0.1:80 -r 10.0.1.1
	ref -d -t 10.0.0.1:80 -r 10.0.1.1
	same_tables
	run ours --drain=5 -t 10.0.0.1:80 -r 10.0.1.9
	[ "$status" = 255 ] && [ "$output" = "No such destination" ]
	run ours --drain -t 10.0.0.9:80 -r 10.0.1.2
	[ "$status" = 255 ] && [ "$output" = "Service not defined" ]
	run ours --drain -t 10.0.0.1:80
	[ "$status" = 2 ] && [ "$output" = "You need to supply the 'real-server' option for the 'drain-server' command" ]
}

# ---------------------------------------------------------------- live traffic

# hold_cgi: /cgi-bin/hold on every web node: answers "NAME LINE" for the
# line the client posts, however late it comes.
hold_cgi() {
	local d
	for d in "$TR_DIR"/www-web*; do
		printf '%s\n' '#!/bin/sh' "printf 'Content-Type: text/plain\r\n\r\n'" \
			'read -r line' "echo ${d##*www-} \"\$line\"" >"$d/cgi-bin/hold"
		chmod +x "$d/cgi-bin/hold"
	done
}

# hold_open NAME: a client connection through the VIP that stays open: a
# POST to /cgi-bin/hold whose body hold_answer NAME sends later; then
# ANSWER is the last line of the reply ("webN again").  (busybox httpd
# gives up on a connection without its request headers after 60 s.)
hold_open() {
	local d=$TR_DIR/hold-$1 end
	mkdir -p "$d"
	[ -e "$TR_DIR/www-web1/cgi-bin/hold" ] || hold_cgi
	bg "$C" bash -c 'exec 5<>/dev/tcp/203.0.113.10/80 || exit 1
		printf "POST /cgi-bin/hold HTTP/1.0\r\nContent-Length: 6\r\n\r\n" >&5
		: >"$1/open"
		while [ ! -e "$1/go" ]; do sleep 0.1; done
		printf "again\n" >&5
		cat <&5 >"$1/reply"
		: >"$1/done"' _ "$d"
	# (bounds by the clock: a loaded lab stretches every step)
	for ((end = SECONDS + 30; SECONDS < end; )); do [ -e "$d/open" ] && return 0; sleep 0.1; done
	echo "hold_open: no connection" >&2
	return 1
}

hold_answer() {
	local d=$TR_DIR/hold-$1 end l
	: >"$d/go"
	for ((end = SECONDS + 30; SECONDS < end; )); do [ -e "$d/done" ] && break; sleep 0.1; done
	ANSWER=
	while IFS= read -r l; do ANSWER=$l; done <"$d/reply"
}

# held_dest [RIP]: HELD = the real server of an ESTABLISHED connection
# through the VIP (to RIP if given); waits until IPVS lists one.
held_dest() {
	local end l f out
	for ((end = SECONDS + 30; ; )); do
		out=$(ipv -L -n -c)
		HELD=
		while IFS= read -r l; do
			read -ra f <<<"$l"
			[ "${f[2]:-}" = ESTABLISHED ] && [ "${f[4]}" = $VIP:80 ] &&
				[ "${1:-${f[5]}}" = "${f[5]}" ] && HELD=${f[5]}
		done <<<"$out"
		[ -n "$HELD" ] && return 0
		[ $SECONDS -lt $end ] || break
		sleep 0.2
	done
	echo "no ESTABLISHED connection:" >&2; printf '%s\n' "$out" >&2
	return 1
}

# vip_conns N: until -L -n --stats shows N connections for the VIP (the
# kernel copies the counters every 2 s).
vip_conns() {
	local end out
	for ((end = SECONDS + 20; ; )); do
		out=$(ipv -L -n --stats)
		row "$out" $VIP:80 && [ "${ROW[2]}" = "$1" ] && return 0
		[ $SECONDS -lt $end ] || break
		sleep 0.5
	done
	echo "--stats never showed $1 connections:" >&2; printf '%s\n' "$out" >&2
	return 1
}

@test "live: --apply of a changed file keeps the open connection and the counters; a second --apply changes nothing" {
	nat_topology 3
	cat >"$TR_DIR/a" <<-EOF
	-A -t $VIP:80 -s rr
	-a -t $VIP:80 -r 10.0.1.11:80 -m
	-a -t $VIP:80 -r 10.0.1.12:80 -m
	EOF
	ipv -R --apply <"$TR_DIR/a"
	hold_open one
	held_dest
	local held=$HELD other node
	[ "$held" = 10.0.1.11:80 ] && other=10.0.1.12:80 || other=10.0.1.11:80
	node=web${held:8:1}
	answers "$(fetch "$C" $URL 2)"
	[ "$(count FAIL)" = 0 ]
	vip_conns 3
	# wrr, the held node's weight 3, the other node gone, web3 added with 1
	cat >"$TR_DIR/b" <<-EOF
	-A -t $VIP:80 -s wrr
	-a -t $VIP:80 -r $held -m -w 3
	-a -t $VIP:80 -r 10.0.1.13:80 -m -w 1
	EOF
	run ipv -R --diff <"$TR_DIR/b"
	[ "$output" = "-E -t $VIP:80 -s wrr
-e -t $VIP:80 -r $held -m -w 3
-a -t $VIP:80 -r 10.0.1.13:80 -m -w 1
-d -t $VIP:80 -r $other" ] || { echo "$output" >&2; false; }
	ipv -R --apply <"$TR_DIR/b"
	# edited in place: the service keeps its counters (a new one starts at 0)
	row "$(ipv -L -n --stats)" $VIP:80
	[ "${ROW[2]}" -ge 3 ] || { echo "the service's counters were reset: ${ROW[*]}" >&2; false; }
	# the held connection is still listed and still answers
	held_dest "$held"
	answers "$(fetch "$C" $URL 4)"
	expect_counts "$node=3" web3=1
	local before
	before=$(ipv -S -n)
	run ipv -R --diff <"$TR_DIR/b"
	[ "$status" = 0 ] && [ "$output" = "" ] || { echo "second diff: $output" >&2; false; }
	ipv -R --apply <"$TR_DIR/b"
	[ "$(ipv -S -n)" = "$before" ]
	# back to the first file while a client sends requests: none fails
	local f=$TR_DIR/answers n
	loop_start "$C" $URL "$f"
	wait_lines "$f" 3
	ipv -R --apply <"$TR_DIR/a"
	mapfile -t ANS <"$f"; n=${#ANS[@]}
	wait_lines "$f" $((n + 4))
	loop_stop
	answers "$(<"$f")"
	[ "$(count FAIL)" = 0 ] || { echo "requests failed during --apply" >&2; show; false; }
	held_dest "$held"
	hold_answer one
	[ "$ANSWER" = "$node again" ] || { echo "held connection answered '$ANSWER', expected $node" >&2; cat "$TR_DIR/hold-one/reply" >&2; false; }
}

# drain_setup: a NAT rr cluster of two, one connection held open through
# the VIP; HELD names the real server that holds it.
drain_setup() {
	nat_topology 2
	ipv -R --apply <<-EOF
	-A -t $VIP:80 -s rr
	-a -t $VIP:80 -r 10.0.1.11:80 -m -w 2
	-a -t $VIP:80 -r 10.0.1.12:80 -m
	EOF
	hold_open one
	held_dest
}

@test "live: --drain waits while a connection is open, deletes once it closes" {
	drain_setup
	local held=$HELD node=web${HELD:8:1} pid out
	ipv --drain=60 -t $VIP:80 -r "$held" &
	pid=$!
	TR_PIDS+=("$pid")
	# the drain has begun (weight 0: 30 s at most, by the clock), and it
	# still goes on 1.5 s later (it checks every half second)
	local end=$((SECONDS + 30))
	while out=$(ipv -L -n); row "$out" "$held" && [ "${ROW[3]}" != 0 ] &&
		[ $SECONDS -lt $end ]; do
		sleep 0.2
	done
	sleep 1.5
	kill -0 "$pid" || { echo "--drain ended with a connection open" >&2; false; }
	[ "${ROW[3]}" = 0 ] && [ "${ROW[4]}" = 1 ] || { echo "$out" >&2; false; }
	# no new connection for the draining node
	answers "$(fetch "$C" $URL 3)"
	[ "$(count "$node")" = 0 ] && [ "$(count FAIL)" = 0 ] || { show; false; }
	kill -0 "$pid"
	hold_answer one
	[ "$ANSWER" = "$node again" ]
	local status=0
	wait "$pid" || status=$?
	[ "$status" = 0 ]
	out=$(ipv -L -n)
	[[ $out != *"$held"* ]] || { echo "$out" >&2; false; }
}

@test "live: --drain on a terminal shows its progress on stderr and erases it; off a terminal, nothing" {
	drain_setup
	local held=$HELD out status=0
	# script(1) gives the command a terminal and copies what it writes
	out=$(script -qec "$NSX run $D $IPVSADM ipvsadm --drain=1 -t $VIP:80 -r $held" /dev/null) || status=$?
	[ "$status" = 1 ] || { echo "status $status: $out" >&2; false; }
	local erase=$'\r\e[K'
	[[ $out == "${erase}Draining $held: 1 active connection, 0 s of 1${erase}Draining $held: 1 active connection, 1 s of 1${erase}Drain timed out: $held still has 1 active connection after 1 s; it stays with weight 0"* ]] ||
		{ printf '%q\n' "$out" >&2; false; }
	# the same command off a terminal: only the final message (see below)
	run ipv --drain=1 -t $VIP:80 -r "$held"
	[ "$status" = 1 ] && [[ $output != *Draining* ]]
}

@test "live: --drain=1 with a connection open times out, exits 1, leaves weight 0" {
	drain_setup
	local held=$HELD node=web${HELD:8:1} t0 out
	t0=$SECONDS
	run ipv --drain=1 -t $VIP:80 -r "$held"
	[ "$status" = 1 ] &&
		[ "$output" = "Drain timed out: $held still has 1 active connection after 1 s; it stays with weight 0" ] ||
		{ echo "status $status: $output" >&2; false; }
	[ $((SECONDS - t0)) -ge 1 ]
	out=$(ipv -L -n)
	row "$out" "$held"
	[ "${ROW[3]}" = 0 ] && [ "${ROW[4]}" = 1 ] || { echo "$out" >&2; false; }
	hold_answer one
	[ "$ANSWER" = "$node again" ]
}

@test "live: a change the kernel refuses rolls the whole apply back; the held connection still answers" {
	nat_topology 2
	ipv -R --apply <<-EOF
	-A -t $VIP:80 -s rr
	-a -t $VIP:80 -r 10.0.1.11:80 -m
	-a -t $VIP:80 -r 10.0.1.12:80 -m
	--set 900 120 300
	EOF
	hold_open one
	held_dest
	local held=$HELD node=web${HELD:8:1} before timeouts
	before=$(ipv -S -n) timeouts=$(ipv -L --timeout)
	# every kind of change, then a daemon on an interface this namespace
	# lacks: the file check cannot know, the kernel refuses it last
	cat >"$TR_DIR/b" <<-EOF
	-A -t $VIP:80 -s wrr
	-a -t $VIP:80 -r $held -m -w 3
	-a -t $VIP:80 -r 10.0.1.13:80 -m
	-A -t $VIP:8080 -s rr
	-a -t $VIP:8080 -r 10.0.1.12:80 -m
	--set 100 10 20
	--start-daemon master --mcast-interface nosuchif0
	EOF
	run ipv -R --apply <"$TR_DIR/b"
	[ "$status" = 255 ] || { echo "status $status: $output" >&2; false; }
	[[ ${lines[0]} == "--start-daemon master --mcast-interface nosuchif0 --syncid 0: "* ]] &&
		[ "${lines[1]}" = "Rolled back: the 7 changes already made were undone; the table is as it was" ] &&
		[ ${#lines[@]} = 2 ] || { echo "$output" >&2; false; }
	[ "$(ipv -S -n)" = "$before" ] || { diff <(echo "$before") <(ipv -S -n) >&2; false; }
	[ "$(ipv -L --timeout)" = "$timeouts" ]
	[ "$(ipv -L --daemon)" = "" ]
	answers "$(fetch "$C" $URL 2)"
	[ "$(count FAIL)" = 0 ]
	held_dest "$held"
	hold_answer one
	[ "$ANSWER" = "$node again" ] || { echo "held connection answered '$ANSWER'" >&2; false; }
}

@test "live: --apply --drain=20 applies the other changes at once, waits for the held connection, then deletes" {
	drain_setup
	local held=$HELD node=web${HELD:8:1} other pid out
	[ "$held" = 10.0.1.11:80 ] && other=10.0.1.12:80 || other=10.0.1.11:80
	printf '%s\n' "-A -t $VIP:80 -s wrr" "-a -t $VIP:80 -r $other -m -w 4" >"$TR_DIR/c"
	ipv -R --apply --drain=20 <"$TR_DIR/c" &
	pid=$!
	TR_PIDS+=("$pid")
	# the other changes are made at once (30 s at most, by the clock), and
	# the drain still goes on 1.5 s later
	local want end=$((SECONDS + 30))
	want=$(printf '%s\n' "-A -t $VIP:80 -s wrr" "-a -t $VIP:80 -r $held -m -w 0" \
		"-a -t $VIP:80 -r $other -m -w 4" | sort)
	while out=$(ipv -S -n | sort); [ "$out" != "$want" ] && [ $SECONDS -lt $end ]; do
		sleep 0.2
	done
	sleep 1.5
	kill -0 "$pid" || { echo "--apply --drain ended with a connection open" >&2; false; }
	[ "$out" = "$want" ] || { echo "$out" >&2; false; }
	hold_answer one
	[ "$ANSWER" = "$node again" ]
	local status=0
	wait "$pid" || status=$?
	[ "$status" = 0 ]
	[ "$(ipv -S -n)" = "-A -t $VIP:80 -s wrr
-a -t $VIP:80 -r $other -m -w 4" ]
}

@test "live: --apply --drain=1 with the connection kept open exits 1 and leaves weight 0; off a terminal, no progress" {
	drain_setup
	local held=$HELD node=web${HELD:8:1} other
	[ "$held" = 10.0.1.11:80 ] && other=10.0.1.12:80 || other=10.0.1.11:80
	printf '%s\n' "-A -t $VIP:80 -s rr" "-a -t $VIP:80 -r $other -m -w 1" >"$TR_DIR/c"
	run ipv -R --apply --drain=1 <"$TR_DIR/c"
	[ "$status" = 1 ] &&
		[ "$output" = "Drain timed out: $held still has 1 active connection after 1 s; it stays with weight 0" ] ||
		{ echo "status $status: $output" >&2; false; }
	row "$(ipv -L -n)" "$held"
	[ "${ROW[3]}" = 0 ] && [ "${ROW[4]}" = 1 ] || { ipv -L -n >&2; false; }
	# the next apply finds only the server to remove
	[ "$(ipv -R --diff <"$TR_DIR/c")" = "-d -t $VIP:80 -r $held" ]
	hold_answer one
	[ "$ANSWER" = "$node again" ]
}
