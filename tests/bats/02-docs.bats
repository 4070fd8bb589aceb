#!/usr/bin/env bats
# bats-jobs: cost 8
# The README and the guides (doc/*.md) hold nothing the tree or the lab
# contradicts: every path and guide they name exists, and every example
# shown as `# ipvsadm ...` with its output is real.  tests/docs-check finds
# them (see its header); here each example's commands run in a fresh network
# namespace, in an empty folder, with this tree's ipvsadm, ipvsadm-save and
# ipvsadm-restore first on PATH, and must print exactly what the example
# shows.  Why here and not on the host: doc/testing.md, "The docs test".

load helpers

@test "docs: every path and guide named in README and doc/*.md exists, and every guide is in README's list" {
	run "$REPO/tests/docs-check" paths
	[ "$status" = 0 ] || { echo "$output" >&2; false; }
}

# Trailing blanks trimmed, as the examples show listings.
trim_lines() {
	local line text=
	while IFS= read -r line; do
		text+=${line%"${line##*[![:space:]]}"}$'\n'
	done <<<"$1"
	printf '%s' "$text"
}

@test "docs: every '# ipvsadm' example with its output runs in a fresh netns and prints that output (or names the bats test that runs it)" {
	local t=$BATS_TEST_TMPDIR sh n=0 bad=0 ns got want
	mkdir -p "$t/examples" "$t/bin"
	ln -s "$IPVSADM" "$t/bin/ipvsadm"
	ln -s "$REPO/save_restore/ipvsadm-save" "$REPO/save_restore/ipvsadm-restore" "$t/bin/"
	run "$REPO/tests/docs-check" examples "$t/examples"
	[ "$status" = 0 ] || { echo "$output" >&2; false; }
	for sh in "$t"/examples/*.sh; do
		n=$((n + 1))
		ns=ipvs-docs-$n-$BASHPID
		"$NSX" add "$ns"
		mkdir "$t/work$n"
		got=$(cd "$t/work$n" && PATH=$t/bin:$PATH IPVSADM_BIN=$IPVSADM \
			"$NSX" run "$ns" /bin/bash bash "$sh" 2>&1)
		"$NSX" del "$ns"
		got=$(trim_lines "$got")
		want=$(<"${sh%.sh}.out")
		if [ "$got" != "$want" ]; then
			echo "$(<"${sh%.sh}.where"): the example's output differs (-shown +real):" >&2
			diff <(printf '%s\n' "$want") <(printf '%s\n' "$got") >&2 || true
			bad=$((bad + 1))
		fi
	done
	echo "# $n examples run, $bad wrong" >&3
	[ "$n" -gt 0 ] && [ "$bad" = 0 ]
}
