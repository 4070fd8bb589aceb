#!/usr/bin/env bats
# bats-jobs: cost 20
# -L --metrics: the Prometheus text format, accepted by promtool, with
# every kind of service (TCP, UDP, fwmark, IPv6), written the way the
# systemd unit writes it and scraped through Debian's node_exporter.

load helpers

# A table with each kind of service, one without any real server and one
# whose only server has weight 0, and a master sync daemon.
make_table() {
	ours -A -t 10.0.0.1:80 -s rr
	ours -a -t 10.0.0.1:80 -r 10.0.1.1:8080 -m -w 3
	ours -a -t 10.0.0.1:80 -r 10.0.1.2:8080 -m
	ours -A -u 10.0.0.1:53 -s rr
	ours -A -f 7 -s rr -p 60
	ours -a -f 7 -r 10.0.1.3 -g -w 0
	ours -A -f 8 -6 -s rr
	ours -a -f 8 -6 -r fd00::3 -g
	ours -A -t [fd00::1]:443 -s wlc
	ours -a -t [fd00::1]:443 -r [fd00::4]:443 -m -w 2
	ip -n "$NS_OURS" link add d0 type dummy
	ip -n "$NS_OURS" link set d0 up multicast on
	ours --start-daemon master --mcast-interface d0 --syncid 9
}

@test "metrics: promtool accepts them; every service, server and the sync daemon" {
	make_table
	run ours -L --metrics
	[ "$status" -eq 0 ]
	local m=$output
	run promtool check metrics <<<"$m"
	[ "$status" -eq 0 ] || { echo "$output" >&2; false; }
	[[ $m == *'ipvs_services 5'* ]]
	[[ $m == *'ipvs_server_weight{family="inet",protocol="tcp",address="10.0.0.1",port="80",fwmark="",server_address="10.0.1.1",server_port="8080"} 3'* ]]
	[[ $m == *'ipvs_service_servers{family="inet",protocol="tcp",address="10.0.0.1",port="80",fwmark=""} 2'* ]]
	[[ $m == *'ipvs_service_unavailable{family="inet",protocol="udp",address="10.0.0.1",port="53",fwmark=""} 1'* ]]
	[[ $m == *'ipvs_service_unavailable{family="inet",protocol="",address="",port="",fwmark="7"} 1'* ]]
	[[ $m == *'ipvs_service_unavailable{family="inet6",protocol="",address="",port="",fwmark="8"} 0'* ]]
	[[ $m == *'ipvs_server_weight{family="inet6",protocol="tcp",address="fd00::1",port="443",fwmark="",server_address="fd00::4",server_port="443"} 2'* ]]
	[[ $m == *'ipvs_sync_daemon_up{role="master"} 1'* ]]
	[[ $m == *'ipvs_sync_daemon_up{role="backup"} 0'* ]]
	[[ $m == *'ipvs_sync_daemon_syncid{role="master",interface="d0"} 9'* ]]
	# one series per service and server for each metric: 5 services, 5 servers
	[ "$(grep -c '^ipvs_server_in_bytes_total{' <<<"$m")" -eq 5 ]
	[ "$(grep -c '^ipvs_service_connections_total{' <<<"$m")" -eq 5 ]
	run ours -L --metrics -c
	[ "$status" -eq 2 ]
	run ours -L --metrics --json
	[ "$status" -eq 2 ]
}

@test "metrics: the systemd unit's writer, then node_exporter's textfile collector over HTTP" {
	make_table
	local dir=$BATS_TEST_TMPDIR/textfile cmd
	mkdir "$dir"
	# The unit's ExecStart, with systemd's $$ unescaped and our binary.
	cmd=$(sed -n 's/^ExecStart=//p' "$REPO/systemd/ipvsadm-metrics.service.in")
	cmd=${cmd//\$\$/\$}
	cmd=${cmd//@sbindir@\/ipvsadm/$IPVSADM}
	[[ $cmd == "/bin/sh -c '"* ]]
	cmd=${cmd#/bin/sh -c \'}
	cmd=${cmd%\'}
	TEXTFILE_DIR=$dir nsenter --net="/run/netns/$NS_OURS" /bin/sh -c "$cmd"
	[ -s "$dir/ipvsadm.prom" ]
	[ "$(ls "$dir")" = ipvsadm.prom ]	# no temporary file left
	nsenter --net="/run/netns/$NS_OURS" prometheus-node-exporter \
		--web.listen-address=127.0.0.1:9100 --collector.disable-defaults \
		--collector.textfile --collector.textfile.directory="$dir" \
		>"$BATS_TEST_TMPDIR/ne.log" 2>&1 &
	local pid=$! i out=
	for ((i = 0; i < 60; i++)); do
		out=$(nsenter --net="/run/netns/$NS_OURS" curl -sf http://127.0.0.1:9100/metrics) && break
		sleep 0.5
	done
	kill "$pid"; wait "$pid" || true
	[ -n "$out" ] || { cat "$BATS_TEST_TMPDIR/ne.log" >&2; false; }
	[[ $out == *'ipvs_server_weight{address="10.0.0.1",family="inet",fwmark="",port="80",protocol="tcp",server_address="10.0.1.1",server_port="8080"} 3'* ]] ||
		{ grep ipvs_server_weight <<<"$out" >&2; false; }
	[[ $out == *'ipvs_sync_daemon_up{role="master"} 1'* ]]
	[[ $out == *'node_textfile_scrape_error 0'* ]]
}
