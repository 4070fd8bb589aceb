# compat_case_lines FIRST LAST: run lines FIRST..LAST of tests/cmdline/cases.txt
# with the reference and with ours (tests/cmdline/run-case: a fresh netns
# each) and fail, showing a diff, unless every pair of results is identical.
compat_case_lines() {
	local first=$1 last=$2 n=0 line fail=0 d
	d=${BATS_TEST_TMPDIR:-$(mktemp -d)}
	while IFS= read -r line; do
		n=$((n + 1))
		[ $n -lt "$first" ] && continue
		[ $n -gt "$last" ] && break
		eval "set -- $line"
		"$REPO/tests/cmdline/run-case" "$REF_IPVSADM" "$@" >"$d/ref" 2>&1
		"$REPO/tests/cmdline/run-case" "$IPVSADM" "$@" >"$d/ours" 2>&1
		if ! cmp -s "$d/ref" "$d/ours"; then
			echo "case $n: ipvsadm $line" >&2
			diff -u --label ref --label ours "$d/ref" "$d/ours" >&2
			fail=1
		fi
	done <"$REPO/tests/cmdline/cases.txt"
	[ $fail -eq 0 ]
}
