#!/usr/bin/env bats
# bats-jobs: cost 12
# --netns NAME|PATH|PID and --all-netns: our binary runs in the lab's first
# namespace and reaches the table (netlink and /proc/net/ip_vs_conn) of
# another one; a namespace that is missing or cannot be entered is exit 2.

load helpers

# in_root ARGS...: our binary in this shell's namespace (not NS_OURS).
in_root() { "$IPVSADM" "$@"; }

# A table in NS_OURS, and one UDP entry in its connection table: a
# datagram from the namespace itself to a NAT service whose real server
# sits behind a blackhole route (IPVS makes the entry, nobody answers).
one_entry() {
	ip -n "$NS_OURS" addr add 10.99.0.1/32 dev lo
	ip -n "$NS_OURS" route add blackhole 10.97.0.0/24
	ours -A -u 10.99.0.1:53 -s rr
	ours -a -u 10.99.0.1:53 -r 10.97.0.2:53 -m
	nsenter --net="/run/netns/$NS_OURS" bash -c 'echo x >/dev/udp/10.99.0.1/53'
}

@test "netns: by name, the listing and the connection table of that namespace" {
	one_entry
	run in_root -L -n --netns "$NS_OURS"
	[ "$status" -eq 0 ]
	[ "$output" = "$(ours -L -n)" ]
	run in_root --netns "$NS_OURS" -L -n -c
	[ "$status" -eq 0 ]
	[[ $output == *"10.99.0.1:53"*"10.97.0.2:53"* ]]
	# the first namespace's own table has no such entry
	run in_root -L -n -c
	[[ $output != *"10.97.0.2:53"* ]]
	# a change goes there too
	in_root --netns "$NS_OURS" -A -t 10.99.0.1:80
	[[ $(ours -S -n) == *"-A -t 10.99.0.1:80 -s wlc"* ]]
	run in_root -L -n --netns "no-such-ns-$RANDOM"
	[ "$status" -eq 2 ]
	[[ $output == "Cannot open network namespace \"no-such-ns-"*"\": No such file or directory" ]]
}

@test "netns: a bind-mounted path (as Docker keeps them), a missing one, a file that is no namespace" {
	ours -A -t 10.0.0.1:80 -s rr
	local f=$BATS_TEST_TMPDIR/sbox
	touch "$f"
	mount --bind "/run/netns/$NS_OURS" "$f"
	run in_root -S -n --netns "$f"
	umount "$f"
	[ "$status" -eq 0 ]
	[ "$output" = "-A -t 10.0.0.1:80 -s rr" ]
	run in_root -S -n --netns "$BATS_TEST_TMPDIR/missing"
	[ "$status" -eq 2 ]
	[[ $output == *"Cannot open network namespace"*"No such file or directory" ]]
	run in_root -S -n --netns "$f"
	[ "$status" -eq 2 ]
	[[ $output == "setting the network namespace \"$f\" failed: Invalid argument" ]]
}

@test "netns: a process's namespace by its PID, and a PID that does not exist" {
	ours -A -t 10.0.0.2:80 -s rr
	nsenter --net="/run/netns/$NS_OURS" sleep 30 &
	local pid=$! i
	# in the namespace once nsenter has become sleep
	for ((i = 0; i < 100; i++)); do
		[ "$(readlink /proc/$pid/exe)" = /usr/bin/sleep ] && break
		sleep 0.05
	done
	run in_root -S -n --netns "$pid"
	kill "$pid"
	[ "$status" -eq 0 ]
	[ "$output" = "-A -t 10.0.0.2:80 -s rr" ]
	run in_root -S -n --netns 4000000
	[ "$status" -eq 2 ]
	[[ $output == 'Cannot open network namespace "4000000": No such file or directory' ]]
}

# section TEXT NAME: the lines after "netns: NAME" up to the next heading.
section() {
	awk -v h="netns: $2" '$0 == h { on = 1; next } /^netns: / { on = 0 } on' <<<"$1"
}

@test "all-netns: every named namespace headed as ip -all netns exec heads it; only listings" {
	ours -A -t 10.0.0.3:80 -s rr
	ref -A -u 10.0.0.4:53 -s sh
	run in_root -S -n --all-netns
	[ "$status" -eq 0 ]
	[ "$(section "$output" "$NS_OURS")" = "$(printf -- '-A -t 10.0.0.3:80 -s rr\n')" ]
	[ "$(section "$output" "$NS_REF")" = "$(printf -- '-A -u 10.0.0.4:53 -s sh\n')" ]
	# the heading is ip's, a blank line first
	local ipout
	ipout=$(ip -all netns exec true)
	[[ $ipout == *$'\n'"netns: $NS_OURS"* ]]
	[[ $'\n'$output == *$'\n\n'"netns: $NS_OURS"$'\n'* ]]
	run in_root -A -t 10.0.0.9:80 --all-netns
	[ "$status" -eq 2 ]
	[[ $output == "option --all-netns goes with -L or -S"* ]]
	run in_root -L -n --netns "$NS_OURS" --all-netns
	[ "$status" -eq 2 ]
	[ "$output" = "multiple 'netns' options specified" ]
}
