#!/usr/bin/env bats
# bats-jobs: cost 45
# -L -c --query: every filter and count on a table made by real traffic
# (traffic.bash's NAT cluster), with persistence templates, checked
# against an independent reading of /proc/net/ip_vs_conn (awk, here).
# Without --query, the reference's refusals stay.

load helpers
load traffic

# lab_setup too: the first test compares with the reference (NS_REF).
setup() { tr_setup && lab_setup; }
teardown() { tr_teardown; lab_teardown; }

VIP=203.0.113.10
VIP2=203.0.113.11

# The director's table read by awk: "PROTO SRC VIRT DEST STATE" per entry,
# addresses dotted, ports decimal, templates' state TEMPLATE (client port 0).
proc_entries() {
	at "$D" cat /proc/net/ip_vs_conn | awk '
	function hex(s,   i, n) { n = 0; s = toupper(s)
		for (i = 1; i <= length(s); i++) n = n * 16 + index("0123456789ABCDEF", substr(s, i, 1)) - 1
		return n }
	function ip(s) { return hex(substr(s,1,2)) "." hex(substr(s,3,2)) "." hex(substr(s,5,2)) "." hex(substr(s,7,2)) }
	NR > 1 { st = ($3 == "0000") ? "TEMPLATE" : $8
		print $1, ip($2) ":" hex($3), ip($4) ":" hex($5), ip($6) ":" hex($7), st }' | sort
}

# ours_entries ARGS...: our --query listing in the same shape (the
# expire column dropped: it ticks); templates are those with port 0.
ours_entries() {
	ipv -L -n -c "$@" | awk 'NR > 2 { st = ($4 ~ /:0$/) ? "TEMPLATE" : $3; print $1, $4, $5, $6, st }' | sort
}

# A persistent service on VIP:80 and a plain one on VIP2:80 (a second
# address of the director, NAT to the same web nodes), 3 requests to each
# from the client.
make_table() {
	nat_topology 2
	ipv -A -t $VIP:80 -s rr -p 300
	ipv -a -t $VIP:80 -r 10.0.1.11:80 -m
	ipv -a -t $VIP:80 -r 10.0.1.12:80 -m
	ip -n "$D" addr add $VIP2/24 dev vip0
	ipv -A -t $VIP2:80 -s rr
	ipv -a -t $VIP2:80 -r 10.0.1.11:80 -m
	ipv -a -t $VIP2:80 -r 10.0.1.12:80 -m
	answers "$(fetch "$C" http://$VIP/ 3)"
	expect_same web1 web2
	PINNED=${ANS[0]}
	answers "$(fetch "$C" http://$VIP2/ 3)"
	[[ " ${ANS[*]} " != *" FAIL "* ]]
	ALL=$(proc_entries)
}

# check_filter AWK_COND ARGS...: ours with ARGS against awk's selection.
check_filter() {
	local cond=$1 want got
	shift
	want=$(awk "$cond" <<<"$ALL")
	got=$(ours_entries "$@")
	if [ "$want" != "$got" ]; then
		echo "query $*: want" >&2; echo "$want" >&2; echo "got" >&2; echo "$got" >&2
		return 1
	fi
	[ -n "$want" ] || [ "${EMPTY_OK:-}" = 1 ]
}

@test "query: the reference's refusal stays without --query; the options' own errors" {
	compat_out -L -n -c -t 10.0.0.1:80
	run ours -L -n -c -t 10.0.0.1:80
	[ "$status" -eq 2 ]
	[ "$output" = "The option 'service-address' conflicts with the 'connection' option in the 'list' command" ]
	compat_out -L -n -c -r 10.0.0.1
	run ours -L -n -c --query=client=10.0.0.0/33
	[ "$status" -eq 2 ]
	[ "$output" = "illegal --query client \`10.0.0.0/33': an IPv4 or IPv6 address, with /PREFIX or not" ]
	run ours -L -n --query=state=EST,state=X
	[ "$status" -eq 2 ]
	run ours -L -n --query=color=red
	[ "$status" -eq 2 ]
	run ours -L -n --query --stats
	[ "$status" -eq 2 ]
}

@test "query: service, real server, client, prefix and state filters against /proc" {
	make_table
	check_filter 1 --query
	check_filter '$3 == "203.0.113.10:80"' --query -t $VIP:80
	check_filter '$3 == "203.0.113.11:80"' --query -t $VIP2:80
	check_filter '$4 ~ /^10\.0\.1\.11:/' --query -r 10.0.1.11
	check_filter '$4 == "10.0.1.12:80"' --query -r 10.0.1.12:80
	check_filter '$3 == "203.0.113.11:80" && $4 == "10.0.1.12:80"' --query -t $VIP2:80 -r 10.0.1.12:80
	check_filter '$2 ~ /^203\.0\.113\.50:/' --query=client=203.0.113.50
	check_filter '$2 ~ /^203\.0\.113\./' --query=client=203.0.113.0/24
	EMPTY_OK=1 check_filter '$2 ~ /^198\.51\.100\./' --query=client=198.51.100.0/24
	check_filter '$5 == "TEMPLATE"' --query=state=template
	local st
	st=$(awk '$5 != "TEMPLATE" { print $5; exit }' <<<"$ALL")
	check_filter "\$5 == \"$st\"" --query=state=$st
	check_filter "\$5 == \"$st\" && \$3 == \"203.0.113.10:80\"" --query=state=${st,,},client=203.0.113.50 -t $VIP:80
}

@test "query: where a client goes: its template pins it to the server that answered, with the time left" {
	make_table
	run ipv -L -n -c --query=client=203.0.113.50,state=TEMPLATE -t $VIP:80
	[ "$status" -eq 0 ]
	[ "${#lines[@]}" -eq 3 ]
	local ip=10.0.1.11
	[ "$PINNED" = web2 ] && ip=10.0.1.12
	read -ra f <<<"${lines[2]}"
	[ "${f[3]}" = 203.0.113.50:0 ] && [ "${f[5]}" = $ip:80 ]
	# the persistence timeout counts down from 5:00
	[[ ${f[1]} =~ ^0[45]:[0-9][0-9]$ ]]
	run ipv -L -n -c --query=client=203.0.113.50 -t $VIP:80 --json
	[ "$status" -eq 0 ]
	python3 -c '
import json, sys
d = json.loads(sys.argv[1])
c = d["connections"]
t = [e for e in c if e["template"]]
assert len(t) == 1 and t[0]["destination_address"] == sys.argv[2], t
assert all(0 < e["expire"] <= 300 for e in c), c
assert len(c) == 4, c' "$output" $ip
}

@test "query: counts per real server and state equal awk's" {
	make_table
	local want got
	want=$(awk '{ n[$4 " " $5]++; s[$5]++; a[$4]++; t++ }
		END { for (k in n) print k, n[k]; for (k in s) print "* " k, s[k]
		      for (k in a) print k, "*", a[k]; print "* *", t }' <<<"$ALL" | sort)
	got=$(ipv -L -n -c --query=count | awk 'NR > 2 { print $1, $2, $3 }' | sort)
	[ "$want" = "$got" ] || { echo "want: $want" >&2; echo "got: $got" >&2; false; }
	want=$(awk '$3 == "203.0.113.11:80" { t++ } END { print t }' <<<"$ALL")
	run ipv -L -n -c --query=count -t $VIP2:80 --json
	python3 -c '
import json, sys
d = json.loads(sys.argv[1])
assert d["entries"] == int(sys.argv[2]), d
assert sum(s["entries"] for s in d["servers"]) == d["entries"], d
assert sum(d["states"].values()) == d["entries"], d' "$output" "$want"
}
