#!/usr/bin/env bats
# bats-jobs: cost 43
# Beyond the reference: the live view, -L --watch[=SECONDS] [--count=N].
# Live traffic through the NAT tutorial's cluster (traffic.bash), a real
# terminal (tmux), JSON lines (jq), table changes while watching, bad input.

load helpers
load traffic

setup() { tr_setup; }
teardown() {
	[ -z "${TMUX_TMPDIR:-}" ] || tmux kill-server 2>/dev/null
	tr_teardown
}

VIP=203.0.113.10
URL=http://203.0.113.10/

# plain_frames TEXT N: N frames, no escape sequence; FRAME is the last one.
plain_frames() {
	local l n=0
	[[ $1 != *$'\e'* ]] || { echo "escape sequences in plain output" >&2; return 1; }
	while IFS= read -r l; do
		[[ $l =~ ^[0-9][0-9]:[0-9][0-9]:[0-9][0-9]\ \ every\  ]] && n=$((n + 1))
	done <<<"$1"
	[ "$n" = "$2" ] || { echo "expected $2 frames, got $n:" >&2; printf '%s\n' "$1" >&2; return 1; }
	FRAME=${1##*$'\n\n'}
}

# last_frame FILE: FRAME is the file's last frame (after its last blank
# line), FRAMES the number of frames in it.  mapfile and a loop: bash's
# ${x##*pattern} is quadratic in the length of x, and the file grows with
# every frame.
last_frame() {
	local -a L
	local i l
	mapfile -t L <"$1"
	for ((i = ${#L[@]} - 1; i >= 0; i--)); do
		[ -n "${L[i]}" ] || break
	done
	FRAME=$(printf '%s\n' "${L[@]:i+1}")
	FRAMES=0
	for l in "${L[@]}"; do
		[[ $l == [0-9][0-9]:[0-9][0-9]:[0-9][0-9]"  every "* ]] && FRAMES=$((FRAMES + 1))
	done
	return 0
}

# share_near FIELD PERCENT: "41.7%" is within 10 points of PERCENT.
share_near() {
	local v=${1%\%}
	v=${v%.*}
	[ "$v" -ge $(($2 - 10)) ] && [ "$v" -le $(($2 + 10)) ] ||
		{ echo "share $1 is not near $2%" >&2; printf '%s\n' "$FRAME" >&2; return 1; }
}

# http_loop: HTTP/1.0 requests from C to the VIP by bash itself (no exec
# per request: the emulated CPU makes busybox wget slow) until http_stop;
# a refused connection is just the next one.  SYN retries cut to 2 and a
# read timeout: a lost packet costs seconds, never the loop.
http_loop() {
	rm -f "$TR_DIR/http.stop"
	bg "$C" bash -c 'echo 2 >/proc/sys/net/ipv4/tcp_syn_retries
	while [ ! -e "$1" ]; do
		exec 3<>/dev/tcp/'$VIP'/80 || continue
		printf "GET / HTTP/1.0\r\n\r\n" >&3
		while read -r -t 10 -u 3 l; do :; done
		exec 3<&-
	done' _ "$TR_DIR/http.stop"
}
http_stop() { : >"$TR_DIR/http.stop"; }

# watch_bg FILE [SECONDS]: our -L -n --watch=SECONDS (default 1) in D in
# the background, its frames written to FILE (its errors to FILE.err);
# WATCH_PID is its pid.
watch_bg() {
	"$NSX" run "$D" "$IPVSADM" ipvsadm -L -n --watch="${2:-1}" >"$1" 2>"$1.err" &
	WATCH_PID=$!
	TR_PIDS+=($!)
}

# tenths RATE: a Conn/s cell ("0", "6.5", "12.5", "150") in tenths, in TENTHS.
tenths() {
	case $1 in
	*.*) TENTHS=$((${1%.*} * 10 + ${1#*.})) ;;
	*[!0-9]*) TENTHS=999999 ;; # 1.2K and up
	*) TENTHS=$(($1 * 10)) ;;
	esac
}

# conns_each MIN_TENTHS KEY...: every KEY's row of FRAME is complete and
# shows MIN_TENTHS/10 new connections a second or more (Conn/s: a
# service's sixth field, a real server's seventh).
conns_each() {
	local min=$1 k
	shift
	for k; do
		row "$FRAME" "$k" 2>/dev/null || return 1
		if [ "${ROW[0]}" = "->" ]; then
			[ "${#ROW[@]}" -ge 13 ] && tenths "${ROW[6]}"
		else
			[ "${#ROW[@]}" -ge 10 ] && tenths "${ROW[5]}"
		fi || return 1
		[ "$TENTHS" -ge "$min" ] || return 1
	done
}

# frame_until FILE FROM SECONDS TEST...: until the watch writing FILE has
# shown its frame number FROM or a later one for which TEST... succeeds
# (run with FRAME set to that frame), SECONDS at most; FRAME is then that
# frame.  A frame's rates are those of its 2-second window: a client that
# stalls a moment, or the kernel's counters refreshed late, leave a window
# empty; so the test waits for a frame that saw the traffic it needs
# rather than take the Nth.
frame_until() {
	local f=$1 from=$2 limit=$3 end=$((SECONDS + $3))
	shift 3
	while :; do
		last_frame "$f"
		[ "$FRAMES" -ge "$from" ] && "$@" && return 0
		if [ $SECONDS -ge $end ]; then
			echo "no frame from number $from on passed '$*' in $limit s; the last one (number $FRAMES):" >&2
			printf '%s\n' "$FRAME" >&2
			return 1
		fi
		sleep 0.3
	done
}

# A dest line: -> ADDR Fwd Weight Active InAct Conn/s Share Target
#   InPkt/s OutPkt/s InB/s OutB/s [Flags]
@test "wrr 2:3 NAT under traffic: shares near 40/60 beside targets 40/60; a stopped listener is flagged" {
	nat_topology 2
	ipv -R <<-EOF
	-A -t $VIP:80 -s wrr
	-a -t $VIP:80 -r 10.0.1.11:80 -m -w 2
	-a -t $VIP:80 -r 10.0.1.12:80 -m -w 3
	EOF
	local w=$TR_DIR/watch counted
	http_loop
	# --count=3: three frames and no escape sequence (not a terminal)
	"$NSX" run "$D" "$IPVSADM" ipvsadm -L -n --watch=1 --count=3 >"$w.3" &
	counted=$!
	watch_bg "$w"
	# a window of 6 connections or more (2 s at 3 a second): wrr's shares
	# are then within one connection of 40/60
	frame_until "$w" 1 60 conns_each 30 $VIP:80
	row "$FRAME" $VIP:80
	[ "${ROW[2]}" = wrr ]
	row "$FRAME" 10.0.1.11:80
	[ "${ROW[2]} ${ROW[3]} ${ROW[8]}" = "Masq 2 40.0%" ] || { printf '%s\n' "$FRAME" >&2; false; }
	share_near "${ROW[7]}" 40
	[ "${#ROW[@]}" = 13 ] || { echo "flagged: ${ROW[*]}" >&2; false; }
	row "$FRAME" 10.0.1.12:80
	[ "${ROW[2]} ${ROW[3]} ${ROW[8]}" = "Masq 3 60.0%" ] || { printf '%s\n' "$FRAME" >&2; false; }
	share_near "${ROW[7]}" 60
	[ "${#ROW[@]}" = 13 ] || { echo "flagged: ${ROW[*]}" >&2; false; }
	kill "$WATCH_PID"
	[ ! -s "$w.err" ] || { cat "$w.err" >&2; false; }
	wait "$counted"
	plain_frames "$(<"$w.3")" 3

	# web1's httpd (the first process started) stops: its connections are
	# refused while web2 keeps serving.  NOREPLY needs 5 new connections
	# on web1 and on web2 in a window: a new watch every 1.5 s over 6 s
	# (a loaded lab's client made 4.5 a second, 1.8 to web1), from its
	# third frame on, whose window begins after the kill (the kernel's
	# counters lag up to 2 s); 0.9 a second over 6 s is 5 connections.
	kill "${TR_PIDS[0]}"
	watch_bg "$w.2" 1.5
	frame_until "$w.2" 3 60 conns_each 9 10.0.1.11:80 10.0.1.12:80
	row "$FRAME" 10.0.1.11:80
	[ "${ROW[13]:-}" = NOREPLY ] || { echo "web1 not flagged NOREPLY:" >&2; printf '%s\n' "$FRAME" >&2; false; }
	share_near "${ROW[7]}" 40
	row "$FRAME" 10.0.1.12:80
	[ "${#ROW[@]}" = 13 ] || { echo "web2 flagged: ${ROW[*]}" >&2; false; }
	kill "$WATCH_PID"
	http_stop
}

@test "terminal (tmux): the frame is redrawn in place; q restores the terminal" {
	command -v tmux >/dev/null || skip "tmux is not installed"
	ns_new D
	ipv -R <<-EOF
	-A -t 10.0.0.1:80 -s wrr
	-a -t 10.0.0.1:80 -r 192.168.1.2:80 -m -w 2
	EOF
	export TMUX_TMPDIR=$TR_DIR
	tmux new-session -d -s w -x 100 -y 20 "bash --norc --noprofile"
	tmux send-keys -t w "PS1='$ '; nsenter --net=/run/netns/$D $IPVSADM -L -n --watch=0.5; echo rc=\$?; stty -a >$TR_DIR/stty" Enter
	local i pane=
	for ((i = 0; i < 100; i++)); do
		pane=$(tmux capture-pane -p -t w -S -100)
		[[ $pane == *"Prot LocalAddress:Port"* ]] && break
		sleep 0.2
	done
	[[ $pane == *"  -> 192.168.1.2:80"*Masq* ]] || { echo "no frame:" >&2; echo "$pane" >&2; false; }
	[ "$(tmux display -p -t w '#{cursor_flag}')" = 0 ]
	# a later frame: the clock of the last frame shown moves on
	local clock='.*([0-9]{2}:[0-9]{2}:[0-9]{2})  every' first=
	[[ $pane =~ $clock ]] && first=${BASH_REMATCH[1]}
	for ((i = 0; i < 100; i++)); do
		pane=$(tmux capture-pane -p -t w -S -100)
		[[ $pane =~ $clock ]] && [ "${BASH_REMATCH[1]}" != "$first" ] && break
		sleep 0.2
	done
	[[ $pane =~ $clock ]] && [ "${BASH_REMATCH[1]}" != "$first" ] ||
		{ echo "no frame after the one of $first:" >&2; echo "$pane" >&2; false; }
	# redrawn in place: one title however many frames went by
	[ "$(grep -c 'Prot LocalAddress:Port' <<<"$pane")" = 1 ] || { echo "$pane" >&2; false; }
	tmux send-keys -t w q
	for ((i = 0; i < 50; i++)); do
		pane=$(tmux capture-pane -p -t w)
		[[ $pane == *rc=0* ]] && [ -s "$TR_DIR/stty" ] && break
		sleep 0.2
	done
	[[ $pane == *"192.168.1.2:80"*rc=0* ]] || { echo "$pane" >&2; false; }
	[ "$(tmux display -p -t w '#{cursor_flag}')" = 1 ]
	grep -qw icanon "$TR_DIR/stty" && grep -qw echo "$TR_DIR/stty" || { cat "$TR_DIR/stty" >&2; false; }
}

@test "--json --watch --count=2: one JSON object per line, each read by jq" {
	ns_new D
	ipv -R <<-EOF
	-A -t 10.0.0.1:80 -s wrr
	-a -t 10.0.0.1:80 -r 192.168.1.2:80 -m -w 1
	-a -t 10.0.0.1:80 -r 192.168.1.3:80 -m -w 3
	-A -u 10.0.0.2:53 -s lc
	EOF
	local out l
	out=$(ipv -L -n --json --watch=0.5 --count=2)
	mapfile -t L <<<"$out"
	[ "${#L[@]}" = 2 ] || { echo "$out" >&2; false; }
	for l in "${L[@]}"; do
		jq -e '.window == 2 and .interval == 0.5 and .totals.services == 2 and
			.totals.servers == 2 and .totals.rates.cps == 0 and
			(.services | length) == 2 and
			.services[0].scheduler == "wrr" and .services[0].watch.new_conns == 0 and
			.services[0].servers[0].address == "192.168.1.2" and
			.services[0].servers[0].stats.conns == 0 and
			.services[0].servers[0].watch.target == 0.25 and
			.services[0].servers[1].watch.target == 0.75 and
			(.services[0].servers[1].watch.flags | length) == 0 and
			.services[1].servers == []' <<<"$l" >/dev/null ||
			{ echo "$l" >&2; false; }
	done
}

@test "table changes while watching show on the next frames; a deleted service disappears; SIGTERM ends it" {
	ns_new D
	ipv -R <<-EOF
	-A -t 10.0.0.1:80 -s wrr
	-a -t 10.0.0.1:80 -r 192.168.1.2:80 -m -w 1
	-A -t 10.0.0.2:80 -s rr
	-a -t 10.0.0.2:80 -r 192.168.1.3:80 -m
	EOF
	local w=$TR_DIR/watch pid i first
	nsenter --net="/run/netns/$D" "$IPVSADM" -L -n --watch=0.5 >"$w" 2>"$w.err" &
	pid=$!
	for ((i = 0; i < 150; i++)); do
		last_frame "$w"
		[[ $FRAME == *192.168.1.3:80* ]] && break
		sleep 0.2
	done
	first=$FRAME
	[[ $first == *"TCP  10.0.0.2:80"* ]] || { echo "no first frame: $first" >&2; false; }
	ipv -R <<-EOF
	-a -t 10.0.0.1:80 -r 192.168.1.4:80 -m -w 3
	-e -t 10.0.0.1:80 -r 192.168.1.2:80 -m -w 5
	-D -t 10.0.0.2:80
	EOF
	# a frame read after the change: the new server, the new weight, no 10.0.0.2:80
	for ((i = 0; i < 150; i++)); do
		last_frame "$w"
		[[ $FRAME == *192.168.1.4:80* && $FRAME != *10.0.0.2:80* ]] && break
		sleep 0.2
	done
	kill -TERM "$pid"
	local st=0
	wait "$pid" || st=$?
	[ "$st" = 143 ] || { echo "status $st after SIGTERM" >&2; false; }
	[ ! -s "$w.err" ] || { cat "$w.err" >&2; false; }
	[[ $FRAME != *10.0.0.2:80* ]] || { echo "deleted service still shown:" >&2; echo "$FRAME" >&2; false; }
	row "$FRAME" 192.168.1.2:80
	[ "${ROW[3]} ${ROW[8]}" = "5 62.5%" ] || { echo "$FRAME" >&2; false; }
	row "$FRAME" 192.168.1.4:80
	[ "${ROW[3]} ${ROW[8]}" = "3 37.5%" ] || { echo "$FRAME" >&2; false; }
}

@test "bad --watch/--count input and --watch with another command: an error, status != 0, nothing changed" {
	ns_new D
	ipv -A -t 10.0.0.1:80 -s rr
	local before a
	before=$(ipv -S -n)
	for a in "-L --watch=0" "-L --watch=-1" "-L --watch=abc" "-L --watch --count=0" \
		"-L --count=2" "-L -c --watch" "-A -t 10.0.0.2:80 --watch" "-D -t 10.0.0.1:80 --watch" \
		"-Z --watch" "-S --watch"; do
		run ipv $a
		[ "$status" -ne 0 ] && [ -n "$output" ] || { echo "ipvsadm $a: status $status: $output" >&2; false; }
		case $a in
		*=0) [[ $output == *"illegal --"* ]] ;;
		*=-1|*=abc) [[ $output == "illegal --watch interval"* ]] ;;
		"-L --count=2") [ "$output" = "option --count goes with --watch" ] ;;
		"-L -c"*) [[ $output == "option --watch shows the services"* ]] ;;
		*) [[ $output == "Illegal 'watch' option with the '"*"' command" ]] ;;
		esac || { echo "ipvsadm $a: $output" >&2; false; }
	done
	[ "$(ipv -S -n)" = "$before" ]
	# a missing service: -L's message and status
	run ipv -L -n -t 10.9.9.9:80
	local want_out=$output want_status=$status
	[ "$want_status" -ne 0 ]
	run ipv -L -n -t 10.9.9.9:80 --watch --count=1
	[ "$status" = "$want_status" ] && [ "$output" = "$want_out" ] ||
		{ echo "-L: $want_status $want_out; --watch: $status $output" >&2; false; }
}
