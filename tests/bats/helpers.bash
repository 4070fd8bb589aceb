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
# After compat*, the captured results are in $REF_OUT $REF_ERR $REF_STATUS and
# $OURS_OUT $OURS_ERR $OURS_STATUS.
#
# Environment: IPVSADM_BIN (ours, default $REPO/ipvsadm), IPVSADM_REF
# (default /sbin/ipvsadm).

REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
IPVSADM=${IPVSADM_BIN:-$REPO/ipvsadm}
REF_IPVSADM=${IPVSADM_REF:-/sbin/ipvsadm}
export REPO IPVSADM REF_IPVSADM

# Directories holding a symlink named "ipvsadm" to each binary: run through
# PATH so that argv[0] is exactly "ipvsadm" without an extra shell.
_HELPERS_TMP=${BATS_RUN_TMPDIR:-${TMPDIR:-/tmp}}
_BIN_OURS=$_HELPERS_TMP/bin-ours
_BIN_REF=$_HELPERS_TMP/bin-ref
_helpers_links() {
	if [ "$(readlink "$_BIN_OURS/ipvsadm" 2>/dev/null)" != "$IPVSADM" ]; then
		mkdir -p "$_BIN_OURS" && ln -sfn "$IPVSADM" "$_BIN_OURS/ipvsadm"
	fi
	if [ "$(readlink "$_BIN_REF/ipvsadm" 2>/dev/null)" != "$REF_IPVSADM" ]; then
		mkdir -p "$_BIN_REF" && ln -sfn "$REF_IPVSADM" "$_BIN_REF/ipvsadm"
	fi
}

lab_setup() {
	_helpers_links
	local id=${BATS_TEST_NUMBER:-0}-$BASHPID-$RANDOM
	NS_OURS=ipvs-ours-$id
	NS_REF=ipvs-ref-$id
	export NS_OURS NS_REF
	ip netns add "$NS_OURS" || return 1
	ip netns add "$NS_REF" || return 1
	ip -n "$NS_OURS" link set lo up
	ip -n "$NS_REF" link set lo up
	if [ ! -e /proc/net/ip_vs ]; then
		modprobe ip_vs 2>/dev/null || true
	fi
}

lab_teardown() {
	[ -n "${NS_OURS:-}" ] && ip netns del "$NS_OURS" 2>/dev/null
	[ -n "${NS_REF:-}" ] && ip netns del "$NS_REF" 2>/dev/null
	return 0
}

setup() { lab_setup; }
teardown() { lab_teardown; }

ours_in() { local ns=$1; shift; PATH="$_BIN_OURS:$PATH" nsenter --net="/run/netns/$ns" ipvsadm "$@"; }
ref_in() { local ns=$1; shift; PATH="$_BIN_REF:$PATH" nsenter --net="/run/netns/$ns" ipvsadm "$@"; }
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

_diff() { # label file-ref file-ours
	diff -u --label "ref $1" --label "ours $1" "$2" "$3" >&2
}

# _compat STATE(0|1) STDIN ARGS...
_compat() {
	local state=$1 in=$2 d fail=0
	shift 2
	d=${BATS_TEST_TMPDIR:-$(mktemp -d)}/compat.$RANDOM
	mkdir -p "$d"
	REF_STATUS=0
	ref_in "$NS_REF" "$@" <"$in" >"$d/ref.out" 2>"$d/ref.err" || REF_STATUS=$?
	OURS_STATUS=0
	ours_in "$NS_OURS" "$@" <"$in" >"$d/ours.out" 2>"$d/ours.err" || OURS_STATUS=$?
	REF_OUT=$(cat "$d/ref.out"); REF_ERR=$(cat "$d/ref.err")
	OURS_OUT=$(cat "$d/ours.out"); OURS_ERR=$(cat "$d/ours.err")
	if ! cmp -s "$d/ref.out" "$d/ours.out"; then
		echo "compat: ipvsadm $*: stdout differs" >&2
		_diff stdout "$d/ref.out" "$d/ours.out"; fail=1
	fi
	if ! cmp -s "$d/ref.err" "$d/ours.err"; then
		echo "compat: ipvsadm $*: stderr differs" >&2
		_diff stderr "$d/ref.err" "$d/ours.err"; fail=1
	fi
	if [ "$REF_STATUS" != "$OURS_STATUS" ]; then
		echo "compat: ipvsadm $*: exit status differs: ref $REF_STATUS, ours $OURS_STATUS" >&2
		fail=1
	fi
	if [ "$state" = 1 ]; then
		ref_in "$NS_REF" -S -n >"$d/ref.state" 2>&1 || true
		ref_in "$NS_OURS" -S -n >"$d/ours.state" 2>&1 || true
		if ! cmp -s "$d/ref.state" "$d/ours.state"; then
			echo "compat: ipvsadm $*: kernel state differs afterwards (ipvsadm -S -n)" >&2
			_diff state "$d/ref.state" "$d/ours.state"; fail=1
		fi
	fi
	[ $fail -eq 0 ]
}

compat() { _compat 1 /dev/null "$@"; }
compat_out() { _compat 0 /dev/null "$@"; }
compat_stdin() { local f=$1; shift; _compat 1 "$f" "$@"; }
compat_out_stdin() { local f=$1; shift; _compat 0 "$f" "$@"; }
