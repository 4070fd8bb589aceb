# Helpers shared by 80-hostile.bats and 85-churn.bats (load hostile).

setup() {
	lab_setup || return 1
	F=$BATS_TEST_TMPDIR
}

# The table in a namespace, printed by the reference.
state() { ref_in "$1" -S -n; }

# Ours and the reference as nobody, inside a namespace.
nobody_in() { # NS BINARY ARGS...
	local ns=$1 bin=$2
	shift 2
	nsenter --net="/run/netns/$ns" \
		setpriv --reuid=65534 --regid=65534 --clear-groups --inh-caps=-all \
		"$bin" "$@"
}

# A sanitizer may not come after another preloaded library: allow it.
preload() { # LIB CMD...
	local lib=$1
	shift
	LD_PRELOAD=$lib ASAN_OPTIONS=${ASAN_OPTIONS:+$ASAN_OPTIONS:}verify_asan_link_order=0 "$@"
}

# A status that is an answer, not a crash: killed by a signal is 128+N
# (255 is ipvsadm's own status for a kernel refusal), a sanitizer report
# is 86 or 87 (tests/run sets those exit codes).
answered() { # STATUS
	[ "$1" -ne 86 ] && [ "$1" -ne 87 ] && { [ "$1" -lt 128 ] || [ "$1" -eq 255 ]; }
}

# Services and real servers in a namespace, as the reference saves them.
# Not from /proc/net/ip_vs: on 6.1 it lists too few when other namespaces
# hold thousands of services (seen here: 5,094 of 9,999).
count_services() { # NS
	ref_in "$1" -S -n | grep -c '^-A'
}
count_dests() { # NS
	ref_in "$1" -S -n | grep -c '^-a'
}
