#!/usr/bin/env bats
# Made by tests/cmdline/gen-bats.py from tests/cmdline/cases.txt: do not edit.
# Each case runs with the reference and with ours, each on an empty table;
# exit status, stdout, stderr and the resulting table must be identical.

load helpers
load cmdline

setup() { :; }
teardown() { :; }

@test "cmdline 1-25: -A -t 10.0.0.1:80 -n ..." {
	compat_case_lines 1 25
}

@test "cmdline 26-50: -A -t 10.0.0.1:80 --pe sip ..." {
	compat_case_lines 26 50
}

@test "cmdline 51-75: -E -t 10.0.0.1:80 -x 10 ..." {
	compat_case_lines 51 75
}

@test "cmdline 76-100: -E -t 10.0.0.1:80 --tun-remcsum ..." {
	compat_case_lines 76 100
}

@test "cmdline 101-125: -D -t 10.0.0.1:80 --syncid 3 ..." {
	compat_case_lines 101 125
}

@test "cmdline 126-150: -C -g ..." {
	compat_case_lines 126 150
}

@test "cmdline 151-175: -C --tun-port 6080 ..." {
	compat_case_lines 151 175
}

@test "cmdline 176-200: -L --persistent-conn ..." {
	compat_case_lines 176 200
}

@test "cmdline 201-225: -a -t 10.0.0.1:80 -r 10.0.0.2 -M 255.255.255.0 ..." {
	compat_case_lines 201 225
}

@test "cmdline 226-250: -a -t 10.0.0.1:80 -r 10.0.0.2 --sync-maxlen 1000 ..." {
	compat_case_lines 226 250
}

@test "cmdline 251-275: -d -t 10.0.0.1:80 -r 10.0.0.2 --stats ..." {
	compat_case_lines 251 275
}

@test "cmdline 276-300: -e -t 10.0.0.1:80 -r 10.0.0.2 -u 10.0.0.3:53 ..." {
	compat_case_lines 276 300
}

@test "cmdline 301-325: -e -t 10.0.0.1:80 -r 10.0.0.2 --mcast-group 224.0.0.90 ..." {
	compat_case_lines 301 325
}

@test "cmdline 326-350: --set 10 20 30 --mcast-interface lo ..." {
	compat_case_lines 326 350
}

@test "cmdline 351-375: --set 10 20 30 -f 5 ..." {
	compat_case_lines 351 375
}

@test "cmdline 376-400: --start-daemon master -o ..." {
	compat_case_lines 376 400
}

@test "cmdline 401-425: --stop-daemon master -w 2 ..." {
	compat_case_lines 401 425
}

@test "cmdline 426-450: --stop-daemon master --tun-csum ..." {
	compat_case_lines 426 450
}

@test "cmdline 451-475: -S --sort ..." {
	compat_case_lines 451 475
}

@test "cmdline 476-500: -Z -m ..." {
	compat_case_lines 476 500
}

@test "cmdline 501-525: -Z --tun-type gue ..." {
	compat_case_lines 501 525
}

@test "cmdline 526-550: -A -t 10.1:80 ..." {
	compat_case_lines 526 550
}

@test "cmdline 551-575: -A -t 10.0.0.1:80 -s '' ..." {
	compat_case_lines 551 575
}

@test "cmdline 576-600: -A -t 10.0.0.1:80 -p 100 -M nosuchnet ..." {
	compat_case_lines 576 600
}

@test "cmdline 601-625: -A -f 1 -s rr -p ..." {
	compat_case_lines 601 625
}

@test "cmdline 626-650: -a -t 10.0.0.1:80 -r 10.0.0.2:http -m ..." {
	compat_case_lines 626 650
}

@test "cmdline 651-675: -a -t 10.0.0.1:80 -r 10.0.0.2 -i --tun-type gue ..." {
	compat_case_lines 651 675
}

@test "cmdline 676-700: -d -t 10.0.0.1:80 -r 10.0.0.2:8080 ..." {
	compat_case_lines 676 700
}

@test "cmdline 701-725: -L -n -n ..." {
	compat_case_lines 701 725
}

@test "cmdline 726-750: --start-daemon ..." {
	compat_case_lines 726 750
}

@test "cmdline 751-775: --start-daemon master --mcast-ttl 255 ..." {
	compat_case_lines 751 775
}

@test "cmdline 776-800: -- -L ..." {
	compat_case_lines 776 800
}

@test "cmdline 801-825: --delete-server -t 10.0.0.1:80 -r 10.0.0.2 ..." {
	compat_case_lines 801 825
}

@test "cmdline 826-836: -a -u 10.0.0.1:53 -r 10.0.0.2:domain -m ..." {
	compat_case_lines 826 836
}
