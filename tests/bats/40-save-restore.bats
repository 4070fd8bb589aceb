#!/usr/bin/env bats
# bats-jobs: cost 76
# -S/-R round trips, the checked restore and ipvsadm-save/-restore (the
# boot helper: 42-boot.bats).  Where ours deliberately differs from the reference (line
# numbers in messages, nothing applied on a bad input, the exit status of
# a failed line, comments, overlong words), the test asserts our behaviour.

load helpers

setup() {
	lab_setup || return 1
	# Real servers need a route: a dummy link with addresses in both.
	local ns
	for ns in "$NS_REF" "$NS_OURS"; do
		ip -n "$ns" link add d0 type dummy &&
			ip -n "$ns" link set d0 up &&
			ip -n "$ns" addr add 10.0.0.254/16 dev d0 &&
			ip -n "$ns" -6 addr add 2001:db8::fe/64 dev d0 nodad || return 1
	done
	F=$BATS_TEST_TMPDIR
}

# A table with every feature -S can write, built by the reference in both.
every_feature() {
	given_rules <<-'EOF'
	-A -t 10.0.0.2:80 -s rr
	-A -u 10.0.0.1:53 -s wlc -o
	-A -f 5 -s sh -b sh-fallback,sh-port
	-A -t 10.0.0.1:443 -p 300 -M 255.255.0.0
	-A -t [2001:db8::1]:80 -s mh -b mh-fallback
	-A -f 3 -6 -s rr -p
	-A --sctp-service 10.0.0.1:99 -s lc --pe sip -p 10
	-A -u 10.0.0.1:5060 -s rr -p 60 --pe sip
	-A -t [2001:db8::2]:8080 -s rr -p 100 -M 64
	-A -t 10.0.0.1:80 -s wrr -b flag-1,flag-2,flag-3
	-a -t 10.0.0.1:80 -r 10.0.1.5:80 -m -w 3
	-a -t 10.0.0.1:80 -r 10.0.1.2:8080 -m -w 0
	-a -t 10.0.0.1:80 -r 10.0.1.2:80 -g
	-a -t 10.0.0.1:80 -r 10.0.1.3 -i --tun-type gue --tun-port 6080 --tun-csum
	-a -t 10.0.0.1:80 -r 10.0.1.4 -i --tun-type gue --tun-port 7 --tun-remcsum
	-a -t 10.0.0.1:80 -r 10.0.1.6 -i --tun-type gre --tun-nocsum
	-a -t 10.0.0.1:80 -r 10.0.1.7 -i --tun-type ipip
	-a -t [2001:db8::1]:80 -r [2001:db8::10]:80 -m
	-a -t [2001:db8::1]:80 -r [2001:db8::9]:81 -m -w 2
	-a -f 5 -r 10.0.1.2 -w 5
	-a -f 5 -r 127.0.0.1 -w 5
	-a -u 10.0.0.1:53 -r 10.0.1.8:5353 -g -w 65535
	EOF
}

# The table in a namespace, printed by the reference (one printer for both).
state() { ref_in "$1" -S -n; }

# Run one of our scripts in NS_OURS with our ipvsadm.
script() {
	local s=$1
	shift
	IPVSADM_BIN=$IPVSADM nsenter --net="/run/netns/$NS_OURS" "$REPO/save_restore/$s" "$@"
}

# ---------------------------------------------------------------- round trips

@test "round trip keeps thresholds (the reference's -S drops them)" {
	given -A -t 10.0.0.1:80 -s wlc
	given -a -t 10.0.0.1:80 -r 10.0.1.2:8080 -m -w 3 -x 100 -y 10
	given -a -t 10.0.0.1:80 -r 10.0.1.3:8080 -m -x 7
	ours -S -n >"$F/saved"
	grep -qx -- '-a -t 10.0.0.1:80 -r 10.0.1.2:8080 -m -w 3 -x 100 -y 10' "$F/saved"
	grep -qx -- '-a -t 10.0.0.1:80 -r 10.0.1.3:8080 -m -w 1 -x 7' "$F/saved"
	ours -C
	ours -R <"$F/saved"
	[ "$(ref_in "$NS_OURS" -L -n --thresholds)" = "$(ref_in "$NS_REF" -L -n --thresholds)" ]
}

@test "round trip: ours -S -n, -C, -R gives back every field" {
	every_feature
	ours -S -n >"$F/saved"
	ours -C
	[ -z "$(state "$NS_OURS")" ]
	ours -R <"$F/saved"
	[ "$(state "$NS_OURS")" = "$(state "$NS_REF")" ]
}

@test "round trip: ours -S (names), -C, -R gives back every field" {
	every_feature
	ours -S >"$F/saved"
	ours -C
	ours -R <"$F/saved"
	[ "$(state "$NS_OURS")" = "$(state "$NS_REF")" ]
}

@test "round trip: -S -n and -S are byte-identical to the reference" {
	every_feature
	compat_out -S -n
	compat_out -S
}

@test "restore: a file the reference wrote with -S -n, into an empty table" {
	every_feature
	ref -S -n >"$F/rules"
	ref -C
	ours -C
	compat_stdin "$F/rules" -R
	[ "$(state "$NS_OURS")" = "$(ref -S -n)" ]
	[ -n "$(ref -S -n)" ]
}

@test "restore: a file the reference wrote with -S (names)" {
	every_feature
	ref -S >"$F/rules"
	ref -C
	ours -C
	compat_stdin "$F/rules" -R
	[ -n "$(state "$NS_OURS")" ]
}

@test "restore: a fwmark of 2^31 or more, saved by the reference as negative, restores (fix)" {
	given -A -f 4294967295 -s rr
	given -A -f 2147483648 -6 -s wlc
	given -a -f 4294967295 -r 10.0.1.1 -w 2
	ref -S -n >"$F/rules"
	grep -q -- '-f -1 ' "$F/rules"
	ours -C
	run ours -R <"$F/rules"
	[ "$status" -eq 0 ]
	[ "$(state "$NS_OURS")" = "$(ref -S -n)" ]
}

# ---------------------------------------------------------------- how lines are read

@test "restore: blanks, tabs, empty lines and the word ipvsadm read like the reference" {
	printf -- '\n   \t\n\t-A  -t 10.0.0.1:80\t-s rr  \nipvsadm -A -t 10.0.0.2:80\n-a -t 10.0.0.1:80 -r 10.0.1.1 ipvsadm -w 2\n' >"$F/in"
	compat_stdin "$F/in" -R
	[ "$(ours -S -n | wc -l)" -eq 3 ]
}

@test "restore: CRLF line ends" {
	printf -- '-A -t 10.0.0.1:80 -s wlc\r\n-a -t 10.0.0.1:80 -r 10.0.1.1:80 -m\r\n' >"$F/in"
	compat_stdin "$F/in" -R
	[ "$(ours -S -n)" = "$(printf -- '-A -t 10.0.0.1:80 -s wlc\n-a -t 10.0.0.1:80 -r 10.0.1.1:80 -m -w 1')" ]
}

@test "restore: no final newline" {
	printf -- '-A -t 10.0.0.1:80 -s rr\n-A -t 10.0.0.2:80 -s rr' >"$F/in"
	compat_stdin "$F/in" -R
	[ "$(ours -S -n | wc -l)" -eq 2 ]
}

@test "restore: empty input changes nothing" {
	given -A -t 10.0.0.1:80 -s rr
	: >"$F/in"
	compat_stdin "$F/in" -R
}

@test "restore: listings inside the input print what the lines above made" {
	printf -- '-A -t 10.0.0.1:80 -s rr\n-L -n\n-A -t 10.0.0.2:80\n-S -n\n-L -n --timeout\n' >"$F/in"
	compat_stdin "$F/in" -R
}

@test "restore: -C, -E, -e, -d, -D and --set lines" {
	given -A -t 10.0.0.9:80
	printf -- '-C\n-A -t 10.0.0.1:80 -s rr\n-E -t 10.0.0.1:80 -s wlc -p 60\n-a -t 10.0.0.1:80 -r 10.0.1.1 -w 1\n-e -t 10.0.0.1:80 -r 10.0.1.1 -w 7\n-a -t 10.0.0.1:80 -r 10.0.1.2\n-d -t 10.0.0.1:80 -r 10.0.1.2\n-A -t 10.0.0.3:80\n-D -t 10.0.0.3:80\n--set 10 20 30\n' >"$F/in"
	compat_stdin "$F/in" -R
	[ "$(ours -L --timeout)" = "Timeout (tcp tcpfin udp): 10 20 30" ]
}

@test "restore: comment lines are skipped (the reference fails on them)" {
	printf -- '# saved rules\n-A -t 10.0.0.1:80 -s rr\n  # indented\n' >"$F/in"
	run ours -R <"$F/in"
	[ "$status" -eq 0 ]
	[ "$(ours -S -n)" = "-A -t 10.0.0.1:80 -s rr" ]
}

# ---------------------------------------------------------------- a bad input changes nothing

@test "restore: bad lines in the middle: every one reported with its number, nothing applied" {
	given -A -t 10.0.0.9:80 -s rr
	printf -- '-C\n-A -t 10.0.0.1:80 -s rr\n-A -t 10.0.0.2:80 --bogus\n-A -t 10.0.0.3:80\n-a -t 10.0.0.1:80\n-A -t nowhere:x\n-A -t 10.0.0.4:80 extra\n' >"$F/in"
	run ours -R <"$F/in"
	[ "$status" -eq 2 ]
	[ "${lines[0]}" = "3: --bogus: unknown option" ]
	[ "${lines[1]}" = "5: You need to supply the 'real-server' option for the 'add-server' command" ]
	[[ "${lines[2]}" == "6: "* ]]
	[ "${lines[3]}" = "7: unexpected argument extra" ]
	[ "${#lines[@]}" -eq 4 ]
	[ "$(ours -S -n)" = "-A -t 10.0.0.9:80 -s rr" ]
}

@test "restore: the reference applies the lines before a bad one (we apply none)" {
	printf -- '-A -t 10.0.0.1:80 -s rr\n-a -t 10.0.0.1:80\n' >"$F/in"
	run ref -R <"$F/in"
	[ "$status" -eq 2 ]
	[ -n "$(ref -S -n)" ]
	run ours -R <"$F/in"
	[ "$status" -eq 2 ]
	[ "$output" = "2: You need to supply the 'real-server' option for the 'add-server' command" ]
	[ -z "$(ours -S -n)" ]
}

@test "restore: a word of 4096 characters is a clear error, 4095 is read" {
	long=$(head -c 4096 /dev/zero | tr '\0' x)
	printf -- '-A -t 10.0.0.1:80\n-A -t 10.0.0.2:80 -s %s\n' "$long" >"$F/in"
	run ours -R <"$F/in"
	[ "$status" -eq 2 ]
	[ "$output" = "2: a word is longer than 4095 characters" ]
	[ -z "$(ours -S -n)" ]
	printf -- '-A -t 10.0.0.1:80\n-A -t 10.0.0.2:80 %s\n' "${long:1}" >"$F/in"
	run ours -R <"$F/in"
	[ "$status" -eq 2 ]
	[ "$output" = "2: unexpected argument ${long:1}" ]
}

@test "restore: -R inside the input is an error, nothing applied" {
	printf -- '-A -t 10.0.0.1:80\n-R\n' >"$F/in"
	run ours -R <"$F/in"
	[ "$status" -eq 2 ]
	[ "$output" = "2: a restore input cannot restore (-R)" ]
	[ -z "$(ours -S -n)" ]
}

@test "restore: -h and -v inside the input are errors, nothing applied" {
	printf -- '-A -t 10.0.0.1:80\n-h\n-v\n' >"$F/in"
	run ours -R <"$F/in"
	[ "$status" -eq 2 ]
	[ "${lines[0]}" = "2: help and version requests are not rules" ]
	[ "${lines[1]}" = "3: help and version requests are not rules" ]
	[ -z "$(ours -S -n)" ]
}

# ---------------------------------------------------------------- kernel refusals

@test "restore: a duplicate service names its line; the rest is applied; status non-zero" {
	printf -- '-A -t 10.0.0.1:80 -s rr\n-A -t 10.0.0.1:80 -s rr\n-A -t 10.0.0.2:80 -s rr\n' >"$F/in"
	run ours -R <"$F/in"
	[ "$status" -eq 255 ]
	[ "$output" = "2: Service already exists" ]
	[ "$(ours -S -n | wc -l)" -eq 2 ]
	# the reference prints the bare message and returns the last line's status
	run ref -R <"$F/in"
	[ "$status" -eq 0 ]
	[ "$output" = "Service already exists" ]
}

@test "restore: several kernel refusals, each with its own text and line" {
	printf -- '-A -t 10.0.0.1:80\n-D -t 10.0.0.5:80\n-a -t 10.0.0.6:80 -r 10.0.1.1\n-a -t 10.0.0.1:80 -r 10.0.1.1\n-a -t 10.0.0.1:80 -r 10.0.1.1\n-A -t 10.0.0.2:80 -s nosuch\n' >"$F/in"
	run ours -R <"$F/in"
	[ "$status" -eq 255 ]
	[ "${lines[0]}" = "2: No such service" ]
	[ "${lines[1]}" = "3: Service not defined" ]
	[ "${lines[2]}" = "5: Destination already exists" ]
	[ "${lines[3]}" = "6: Scheduler or persistence engine not found" ]
	[ "${#lines[@]}" -eq 4 ]
}

@test "restore: 10,000 services in reasonable time" {
	# awk, not a shell loop: bats traces every shell command it runs
	awk 'BEGIN { for (i = 0; i < 10000; i++)
		printf "-A -t 10.1.%d.%d:80 -s rr\n", int(i / 250), i % 250 + 1 }' >"$F/big"
	run ours -R <"$F/big"
	[ "$status" -eq 0 ]
	# Counted with -S, not /proc/net/ip_vs: on 6.1 that file is read a page
	# at a time and skips entries while other namespaces change their tables.
	ours -S -n >"$F/saved"
	mapfile -t saved <"$F/saved"
	[ "${#saved[@]}" -eq 10000 ]
	# one service: the two title lines, then the service
	run ours -L -n -t 10.1.39.250:80
	[[ "${lines[2]}" == "TCP  10.1.39.250:80 rr"* ]]
}

# ---------------------------------------------------------------- ipvsadm-save, ipvsadm-restore

@test "ipvsadm-save: -n and the name form match ipvsadm -S" {
	every_feature
	[ "$(script ipvsadm-save -n)" = "$(ours -S -n)" ]
	[ "$(script ipvsadm-save)" = "$(ours -S)" ]
	[ "$(script ipvsadm-save other -n words)" = "$(ours -S -n)" ]
}

@test "ipvsadm-save: a bad option prints the help on stderr, status 1, like the original" {
	run --separate-stderr script ipvsadm-save -x
	[ "$status" -eq 1 ]
	[ -z "$output" ]
	[ "${stderr_lines[0]}" = "ipvsadm-save: Script to save the IPVS table to stdout." ]
	ours_err=$stderr
	run --separate-stderr nsenter --net="/run/netns/$NS_REF" /sbin/ipvsadm-save -x
	[ "$status" -eq 1 ]
	[ "$stderr" = "$ours_err" ]
}

@test "ipvsadm-restore: replaces the table with stdin, comments skipped" {
	given -A -t 10.0.0.9:80
	printf -- '# rules\n-A -t 10.0.0.1:80 -s rr\n-a -t 10.0.0.1:80 -r 10.0.1.1:80 -m\n' >"$F/in"
	run script ipvsadm-restore <"$F/in"
	[ "$status" -eq 0 ]
	nsenter --net="/run/netns/$NS_REF" /sbin/ipvsadm-restore <"$F/in"
	[ "$(state "$NS_OURS")" = "$(state "$NS_REF")" ]
	[ "$(state "$NS_OURS" | wc -l)" -eq 2 ]
}

@test "ipvsadm-restore: a bad input keeps the table and names the input's lines" {
	given -A -t 10.0.0.9:80 -s rr
	printf -- '# rules\n-A -t 10.0.0.1:80 -s rr\n-A -t 10.0.0.2:80 --bogus\n' >"$F/in"
	run script ipvsadm-restore <"$F/in"
	[ "$status" -eq 2 ]
	[ "$output" = "3: --bogus: unknown option" ]
	[ "$(state "$NS_OURS")" = "-A -t 10.0.0.9:80 -s rr" ]
}

@test "ipvsadm-restore: a kernel refusal names the input's line" {
	printf -- '-A -t 10.0.0.1:80\n-A -t 10.0.0.1:80\n' >"$F/in"
	run script ipvsadm-restore <"$F/in"
	[ "$status" -eq 255 ]
	[ "$output" = "2: Service already exists" ]
}
