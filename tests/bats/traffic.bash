# Topologies with live traffic for tests/bats/50-traffic.bats: network
# namespaces joined by veth pairs and bridges, busybox httpd on the real
# servers, bash's /dev/tcp (http_get; perl for UDP) on the client.  The director is
# configured only with our binary ($IPVSADM, see helpers.bash).
#
#   tr_setup / tr_teardown       per test: unique names, kill what was started,
#                                delete the namespaces (also after a failure)
#   nat_topology N               client C 203.0.113.50 + fd00:1::50,
#                                director D: VIP 203.0.113.10 + fd00:1::10 on vip0,
#                                DIP 10.0.1.10 + fd00:2::10 on br0, forwarding on,
#                                web nodes W1..WN 10.0.1.1N + fd00:2::1N, default
#                                routes via the DIP; sets C D W1.. and WEBS
#   l2_topology N                one L2 segment (bridge br0 in a switch ns S):
#                                client C 10.0.2.50, director D 10.0.2.10 with the
#                                VIP 10.0.2.100, real servers R1..RN 10.0.2.1N with
#                                the VIP on lo, arp_ignore=1 arp_announce=2,
#                                rp_filter 0; sets C D R1.. and RSS
#   l2_segment SWITCH NS...      the bridge br0 in SWITCH joining each NS's eth0
#   web_start NS NAME [IP]       busybox httpd on NS:80 serving "NAME" at /, and
#                                /cgi-bin/ip answering "NAME $REMOTE_ADDR";
#                                waits until D can fetch it from IP
#   at NS CMD...                 CMD in NS's network namespace
#   ipv ARGS...                  our ipvsadm in the director D
#   fetch NS URL N               N requests, one answer per line, FAIL for a failed one
#   loop_start NS URL FILE       requests in the background until loop_stop
#   bg NS CMD...                 CMD in NS in the background (killed in teardown)
#
# Requests are made by bash itself (http_get): an exec per request is dear.
# The lab emulates a CPU: every exec costs tens of milliseconds, so loops run
# inside one shell in the namespace rather than one nsenter per request.

tr_setup() {
	TR_ID=t${BATS_TEST_NUMBER:-0}-$BASHPID
	TR_NS=()
	TR_PIDS=()
	TR_DIR=$BATS_TEST_TMPDIR
	[ -e /proc/net/ip_vs ] || modprobe ip_vs 2>/dev/null || true
}

tr_teardown() {
	local p
	for p in "${TR_PIDS[@]}"; do kill "$p" 2>/dev/null; done
	for p in "${TR_PIDS[@]}"; do wait "$p" 2>/dev/null; done
	[ ${#TR_NS[@]} -eq 0 ] || "$NSX" del "${TR_NS[@]}" 2>/dev/null
	return 0
}

at() { local ns=$1; shift; nsenter --net="/run/netns/$ns" "$@"; }
ipv() { ours_in "$D" "$@"; }

# ns_new VAR...: a fresh namespace per VAR, named after it, lo up.
ns_new() {
	local v n names=()
	for v in "$@"; do
		n=$TR_ID-${v,,}
		printf -v "$v" '%s' "$n"
		TR_NS+=("$n")
		names+=("$n")
	done
	"$NSX" add "${names[@]}"
}

# in_ns NS <<< "ip batch lines"
in_ns() { ip -n "$1" -batch - || { echo "ip batch failed in $1" >&2; return 1; }; }

# sysctl_in NS key=value...: written through /proc/sys (per netns).
sysctl_in() {
	local ns=$1; shift
	at "$ns" bash -c 'for kv; do k=${kv%%=*}; echo "${kv#*=}" >"/proc/sys/${k//.//}" || exit 1; done' _ "$@"
}

bg() { # NS CMD...: in the background, output to $TR_DIR/bg.log
	local ns=$1; shift
	nsenter --net="/run/netns/$ns" "$@" >>"$TR_DIR/bg.log" 2>&1 3>&- </dev/null &
	TR_PIDS+=($!)
}

# http_get URL: the body of an HTTP/1.0 GET made by bash itself over
# /dev/tcp (status 1 when the request fails): no exec per request, where
# timeout + wget cost two.  For the `bash -c` loops run in a namespace,
# HTTP_CLIENT holds its definition, plus SYN retries cut to 2 in that
# namespace so that an unanswered connect fails after ~7 s, not ~2 min.
http_get() {
	local u=${1#http://} host path line
	host=${u%%/*} path=/${u#*/}
	[ "$path" = "/$u" ] && path=/
	host=${host#\[} host=${host%\]}
	exec 7<>"/dev/tcp/$host/80" || return 1
	printf 'GET %s HTTP/1.0\r\n\r\n' "$path" >&7
	IFS= read -r -t 10 line <&7 || { exec 7<&-; return 1; }
	case $line in "HTTP/1."?" 200 "*) ;; *) exec 7<&-; return 1 ;; esac
	while IFS= read -r -t 10 line <&7 && [ -n "${line%$'\r'}" ]; do :; done
	while IFS= read -r -t 10 line <&7 || [ -n "$line" ]; do
		printf '%s\n' "$line"
		line=
	done
	exec 7<&-
}
HTTP_CLIENT="$(declare -f http_get)
echo 2 >/proc/sys/net/ipv4/tcp_syn_retries"

# wait_http NS URL...: until every URL answers from NS (30 s at most: a
# loaded lab may take seconds to start busybox).
wait_http() {
	local ns=$1; shift
	at "$ns" bash -c "$HTTP_CLIENT"'
	for u; do
		until http_get "$u" >/dev/null 2>&1; do
			[ $SECONDS -lt 30 ] || { echo "no answer from $u" >&2; exit 1; }
			sleep 0.1
		done
	done' _ "$@"
}

web_start() { # NS NAME
	local ns=$1 name=$2 d=$TR_DIR/www-$2
	mkdir -p "$d/cgi-bin" || return 1
	echo "$name" >"$d/index.html"
	# REMOTE_ADDR as "[::ffff:203.0.113.50]" (httpd listens on ::): the bare address
	cat >"$d/cgi-bin/ip" <<-EOF
	#!/bin/sh
	a=\${REMOTE_ADDR#\[}; a=\${a%]}; a=\${a#::ffff:}
	printf 'Content-Type: text/plain\r\n\r\n%s %s\n' $name "\$a"
	EOF
	chmod +x "$d/cgi-bin/ip"
	bg "$ns" busybox httpd -f -p 80 -h "$d"
}

nat_topology() { # N web nodes
	local n=$1 i v batch dbatch
	local names=(C D)
	for ((i = 1; i <= n; i++)); do names+=("W$i"); done
	ns_new "${names[@]}" || return 1
	batch="link add c0 netns $C type veth peer name vip0 netns $D"$'\n'
	for ((i = 1; i <= n; i++)); do
		v=W$i
		batch+="link add eth0 netns ${!v} type veth peer name web$i netns $D"$'\n'
	done
	printf '%s' "$batch" | ip -batch - || return 1
	in_ns "$C" <<-EOF || return 1
	addr add 203.0.113.50/24 dev c0
	addr add fd00:1::50/64 dev c0 nodad
	link set c0 up
	EOF
	dbatch="addr add 203.0.113.10/24 dev vip0
addr add fd00:1::10/64 dev vip0 nodad
link set vip0 up
link add br0 type bridge
addr add 10.0.1.10/24 dev br0
addr add fd00:2::10/64 dev br0 nodad
link set br0 up
"
	for ((i = 1; i <= n; i++)); do dbatch+="link set web$i master br0 up"$'\n'; done
	in_ns "$D" <<<"$dbatch" || return 1
	sysctl_in "$D" net.ipv4.ip_forward=1 net.ipv6.conf.all.forwarding=1 || return 1
	WEBS=()
	for ((i = 1; i <= n; i++)); do
		v=W$i
		in_ns "${!v}" <<-EOF || return 1
		addr add 10.0.1.1$i/24 dev eth0
		addr add fd00:2::1$i/64 dev eth0 nodad
		link set eth0 up
		route add default via 10.0.1.10
		route add ::/0 via fd00:2::10
		EOF
		web_start "${!v}" "web$i" || return 1
		WEBS+=("http://10.0.1.1$i/")
	done
	wait_http "$D" "${WEBS[@]}"
}

# l2_segment SWITCH NS...: one L2 segment, the bridge br0 in SWITCH with a
# port (p1, p2, ...) for each NS, whose end in NS is its eth0 (still down).
l2_segment() {
	local sw=$1 i=0 ns links="" ports=""
	shift
	for ns in "$@"; do
		i=$((i + 1))
		links+="link add eth0 netns $ns type veth peer name p$i netns $sw"$'\n'
		ports+="link set p$i master br0 up"$'\n'
	done
	printf '%s' "$links" | ip -batch - || return 1
	in_ns "$sw" <<<"link add br0 type bridge
link set br0 up
$ports"
}

l2_topology() { # N real servers
	local n=$1 i v
	local names=(S C D) reals=()
	for ((i = 1; i <= n; i++)); do names+=("R$i"); done
	ns_new "${names[@]}" || return 1
	for ((i = 1; i <= n; i++)); do v=R$i; reals+=("${!v}"); done
	l2_segment "$S" "$C" "$D" "${reals[@]}" || return 1
	in_ns "$C" <<-EOF || return 1
	addr add 10.0.2.50/24 dev eth0
	link set eth0 up
	EOF
	in_ns "$D" <<-EOF || return 1
	addr add 10.0.2.10/24 dev eth0
	addr add 10.0.2.100/32 dev eth0
	link set eth0 up
	EOF
	RSS=()
	for ((i = 1; i <= n; i++)); do
		v=R$i
		sysctl_in "${!v}" net.ipv4.conf.all.arp_ignore=1 net.ipv4.conf.all.arp_announce=2 \
			net.ipv4.conf.all.rp_filter=0 net.ipv4.conf.default.rp_filter=0 || return 1
		in_ns "${!v}" <<-EOF || return 1
		addr add 10.0.2.1$i/24 dev eth0
		link set eth0 up
		addr add 10.0.2.100/32 dev lo
		EOF
		web_start "${!v}" "real$i" || return 1
		RSS+=("http://10.0.2.1$i/")
	done
	wait_http "$D" "${RSS[@]}"
}

# fetch NS URL N: N requests from NS, one answer per line (FAIL if one failed).
fetch() {
	at "$1" bash -c "$HTTP_CLIENT"'
	for ((i = 0; i < $2; i++)); do
		http_get "$1" 2>/dev/null || echo FAIL
	done' _ "$2" "$3"
}

# loop_start NS URL FILE: requests one after another, each answer (or FAIL)
# appended to FILE, until loop_stop.
loop_start() {
	rm -f "$TR_DIR/loop.stop"
	: >"$3"
	bg "$1" bash -c "$HTTP_CLIENT"'
	while [ ! -e "$3" ]; do
		r=$(http_get "$1" 2>/dev/null) || r=FAIL
		echo "$r" >>"$2"
	done' _ "$2" "$3" "$TR_DIR/loop.stop"
	LOOP_PID=$!
}
loop_stop() { : >"$TR_DIR/loop.stop"; wait "$LOOP_PID"; }

# wait_lines FILE N: until FILE has at least N lines (60 s at most).
wait_lines() {
	local i a
	for ((i = 0; i < 300; i++)); do
		mapfile -t a <"$1"
		[ "${#a[@]}" -ge "$2" ] && return 0
		sleep 0.2
	done
	echo "wait_lines: $1 has ${#a[@]} lines, wanted $2" >&2
	return 1
}

# ---------------------------------------------------------------- assertions
# Answers are read into ANS (one per line) by answers TEXT.
answers() { mapfile -t ANS <<<"$1"; }
show() { printf '  answer: %s\n' "${ANS[@]}" >&2; }
count() { local a n=0; for a in "${ANS[@]}"; do [ "$a" = "$1" ] && n=$((n + 1)); done; echo "$n"; }

# expect_counts WORD=N...: exactly these answers, with these counts.
expect_counts() {
	local kv total=0 c
	for kv; do
		c=$(count "${kv%%=*}")
		if [ "$c" != "${kv#*=}" ]; then
			echo "expected ${kv#*=} answers '${kv%%=*}', got $c" >&2; show; return 1
		fi
		total=$((total + c))
	done
	if [ "$total" != "${#ANS[@]}" ]; then
		echo "expected $total answers, got ${#ANS[@]}" >&2; show; return 1
	fi
}

# expect_cycle WORD...: ANS goes round these words in this order, starting anywhere.
expect_cycle() {
	local w=("$@") k=$# s=-1 i e
	for ((i = 0; i < k; i++)); do [ "${ANS[0]}" = "${w[i]}" ] && s=$i; done
	if [ $s -lt 0 ]; then echo "first answer '${ANS[0]}' is none of: $*" >&2; show; return 1; fi
	for ((i = 0; i < ${#ANS[@]}; i++)); do
		e=${w[(s + i) % k]}
		if [ "${ANS[i]}" != "$e" ]; then
			echo "answer $((i + 1)) is '${ANS[i]}', expected '$e' (strict rotation)" >&2; show; return 1
		fi
	done
}

# expect_same: every answer identical and one of the given words.
expect_same() {
	local a w ok=0
	for w; do [ "${ANS[0]}" = "$w" ] && ok=1; done
	if [ $ok = 0 ]; then echo "first answer '${ANS[0]}' is none of: $*" >&2; show; return 1; fi
	for a in "${ANS[@]}"; do
		[ "$a" = "${ANS[0]}" ] || { echo "answers differ (expected all '${ANS[0]}')" >&2; show; return 1; }
	done
}

# row TEXT KEY: ROW=fields of the listing line whose second field is KEY
# ("TCP  VIP:80 ..." or "  -> RIP:80 ...").
row() {
	local l f
	while IFS= read -r l; do
		read -ra f <<<"$l"
		[ "${f[1]:-}" = "$2" ] && { ROW=("${f[@]}"); return 0; }
	done <<<"$1"
	echo "no line for $2 in:" >&2; printf '%s\n' "$1" >&2
	return 1
}
