#!/usr/bin/env bats
# bats-jobs: cost 9
# A save survives a power cut: the boot helper (save_restore/ipvsadm-boot.in)
# writes the rules file through a new file that it flushes to the disk
# (fsync) before renaming it over the old one, and flushes the directory
# after the rename.  strace shows the order of the three system calls.
# The helper's other duties: 42-boot.bats.

load helpers

setup() {
	lab_setup || return 1
	B=$BATS_TEST_TMPDIR/boot
	mkdir -p "$B"
}

teardown() { lab_teardown; }

# save_traced FLAVOUR COMMAND: run the helper built for FLAVOUR under
# strace; $TRACE holds the fsync and rename calls, with fds as paths.
save_traced() {
	boot_setup "$1"
	IPVSADM_BIN=$IPVSADM strace -f -qq -y -e signal=none -e trace=fsync,fdatasync,rename,renameat,renameat2 \
		-o "$B/trace" nsenter --net="/run/netns/$NS_OURS" "$B/ipvsadm-boot" "$2"
	TRACE=$(<"$B/trace")
}

# flush_order: the new file's fsync, then its rename over the rules file,
# then the directory's fsync, each successful.
flush_order() {
	local line n=0 file_sync=0 renamed=0 dir_sync=0
	while IFS= read -r line; do
		n=$((n + 1))
		case $line in
		*"fsync("*"<$B/rules.new."*">) = 0")
			[ $file_sync != 0 ] || file_sync=$n ;;
		*rename*"\"$B/rules.new."*"\", "*"\"$B/rules\""*") = 0")
			renamed=$n ;;
		*"fsync("*"<$B>) = 0")
			[ $renamed = 0 ] || dir_sync=$n ;;
		esac
	done <<<"$TRACE"
	[ $file_sync != 0 ] && [ $renamed -gt $file_sync ] && [ $dir_sync -gt $renamed ] ||
		{ echo "file fsync $file_sync, rename $renamed, directory fsync $dir_sync in:" >&2
		  echo "$TRACE" >&2; false; }
}

@test "boot debian: save flushes the new file before the rename and the directory after" {
	ours -A -t 10.0.0.1:80 -s rr
	echo old >"$B/rules"
	save_traced debian save
	flush_order
	[ "$(<"$B/rules")" = "# ipvsadm.rules
-A -t 10.0.0.1:80 -s rr" ]
}

@test "boot redhat: stop saves the same way before it clears the table" {
	ours -A -t 10.0.0.2:80 -s wrr
	save_traced redhat stop
	flush_order
	[ "$(<"$B/rules")" = "-A -t 10.0.0.2:80 -s wrr" ]
	[ -z "$(ours -S -n)" ]
}
