#!/usr/bin/env bats
# bats-jobs: cost 7
# -R --diff and -R --apply refuse what -R --test refuses: a scheduler or
# persistence engine the kernel lacks makes the file bad (exit 2, each
# FILE:LINE named as --test names it, nothing printed on stdout, nothing
# changed), so a plan never says "fine" for a file that cannot apply.

load helpers

# A table in NS_OURS that every rules file below would change.
setup() {
	lab_setup || return 1
	F=$BATS_TEST_TMPDIR
	ours -A -t 10.0.0.1:80 -s rr && ours -a -t 10.0.0.1:80 -r 10.0.1.1 -m || return 1
	BEFORE=$(ours -S -n)
}

bad_file() {
	cat >"$F/rules" <<-'EOF'
	-A -t 10.0.0.1:80 -s wrr
	-a -t 10.0.0.1:80 -r 10.0.1.1 -m -w 3
	-A -t 10.0.0.2:80 -s nosuchsched
	-a -t 10.0.0.2:80 -r 10.0.1.2 -m
	-A -u 10.0.0.3:5060 -s rr -p --pe nosuchpe
	EOF
	WANT="3: scheduler 'nosuchsched' is not available in this kernel (no module ip_vs_nosuchsched)
5: persistence engine 'nosuchpe' is not available in this kernel (no module ip_vs_pe_nosuchpe)"
}

unchanged() {
	[ "$(ours -S -n)" = "$BEFORE" ] || { echo "the table changed: $(ours -S -n)" >&2; false; }
}

@test "-R --diff: a missing scheduler or persistence engine is exit 2 with --test's words and lines, nothing on stdout" {
	bad_file
	run ours -R --test <"$F/rules"
	[ "$status" = 2 ] && [ "$output" = "$WANT" ] || { echo "--test: $status: $output" >&2; false; }
	ours -R --diff <"$F/rules" >"$F/out" 2>"$F/err" && status=0 || status=$?
	[ "$status" = 2 ] || { echo "--diff status $status" >&2; false; }
	[ "$(<"$F/err")" = "$WANT" ] || { echo "--diff said: $(<"$F/err")" >&2; false; }
	[ ! -s "$F/out" ]
	run ours -R --diff --json <"$F/rules"
	[ "$status" = 2 ] && [ "$output" = "$WANT" ]
	unchanged
}

@test "-R --apply: a missing scheduler or persistence engine is refused before any change" {
	bad_file
	run ours -R --apply <"$F/rules"
	[ "$status" = 2 ] && [ "$output" = "$WANT" ] || { echo "status $status: $output" >&2; false; }
	unchanged
	run ours -R --apply --drain=5 <"$F/rules"
	[ "$status" = 2 ] && [ "$output" = "$WANT" ]
	unchanged
}

@test "ipvsadm-restore --diff / --apply: the same refusal (stdin named as --test names it)" {
	bad_file
	run env IPVSADM_BIN="$IPVSADM" "$NSX" run "$NS_OURS" "$REPO/save_restore/ipvsadm-restore" \
		ipvsadm-restore --diff <"$F/rules"
	[ "$status" = 2 ] && [ "$output" = "$WANT" ] || { echo "status $status: $output" >&2; false; }
	run env IPVSADM_BIN="$IPVSADM" "$NSX" run "$NS_OURS" "$REPO/save_restore/ipvsadm-restore" \
		ipvsadm-restore --apply <"$F/rules"
	[ "$status" = 2 ] && [ "$output" = "$WANT" ]
	unchanged
}

@test "-R --diff: a scheduler whose module is there but not loaded yet (sed) is fine" {
	printf '%s\n' '-A -t 10.0.0.1:80 -s sed' '-a -t 10.0.0.1:80 -r 10.0.1.1 -m -w 1' >"$F/rules"
	run ours -R --diff <"$F/rules"
	[ "$status" = 1 ] && [ "$output" = "-E -t 10.0.0.1:80 -s sed" ] || { echo "status $status: $output" >&2; false; }
	unchanged
}

# The roll-back message counts what was undone (99-apply-refused: many
# changes; 45-apply: one); here the very first change is refused.
@test "--apply: when the first change is refused, the message says nothing had been changed" {
	printf '%s\n' "$BEFORE" '--start-daemon master --mcast-interface nosuchif0' >"$F/rules"
	run ours -R --apply <"$F/rules"
	[ "$status" = 255 ] &&
		[[ ${lines[0]} == "--start-daemon master --mcast-interface nosuchif0 --syncid 0: "* ]] &&
		[ "${lines[1]}" = "Rolled back: nothing had been changed; the table is as it was" ] &&
		[ ${#lines[@]} = 2 ] || { echo "status $status: $output" >&2; false; }
	unchanged
	[ -z "$(ours -L --daemon)" ]
}
