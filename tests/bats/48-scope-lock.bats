#!/usr/bin/env bats
# bats-jobs: cost 56
# Beside other owners of the table (issue 29): a scope keeps -R --apply,
# -R --diff and the boot helper's start, reload and stop to their own
# services; a rule outside the scope is a bad file; one writer at a time
# through the per-namespace lock under /run.

load helpers
bats_require_minimum_version 1.5.0

setup() {
	lab_setup || return 1
	ip -n "$NS_OURS" link add d0 type dummy &&
		ip -n "$NS_OURS" link set d0 up &&
		ip -n "$NS_OURS" addr add 10.0.0.254/16 dev d0 || return 1
	F=$BATS_TEST_TMPDIR
	# The other owner (kube-proxy, keepalived...): services outside
	# 10.0.0.0/24 port 80, set up by the reference.
	ref_in "$NS_OURS" -R <<-'OTHER'
	-A -t 10.0.5.1:80 -s rr
	-a -t 10.0.5.1:80 -r 10.0.1.9:80 -m -w 3
	-A -t 10.0.0.1:443 -s wlc
	-a -t 10.0.0.1:443 -r 10.0.1.8:443 -m -w 1
	-A -f 100 -s sh
	-a -f 100 -r 10.0.1.7:0 -g -w 1
	OTHER
	others_before=$(others)
}

teardown() {
	[ -z "${HOLDER:-}" ] || kill "$HOLDER" 2>/dev/null
	lab_teardown
}

SCOPE=tcp:10.0.0.0/24:80
# The other owner's services as -S -n shows them: every line not of 10.0.0.x:80.
others() { ref_in "$NS_OURS" -S -n | grep -v -- '-t 10\.0\.0\.[0-9]*:80 '; }
# Mine, sorted: the kernel lists services in its own order.
mine() { ref_in "$NS_OURS" -S -n | grep -- '-t 10\.0\.0\.[0-9]*:80 ' | LC_ALL=C sort; }
sorted() { LC_ALL=C sort <<<"$1"; }

MINE='-A -t 10.0.0.1:80 -s rr
-a -t 10.0.0.1:80 -r 10.0.1.1:80 -m -w 1
-A -t 10.0.0.2:80 -s wrr
-a -t 10.0.0.2:80 -r 10.0.1.2:80 -m -w 2'

@test "scope: apply and diff leave another owner's services byte-identical" {
	ours -A -t 10.0.0.3:80 -s rr	# mine, stale: the file dropped it
	printf -- '--scope %s\n%s\n' "$SCOPE" "$MINE" >"$F/rules"
	run ours -R --diff <"$F/rules"
	[ "$status" -eq 1 ]
	[[ $output != *10.0.5.1* && $output != *443* && $output != *"-f 100"* ]]
	[[ $output == *"-D -t 10.0.0.3:80"* ]]
	run ours -R --apply <"$F/rules"
	[ "$status" -eq 0 ]
	[ "$(others)" = "$others_before" ]
	[ "$(mine)" = "$(sorted "$MINE")" ]
	run ours -R --diff <"$F/rules"
	[ "$status" -eq 0 ]
	[ -z "$output" ]
	# The same scope from the command line, on a file without the line;
	# an empty file then clears only what is in scope.
	run ours -R --apply --scope="$SCOPE" </dev/null
	[ "$status" -eq 0 ]
	[ -z "$(mine)" ]
	[ "$(others)" = "$others_before" ]
}

@test "scope: 'listed' owns exactly the file's services" {
	printf -- '--scope listed\n%s\n' "$MINE" >"$F/rules"
	run ours -R --apply <"$F/rules"
	[ "$status" -eq 0 ]
	[ "$(mine)" = "$(sorted "$MINE")" ]
	[ "$(others)" = "$others_before" ]
}

@test "scope: a rule outside the scope is refused with FILE:LINE, nothing changes" {
	before=$(ref_in "$NS_OURS" -S -n)
	printf -- '--scope %s\n%s\n-A -t 10.0.5.1:80 -s rr\n-C\n' "$SCOPE" "$MINE" >"$F/rules"
	run --separate-stderr ours -R --apply <"$F/rules"
	[ "$status" -eq 2 ]
	[ "${stderr_lines[0]}" = "6: service -t 10.0.5.1:80 is outside the scope \`$SCOPE' this file declares" ]
	[[ ${stderr_lines[1]} == "7: -C would clear services outside the scope"* ]]
	printf '%s\n' "$MINE" >"$F/plain"
	run --separate-stderr ours -R --apply --scope=tcp:10.0.0.1/32:80 <"$F/plain"
	[ "$status" -eq 2 ]
	[ "${stderr_lines[0]}" = "3: service -t 10.0.0.2:80 is outside the scope \`tcp:10.0.0.1/32:80' of --scope" ]
	[[ ${stderr_lines[1]} == "4: service -t 10.0.0.2:80 is outside"* ]]
	run --separate-stderr ours -R <"$F/rules"
	[ "$status" -eq 2 ]
	run --separate-stderr ours -R --apply --scope='tcp:10.0.0.0/33'
	[ "$status" -eq 2 ]
	[[ $stderr == "illegal scope item \`tcp:10.0.0.0/33'"* ]]
	[ "$(ref_in "$NS_OURS" -S -n)" = "$before" ]
}

# boot_setup FLAVOUR KEY: the boot helper as 42-boot.bats builds it, with
# the scope under KEY in its settings file.
boot_setup() {
	B=$F/boot
	mkdir -p "$B"
	sed -e "s|@RULES_FILE@|$B/rules|g" -e "s|@CONFIG_FILE@|$B/config|g" \
		-e "s|@DISTRO@|$1|g" "$REPO/save_restore/ipvsadm-boot.in" >"$B/ipvsadm-boot"
	chmod +x "$B/ipvsadm-boot"
	ln -sf "$REPO/save_restore/ipvsadm-save" "$REPO/save_restore/ipvsadm-restore" "$B/"
	printf '%s="%s"\n' "$2" "$SCOPE" >"$B/config"
	[ "$1" = redhat ] || echo 'AUTO="true"' >>"$B/config"
}
boot() { IPVSADM_BIN=$IPVSADM nsenter --net="/run/netns/$NS_OURS" "$B/ipvsadm-boot" "$@"; }

boot_cycle() {
	printf '%s\n' "$MINE" >"$B/rules"
	run boot start
	[ "$status" -eq 0 ]
	[ "$(mine)" = "$(sorted "$MINE")" ]
	[ "$(others)" = "$others_before" ]
	ours -e -t 10.0.0.1:80 -r 10.0.1.1:80 -m -w 7
	run boot reload
	[ "$status" -eq 0 ]
	[ "$(mine)" = "$(sorted "$MINE")" ]
	[ "$(others)" = "$others_before" ]
	ours -e -t 10.0.0.1:80 -r 10.0.1.1:80 -m -w 7
	run boot stop
	[ "$status" -eq 0 ]
	[ -z "$(mine)" ]
	[ "$(others)" = "$others_before" ]
}

@test "scope: boot redhat (IPVS_SCOPE): start, reload and stop keep to the scope; stop saves only it" {
	boot_setup redhat IPVS_SCOPE
	boot_cycle
	[ "$(head -n 1 "$B/rules")" = "--scope $SCOPE" ]
	[ "$(tail -n +2 "$B/rules" | LC_ALL=C sort)" = "$(sorted "${MINE/-m -w 1/-m -w 7}")" ]
	run boot start
	[ "$status" -eq 0 ]
	[ "$(mine)" = "$(sorted "${MINE/-m -w 1/-m -w 7}")" ]
	printf 'IPVS_SCOPE="tcp:nowhere"\n' >"$B/config"
	run boot stop
	[ "$status" -eq 1 ]
	[[ $output == *"$B/config: IPVS_SCOPE=\"tcp:nowhere\": illegal scope item"* ]]
	[ "$(mine)" = "$(sorted "${MINE/-m -w 1/-m -w 7}")" ]
}

@test "scope: boot debian (IPVSADM_SCOPE): start, reload and stop keep to the scope" {
	boot_setup debian IPVSADM_SCOPE
	boot_cycle
}

# ---------------------------------------------------------------- the lock

@test "lock: two applies at once end in one of the two tables, never a mix" {
	local i a= b=
	for i in $(seq 1 30); do
		a+="-A -t 10.0.0.$i:80 -s rr"$'\n'"-a -t 10.0.0.$i:80 -r 10.0.1.1:80 -m -w 1"$'\n'
		b+="-A -t 10.0.0.$i:80 -s wrr"$'\n'"-a -t 10.0.0.$i:80 -r 10.0.1.2:80 -m -w 2"$'\n'
	done
	printf '%s' "$a" >"$F/a"
	printf '%s' "$b" >"$F/b"
	ours -R --apply --scope="$SCOPE" <"$F/a" & pa=$!
	ours -R --apply --scope="$SCOPE" <"$F/b" & pb=$!
	wait "$pa"
	wait "$pb"
	mine >"$F/got"
	sorted "${a%$'\n'}" >"$F/a.sorted"
	sorted "${b%$'\n'}" >"$F/b.sorted"
	_same "$F/got" "$F/a.sorted" || _same "$F/got" "$F/b.sorted"
	[ "$(others)" = "$others_before" ]
}

@test "lock: a held lock is reported with its holder's PID; reads and other namespaces never wait" {
	local ino lock
	ino=$(stat -Lc %i "/run/netns/$NS_OURS")
	lock=/run/ipvsadm.$ino.lock
	: >"$F/held"
	(
		exec 9>>"$lock"
		flock 9
		printf '%s\n' "$BASHPID" >"$lock"
		: >"$F/held.ok"
		exec sleep 60
	) &
	HOLDER=$!
	for i in $(seq 1 500); do [ -e "$F/held.ok" ] && break; sleep 0.01; done
	[ -e "$F/held.ok" ]
	run ours -A -t 10.0.0.1:80 -s rr --wait=0
	[ "$status" -eq 2 ]
	[ "$output" = "The IPVS table is being changed by process $HOLDER (it holds $lock); not waiting (--wait=0)" ]
	run ours -R --apply --wait 1 </dev/null
	[ "$status" -eq 2 ]
	[[ $output == *"process $HOLDER"*"gave up waiting for it"* ]]
	run ours -L -n
	[ "$status" -eq 0 ]
	run ours -R --diff --scope="$SCOPE" </dev/null
	[ "$status" -eq 0 ]
	run ours_in "$NS_REF" -A -t 10.0.0.1:80 -s rr --wait=0
	[ "$status" -eq 0 ]
	kill "$HOLDER"
	wait "$HOLDER" || true
	HOLDER=
	run ours -A -t 10.0.0.1:80 -s rr --wait=0
	[ "$status" -eq 0 ]
	[ "$(cat "$lock")" != "" ]
}
