# compat_cases N...: run the cases numbered N... of tests/cmdline/cases.txt
# with the reference and with ours (tests/cmdline/run-cases: one fresh netns
# for each binary) and fail, showing a diff, unless every result (exit status,
# stdout, stderr, resulting table) is identical.
compat_cases() {
	local d=${BATS_TEST_TMPDIR:-$(mktemp -d)} shown
	ONLY="$*" "$REPO/tests/cmdline/run-cases" "$REF_IPVSADM" >"$d/ref" 2>&1
	ONLY="$*" "$REPO/tests/cmdline/run-cases" "$IPVSADM" >"$d/ours" 2>&1
	# Two runs that both failed alike would otherwise pass.
	shown=$(grep -c '^#### [0-9]*: ' "$d/ref")
	if [ "$shown" -ne $# ]; then
		echo "compat_cases: the reference's run shows $shown of $# cases:" >&2
		cat "$d/ref" >&2
		return 1
	fi
	diff -u --label ref --label ours "$d/ref" "$d/ours" >&2
}
