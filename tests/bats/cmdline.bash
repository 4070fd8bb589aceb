# compat_case_lines FIRST LAST: run lines FIRST..LAST of tests/cmdline/cases.txt
# with the reference and with ours (tests/cmdline/run-cases: one fresh netns
# for each binary) and fail, showing a diff, unless every result (exit status,
# stdout, stderr, resulting table) is identical.
compat_case_lines() {
	local d=${BATS_TEST_TMPDIR:-$(mktemp -d)}
	"$REPO/tests/cmdline/run-cases" "$REF_IPVSADM" "$1" "$2" >"$d/ref" 2>&1
	"$REPO/tests/cmdline/run-cases" "$IPVSADM" "$1" "$2" >"$d/ours" 2>&1
	diff -u --label ref --label ours "$d/ref" "$d/ours" >&2
}
