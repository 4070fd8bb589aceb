#!/usr/bin/env bats
# bats-jobs: cost 41
# Beyond the reference: --json/--pretty listings (checked with jq against
# our own text listing of the same table, built by the reference), and
# -R --test (a dry run of a restore input).

load helpers

setup_file() {
	build_conn_shim
}

mixed_table() {
	given -A -t 10.0.0.1:80 -s rr
	given -a -t 10.0.0.1:80 -r 192.168.1.2:8080 -m -w 3
	given -a -t 10.0.0.1:80 -r 192.168.1.3 -g -w 0
	given -a -t 10.0.0.1:80 -r 192.168.1.4 -i -x 100 -y 50
	given -A -u 10.0.0.2:53 -s wlc -p 600 -M 255.255.255.0
	given -a -u 10.0.0.2:53 -r 192.168.1.5 -g -w 7
	given -A -f 5 -s sh -b sh-port
	given -a -f 5 -r 192.168.1.6 -g
	given -A -t '[2001:db8::1]:443' -s lc
	given -a -t '[2001:db8::1]:443' -r '[2001:db8::10]:443' -m -w 2
	given -A --sctp-service 10.0.0.3:3868 -s sed
}

# One line per service and real server, from the text listing ...
text_summary() {
	ours -L -n | awk '
		/^(TCP|UDP|SCTP) / { svc = $1 " " $2; print svc " " $3; next }
		/^FWM / { svc = "FWM " $2; print svc " " $3; next }
		/^  -> [0-9[]/ { print svc " -> " $2 " " $3 " " $4 }'
}

# ... and the same from the JSON one.
json_summary() {
	ours -L -n --json "$@" | jq -r '
		def hp: (if .af == "inet6" then "[\(.address)]" else .address end) + ":\(.port)";
		.services[] |
		(if .fwmark then "FWM \(.fwmark)" else "\(.protocol) \(hp)" end) as $s |
		"\($s) \(.scheduler)",
		(.servers[] | "\($s) -> \(hp) \(.forward) \(.weight)")'
}

@test "json: -L -n --json matches the text listing" {
	mixed_table
	local text json
	text=$(text_summary)
	json=$(json_summary)
	[ -n "$text" ]
	if [ "$text" != "$json" ]; then
		diff -u <(echo "$text") <(echo "$json") >&2
		return 1
	fi
	# the same with names not resolved, --pretty, and -l
	[ "$(ours -L --pretty | jq -c .)" = "$(ours -l -n --json | jq -c .)" ]
}

@test "json: counts, fields and types" {
	mixed_table
	local j
	j=$(ours -L -n --json)
	[ "$(jq '.services | length' <<<"$j")" = 5 ]
	[ "$(jq '[.services[].servers[]] | length' <<<"$j")" = 6 ]
	[ "$(jq -r '.version | test("^[0-9]+\\.[0-9]+\\.[0-9]+$")' <<<"$j")" = true ]
	[ "$(jq '.conn_tab_size | type' <<<"$j")" = '"number"' ]
	local u
	u=$(jq -c '.services[] | select(.protocol == "UDP") |
		[.persistent, .timeout, .netmask, .scheduler, .port]' <<<"$j")
	[ "$u" = '[true,600,"255.255.255.0","wlc",53]' ]
	[ "$(jq -c '.services[] | select(.fwmark == 5) | .sched_flags' <<<"$j")" = '["sh-port"]' ]
	[ "$(jq -c '.services[] | select(.port == 80) | .servers[] |
		select(.address == "192.168.1.4") | [.forward, .u_threshold, .l_threshold, .tun_type]' <<<"$j")" = '["Tunnel",100,50,"ipip"]' ]
	[ "$(jq -c '.services[] | select(.af == "inet6") | [.address, .prefix, .servers[0].address]' <<<"$j")" = '["2001:db8::1",128,"2001:db8::10"]' ]
	[ "$(jq -c '.services[] | select(.protocol == "SCTP") | [.address, .port, .servers]' <<<"$j")" = '["10.0.0.3",3868,[]]' ]
	# --stats and --rate: exact integer counters, with or without --exact
	j=$(ours -L -n --json --stats --rate)
	[ "$(jq '[.services[] | .stats.conns, .stats.inbytes, .rate.cps, (.servers[] | .stats.outpkts, .rate.outbps)] | map(type) | unique' <<<"$j" | jq -c .)" = '["number"]' ]
	# the other listing options leave the JSON as it is
	[ "$(ours -L -n --json --thresholds --sort | jq -c .)" = "$(ours -L -n --json | jq -c .)" ]
}

@test "json: one service" {
	mixed_table
	local j
	j=$(ours -L -n -t 10.0.0.1:80 --json)
	[ "$(jq '.services | length' <<<"$j")" = 1 ]
	[ "$(jq -c '.services[0] | [.address, .port, .scheduler, (.servers | length)]' <<<"$j")" = '["10.0.0.1",80,"rr",3]' ]
	j=$(ours -L -f 5 --json --stats)
	[ "$(jq -c '.services[0] | [.fwmark, .stats.conns]' <<<"$j")" = '[5,0]' ]
	run ours -L -t 10.9.9.9:80 --json
	[ "$status" -ne 0 ]
}

@test "json: empty table, --timeout, --daemon" {
	[ "$(ours -L -n --json | jq -c .services)" = '[]' ]
	given --set 901 121 301
	[ "$(ours -L --timeout --json | jq -c .)" = '{"timeouts":{"tcp":901,"tcpfin":121,"udp":301}}' ]
	[ "$(ours -L --daemon --json | jq -c .)" = '{"daemons":[]}' ]
	given --start-daemon master --mcast-interface lo --syncid 7
	local d
	d=$(ours -L --daemon --json | jq -c '.daemons[0] | [.state, .mcast_ifn, .syncid]')
	[ "$d" = '["master","lo",7]' ]
}

@test "json: -c, fixed connection lines" {
	local f=$BATS_TEST_TMPDIR/ip_vs_conn j
	cat >"$f" <<-'C'
	Pro FromIP   FPrt ToIP     TPrt DestIP   DPrt State       Expires PEName PEData
	TCP 0A000001 9E25 0A000001 0050 C0A80102 1F90 ESTABLISHED    899
	UDP 2001:0db8:0000:0000:0000:0000:0000:0001 E225 2001:0db8:0000:0000:0000:0000:0000:0001 0035 2001:0db8:0000:0000:0000:0000:0000:0010 14E9 UDP             260
	UDP 0A000001 13C4 0A000001 13C4 C0A80102 13C4 UDP             62 sip 1234567890abcdef@host
	C
	j=$(FAKE_IP_VS_CONN=$f LD_PRELOAD=$SHIM ASAN_OPTIONS=verify_asan_link_order=0:detect_leaks=0 ours -L -c --json)
	[ "$(jq '.connections | length' <<<"$j")" = 3 ]
	[ "$(jq -c '.connections[0]' <<<"$j")" = '{"protocol":"TCP","expire":899,"state":"ESTABLISHED","af":"inet","client_address":"10.0.0.1","client_port":40485,"virtual_address":"10.0.0.1","virtual_port":80,"destination_address":"192.168.1.2","destination_port":8080}' ]
	[ "$(jq -c '.connections[1] | [.af, .client_address, .destination_port, .expire]' <<<"$j")" = '["inet6","2001:db8::1",5353,260]' ]
	[ "$(jq -c '.connections[2] | [.pe_name, .pe_data]' <<<"$j")" = '["sip","1234567890abcdef@host"]' ]
	# an empty table
	[ "$(ours -L -c --json | jq -c .)" = '{"connections":[]}' ]
}

@test "json: only with -L/-l, and the text listing is unchanged" {
	run ours -A -t 10.0.0.1:80 --json
	[ "$status" = 2 ]
	[ "$output" = "Illegal 'json' option with the 'add-service' command" ]
	run ours -S --pretty
	[ "$status" = 2 ]
	[ "$output" = "Illegal 'pretty' option with the 'save' command" ]
	run ours -L --test
	[ "$status" = 2 ]
	[ "$output" = "Illegal 'test' option with the 'list' command" ]
	mixed_table
	compat_out -L -n
	compat_out -L -n --stats
}

# ---- -R --test ----

@test "restore --test: a good file changes nothing and exits 0" {
	mixed_table
	local before f=$BATS_TEST_TMPDIR/rules
	ours -S -n >"$f"
	echo "-A -t 10.0.0.9:80 -s wrr" >>"$f"
	before=$(ref_in "$NS_OURS" -S -n)
	run ours -R --test <"$f"
	[ "$status" = 0 ]
	[ -z "$output" ]
	[ "$(ref_in "$NS_OURS" -S -n)" = "$before" ]
	# also without any table change on an empty netns
	run ours -C
	run ours -R --test <"$f"
	[ "$status" = 0 ]
	[ -z "$(ours -S -n)" ]
}

@test "restore --test: every bad line is reported with its number" {
	local f=$BATS_TEST_TMPDIR/rules
	cat >"$f" <<-'R'
	-A -t 10.0.0.1:80 -s rr
	-a -t 10.0.0.1:80 -r 192.168.1.2 -w nine
	# a comment
	-A -t 10.0.0.2:80 -s nosuchsched
	-A -u 10.0.0.3:5060 -s rr -p --pe nosuchpe
	-A -t 10.0.0.4
	R
	run ours -R --test <"$f"
	[ "$status" -ne 0 ]
	echo "$output" >&2
	[[ "$output" == *"2: illegal weight specified"* ]]
	[[ "$output" == *"4: scheduler 'nosuchsched' is not available"* ]]
	[[ "$output" == *"5: persistence engine 'nosuchpe' is not available"* ]]
	[[ "$output" == *"6: "* ]]
	! grep -q '^1:' <<<"$output"
	[ -z "$(ours -S -n)" ]
}

@test "restore --test: --test is only for -R" {
	run ours -A -t 10.0.0.1:80 --test
	[ "$status" = 2 ]
	[ "$output" = "Illegal 'test' option with the 'add-service' command" ]
}
