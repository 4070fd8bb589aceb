# A pair of directors for tests/bats/52-ha.bats and scripts/demo-ha, built
# on traffic.bash (load helpers and traffic first).  One L2 segment, the
# bridge br0 in a switch namespace S:
#
#   client C       192.0.2.50
#   director D1    192.0.2.1    keepalived priority 150: holds the VIP normally
#   director D2    192.0.2.2    keepalived priority 100: the standby
#   VIP            192.0.2.100  on the eth0 of whichever director is VRRP master
#   real servers   192.0.2.1N   R1..RN, direct routing: the VIP on lo,
#                               arp_ignore=1 arp_announce=2; busybox httpd on
#                               :80 ("realN" at /) and an echo service on :7
#                               that answers "realN CLIENT:PORT LINE"
#
#   ha_topology N             build it all, start the servers' services;
#                             sets S C D1 D2 R1.. (namespace names)
#   ha_rules NAME             the path of the rules file NAME in $TR_DIR
#   ha_apply NS FILE          our ipvsadm -R --apply < FILE in NS
#   ha_sync_start NS          both sync daemons in NS (see HA_SYNC_ARGS)
#   ha_keepalived_start NS PRIO   keepalived (VRRP only) in NS, config in $TR_DIR
#   ha_vip_holder             HOLDER = "d1", "d2", "none" or "d1 d2"
#   ha_wait_vip WHO SECONDS   until HOLDER is WHO; ELAPSED = seconds waited
#   talker_start NAME         a long-lived TCP connection from C to VIP:7
#   talker_wait NAME N        until it has N echoes (fails when it dropped)
#   talker_check NAME         every echo from one server, one client port
#   talker_open NAME          talker_start, then its first 4 echoes
#   talker_kept NAME SERVER PEER [N]  N more echoes, still from SERVER and PEER
#
# The directors' side follows the usual LVS-DR cluster: the table comes from
# one rules file applied with `ipvsadm -R --apply` on both; keepalived only
# moves the VIP (no virtual_server blocks); the kernel's sync daemons, started
# with ipvsadm, copy connections to whichever director takes over.

HA_VIP=192.0.2.100
HA_SYNCID=21
# Both roles on both directors: each sends the connections it schedules
# (master) and takes in the other's (backup), so either can take over, and
# take back, without dropping what the other one scheduled.  The master's
# multicast does not loop back to the backup of its own namespace.
HA_SYNC_ARGS="--mcast-interface eth0 --syncid $HA_SYNCID"
# keepalived's preempt_delay: how long D1, back after a failure, lets D2 keep
# the VIP (see ha_director_sysctls for why it must exceed the sync refresh).
HA_PREEMPT_DELAY=${HA_PREEMPT_DELAY:-15}
HA_SYNC_REFRESH=5

ha_topology() { # N real servers
	local n=$1 i v
	local names=(S C D1 D2) reals=()
	for ((i = 1; i <= n; i++)); do names+=("R$i"); done
	ns_new "${names[@]}" || return 1
	for ((i = 1; i <= n; i++)); do v=R$i; reals+=("${!v}"); done
	l2_segment "$S" "$C" "$D1" "$D2" "${reals[@]}" || return 1
	in_ns "$C" <<-EOF || return 1
	addr add 192.0.2.50/24 dev eth0
	link set eth0 up
	EOF
	# SYN retries cut to 2 in the client: a request that nobody answers
	# fails after ~7 s (1+2+4) rather than two minutes.
	sysctl_in "$C" net.ipv4.tcp_syn_retries=2 || return 1
	ha_director "$D1" 192.0.2.1 || return 1
	ha_director "$D2" 192.0.2.2 || return 1
	RSS=()
	for ((i = 1; i <= n; i++)); do
		v=R$i
		ha_real_server "${!v}" real$i 192.0.2.1$i || return 1
		RSS+=("http://192.0.2.1$i/")
	done
	wait_http "$D1" "${RSS[@]}" || return 1
	for ((i = 1; i <= n; i++)); do
		v=R$i
		ha_wait_listen "${!v}" 0007 || return 1
	done
}

ha_director() { # NS ADDRESS
	in_ns "$1" <<-EOF || return 1
	addr add $2/24 dev eth0
	link set eth0 up
	EOF
	ha_director_sysctls "$1"
}

# The sync daemon's defaults (sync_threshold "3 50", sync_refresh_period 0)
# send a TCP connection at its 3rd packet, then every 50 packets: a quiet
# long-lived connection may not be sent again for hours, and the copy on the
# other director then expires (its timer started at the last message) while
# the connection lives on.  sync_threshold "3 0" with a sync_refresh_period
# sends each connection on every state change and again whenever its timer
# has moved by the refresh period (at most every HA_SYNC_REFRESH seconds per
# busy connection), so a copy is never older than that.  The returning
# director's keepalived waits preempt_delay (> the refresh) before taking the
# VIP back, so it has by then received the connections opened meanwhile.
# conn_reuse_mode 3: a director in DR sees only the client's half, so a
# closed connection stays in FIN_WAIT (2 min), and a client that soon uses
# the same port again (it does, for a passive close) would be sent to the
# old real server without the scheduler; bit 2 schedules it anew.  With two
# directors, each holding the other's old connections, that happens often.
ha_director_sysctls() { # NS
	at "$1" bash -c '
	echo "3 0" >/proc/sys/net/ipv4/vs/sync_threshold &&
	echo "$1" >/proc/sys/net/ipv4/vs/sync_refresh_period &&
	echo 3 >/proc/sys/net/ipv4/vs/conn_reuse_mode' _ "$HA_SYNC_REFRESH"
}

ha_real_server() { # NS NAME ADDRESS
	sysctl_in "$1" net.ipv4.conf.all.arp_ignore=1 net.ipv4.conf.all.arp_announce=2 \
		net.ipv4.conf.all.rp_filter=0 net.ipv4.conf.default.rp_filter=0 || return 1
	in_ns "$1" <<-EOF || return 1
	addr add $3/24 dev eth0
	link set eth0 up
	addr add $HA_VIP/32 dev lo
	EOF
	web_start "$1" "$2" || return 1
	# The echo service: a process per connection, each line answered with
	# the server's name and the client's address and port, so the client
	# sees at once which server and which connection answered.
	bg "$1" perl -MIO::Socket::INET -e '
		$SIG{CHLD} = "IGNORE";
		my $l = IO::Socket::INET->new(LocalPort => 7, Listen => 16, ReuseAddr => 1)
			or die "echo: $!";
		while (1) {
			my $c = $l->accept or next;
			if (fork == 0) {
				$c->autoflush(1);
				my $peer = $c->peerhost . ":" . $c->peerport;
				while (my $m = <$c>) { print $c "$ARGV[0] $peer $m" }
				exit 0;
			}
			close $c;
		}' "$2"
}

# ha_wait_listen NS HEXPORT: until a TCP socket listens on the port (10 s).
ha_wait_listen() {
	at "$1" bash -c 'for ((i = 0; i < 100; i++)); do
		while read -r _ l _ st _; do
			[ "${l##*:}" = "$1" ] && [ "$st" = 0A ] && exit 0
		done </proc/net/tcp
		sleep 0.1; done
	echo "nothing listens on port 0x$1" >&2; exit 1' _ "$2"
}

ha_rules() { echo "$TR_DIR/$1.rules"; }

ha_apply() { # NS FILE
	ours_in "$1" -R --apply <"$2"
}

ha_sync_start() { # NS
	# shellcheck disable=SC2086
	ours_in "$1" --start-daemon master $HA_SYNC_ARGS &&
		ours_in "$1" --start-daemon backup $HA_SYNC_ARGS
}

# ha_keepalived_conf NAME PRIO: keepalived's configuration for one director,
# VRRP only.  Both start as BACKUP so that priority decides, and the higher
# one preempts only after HA_PREEMPT_DELAY seconds (keepalived applies the
# delay at start and after a fault).
ha_keepalived_conf() {
	cat <<-EOF
	global_defs {
	    router_id $1
	}
	vrrp_instance VI_1 {
	    state BACKUP
	    interface eth0
	    virtual_router_id 51
	    priority $2
	    advert_int 1
	    preempt_delay $HA_PREEMPT_DELAY
	    virtual_ipaddress {
	        $HA_VIP/32 dev eth0
	    }
	}
	EOF
}

# ha_keepalived_start NS PRIO: keepalived in NS with its own configuration
# and pid files, in the foreground (killed by tr_teardown), its log in
# $TR_DIR/keepalived-NAME.log; KA_PID_NAME is its pid (NAME: d1, d2).
ha_keepalived_start() {
	local ns=$1 name=${1##*-} dir=$TR_DIR/ka-${1##*-}
	mkdir -p "$dir" || return 1
	ha_keepalived_conf "$name" "$2" >"$dir/keepalived.conf" || return 1
	nsenter --net="/run/netns/$ns" keepalived --vrrp --dont-fork --log-console \
		--log-detail --no-syslog --use-file="$dir/keepalived.conf" \
		--pid="$dir/keepalived.pid" --vrrp_pid="$dir/vrrp.pid" \
		>"$TR_DIR/keepalived-$name.log" 2>&1 </dev/null &
	TR_PIDS+=($!)
	printf -v "KA_PID_$name" '%s' $!
}

# ha_vip_holder: HOLDER = the directors whose eth0 has the VIP ("none" if neither).
ha_vip_holder() {
	local ns h=()
	for ns in "$D1" "$D2"; do
		[ -n "$(ip -n "$ns" -4 -o addr show dev eth0 to "$HA_VIP/32")" ] && h+=("${ns##*-}")
	done
	HOLDER=${h[*]:-none}
}

ha_wait_vip() { # WHO SECONDS
	local start=$EPOCHREALTIME end
	end=$((${start%.*} + $2))
	while ha_vip_holder; [ "$HOLDER" != "$1" ]; do
		if [ "${EPOCHREALTIME%.*}" -ge $end ]; then
			echo "the VIP is on '$HOLDER', not '$1', after $2 s" >&2
			return 1
		fi
		sleep 0.2
	done
	ELAPSED=$(ha_since "$start")
}

# ha_since START: seconds (one decimal) from the $EPOCHREALTIME START to now.
ha_since() {
	local a=${1/./} b=${EPOCHREALTIME/./}
	local d=$(((b - a) / 100000))
	printf '%d.%d' $((d / 10)) $((d % 10))
}

# talker_start NAME: from C, one TCP connection to VIP:7 that sends
# "ping N" every half second and appends "N ECHO" to $TR_DIR/talk-NAME, or
# "DROP ..." when the connection fails (it then stops: a dropped connection
# shows at once, as a reset, or within 30 s of silence).
talker_start() {
	local log=$TR_DIR/talk-$1
	rm -f "$log.stop"
	: >"$log"
	bg "$C" bash -c '
	exec 5<>"/dev/tcp/$1/7" || { echo "DROP connect" >>"$2"; exit 1; }
	for ((n = 1; ; n++)); do
		[ -e "$2.stop" ] && exit 0
		printf "ping %d\n" $n >&5 || { echo "DROP write $n" >>"$2"; exit 1; }
		IFS= read -r -t 30 line <&5 || { echo "DROP read $n" >>"$2"; exit 1; }
		echo "$n $line" >>"$2"
		sleep 0.5
	done' _ $HA_VIP "$log"
}

talker_stop() { : >"$TR_DIR/talk-$1.stop"; }

# talker_check NAME: the log is unbroken: lines "N realX CLIENT:PORT ping N"
# for N = 1, 2, ..., all from one server and one client port.  Sets
# TALK_SERVER, TALK_PEER, TALK_N (echoes so far).
talker_check() {
	local log=$TR_DIR/talk-$1 l f n=0
	TALK_SERVER='' TALK_PEER='' TALK_N=0
	while IFS= read -r l; do
		read -ra f <<<"$l"
		n=$((n + 1))
		if [ "${f[0]}" = DROP ]; then
			echo "talker $1: the connection dropped ($l) after $TALK_N echoes" >&2
			return 1
		fi
		if [ "${f[0]}" != $n ] || [ "${f[3]}" != ping ] || [ "${f[4]}" != $n ] ||
			[ ${#f[@]} != 5 ]; then
			echo "talker $1: line $n is '$l'" >&2
			return 1
		fi
		: "${TALK_SERVER:=${f[1]}}" "${TALK_PEER:=${f[2]}}"
		if [ "${f[1]}" != "$TALK_SERVER" ] || [ "${f[2]}" != "$TALK_PEER" ]; then
			echo "talker $1: echo $n from ${f[1]} ${f[2]}, earlier ones from $TALK_SERVER $TALK_PEER" >&2
			return 1
		fi
		TALK_N=$n
	done <"$log"
}

# talker_wait NAME N [SECONDS]: until N echoes (default 60 s), checking the
# log each time.
talker_wait() {
	local i
	for ((i = 0; i < ${3:-60} * 5; i++)); do
		talker_check "$1" || return 1
		[ "$TALK_N" -ge "$2" ] && return 0
		sleep 0.2
	done
	echo "talker $1: $TALK_N echoes, wanted $2" >&2
	return 1
}

# talker_open NAME: talker_start, then until its 4th echo; TALK_SERVER and
# TALK_PEER then say which server took it and from which client port.
talker_open() { talker_start "$1" && talker_wait "$1" 4; }

# talker_kept NAME SERVER PEER [N]: the connection NAME gives N more echoes
# (default 6), still all from SERVER and the client port PEER.
talker_kept() {
	talker_check "$1" || return 1
	talker_wait "$1" $((TALK_N + ${4:-6})) || return 1
	[ "$TALK_SERVER" = "$2" ] && [ "$TALK_PEER" = "$3" ] && return 0
	echo "talker $1: answered by $TALK_SERVER from $TALK_PEER, first by $2 from $3" >&2
	return 1
}

# ha_conn NS PEER: CONN = the -L -n -c line (fields) of the connection from
# PEER (CLIENT:PORT) in NS, if any; status 1 when there is none.
ha_conn() {
	local l f
	CONN=()
	while IFS= read -r l; do
		read -ra f <<<"$l"
		[ "${f[3]:-}" = "$2" ] && { CONN=("${f[@]}"); return 0; }
	done < <(ours_in "$1" -L -n -c)
	return 1
}

# ha_wait_conn NS PEER SECONDS: until NS lists the connection from PEER.
ha_wait_conn() {
	local i
	for ((i = 0; i < $3 * 2; i++)); do
		ha_conn "$1" "$2" && return 0
		sleep 0.5
	done
	echo "${1##*-} never listed a connection from $2; its -L -n -c:" >&2
	ours_in "$1" -L -n -c >&2
	return 1
}
