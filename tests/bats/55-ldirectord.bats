#!/usr/bin/env bats
# A real program that drives ipvsadm: Debian's ldirectord (4.12) health-checks
# real servers and runs `ipvsadm -a/-e/-d/-D` as they fail and recover.  It
# also reads back `ipvsadm -L -n` and `-L -n --thresholds` with its own
# regular expressions to decide between -a and -e, so a listing that differs
# from the reference's in any column it parses shows up as a wrong table or
# as failed commands in its log.
#
# ldirectord runs /sbin/ipvsadm: each daemon runs in a private mount
# namespace where our binary is bound over it.  The table is read with the
# reference (-S -n), so the checks do not rest on our own listing.
# bats-jobs: cost 72

load helpers
load traffic

setup_file() {
	command -v ldirectord >/dev/null || {
		echo "ldirectord is not installed (scripts/deps installs it)" >&2
		return 1
	}
}

setup() { tr_setup; }
teardown() {
	[ -n "${LD_CF:-}" ] && at "$D" ldirectord "$LD_CF" stop >/dev/null 2>&1
	tr_teardown
}

VIP=203.0.113.10
VIP6=fd00:1::10

# ld_start CONFIG-BODY: write $TR_DIR/ld-$TR_ID.cf and start ldirectord on
# it in D with our binary as /sbin/ipvsadm.
ld_start() {
	LD_CF=$TR_DIR/ld-$TR_ID.cf
	LD_LOG=$TR_DIR/ld.log
	{
		printf 'checktimeout=10\nnegotiatetimeout=10\ncheckinterval=1\n'
		printf 'autoreload=no\nlogfile="%s"\n' "$LD_LOG"
		printf '%s\n' "$1"
	} >"$LD_CF"
	at "$D" unshare -m bash -c '
		mount --bind "$1" "$(readlink -f /sbin/ipvsadm)" || exit 99
		exec ldirectord "$2" start' _ "$IPVSADM" "$LD_CF"
}

# wait_table EXPECTED: until the reference's -S -n in D prints the lines
# of EXPECTED, in any order (services come in the kernel's hash order);
# about 30 s at most.  On a timeout, show the last table and the log.
wait_table() {
	local i want
	want=$(printf '%s\n' "$1" | sort)
	for ((i = 0; i < 60; i++)); do
		TABLE=$(ref_in "$D" -S -n | sort)
		[ "$TABLE" = "$want" ] && return 0
		sleep 0.5
	done
	{ echo "table never became:"; printf '%s\n' "$1"; echo "last table:"
	  printf '%s\n' "$TABLE"; echo "ldirectord log:"; cat "$LD_LOG"; } >&2
	return 1
}

# The log must not show a command that failed or a line it could not read.
log_clean() {
	if grep -E 'failed|Unknown line|already exists|No such' "$LD_LOG" >&2; then
		echo "ldirectord logged errors (above)" >&2
		return 1
	fi
}

@test "ldirectord (quiescent=no): adds the servers, removes a dead one, adds it back, removes all on stop" {
	nat_topology 2		# web1 and web2 serve on W1 and W2
	WEB1_PID=${TR_PIDS[0]}
	wait_http "$D" http://10.0.1.11/ http://10.0.1.12/
	ld_start "quiescent=no
virtual=$VIP:80
	real=10.0.1.11:80 masq 2
	real=10.0.1.12:80 masq 3
	scheduler=wrr
	protocol=tcp
	checktype=negotiate
	service=http
	request=\"index.html\"
	receive=\"web\""
	local both="-A -t $VIP:80 -s wrr
-a -t $VIP:80 -r 10.0.1.11:80 -m -w 2
-a -t $VIP:80 -r 10.0.1.12:80 -m -w 3"
	wait_table "$both"
	answers "$(fetch "$C" http://$VIP/ 5)"
	expect_counts web1=2 web2=3

	kill "$WEB1_PID"
	wait_table "-A -t $VIP:80 -s wrr
-a -t $VIP:80 -r 10.0.1.12:80 -m -w 3"
	answers "$(fetch "$C" http://$VIP/ 3)"
	expect_counts web2=3

	web_start "$W1" web1
	wait_table "$both"
	log_clean

	at "$D" ldirectord "$LD_CF" stop
	LD_CF=
	wait_table ""
	log_clean
}

@test "ldirectord (quiescent=yes, IPv6 and an fwmark service): weight 0 for a dead server, its weight back after" {
	nat_topology 2		# web1 and web2 serve on W1 and W2
	WEB1_PID=${TR_PIDS[0]}
	wait_http "$D" http://10.0.1.11/ "http://[fd00:2::12]/"
	ld_start "quiescent=yes
virtual6=[$VIP6]:80
	real6=[fd00:2::11]:80 masq 4
	real6=[fd00:2::12]:80 masq 1
	scheduler=wlc
	persistent=60
	protocol=tcp
	checktype=connect
virtual=7
	real=10.0.1.11:80 masq 5
	real=10.0.1.12:80 masq 6
	scheduler=rr
	protocol=fwm
	checkport=80
	checktype=negotiate
	service=http
	request=\"index.html\"
	receive=\"web\""
	local up="-A -f 7 -s rr
-a -f 7 -r 10.0.1.11:80 -m -w 5
-a -f 7 -r 10.0.1.12:80 -m -w 6
-A -t [$VIP6]:80 -s wlc -p 60
-a -t [$VIP6]:80 -r [fd00:2::11]:80 -m -w 4
-a -t [$VIP6]:80 -r [fd00:2::12]:80 -m -w 1"
	wait_table "$up"

	kill "$WEB1_PID"
	local down=${up/11]:80 -m -w 4/11]:80 -m -w 0}
	wait_table "${down/10.0.1.11:80 -m -w 5/10.0.1.11:80 -m -w 0}"

	web_start "$W1" web1
	wait_table "$up"
	log_clean
}
