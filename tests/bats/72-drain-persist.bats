#!/usr/bin/env bats
# bats-jobs: cost 46
# --drain of a server of a persistent service (-p 600): weight 0 alone
# keeps a returning client on it for as long as its persistence template
# lives (1.31's way, the negative control); --drain lets the templates go
# (expire_quiescent_template for the drain's time) and finishes.  And
# --drain-expire: when the limit passes, the server goes all the same with
# expire_nodest_conn set, where plain --drain says what keeps it busy.

load helpers
load traffic

setup() { tr_setup; }
teardown() { tr_teardown; }

VIP=203.0.113.10
URL=http://203.0.113.10/

# ip of web node NAME (web1 -> 10.0.1.11)
web_ip() { echo "10.0.1.1${1#web}"; }

# answers_from FILE N: ANS = the answers of FILE from line N+1 on
answers_from() { mapfile -t ANS < <(tail -n +"$(($2 + 1))" "$1"); }

lines_of() { local a; mapfile -t a <"$1"; echo "${#a[@]}"; }

@test "persistent service: weight 0 keeps the client; --drain moves it and finishes in time, no request lost" {
	nat_topology 2
	ipv -A -t $VIP:80 -s rr -p 600
	ipv -a -t $VIP:80 -r 10.0.1.11:80 -m
	ipv -a -t $VIP:80 -r 10.0.1.12:80 -m
	local log=$TR_DIR/answers n0 sticky other t0 t1
	loop_start "$C" "$URL" "$log"
	wait_lines "$log" 3
	answers_from "$log" 0
	expect_same web1 web2
	sticky=${ANS[0]}
	[ "$sticky" = web1 ] && other=web2 || other=web1
	# the negative control: weight 0 alone, the template keeps the client
	ipv -e -t $VIP:80 -r "$(web_ip "$sticky")":80 -m -w 0
	n0=$(lines_of "$log")
	wait_lines "$log" $((n0 + 6))
	answers_from "$log" "$n0"
	expect_same "$sticky"
	[ "$(at "$D" cat /proc/sys/net/ipv4/vs/expire_quiescent_template)" = 0 ]
	# --drain: the client moves on and the server goes, well within 60 s
	t0=$SECONDS
	run ipv --drain=60 -t $VIP:80 -r "$(web_ip "$sticky")":80
	t1=$SECONDS
	echo "drain: status $status after $((t1 - t0)) s: $output" >&2
	[ "$status" = 0 ]
	[ $((t1 - t0)) -lt 60 ]
	[[ $output == *"expire_quiescent_template=1"* ]]
	n0=$(lines_of "$log")
	wait_lines "$log" $((n0 + 3))
	loop_stop
	answers_from "$log" "$n0"
	expect_same "$other"
	answers_from "$log" 0
	[ "$(count FAIL)" = 0 ] || { show; false; }
	! ipv -L -n | grep -q "$(web_ip "$sticky"):80"
	# the namespace's setting is as it was
	[ "$(at "$D" cat /proc/sys/net/ipv4/vs/expire_quiescent_template)" = 0 ]
}

@test "--drain with a connection that stays: says what keeps it; --drain-expire removes the server anyway" {
	nat_topology 2
	ipv -A -t $VIP:80 -s rr -p 60
	ipv -a -t $VIP:80 -r 10.0.1.11:80 -m
	# a connection that stays open (httpd waits 60 s for its request)
	bg "$C" bash -c 'exec 5<>/dev/tcp/203.0.113.10/80 && sleep 50'
	local i
	for ((i = 0; i < 50; i++)); do
		ipv -L -n -c | grep -q ESTABLISHED && break
		sleep 0.2
	done
	run ipv --drain=1 -t $VIP:80 -r 10.0.1.11:80
	echo "$output" >&2
	[ "$status" = 1 ]
	[[ $output == *"10.0.1.11:80 still has 1 active connection after 1 s; it stays with weight 0"* ]]
	[[ $output == *"10.0.1.11:80: 1 active, 0 inactive connections, 1 persistence template"* ]]
	ipv -L -n | grep -q "10.0.1.11:80 *Masq *0 *1"
	run ipv --drain=1 --drain-expire -t $VIP:80 -r 10.0.1.11:80
	echo "$output" >&2
	[ "$status" = 0 ]
	[[ $output == *"expire_nodest_conn=1 in this network namespace (was 0)"* ]]
	[[ $output == *"10.0.1.11:80 deleted after 1 s with 1 active connection, expired"* ]]
	! ipv -L -n | grep -q "10.0.1.11:80"
	[ "$(at "$D" cat /proc/sys/net/ipv4/vs/expire_nodest_conn)" = 1 ]
	run ipv -L --drain-expire
	[ "$status" = 2 ] && [ "$output" = "Illegal 'drain-expire' option with the 'list' command" ]
}
