#!/usr/bin/env bats
# Made by tests/cmdline/gen-bats.py from tests/cmdline/cases.txt: do not edit.
# Each case runs with the reference and with ours, each on an empty table;
# exit status, stdout, stderr and the resulting table must be identical.

load helpers
load cmdline

setup() { :; }
teardown() { :; }

@test "cmdline 1-10: -A -t 10.0.0.1:80 -n ..." {
	compat_case_lines 1 10
}

@test "cmdline 11-20: -A -t 10.0.0.1:80 -w 2 ..." {
	compat_case_lines 11 20
}

@test "cmdline 21-30: -A -t 10.0.0.1:80 --nosort ..." {
	compat_case_lines 21 30
}

@test "cmdline 31-40: -A -t 10.0.0.1:80 --sync-maxlen 1000 ..." {
	compat_case_lines 31 40
}

@test "cmdline 41-50: -E -t 10.0.0.1:80 -c ..." {
	compat_case_lines 41 50
}

@test "cmdline 51-60: -E -t 10.0.0.1:80 -x 10 ..." {
	compat_case_lines 51 60
}

@test "cmdline 61-70: -E -t 10.0.0.1:80 --sort ..." {
	compat_case_lines 61 70
}

@test "cmdline 71-80: -E -t 10.0.0.1:80 --tun-info ..." {
	compat_case_lines 71 80
}

@test "cmdline 81-90: -D -t 10.0.0.1:80 -u 10.0.0.3:53 ..." {
	compat_case_lines 81 90
}

@test "cmdline 91-100: -D -t 10.0.0.1:80 -y 5 ..." {
	compat_case_lines 91 100
}

@test "cmdline 101-110: -D -t 10.0.0.1:80 --syncid 3 ..." {
	compat_case_lines 101 110
}

@test "cmdline 111-120: -D -t 10.0.0.1:80 --tun-type gue ..." {
	compat_case_lines 111 120
}

@test "cmdline 121-130: -C -s rr ..." {
	compat_case_lines 121 130
}

@test "cmdline 131-140: -C --mcast-interface lo ..." {
	compat_case_lines 131 140
}

@test "cmdline 141-150: -C --exact ..." {
	compat_case_lines 141 150
}

@test "cmdline 151-160: -C --tun-port 6080 ..." {
	compat_case_lines 151 160
}

@test "cmdline 161-170: -L -p 60 ..." {
	compat_case_lines 161 170
}

@test "cmdline 171-180: -L --timeout ..." {
	compat_case_lines 171 180
}

@test "cmdline 181-190: -L -o ..." {
	compat_case_lines 181 190
}

@test "cmdline 191-200: -L --tun-nocsum ..." {
	compat_case_lines 191 200
}

@test "cmdline 201-210: -a -t 10.0.0.1:80 -r 10.0.0.2 -M 255.255.255.0 ..." {
	compat_case_lines 201 210
}

@test "cmdline 211-220: -a -t 10.0.0.1:80 -r 10.0.0.2 --daemon ..." {
	compat_case_lines 211 220
}

@test "cmdline 221-230: -a -t 10.0.0.1:80 -r 10.0.0.2 --pe sip ..." {
	compat_case_lines 221 230
}

@test "cmdline 231-240: -a -t 10.0.0.1:80 -r 10.0.0.2 --tun-csum ..." {
	compat_case_lines 231 240
}

@test "cmdline 241-250: -d -t 10.0.0.1:80 -r 10.0.0.2 -r 10.0.0.4 ..." {
	compat_case_lines 241 250
}

@test "cmdline 251-260: -d -t 10.0.0.1:80 -r 10.0.0.2 --stats ..." {
	compat_case_lines 251 260
}

@test "cmdline 261-270: -d -t 10.0.0.1:80 -r 10.0.0.2 -b flag-1 ..." {
	compat_case_lines 261 270
}

@test "cmdline 271-280: -d -t 10.0.0.1:80 -r 10.0.0.2 --tun-remcsum ..." {
	compat_case_lines 271 280
}

@test "cmdline 281-290: -e -t 10.0.0.1:80 -r 10.0.0.2 -m ..." {
	compat_case_lines 281 290
}

@test "cmdline 291-300: -e -t 10.0.0.1:80 -r 10.0.0.2 --rate ..." {
	compat_case_lines 291 300
}

@test "cmdline 301-310: -e -t 10.0.0.1:80 -r 10.0.0.2 --mcast-group 224.0.0.90 ..." {
	compat_case_lines 301 310
}

@test "cmdline 311-320: -e -t 10.0.0.1:80 -r 10.0.0.2 -6 ..." {
	compat_case_lines 311 320
}

@test "cmdline 321-330: --set 10 20 30 -g ..." {
	compat_case_lines 321 330
}

@test "cmdline 331-340: --set 10 20 30 --thresholds ..." {
	compat_case_lines 331 340
}

@test "cmdline 341-350: --set 10 20 30 --mcast-port 9000 ..." {
	compat_case_lines 341 350
}

@test "cmdline 351-360: --set 10 20 30 -f 5 ..." {
	compat_case_lines 351 360
}

@test "cmdline 361-370: --start-daemon master -i ..." {
	compat_case_lines 361 370
}

@test "cmdline 371-380: --start-daemon master --persistent-conn ..." {
	compat_case_lines 371 380
}

@test "cmdline 381-390: --start-daemon master --mcast-ttl 3 ..." {
	compat_case_lines 381 390
}

@test "cmdline 391-400: --stop-daemon master -n ..." {
	compat_case_lines 391 400
}

@test "cmdline 401-410: --stop-daemon master -w 2 ..." {
	compat_case_lines 401 410
}

@test "cmdline 411-420: --stop-daemon master --nosort ..." {
	compat_case_lines 411 420
}

@test "cmdline 421-430: --stop-daemon master --sync-maxlen 1000 ..." {
	compat_case_lines 421 430
}

@test "cmdline 431-440: -S -c ..." {
	compat_case_lines 431 440
}

@test "cmdline 441-450: -S -x 10 ..." {
	compat_case_lines 441 450
}

@test "cmdline 451-460: -S --sort ..." {
	compat_case_lines 451 460
}

@test "cmdline 461-470: -S --tun-info ..." {
	compat_case_lines 461 470
}

@test "cmdline 471-480: -Z -u 10.0.0.3:53 ..." {
	compat_case_lines 471 480
}

@test "cmdline 481-490: -Z -y 5 ..." {
	compat_case_lines 481 490
}

@test "cmdline 491-500: -Z --syncid 3 ..." {
	compat_case_lines 491 500
}

@test "cmdline 501-510: -Z --tun-type gue ..." {
	compat_case_lines 501 510
}

@test "cmdline 511-520: -L --timeout --daemon ..." {
	compat_case_lines 511 520
}

@test "cmdline 521-530: -A -t 10.0.0.1:http ..." {
	compat_case_lines 521 530
}

@test "cmdline 531-540: -A -t [2001:db8::1] ..." {
	compat_case_lines 531 540
}

@test "cmdline 541-550: -A -t 10.0.0.1:80 -s lblc ..." {
	compat_case_lines 541 550
}

@test "cmdline 551-560: -A -t 10.0.0.1:80 -s '' ..." {
	compat_case_lines 551 560
}

@test "cmdline 561-570: -A -t 10.0.0.1:80 -s rr -b flag-4 ..." {
	compat_case_lines 561 570
}

@test "cmdline 571-580: -A -t 10.0.0.1:80 -p -1 ..." {
	compat_case_lines 571 580
}

@test "cmdline 581-590: -A -t [2001:db8::1]:80 -p 100 -M 255.255.255.0 ..." {
	compat_case_lines 581 590
}

@test "cmdline 591-600: -A -f -1 ..." {
	compat_case_lines 591 600
}

@test "cmdline 601-610: -A -f 1 -s rr -p ..." {
	compat_case_lines 601 610
}

@test "cmdline 611-620: -A -t 10.0.0.1:80 --bogus ..." {
	compat_case_lines 611 620
}

@test "cmdline 621-630: -a -t 10.0.0.1:80 ..." {
	compat_case_lines 621 630
}

@test "cmdline 631-640: -a -t 10.0.0.1:80 -r 10.0.0.2 -w 65536 ..." {
	compat_case_lines 631 640
}

@test "cmdline 641-650: -a -t 10.0.0.1:80 -r 10.0.0.2 -x 10 -y 20 ..." {
	compat_case_lines 641 650
}

@test "cmdline 651-660: -a -t 10.0.0.1:80 -r 10.0.0.2 -i --tun-type gue ..." {
	compat_case_lines 651 660
}

@test "cmdline 661-670: -a -t 10.0.0.1:80 -r 10.0.0.2 -i --tun-type gre --tun-nocsum ..." {
	compat_case_lines 661 670
}

@test "cmdline 671-680: -a -t 10.0.0.1:80 -r 10.0.0.2 -m -g ..." {
	compat_case_lines 671 680
}

@test "cmdline 681-690: -L -c --stats ..." {
	compat_case_lines 681 690
}

@test "cmdline 691-700: -L --stats --thresholds ..." {
	compat_case_lines 691 700
}

@test "cmdline 701-710: -L -n -n ..." {
	compat_case_lines 701 710
}

@test "cmdline 711-720: -S extra ..." {
	compat_case_lines 711 720
}

@test "cmdline 721-730: --set -1 0 0 ..." {
	compat_case_lines 721 730
}

@test "cmdline 731-740: --start-daemon master --syncid 0 ..." {
	compat_case_lines 731 740
}

@test "cmdline 741-750: --start-daemon master --mcast-group ff02::1 ..." {
	compat_case_lines 741 750
}

@test "cmdline 751-760: --start-daemon master --mcast-ttl 255 ..." {
	compat_case_lines 751 760
}

@test "cmdline 761-770: --version ..." {
	compat_case_lines 761 770
}

@test "cmdline 771-780: -r 10.0.0.2 ..." {
	compat_case_lines 771 780
}

@test "cmdline 781-790: -A --tcp-service=10.0.0.1:80 --persistent=30 ..." {
	compat_case_lines 781 790
}

@test "cmdline 791-800: --edit-service -t 10.0.0.1:80 ..." {
	compat_case_lines 791 800
}

@test "cmdline 801-810: --delete-server -t 10.0.0.1:80 -r 10.0.0.2 ..." {
	compat_case_lines 801 810
}

@test "cmdline 811-811: -A -t 10.0.0.1:80 -b ..." {
	compat_case_lines 811 811
}
