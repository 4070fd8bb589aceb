#!/usr/bin/env bats
# bats-jobs: cost 16
# Sanity of the lab itself: a real IPVS kernel, isolated namespaces, helpers.

load helpers

@test "lab: ip_vs is loaded and visible in the test namespaces" {
	[ -e /proc/net/ip_vs ]
	nsenter --net="/run/netns/$NS_REF" test -e /proc/net/ip_vs
	nsenter --net="/run/netns/$NS_OURS" test -e /proc/net/ip_vs
}

@test "lab: the reference adds a service in NS_REF and lists it" {
	ref -A -t 10.0.0.1:80 -s rr
	run ref -L -n
	[ "$status" -eq 0 ]
	[[ "$output" == *"TCP  10.0.0.1:80 rr"* ]]
}

@test "lab: namespaces are isolated" {
	ref -A -t 10.0.0.1:80 -s rr
	run ref_in "$NS_OURS" -S -n
	[ "$status" -eq 0 ]
	[ -z "$output" ]
	run ref -S -n
	[ "$output" = "-A -t 10.0.0.1:80 -s rr" ]
}

@test "lab: scheduler modules autoload (wlc, mh, sh, lblcr)" {
	ref -A -t 10.0.0.1:80 -s wlc
	ref -A -t 10.0.0.2:80 -s mh
	ref -A -u 10.0.0.3:53 -s sh
	ref -A -f 7 -s lblcr
	run ref -S -n
	[ "${#lines[@]}" -eq 4 ]
}

@test "lab: given builds the same state in both namespaces" {
	given -A -t 10.0.0.1:80 -s rr
	given -a -t 10.0.0.1:80 -r 10.0.1.11:80 -m -w 3
	[ "$(ref_in "$NS_REF" -S -n)" = "$(ref_in "$NS_OURS" -S -n)" ]
	[ -n "$(ref_in "$NS_OURS" -S -n)" ]
}

@test "lab: compat passes for identical behaviour (the reference is argv[0] ipvsadm)" {
	[ "$IPVSADM" != "$REF_IPVSADM" ] && skip "only meaningful with IPVSADM_BIN=$REF_IPVSADM"
	compat -A -t 10.0.0.1:80 -s rr
	compat_out -L -n
	compat -A -t 10.0.0.1:80 -s rr
	[ "$REF_STATUS" -ne 0 ]
	compat_out --foo
	[[ "$REF_ERR" == *ipvsadm* ]]
}

@test "lab: compat reports a difference" {
	given -A -t 10.0.0.1:80 -s rr
	ref -A -t 10.0.0.2:80 -s rr
	run compat_out -S -n
	[ "$status" -ne 0 ]
	[[ "$output" == *"stdout differs"* ]]
}

@test "lab: veth pairs work between namespaces" {
	ip link add "v$BATS_TEST_NUMBER-$$" netns "$NS_REF" type veth peer name peer0 netns "$NS_OURS"
	ip -n "$NS_REF" link set "v$BATS_TEST_NUMBER-$$" up
	ip -n "$NS_OURS" link set peer0 up
}
