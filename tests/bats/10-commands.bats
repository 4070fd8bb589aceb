#!/usr/bin/env bats
# bats-jobs: cost 77
# Commands that change the table, on a table that already holds something:
# ours and the reference must print the same, exit the same and leave the
# same table (compat compares all of it).

load helpers

svc() { given -A -t 10.0.0.1:80 -s rr; }

@test "-A a service that exists: Service already exists" {
	svc
	compat -A -t 10.0.0.1:80 -s wrr
}

@test "-A a second service, an UDP one, an SCTP one, a fwmark one" {
	svc
	compat -A -u 10.0.0.1:53 -s wlc
	compat -A --sctp-service 10.0.0.1:5000 -s rr
	compat -A -f 42 -s sh -b sh-port
}

@test "-E changes scheduler, persistence and netmask" {
	svc
	compat -E -t 10.0.0.1:80 -s wrr -p 120 -M 255.255.255.0
}

@test "-E without -s falls back to wlc" {
	svc
	compat -E -t 10.0.0.1:80 -p
}

@test "-E a service that does not exist: No such service" {
	compat -E -t 10.0.0.9:80 -s rr
}

@test "-E with an unknown scheduler" {
	svc
	compat -E -t 10.0.0.1:80 -s nosuch
}

@test "-D an existing service, then again" {
	svc
	compat -D -t 10.0.0.1:80
	compat -D -t 10.0.0.1:80
}

@test "-a twice: Destination already exists" {
	svc
	given -a -t 10.0.0.1:80 -r 10.0.0.2:80 -m
	compat -a -t 10.0.0.1:80 -r 10.0.0.2:80 -m
}

@test "-a each forwarding method, weights and thresholds" {
	svc
	compat -a -t 10.0.0.1:80 -r 10.0.0.2:8080 -m -w 5 -x 100 -y 10
	compat -a -t 10.0.0.1:80 -r 10.0.0.3 -g -w 0
	compat -a -t 10.0.0.1:80 -r 10.0.0.4 -i
	compat -a -t 10.0.0.1:80 -r 10.0.0.5 -i --tun-type gue --tun-port 6080 --tun-remcsum
	compat -a -t 10.0.0.1:80 -r 10.0.0.6 -i --tun-type gre --tun-csum
}

@test "fwmark services: real servers keep their port whatever the method (-a, -e, -R)" {
	# Only a service with a port forces it on direct routing and tunnel
	# servers; a fwmark service has none.
	given -A -f 5 -s rr
	compat -a -f 5 -r 10.0.0.9:8080 -g
	compat -a -f 5 -r 10.0.0.8:8080 -i
	compat -a -f 5 -r 10.0.0.7:8080 -m
	compat -a -f 5 -r 10.0.0.6 -i --tun-type gue --tun-port 6080
	compat -e -f 5 -r 10.0.0.9:8080 -i -w 3
	compat -e -f 5 -r 10.0.0.7:8080 -g
	given -A -f 6 -6 -s rr
	compat -a -f 6 -6 -r [2001:db8::9]:443 -g
	printf '%s\n' "-A -f 7 -s rr" "-a -f 7 -r 10.0.0.9:8080 -g" \
		"-a -f 7 -r 10.0.0.8:53 -i -w 2" "-a -f 7 -r 10.0.0.7:8080" >"$BATS_TEST_TMPDIR/in"
	compat_stdin "$BATS_TEST_TMPDIR/in" -R
}

@test "-a an IPv6 real server to an IPv6 service, and an IPv4 one by tunnel" {
	given -A -t [2001:db8::1]:443 -s rr
	compat -a -t [2001:db8::1]:443 -r [2001:db8::2]:443 -m
	compat -a -t [2001:db8::1]:443 -r 10.0.0.7 -i
	compat -a -t [2001:db8::1]:443 -r 10.0.0.8 -m
}

@test "-e changes weight, method and thresholds" {
	svc
	given -a -t 10.0.0.1:80 -r 10.0.0.2:80 -m -w 1
	compat -e -t 10.0.0.1:80 -r 10.0.0.2:80 -m -w 7 -x 50 -y 5
	compat -e -t 10.0.0.1:80 -r 10.0.0.2 -g
}

@test "-e a real server that does not exist: No such destination" {
	svc
	compat -e -t 10.0.0.1:80 -r 10.0.0.3:80 -w 2
}

@test "-d an existing real server, then again" {
	svc
	given -a -t 10.0.0.1:80 -r 10.0.0.2:80 -m
	compat -d -t 10.0.0.1:80 -r 10.0.0.2:80
	compat -d -t 10.0.0.1:80 -r 10.0.0.2:80
}

@test "real server commands on a missing service: Service not defined" {
	compat -a -t 10.0.0.9:80 -r 10.0.0.2
	compat -e -t 10.0.0.9:80 -r 10.0.0.2
	compat -d -t 10.0.0.9:80 -r 10.0.0.2
}

@test "-C clears services and real servers" {
	svc
	given -a -t 10.0.0.1:80 -r 10.0.0.2:80 -m
	given -A -f 7 -6 -s rr
	compat -C
}

@test "-Z one service, a missing one, and all" {
	svc
	compat -Z -t 10.0.0.1:80
	compat -Z -t 10.0.0.9:80
	compat -Z
	compat --zero -f 9
}

@test "--set then --timeout listing" {
	compat --set 100 20 30
	compat_out -L --timeout
	compat --set 0 0 45
	compat_out -L --timeout
}

@test "sync daemon: start, start again, list, stop, stop again" {
	compat --start-daemon master --mcast-interface lo --syncid 7
	compat --start-daemon master --mcast-interface lo
	compat_out -L --daemon
	compat --stop-daemon master
	compat --stop-daemon master
}

@test "sync daemon backup with every option" {
	compat --start-daemon backup --mcast-interface lo --syncid 9 --sync-maxlen 1400 --mcast-group 224.0.0.99 --mcast-port 8850 --mcast-ttl 2
	compat_out -L --daemon
	compat --stop-daemon backup
}

@test "-L -n of a mixed table" {
	svc
	given -a -t 10.0.0.1:80 -r 10.0.0.2:8080 -m -w 3
	given -A -u [2001:db8::1]:53 -s wlc -p 60 -M 64
	given -a -u [2001:db8::1]:53 -r [2001:db8::5]:53 -g
	given -A -f 12 -s sh -b sh-fallback,sh-port
	compat_out -L -n
	compat_out -l -n
	compat_out -Ln
	compat_out -S -n
}

@test "no arguments lists the table" {
	svc
	compat_out
}
