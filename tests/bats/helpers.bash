# Helpers for the bats suites: `load helpers` at the top of every .bats file.
#
# Each test gets two fresh network namespaces (IPVS state is per netns):
#   NS_OURS  where `ours` runs our binary
#   NS_REF   where `ref` runs the reference ipvsadm 1.31
#
#   ours ARGS...           our ipvsadm in NS_OURS (argv[0] is "ipvsadm")
#   ref ARGS...            the reference in NS_REF
#   given ARGS...          the REFERENCE in both namespaces; fails if either fails
#   in_both CMD...         any command in both namespaces (NS_REF first)
#   compat ARGS...         ref vs ours: stdout, stderr and exit status must be
#                          identical, then the kernel state (read by the
#                          reference with -S -n in each netns) must be too
#   compat_out ARGS...     the same without the state comparison (listings)
#   compat_stdin FILE ARGS...  compat with FILE on stdin (for -R)
#   compat_out_stdin FILE ARGS...
#   ref_in NS ARGS... / ours_in NS ARGS...   a binary in a named netns
#                          (the reference's listings read again while torn:
#                          see ref_in; ref_raw_in reads once)
# After compat*, the captured results are in $REF_OUT $REF_ERR $REF_STATUS and
# $OURS_OUT $OURS_ERR $OURS_STATUS.
#
# Environment: IPVSADM_BIN (ours, default $REPO/ipvsadm), IPVSADM_REF
# (default /sbin/ipvsadm).

# (Few forks and execs here: they are slow in the emulated lab.)
_h=${BASH_SOURCE[0]%/*}
case $_h in /*) ;; *) _h=$PWD/$_h ;; esac
case $_h in
*/tests/bats) REPO=${_h%/tests/bats} ;;
*) REPO=$(cd "$_h/../.." && pwd) ;;
esac
unset _h
IPVSADM=${IPVSADM_BIN:-$REPO/ipvsadm}
REF_IPVSADM=${IPVSADM_REF:-/sbin/ipvsadm}
export REPO IPVSADM REF_IPVSADM

# nsx (tests/bats/nsx.c, static, built on the host by `make labtools`) makes
# and enters the namespaces: one cheap exec where nsenter + a PATH search or
# three `ip` runs cost tens of milliseconds each in the emulated lab.
NSX=${NSX:-$REPO/tests/bats/nsx}
SHIM=${SHIM:-$REPO/tests/bats/fakeconn.so}
export NSX SHIM

# bats 1.8 reads the clock at each test's start (and with --timing at its
# end) with two forks and an exec of date; in the emulated lab that cost
# ~80 ms a test.  Its function, replaced by one reading bash's own clock
# (this file is sourced before the test runs).
if declare -F get_mills_since_epoch >/dev/null; then
	get_mills_since_epoch() {
		local us=${EPOCHREALTIME//[!0-9]/}
		printf '%d\n' $((us / 1000))
	}
fi

lab_setup() {
	if [ ! -x "$NSX" ]; then
		echo "helpers: $NSX is missing: run 'make labtools' on the host" >&2
		return 1
	fi
	local id=${BATS_TEST_NUMBER:-0}-$BASHPID-$RANDOM
	NS_OURS=ipvs-ours-$id
	NS_REF=ipvs-ref-$id
	export NS_OURS NS_REF
	# lo comes up too: with it down IPVS refuses real servers ("address not unicast")
	"$NSX" add "$NS_OURS" "$NS_REF" || return 1
	if [ ! -e /proc/net/ip_vs ]; then
		modprobe ip_vs 2>/dev/null || true
	fi
}

lab_teardown() {
	[ -n "${NS_OURS:-}" ] && [ -n "${NS_REF:-}" ] || return 0
	"$NSX" del "$NS_OURS" "$NS_REF" 2>/dev/null
	return 0
}

setup() { lab_setup; }
teardown() { lab_teardown; }

# argv[0] is exactly "ipvsadm" for both (it appears in their messages).
ours_in() { local ns=$1; shift; "$NSX" run "$ns" "$IPVSADM" ipvsadm "$@"; }
ref_raw_in() { local ns=$1; shift; "$NSX" run "$ns" "$REF_IPVSADM" ipvsadm "$@"; }

# The reference's listings tear: the kernel resumes a dump at a count of
# entries into a service table all namespaces share (up to 6.1 at least),
# and every dump takes two calls at least (the entries, then the end).  A
# service added in another namespace (another test running beside this
# one) between the two moves the entries behind it past the count, so the
# second call sends them again: the reference then lists a service twice,
# most often a fwmark service (that table is walked last).  Ours reads
# again and merges (libipvs/ipvs_merge.c).  So the reference's -L/-l/-S,
# whether it is compared or reads the state for a test, is taken again
# while it shows a service line twice, which a real table never does
# (`nsx list`, REF_READS reads at most; only the last one is shown, its
# stdout then its stderr).  ref_raw_in reads once.
REF_READS=${REF_READS:-5}

ref_in() {
	local ns=$1
	shift
	case ${1:-} in
	-[LlS]* | --list | --save)
		"$NSX" list "$ns" "$REF_READS" "$REF_IPVSADM" ipvsadm "$@" ;;
	*) "$NSX" run "$ns" "$REF_IPVSADM" ipvsadm "$@" ;;
	esac
}
ours() { ours_in "$NS_OURS" "$@"; }
ref() { ref_in "$NS_REF" "$@"; }

in_both() {
	nsenter --net="/run/netns/$NS_REF" "$@" || return
	nsenter --net="/run/netns/$NS_OURS" "$@"
}

# given ARGS...: the same state in both namespaces, built by the reference.
given() {
	local out rc
	rc=0; out=$(ref_in "$NS_REF" "$@" 2>&1) || rc=$?
	if [ $rc -ne 0 ]; then
		echo "given: ipvsadm $* failed in NS_REF (status $rc): $out" >&2
		return 1
	fi
	rc=0; out=$(ref_in "$NS_OURS" "$@" 2>&1) || rc=$?
	if [ $rc -ne 0 ]; then
		echo "given: ipvsadm $* failed in NS_OURS (status $rc): $out" >&2
		return 1
	fi
}

# _slurp VAR FILE: the whole file, trailing newlines included, without a fork.
_slurp() { IFS= read -r -d '' "$1" <"$2" || true; }

# given_rules: the rules on stdin (the -S format), restored by the reference
# in both namespaces: one exec each instead of one per line.
given_rules() {
	local f=${BATS_TEST_TMPDIR:-/tmp}/given.$RANDOM out rules=
	IFS= read -r -d '' rules || true
	printf '%s' "$rules" >"$f"
	out=$(ref_in "$NS_REF" -R <"$f" 2>&1) || { echo "given_rules: -R failed in NS_REF: $out" >&2; return 1; }
	out=$(ref_in "$NS_OURS" -R <"$f" 2>&1) || { echo "given_rules: -R failed in NS_OURS: $out" >&2; return 1; }
}

# _same FILE1 FILE2: identical contents (no cmp exec).
_same() {
	local a b
	_slurp a "$1"; _slurp b "$2"
	[ "$a" == "$b" ]
}

# _cat VAR FILE: VAR=$(cat FILE) without the fork and exec.
_cat() {
	_slurp "$1" "$2"
	while [[ ${!1} == *$'\n' ]]; do printf -v "$1" '%s' "${!1%$'\n'}"; done
}

_diff() { # label file-ref file-ours
	diff -u --label "ref $1" --label "ours $1" "$2" "$3" >&2
}

# The reference's listings are not always right: the kernel resumes each
# part of a big dump at a count of entries into a table all namespaces
# share (up to 6.1), so while another test changes a table elsewhere the
# reference may repeat or skip services (ours reads again and merges, see
# libipvs/ipvs_merge.c).  A listing that differs is therefore run again,
# twice at most: a real difference stays, a torn read does not.
COMPAT_TRIES=${COMPAT_TRIES:-3}

# _run_pair DIR STDIN ARGS...: the reference in NS_REF and ours in NS_OURS;
# sets REF_* and OURS_*; status 0 when all three results are the same.
_run_pair() {
	local d=$1 in=$2
	shift 2
	REF_STATUS=0
	ref_in "$NS_REF" "$@" <"$in" >"$d.ref.out" 2>"$d.ref.err" || REF_STATUS=$?
	OURS_STATUS=0
	ours_in "$NS_OURS" "$@" <"$in" >"$d.ours.out" 2>"$d.ours.err" || OURS_STATUS=$?
	_slurp REF_OUT "$d.ref.out"; _slurp REF_ERR "$d.ref.err"
	_slurp OURS_OUT "$d.ours.out"; _slurp OURS_ERR "$d.ours.err"
	[ "$REF_OUT" == "$OURS_OUT" ] && [ "$REF_ERR" == "$OURS_ERR" ] &&
		[ "$REF_STATUS" == "$OURS_STATUS" ]
}

# _same_state DIR: the reference's -S -n in both namespaces agree (read
# again on a difference, as above).
_same_state() {
	local d=$1 try ro oo
	for ((try = 1; try <= COMPAT_TRIES; try++)); do
		ref_in "$NS_REF" -S -n >"$d.ref.state" 2>&1 || true
		ref_in "$NS_OURS" -S -n >"$d.ours.state" 2>&1 || true
		_slurp ro "$d.ref.state"; _slurp oo "$d.ours.state"
		[ "$ro" == "$oo" ] && return 0
	done
	return 1
}

# _compat STATE(0|1) STDIN ARGS...: a command that changes the table
# (STATE 1) runs once; a listing (STATE 0) runs again on a difference.
_compat() {
	local state=$1 in=$2 d fail=0 try=1
	shift 2
	d=${BATS_TEST_TMPDIR:-}
	[ -n "$d" ] || d=$(mktemp -d) || return 1
	d+=/compat
	until _run_pair "$d" "$in" "$@"; do
		[ "$state" = 0 ] && [ $((try += 1)) -le "$COMPAT_TRIES" ] || break
	done
	if [ "$REF_OUT" != "$OURS_OUT" ]; then
		echo "compat: ipvsadm $*: stdout differs" >&2
		_diff stdout "$d.ref.out" "$d.ours.out"; fail=1
	fi
	if [ "$REF_ERR" != "$OURS_ERR" ]; then
		echo "compat: ipvsadm $*: stderr differs" >&2
		_diff stderr "$d.ref.err" "$d.ours.err"; fail=1
	fi
	if [ "$REF_STATUS" != "$OURS_STATUS" ]; then
		echo "compat: ipvsadm $*: exit status differs: ref $REF_STATUS, ours $OURS_STATUS" >&2
		fail=1
	fi
	if [ "$state" = 1 ] && ! _same_state "$d"; then
		echo "compat: ipvsadm $*: kernel state differs afterwards (ipvsadm -S -n)" >&2
		_diff state "$d.ref.state" "$d.ours.state"; fail=1
	fi
	[ $fail -eq 0 ]
}

compat() { _compat 1 /dev/null "$@"; }
compat_out() { _compat 0 /dev/null "$@"; }
compat_stdin() { local f=$1; shift; _compat 1 "$f" "$@"; }
compat_out_stdin() { local f=$1; shift; _compat 0 "$f" "$@"; }

# build_conn_shim: check that the /proc/net/ip_vs_conn shim (fakeconn.c,
# built by `make labtools`) is there; $SHIM names it.  For setup_file.
build_conn_shim() {
	[ -f "$SHIM" ] || { echo "helpers: $SHIM is missing: run 'make labtools'" >&2; return 1; }
}

# boot_setup FLAVOUR: $B/ipvsadm-boot, the boot helper built for FLAVOUR
# (debian or redhat) reading $B/config and $B/rules, with ipvsadm-save
# and ipvsadm-restore beside it (42-boot, 43-boot-flush).
boot_setup() {
	sed -e "s|@RULES_FILE@|$B/rules|g" -e "s|@CONFIG_FILE@|$B/config|g" \
		-e "s|@DISTRO@|$1|g" "$REPO/save_restore/ipvsadm-boot.in" >"$B/ipvsadm-boot"
	chmod +x "$B/ipvsadm-boot"
	ln -sf "$REPO/save_restore/ipvsadm-save" "$REPO/save_restore/ipvsadm-restore" "$B/"
}
