# An active-active fleet of directors behind ECMP routing, for
# tests/bats/56-fleet.bats and scripts/demo-fleet, built on traffic.bash
# (load helpers and traffic first).
#
#   client C   198.51.100.10-13 (four client addresses), default via RT
#   router RT  198.51.100.1 on c0 (to C), 10.9.0.1 on eth0 (the segment);
#              BIRD: a BGP session with each director, BFD on each, and
#              the VIP's routes merged into one ECMP route in the kernel
#   switch S   the bridge br0 of the segment 10.9.0.0/24
#   D1 D2 D3   directors 10.9.0.11-13, the VIP on lo; BIRD announces the
#              VIP /32 by BGP while the health check (fleet_health) finds
#              the IPVS service with `ipvsadm -L -t VIP:7`
#   R1 .. R4   real servers 10.9.0.21-24, direct routing (the VIP on lo,
#              arp_ignore=1 arp_announce=2), default via RT; an echo
#              service on :7 answers "realN CLIENT:PORT LINE" (R4 is in
#              the rules of the rolling change only)
#
#   fleet_topology            build it all, start BIRD everywhere and the
#                             health checks; sets C RT S D1 D2 D3 R1 .. R4
#   fleet_rules NAME          the rules file NAME (v1, drain, v2, rr) as text
#   fleet_paths               PATHS = the directors the router's route has
#   fleet_wait_paths N SECS   until the route has N paths; ELAPSED
#   fleet_pin N | fleet_unpin  the router sends every flow to DN | by ECMP
#   fleet_flows NS BASE       MAP = "client:port server" for the 200 pinned
#                             flows (ports BASE..BASE+49 of each client
#                             address) as director NS scheduled them
#   fleet_long_start BASE     100 long TCP connections from C to VIP:7,
#                             one line each 0.3 s (fleet.py long)
#   fleet_long_wait N SECS    until every connection has N more echoes;
#                             fails at a reset, a silence or another server
#   fleet_long_stop
#   fleet_short_start PHASE   requests from C to VIP:7, one per connection,
#                             from each client address at once, counted
#                             per phase and outcome (fleet.py short)
#   fleet_short_phase PHASE / fleet_short_count PHASE [WHAT] /
#   fleet_short_wait PHASE N SECS [WHAT] / fleet_short_stop
#   fleet_bird_kill N / fleet_bird_start N   director N's BIRD
#
# Why these settings: see doc/fleet.md.

FL_VIP=203.0.113.80
FL_CLIENTS="198.51.100.10 198.51.100.11 198.51.100.12 198.51.100.13"
FL_PY=/usr/bin/python3

# The client side and the real servers' echo service, in one small
# program: an exec is dear in the lab, so each role is one process.
fleet_py() {
	cat <<-'EOF'
	import os, select, socket, struct, sys, time

	def serve(name, port):
	    l = socket.socket()
	    l.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
	    l.bind(("", port)); l.listen(512); l.setblocking(False)
	    conns = {}
	    while True:
	        r, _, _ = select.select([l] + list(conns), [], [])
	        for s in r:
	            if s is l:
	                try:
	                    c, a = l.accept()
	                except OSError:
	                    continue
	                conns[c] = [b"", "%s:%d" % a]
	                continue
	            try:
	                d = s.recv(4096)
	            except OSError:
	                d = b""
	            if not d:
	                del conns[s]; s.close(); continue
	            buf = conns[s][0] + d
	            while b"\n" in buf:
	                line, buf = buf.split(b"\n", 1)
	                try:
	                    s.sendall(("%s %s " % (name, conns[s][1])).encode() + line + b"\n")
	                except OSError:
	                    pass
	            conns[s][0] = buf

	def sources(base, addrs, per):
	    return [(a, base + i) for a in addrs for i in range(per)]

	def rst_close(s):
	    s.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
	    s.close()

	def syn(vip, port, base, addrs):
	    # one SYN per flow: the director schedules it at once; then reset,
	    # so that the same ports serve the next director
	    socks = []
	    for src in sources(base, addrs, 50):
	        s = socket.socket(); s.setblocking(False)
	        s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
	        s.bind(src); s.connect_ex((vip, port)); socks.append(s)
	    time.sleep(0.5)
	    for s in socks:
	        rst_close(s)

	def long(vip, port, base, d, addrs):
	    conns = []
	    for src in sources(base, addrs, 25):
	        s = socket.socket()
	        s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
	        s.bind(src); s.settimeout(15); s.connect((vip, port)); s.setblocking(False)
	        conns.append({"s": s, "src": "%s:%d" % src, "buf": b"", "n": 0,
	                      "server": "-", "sent": 0.0, "state": "ok"})
	    while not os.path.exists(d + "/long.stop"):
	        now = time.time()
	        for c in conns:
	            if c["state"] == "ok" and not c["sent"]:
	                try:
	                    c["s"].send(b"ping %d\n" % c["n"]); c["sent"] = now
	                except OSError as e:
	                    c["state"] = "RESET(%s)" % e.errno
	            elif c["state"] == "ok" and now - c["sent"] > 30:
	                c["state"] = "SILENT"
	        live = [c["s"] for c in conns if c["state"] == "ok"]
	        r, _, _ = select.select(live, [], [], 0.3) if live else ([], [], time.sleep(0.3))
	        for c in conns:
	            if c["s"] not in r:
	                continue
	            try:
	                data = c["s"].recv(4096)
	            except OSError as e:
	                c["state"] = "RESET(%s)" % e.errno; continue
	            if not data:
	                c["state"] = "CLOSED"; continue
	            c["buf"] += data
	            while b"\n" in c["buf"]:
	                line, c["buf"] = c["buf"].split(b"\n", 1)
	                server = line.split()[0].decode()
	                if c["server"] not in ("-", server):
	                    c["state"] = "MOVED(%s->%s)" % (c["server"], server)
	                c["server"] = server; c["n"] += 1; c["sent"] = 0.0
	        # a summary first (the fewest echoes, the connections not ok),
	        # so that a poll from bash reads one line
	        bad = [c for c in conns if c["state"] != "ok"]
	        with open(d + "/long.tmp", "w") as f:
	            f.write("%d %d\n" % (min(c["n"] for c in conns), len(bad)))
	            for c in conns:
	                f.write("%s %s %d %s\n" % (c["src"], c["server"], c["n"], c["state"]))
	        os.rename(d + "/long.tmp", d + "/long.status")
	    for c in conns:
	        rst_close(c["s"])

	def short(vip, port, d, addrs):
	    # one request per connection, from each client address in its own
	    # thread; each outcome is counted under the phase the test names in
	    # d/short.phase: "PHASE real2 N", "PHASE FAIL(reason) N"
	    import threading
	    counts, lock = {}, threading.Lock()
	    def phase():
	        try:
	            with open(d + "/short.phase") as f:
	                return f.read().strip() or "-"
	        except OSError:
	            return "-"
	    def one(addr):
	        while not os.path.exists(d + "/short.stop"):
	            p, s = phase(), socket.socket()
	            try:
	                s.settimeout(5); s.bind((addr, 0)); s.connect((vip, port))
	                s.sendall(b"hello\n")
	                line = s.makefile().readline()
	                what = line.split()[0] if line else "FAIL(empty)"
	            except OSError as e:
	                what = "FAIL(%s)" % (e.errno or "timeout")
	            s.close()
	            with lock:
	                counts[(p, what)] = counts.get((p, what), 0) + 1
	    threads = [threading.Thread(target=one, args=(a,)) for a in addrs]
	    for t in threads:
	        t.start()
	    while True:
	        alive = any(t.is_alive() for t in threads)
	        with lock:
	            text = "".join("%s %s %d\n" % (k[0], k[1], v) for k, v in sorted(counts.items()))
	        with open(d + "/short.tmp", "w") as f:
	            f.write(text)
	        os.rename(d + "/short.tmp", d + "/short.status")
	        if not alive:
	            break
	        time.sleep(0.2)

	a = sys.argv
	if a[1] == "serve": serve(a[2], int(a[3]))
	elif a[1] == "syn": syn(a[2], int(a[3]), int(a[4]), a[5:])
	elif a[1] == "long": long(a[2], int(a[3]), int(a[4]), a[5], a[6:])
	elif a[1] == "short": short(a[2], int(a[3]), a[4], a[5:])
	EOF
}

fleet_topology() {
	local n v
	ns_new C RT S D1 D2 D3 R1 R2 R3 R4 || return 1
	fleet_py >"$TR_DIR/fleet.py" || return 1
	ip link add eth0 netns "$C" type veth peer name c0 netns "$RT" || return 1
	l2_segment "$S" "$RT" "$D1" "$D2" "$D3" "$R1" "$R2" "$R3" "$R4" || return 1
	in_ns "$C" <<-EOF || return 1
	addr add 198.51.100.10/24 dev eth0
	addr add 198.51.100.11/24 dev eth0
	addr add 198.51.100.12/24 dev eth0
	addr add 198.51.100.13/24 dev eth0
	link set eth0 up
	route add default via 198.51.100.1
	EOF
	sysctl_in "$C" net.ipv4.tcp_syn_retries=2 || return 1
	fleet_router || return 1
	for n in 1 2 3; do fleet_director "$n" || return 1; done
	for n in 1 2 3 4; do fleet_real_server "$n" || return 1; done
	fleet_wait_listen || return 1
}

# The router: forwarding, ECMP hashing on the 5-tuple (policy 1), next
# hops whose neighbour is known to fail skipped, routes over a link that
# is down ignored; rp_filter off (the real servers answer from the VIP).
fleet_router() {
	in_ns "$RT" <<-EOF || return 1
	addr add 198.51.100.1/24 dev c0
	link set c0 up
	addr add 10.9.0.1/24 dev eth0
	link set eth0 up
	EOF
	sysctl_in "$RT" net.ipv4.ip_forward=1 net.ipv4.fib_multipath_hash_policy=1 \
		net.ipv4.fib_multipath_use_neigh=1 \
		net.ipv4.conf.all.ignore_routes_with_linkdown=1 \
		net.ipv4.conf.all.rp_filter=0 net.ipv4.conf.default.rp_filter=0 \
		net.ipv4.conf.eth0.rp_filter=0 net.ipv4.conf.c0.rp_filter=0 || return 1
	fleet_bird_conf_router >"$TR_DIR/bird-rt.conf" || return 1
	fleet_bird_run "$RT" rt
}

# BFD every FL_BFD_MS (300 ms), down after FL_BFD_MULT (10) missed: a dead
# director leaves the ECMP route about 3 s later.  On hardware 100 ms x 3
# does it in 0.3 s; an emulated CPU shared with other guests stalls for
# more than a second at times, and with tight timers the sessions flapped
# (measured: with 200 ms x 5, several BGP sessions reset per minute).  The
# BGP hold time (9 s) is the fallback for when BFD itself is not there; at
# 3 s it expired before BFD's 3 s of silence did, and BFD was not what
# found a dead director (56-fleet checks the router's BIRD says it was).
FL_BFD_MS=${FL_BFD_MS:-300}
FL_BFD_MULT=${FL_BFD_MULT:-10}
FL_BFD="protocol bfd {
	interface \"eth0\" { min rx interval $FL_BFD_MS ms; min tx interval $FL_BFD_MS ms; multiplier $FL_BFD_MULT; };
}"
FL_BGP_TIMERS='hold time 9; keepalive time 3; connect retry time 1; error wait time 1, 5; bfd on;'

fleet_bird_conf_router() {
	local n
	cat <<-EOF
	router id 10.9.0.1;
	log "$TR_DIR/bird-rt.events" all;
	protocol device { scan time 10; }
	protocol kernel {
		ipv4 { import none; export all; };
		merge paths on;
	}
	$FL_BFD
	EOF
	for n in 1 2 3 4; do
		cat <<-EOF
		protocol bgp d$n {
			local 10.9.0.1 as 65000;
			neighbor 10.9.0.1$n as 65001;
			ipv4 { import all; export none; };
			$FL_BGP_TIMERS
			debug { events };
		}
		EOF
	done
}

# A director announces the VIP only while its static protocol "vip" is
# enabled: it starts disabled, and the health check enables it once the
# IPVS service is there.
fleet_bird_conf_director() { # N
	cat <<-EOF
	router id 10.9.0.1$1;
	protocol device { scan time 10; }
	protocol static vip {
		disabled;
		ipv4;
		route $FL_VIP/32 blackhole;
	}
	$FL_BFD
	protocol bgp uplink {
		local 10.9.0.1$1 as 65001;
		neighbor 10.9.0.1 as 65000;
		ipv4 { import none; export where proto = "vip"; next hop self; };
		$FL_BGP_TIMERS
	}
	EOF
}

# fleet_bird_run NS NAME: BIRD in NS in the foreground (killed by
# tr_teardown); FL_BIRD_PID_NAME is its pid, $TR_DIR/bird-NAME.ctl its socket.
fleet_bird_run() {
	nsenter --net="/run/netns/$1" bird -f -c "$TR_DIR/bird-$2.conf" \
		-s "$TR_DIR/bird-$2.ctl" -P "$TR_DIR/bird-$2.pid" \
		>>"$TR_DIR/bird-$2.log" 2>&1 3>&- </dev/null &
	TR_PIDS+=($!)
	printf -v "FL_BIRD_PID_$2" '%s' $!
	disown $! # its death by fleet_bird_kill is no job news
}

fleet_birdc() { # NAME CMD...
	local name=$1; shift
	birdc -s "$TR_DIR/bird-$name.ctl" "$@"
}

fleet_bird_kill() { # N
	local pid
	pid=$(cat "$TR_DIR/bird-d$1.pid" 2>/dev/null) || return 0
	kill -9 "$pid" 2>/dev/null
	while [ -e "/proc/$pid" ] && ! grep -q '^State:.*Z' "/proc/$pid/status" 2>/dev/null; do
		sleep 0.05
	done
	return 0
}

fleet_bird_start() { # N
	local v=D$1
	fleet_bird_conf_director "$1" >"$TR_DIR/bird-d$1.conf" || return 1
	rm -f "$TR_DIR/bird-d$1.ctl"
	fleet_bird_run "${!v}" "d$1"
}

# Sloppy TCP: a director that did not see a connection's SYN takes it over
# from any other packet (what ECMP sends it after a change); sched_icmp: it
# also schedules the ICMP errors of such a flow (path MTU).  ARP: the VIP is
# on lo and the router reaches each director by its own address.  The
# default route is the director's own traffic: without it a director
# could not even answer a packet it does not take (the reset of a flow
# taken over without sloppy_tcp), and the client would wait in silence.
fleet_director() { # N [RULES]
	local v=D$1 ns
	ns=${!v}
	in_ns "$ns" <<-EOF || return 1
	addr add 10.9.0.1$1/24 dev eth0
	link set eth0 up
	addr add $FL_VIP/32 dev lo
	route add default via 10.9.0.1
	EOF
	sysctl_in "$ns" net.ipv4.vs.sloppy_tcp=1 net.ipv4.vs.schedule_icmp=1 \
		net.ipv4.conf.all.arp_ignore=1 net.ipv4.conf.all.arp_announce=2 \
		net.ipv4.conf.all.rp_filter=0 net.ipv4.conf.default.rp_filter=0 || return 1
	fleet_bird_start "$1" || return 1
	fleet_health "$1" "${2:-}"
}

# fleet_join: a fourth director D4 (10.9.0.14) on the segment, its health
# check stricter: it announces only while `ipvsadm -R --diff` finds its
# table equal to the fleet's file ($TR_DIR/v1.rules).
fleet_join() {
	ns_new D4 || return 1
	ip link add eth0 netns "$D4" type veth peer name p9 netns "$S" || return 1
	ip -n "$S" link set p9 master br0 up || return 1
	fleet_director 4 "$TR_DIR/v1.rules"
}

# fleet_health N: the director's health check, a loop in one shell: the
# VIP is announced while `ipvsadm -L -t VIP:7` finds the service, withdrawn
# (BIRD's protocol "vip" disabled) when it does not.  It acts on a change
# only, so that an operator's `birdc disable vip` stays; a BIRD started
# again (another pid) starts with "vip" disabled, which is a change.
# With RULES, the check is `ipvsadm -R --diff < RULES` exiting 0 (the table
# is the fleet's) rather than the service being there.
fleet_health() { # N [RULES]
	local v=D$1
	bg "${!v}" bash -c '
	state=down bird=
	while :; do
		pid=; read -r pid <"$3.pid" 2>/dev/null
		[ "$pid" = "$bird" ] || { bird=$pid; state=down; }
		if [ -n "$4" ]; then
			"$1" -R --diff <"$4" >/dev/null 2>&1
		else
			"$1" -L -n -t "$2:7" >/dev/null 2>&1
		fi
		if [ $? = 0 ]; then want=up; else want=down; fi
		if [ $want != $state ]; then
			if [ $want = up ]; then cmd=enable; else cmd=disable; fi
			birdc -s "$3.ctl" $cmd vip >/dev/null 2>&1 && state=$want
		fi
		sleep 1
	done' _ "$IPVSADM" "$FL_VIP" "$TR_DIR/bird-d$1" "${2:-}"
}

fleet_real_server() { # N
	local v=R$1 ns
	ns=${!v}
	sysctl_in "$ns" net.ipv4.conf.all.arp_ignore=1 net.ipv4.conf.all.arp_announce=2 \
		net.ipv4.conf.all.rp_filter=0 net.ipv4.conf.default.rp_filter=0 || return 1
	in_ns "$ns" <<-EOF || return 1
	addr add 10.9.0.2$1/24 dev eth0
	link set eth0 up
	addr add $FL_VIP/32 dev lo
	route add default via 10.9.0.1
	EOF
	bg "$ns" "$FL_PY" "$TR_DIR/fleet.py" serve "real$1" 7
}

fleet_wait_listen() {
	local n v
	for n in 1 2 3 4; do
		v=R$n
		ha_wait_listen "${!v}" 0007 || return 1
	done
}

# The rules: the echo service by Maglev hashing over three real servers;
# drain: the third at weight 0; v2 (the rolling change): the second
# drained and a fourth added, at the end of the file (a plain add).
fleet_rules() { # v1 | drain | v2 | rr
	local s="-s mh -b mh-fallback,mh-port" w2=1 w3=1
	[ "$1" = rr ] && s="-s rr"
	[ "$1" = drain ] && w3=0
	[ "$1" = v2 ] && w2=0
	cat <<-EOF
	-A -t $FL_VIP:7 $s
	-a -t $FL_VIP:7 -r 10.9.0.21:7 -g -w 1
	-a -t $FL_VIP:7 -r 10.9.0.22:7 -g -w $w2
	-a -t $FL_VIP:7 -r 10.9.0.23:7 -g -w $w3
	EOF
	[ "$1" = v2 ] && echo "-a -t $FL_VIP:7 -r 10.9.0.24:7 -g -w 1"
	return 0
}

# fleet_paths: PATHS = "d1 d2 d3" (the directors of the router's VIP route)
fleet_paths() {
	local r n p=()
	r=$(ip -n "$RT" -4 route show "$FL_VIP/32")
	for n in 1 2 3 4; do
		case $r in *"via 10.9.0.1$n "*) p+=("d$n") ;; esac
	done
	PATHS=${p[*]:-none}
}

fleet_wait_paths() { # N SECONDS
	local start=$EPOCHREALTIME end
	end=$((${start%.*} + $2))
	while fleet_paths; [ "$(wc -w <<<"${PATHS/none/}")" != "$1" ]; do
		if [ "${EPOCHREALTIME%.*}" -ge $end ]; then
			echo "the router's VIP route goes via '$PATHS', not $1 directors, after $2 s" >&2
			ip -n "$RT" route show "$FL_VIP/32" >&2
			return 1
		fi
		sleep 0.1
	done
	ELAPSED=$(ha_since "$start")
}

fleet_pin() { # N: the router sends every flow to the VIP via DN
	ip -n "$RT" route replace "$FL_VIP/32" via "10.9.0.1$1" table 100 &&
		{ ip -n "$RT" rule show pref 100 | grep -q . ||
			ip -n "$RT" rule add to "$FL_VIP/32" lookup 100 pref 100; }
}

fleet_unpin() { ip -n "$RT" rule del pref 100 2>/dev/null; return 0; }

# fleet_flows N BASE: pin to DN, one SYN for each of the 200 flows, and
# MAP = the director's choice, "client:port server" sorted.
fleet_flows() {
	local v=D$1 n
	fleet_pin "$1" || return 1
	# shellcheck disable=SC2086
	at "$C" "$FL_PY" "$TR_DIR/fleet.py" syn $FL_VIP 7 "$2" $FL_CLIENTS || return 1
	MAP=$(ours_in "${!v}" -L -n -c |
		awk -v vip="$FL_VIP:7" -v lo="$2" '$5 == vip {
			n = split($4, a, ":"); p = a[n] + 0
			if (p >= lo && p < lo + 50) print $4, $6 }' | sort)
	n=$(grep -c . <<<"$MAP")
	[ "$n" -eq 200 ] || {
		echo "director $1 scheduled $n of the 200 flows" >&2
		return 1
	}
}

fleet_long_start() { # BASE
	rm -f "$TR_DIR/long.stop" "$TR_DIR/long.status"
	# shellcheck disable=SC2086
	bg "$C" "$FL_PY" "$TR_DIR/fleet.py" long $FL_VIP 7 "$1" "$TR_DIR" $FL_CLIENTS
	FL_LONG_PID=$!
}

# fleet_role_stop ROLE PID: fleet.py's ROLE (long, short) ends at its
# next round; wait for it.
fleet_role_stop() {
	: >"$TR_DIR/$1.stop"
	[ -z "$2" ] || wait "$2" 2>/dev/null
	return 0
}

fleet_long_stop() { fleet_role_stop long "${FL_LONG_PID:-}"; FL_LONG_PID=; }

# fleet_long_check: LONG_MIN = the fewest echoes of a connection, LONG_BAD
# the connections not "ok" (it fails then, naming five).  It reads the
# summary line only: bats traces every command of a test, so a loop over
# the hundred lines at each poll cost whole seconds of the guest's CPU.
fleet_long_check() {
	LONG_MIN=0 LONG_BAD=0
	[ -s "$TR_DIR/long.status" ] || return 0
	read -r LONG_MIN LONG_BAD <"$TR_DIR/long.status" || return 0
	[ "$LONG_BAD" -eq 0 ] && return 0
	grep -v ' ok$' "$TR_DIR/long.status" | sed -n '2,6s/^/connection (source server echoes state): /p' >&2
	return 1
}

# fleet_long_servers: SERVERS = "client:port server" of each connection
fleet_long_servers() {
	SERVERS=$(sed -n '2,$s/^\([^ ]* [^ ]*\).*/\1/p' "$TR_DIR/long.status")
}

# fleet_long_wait N SECONDS: until every connection has N echoes.
fleet_long_wait() {
	local end=$((${EPOCHREALTIME%.*} + $2))
	while fleet_long_check || return 1; [ "$LONG_MIN" -lt "$1" ]; do
		if [ "${EPOCHREALTIME%.*}" -ge $end ]; then
			echo "the long connections have $LONG_MIN echoes at least, wanted $1" >&2
			return 1
		fi
		sleep 0.2
	done
}

# fleet_short_start PHASE: from C, one request per connection to VIP:7,
# over and over, from each client address at once (fleet.py short); each
# outcome is counted under the phase set last (fleet_short_phase).
fleet_short_start() {
	rm -f "$TR_DIR/short.stop" "$TR_DIR/short.status"
	fleet_short_phase "$1"
	# shellcheck disable=SC2086
	bg "$C" "$FL_PY" "$TR_DIR/fleet.py" short $FL_VIP 7 "$TR_DIR" $FL_CLIENTS
	FL_SHORT_PID=$!
}

fleet_short_phase() {
	echo "$1" >"$TR_DIR/short.phase.tmp" && mv "$TR_DIR/short.phase.tmp" "$TR_DIR/short.phase"
}

fleet_short_stop() { fleet_role_stop short "${FL_SHORT_PID:-}"; FL_SHORT_PID=; }

# fleet_short_count PHASE [WHAT]: COUNT = the requests of PHASE (any phase
# when empty) whose outcome starts with WHAT (a server, FAIL; any when
# empty).
fleet_short_count() {
	local phase what n
	COUNT=0
	[ -s "$TR_DIR/short.status" ] || return 0
	while read -r phase what n; do
		[ -z "$1" ] || [ "$phase" = "$1" ] || continue
		[[ $what == "${2:-}"* ]] && COUNT=$((COUNT + n))
	done <"$TR_DIR/short.status"
	return 0
}

# fleet_short_wait PHASE N SECONDS [WHAT]: until N requests of PHASE (with
# that outcome) are done.
fleet_short_wait() {
	local end=$((${EPOCHREALTIME%.*} + $3))
	while fleet_short_count "$1" "${4:-}"; [ "$COUNT" -lt "$2" ]; do
		if [ "${EPOCHREALTIME%.*}" -ge $end ]; then
			echo "$COUNT requests '${4:-}' in phase $1 after $3 s, wanted $2" >&2
			return 1
		fi
		sleep 0.2
	done
}

# fleet_short_failures: every failed request, "PHASE FAIL(reason) N"
fleet_short_failures() {
	grep ' FAIL' "$TR_DIR/short.status" 2>/dev/null || :
}
