#!/usr/bin/env python3
"""Write cases.txt: ipvsadm command lines that cover the grammar.

One case a line, shell words.  Every command is tried with every option
(the legal/illegal matrix), then values at and past their limits, popt
forms (bundling, --opt=value), and the errors of each value parser.
"""
import itertools

COMMANDS = {
    "add-service": "-A -t 10.0.0.1:80",
    "edit-service": "-E -t 10.0.0.1:80",
    "delete-service": "-D -t 10.0.0.1:80",
    "flush": "-C",
    "list": "-L",
    "add-server": "-a -t 10.0.0.1:80 -r 10.0.0.2",
    "delete-server": "-d -t 10.0.0.1:80 -r 10.0.0.2",
    "edit-server": "-e -t 10.0.0.1:80 -r 10.0.0.2",
    "set": "--set 10 20 30",
    "start-daemon": "--start-daemon master",
    "stop-daemon": "--stop-daemon master",
    "save": "-S",
    "zero": "-Z",
}

OPTIONS = [
    "-n", "-c", "-u 10.0.0.3:53", "-s rr", "-p 60", "-M 255.255.255.0",
    "-r 10.0.0.4", "-m", "-g", "-i", "-w 2", "-x 10", "-y 5",
    "--mcast-interface lo", "--timeout", "--daemon", "--stats", "--rate",
    "--thresholds", "--persistent-conn", "--nosort", "--sort", "--syncid 3",
    "--exact", "-o", "--pe sip", "-b flag-1", "--mcast-group 224.0.0.90",
    "--mcast-port 9000", "--mcast-ttl 3", "--sync-maxlen 1000", "--tun-info",
    "--tun-type gue", "--tun-port 6080", "--tun-nocsum", "--tun-csum",
    "--tun-remcsum", "-6", "-f 5",
]

VALUES = """
-A -t 10.0.0.1:0
-A -t 10.0.0.1:0 -p
-A -t 10.0.0.1 -p 100
-A -t 10.0.0.1
-A -t 10.0.0.1:65535
-A -t 10.0.0.1:65536
-A -t 10.0.0.1:-1
-A -t 10.0.0.1:http
-A -u 10.0.0.1:domain
-A --sctp-service 10.0.0.1:80
-A -t 10.0.0.1:nosuchservice
-A -t 300.0.0.1:80
-A -t 10.1:80
-A -t 80
-A -t ''
-A -t :80
-A -t [2001:db8::1]:80
-A -t [2001:db8::1]
-A -t 2001:db8::1
-A -t [2001:db8::1:80
-A -t [zz::1]:80
-A -t [::]:80
-A -t localhost:80
-A -t nosuchhost.invalid:80
-A -t 10.0.0.1:80 -s rr
-A -t 10.0.0.1:80 -s wrr
-A -t 10.0.0.1:80 -s lc
-A -t 10.0.0.1:80 -s wlc
-A -t 10.0.0.1:80 -s lblc
-A -t 10.0.0.1:80 -s lblcr
-A -t 10.0.0.1:80 -s dh
-A -t 10.0.0.1:80 -s sh
-A -t 10.0.0.1:80 -s sed
-A -t 10.0.0.1:80 -s nq
-A -t 10.0.0.1:80 -s fo
-A -t 10.0.0.1:80 -s ovf
-A -t 10.0.0.1:80 -s mh
-A -t 10.0.0.1:80 -s nosuch
-A -t 10.0.0.1:80 -s ''
-A -t 10.0.0.1:80 -s abcdefghijklmnopqrstuvwxyz
-A -t 10.0.0.1:80 -s sh -b sh-fallback
-A -t 10.0.0.1:80 -s sh -b sh-port
-A -t 10.0.0.1:80 -s sh -b sh-fallback,sh-port
-A -t 10.0.0.1:80 -s rr -b sh-port
-A -t 10.0.0.1:80 -b sh-port
-A -t 10.0.0.1:80 -s mh -b mh-fallback,mh-port
-A -t 10.0.0.1:80 -s sh -b mh-port
-A -t 10.0.0.1:80 -s rr -b flag-1,flag-2,flag-3
-A -t 10.0.0.1:80 -s rr -b flag-4
-A -t 10.0.0.1:80 -s rr -b ''
-A -t 10.0.0.1:80 -s rr -b flag-1,,flag-2
-A -t 10.0.0.1:80 -b sh-port -s sh
-A -t 10.0.0.1:80 -p
-A -t 10.0.0.1:80 -p 0
-A -t 10.0.0.1:80 -p 1
-A -t 10.0.0.1:80 -p 2678400
-A -t 10.0.0.1:80 -p 2678401
-A -t 10.0.0.1:80 -p abc
-A -t 10.0.0.1:80 -p -1
-A -t 10.0.0.1:80 -p 100 -M 255.255.0.0
-A -t 10.0.0.1:80 -p 100 -M 255.255.0.
-A -t 10.0.0.1:80 -p 100 -M 24
-A -t 10.0.0.1:80 -p 100 -M loopback
-A -t 10.0.0.1:80 -p 100 -M nosuchnet
-A -t [2001:db8::1]:80 -p 100 -M 64
-A -t [2001:db8::1]:80 -p 100 -M 0
-A -t [2001:db8::1]:80 -p 100 -M 129
-A -t [2001:db8::1]:80 -p 100 -M abc
-A -t [2001:db8::1]:80 -p 100 -M 255.255.255.0
-A -M 64 -t [2001:db8::1]:80 -p 100
-A -t 10.0.0.1:80 -M 255.255.255.0
-A -t 10.0.0.1:80 --pe sip
-A -t 10.0.0.1:80 -p --pe sip
-A -u 10.0.0.1:5060 -p 60 --pe sip
-A -u 10.0.0.1:5060 -p 60 --pe nosuch
-A -u 10.0.0.1:53 -o
-A -t 10.0.0.1:53 -o
-A -f 1 -o
-A -f 1
-A -f 0
-A -f -1
-A -f 4294967295
-A -f 4294967296
-A -f abc
-A -f 1x
-A -f ''
-A -f 1 -6
-A -6 -f 1
-A -f 1 -6 -p 60 -M 64
-A -f 1 -6 -M 200
-A -f 1 -s rr -p
-A -t 10.0.0.1:80 -t 10.0.0.2:80
-A -t 10.0.0.1:80 -u 10.0.0.2:80
-A -t 10.0.0.1:80 -f 3
-A -t 10.0.0.1:80 -s rr -s wrr
-A -t 10.0.0.1:80 extra
-A -t 10.0.0.1:80 -D
-A -t 10.0.0.1:80 -L
-A -t 10.0.0.1:80 -h
-A -t 10.0.0.1:80 -v
-A -t 10.0.0.1:80 --bogus
-A -t 10.0.0.1:80 -q
-A -t
-A -s
-A
-E
-D
-a
-e
-d
-a -t 10.0.0.1:80
-a -r 10.0.0.2
-a -t 10.0.0.1:80 -r 10.0.0.2:8080 -m
-a -t 10.0.0.1:80 -r 10.0.0.2:8080 -g
-a -t 10.0.0.1:80 -r 10.0.0.2:8080
-a -t 10.0.0.1:80 -r 10.0.0.2:http -m
-a -t 10.0.0.1:80 -r 10.0.0.2:nosuch -m
-a -t 10.0.0.1:80 -r 10.0.0.2:65536 -m
-a -t 10.0.0.1:80 -r 10.0.0.2 -w 0
-a -t 10.0.0.1:80 -r 10.0.0.2 -w 65535
-a -t 10.0.0.1:80 -r 10.0.0.2 -w 65536
-a -t 10.0.0.1:80 -r 10.0.0.2 -w -1
-a -t 10.0.0.1:80 -r 10.0.0.2 -w abc
-a -t 10.0.0.1:80 -r 10.0.0.2 -w ''
-a -t 10.0.0.1:80 -r 10.0.0.2 -x 0
-a -t 10.0.0.1:80 -r 10.0.0.2 -x 2147483647
-a -t 10.0.0.1:80 -r 10.0.0.2 -x 2147483648
-a -t 10.0.0.1:80 -r 10.0.0.2 -y 2147483647
-a -t 10.0.0.1:80 -r 10.0.0.2 -y 2147483648
-a -t 10.0.0.1:80 -r 10.0.0.2 -y -5
-a -t 10.0.0.1:80 -r 10.0.0.2 -x 10 -y 20
-a -t 10.0.0.1:80 -r 300.0.0.2
-a -t 10.0.0.1:80 -r ''
-a -t 10.0.0.1:80 -r [2001:db8::2]:80
-a -t 10.0.0.1:80 -r [2001:db8::2]:80 -i
-a -t 10.0.0.1:80 -r 2001:db8::2 -i
-a -t [2001:db8::1]:80 -r 10.0.0.2 -i
-a -t [2001:db8::1]:80 -r 10.0.0.2 -m
-a -t [2001:db8::1]:80 -r [2001:db8::2]:8080 -m
-a -t 10.0.0.1:80 -r 10.0.0.2 -i --tun-type ipip
-a -t 10.0.0.1:80 -r 10.0.0.2 -i --tun-type gue
-a -t 10.0.0.1:80 -r 10.0.0.2 -i --tun-type gue --tun-port 6080
-a -t 10.0.0.1:80 -r 10.0.0.2 -i --tun-type gue --tun-port 6080 --tun-csum
-a -t 10.0.0.1:80 -r 10.0.0.2 -i --tun-type gue --tun-port 6080 --tun-nocsum
-a -t 10.0.0.1:80 -r 10.0.0.2 -i --tun-type gue --tun-port 6080 --tun-remcsum
-a -t 10.0.0.1:80 -r 10.0.0.2 -i --tun-type gue --tun-port 6080 --tun-csum --tun-remcsum
-a -t 10.0.0.1:80 -r 10.0.0.2 -i --tun-type gue --tun-port 0
-a -t 10.0.0.1:80 -r 10.0.0.2 -i --tun-type gue --tun-port 65536
-a -t 10.0.0.1:80 -r 10.0.0.2 -i --tun-type gre
-a -t 10.0.0.1:80 -r 10.0.0.2 -i --tun-type gre --tun-csum
-a -t 10.0.0.1:80 -r 10.0.0.2 -i --tun-type gre --tun-nocsum
-a -t 10.0.0.1:80 -r 10.0.0.2 -i --tun-type gre --tun-remcsum
-a -t 10.0.0.1:80 -r 10.0.0.2 -i --tun-type gre --tun-port 80
-a -t 10.0.0.1:80 -r 10.0.0.2 -i --tun-type gre --tun-csum --tun-nocsum
-a -t 10.0.0.1:80 -r 10.0.0.2 -i --tun-type ipip --tun-port 80
-a -t 10.0.0.1:80 -r 10.0.0.2 -i --tun-type ipip --tun-csum
-a -t 10.0.0.1:80 -r 10.0.0.2 -i --tun-type vxlan
-a -t 10.0.0.1:80 -r 10.0.0.2 -i --tun-port 6080
-a -t 10.0.0.1:80 -r 10.0.0.2 -m --tun-type gue
-a -t 10.0.0.1:80 -r 10.0.0.2 --tun-type gue --tun-port 6080
-a -t 10.0.0.1:80 -r 10.0.0.2 -m -g
-a -t 10.0.0.1:80 -r 10.0.0.2 -r 10.0.0.3
-a -f 5 -r 10.0.0.2
-a -f 5 -6 -r 10.0.0.2
-a -f 5 -6 -r [2001:db8::2]
-d -t 10.0.0.1:80 -r 10.0.0.2:8080
-d -t 10.0.0.1:80 -r 10.0.0.2 -w 3
-e -t 10.0.0.1:80 -r 10.0.0.2 -w 3
-L -n
-L -n -c
-L -c
-L -c --persistent-conn
-L -c --stats
-L --timeout
-L --daemon
-L --timeout --daemon
-L -c --timeout
-L -c --daemon
-L --timeout --stats
-L --daemon --rate
-L -c --thresholds
-L -c --tun-info
-L -c --exact
-L -c --nosort
-L -t 10.0.0.1:80 -c
-L -t 10.0.0.1:80 --timeout
-L --stats --rate
-L --stats --thresholds
-L --stats --persistent-conn
-L --rate --exact
-L --thresholds --persistent-conn
-L --tun-info --stats
-L --daemon --syncid 3
-L -t 10.0.0.1:80
-L -u 10.0.0.1:80
-L --sctp-service 10.0.0.1:80
-L -f 5
-L -f 5 -6
-L -n -n
-l
-l -n
-Ln
-Lnc
-L --numeric
-L --connection
-L --list
-L -s rr
-L extra
-S -n
-S -n -n
-S extra
-S -c
-Sn
-C extra
-C -n
-Z -t 10.0.0.1:80
-Z -f 5
-Z -n
--set
--set 1
--set 1 2
--set 1 2 3
--set 1 2 3 4
--set 0 0 0
--set -1 0 0
--set 2678400 2678400 2678400
--set 2678401 0 0
--set a b c
--set 1 2 3 -n
--start-daemon
--start-daemon master
--start-daemon backup
--start-daemon bogus
--start-daemon master --mcast-interface lo
--start-daemon master --mcast-interface abcdefghijklmnopqrstuvwxyz
--start-daemon master --syncid 0
--start-daemon master --syncid 255
--start-daemon master --syncid 256
--start-daemon master --syncid -1
--start-daemon master --sync-maxlen 1
--start-daemon master --sync-maxlen 65507
--start-daemon master --sync-maxlen 65508
--start-daemon master --sync-maxlen 0
--start-daemon master --mcast-group 224.0.0.81
--start-daemon master --mcast-group 10.0.0.1
--start-daemon master --mcast-group ff02::1
--start-daemon master --mcast-group 2001:db8::1
--start-daemon master --mcast-group abc
--start-daemon master --mcast-group ''
--start-daemon master --mcast-port 0
--start-daemon master --mcast-port 1
--start-daemon master --mcast-port 65535
--start-daemon master --mcast-port 65536
--start-daemon master --mcast-ttl 0
--start-daemon master --mcast-ttl 1
--start-daemon master --mcast-ttl 255
--start-daemon master --mcast-ttl 256
--start-daemon master -n
--start-daemon=backup
--stop-daemon
--stop-daemon master
--stop-daemon backup
--stop-daemon bogus
--stop-daemon master --syncid 3
--stop-daemon master --mcast-interface lo
-h
--help
-v
--version
-h -n
-v -n
-hv
-R extra
-R -n
-n
-n -L
-t 10.0.0.1:80 -A
-w 3
-r 10.0.0.2
--bogus
-q
-
--
-- -L
-L --
x
-A --tcp-service=10.0.0.1:80 --scheduler=rr
-A --tcp-service 10.0.0.1:80 --scheduler rr --persistent 30 --netmask 255.255.255.0
-A --tcp-service=10.0.0.1:80 --persistent=30
-A --udp-service 10.0.0.1:53 --ops
-A --fwmark-service 7 --ipv6 --scheduler rr
-a --tcp-service 10.0.0.1:80 --real-server 10.0.0.2 --masquerading --weight 3 --u-threshold 10 --l-threshold 5
-a --tcp-service 10.0.0.1:80 --real-server 10.0.0.2 --gatewaying
-a --tcp-service 10.0.0.1:80 --real-server 10.0.0.2 --ipip
-a -t 10.0.0.1:80 -r10.0.0.2 -mw3
-A -t10.0.0.1:80 -srr
-A -t 10.0.0.1:80 -srr -p30
--add-service -t 10.0.0.1:80
--edit-service -t 10.0.0.1:80
--delete-service -t 10.0.0.1:80
--clear
--list
--list -n
--zero
--save
--restore
--add-server -t 10.0.0.1:80 -r 10.0.0.2
--edit-server -t 10.0.0.1:80 -r 10.0.0.2
--delete-server -t 10.0.0.1:80 -r 10.0.0.2
-L --sort
-L --nosort -n
-L --exact -n --stats
-L --list-foo
--add
--tcp
-Ax
-A -tx
-A -t 10.0.0.1:80 -s
-A -t 10.0.0.1:80 -p -s rr
-A -t 10.0.0.1:80 -b
"""

# Added after the first recording: kept last so case numbers stay put.
EXTRA = """
-L --timeout --persistent-conn
-L --daemon --persistent-conn
-L -c --persistent-conn -n
-L -t 10.0.0.1:80 --persistent-conn
-L -t 10.0.0.1:80 --stats --exact
-A -t 10.0.0.1:80 -p 100 -M 255.255.255.255
-A -t 10.0.0.1:80 -p 100 -M 0.0.0.0
-A -t 10.0.0.1:80 -s sh -b flag-3
-A -t 10.0.0.1:80 -s mh -b sh-port
-A -t 10.0.0.1:80 -s sh -b sh-port,flag-4
-a -t 10.0.0.1:80 -r 10.0.0.2 -i --tun-type gue --tun-port 6080 --tun-nocsum --tun-csum
-a -t 10.0.0.1:80 -r 10.0.0.2:0 -m
-a -t 10.0.0.1:80 -r localhost -m
-a -t 10.0.0.1:80 -r 127.0.0.1:8080 -m
-a -u 10.0.0.1:53 -r 10.0.0.2:domain -m
-A -t 10.0.0.1:80 --pe abcdefghijklmnopqrstuvwxyz -p
-A -t 10.0.0.1:80 --pe '' -p
--start-daemon master --mcast-interface lo --mcast-group ff02::1
--start-daemon master --mcast-interface lo --mcast-group 239.1.2.3 --mcast-port 5000 --mcast-ttl 9 --sync-maxlen 500 --syncid 12
--start-daemon backup --mcast-interface lo --syncid 0
-A -u 10.0.0.1:0 -p 10 -o
-A -f 1 -6 -M 128 -p
-Z -t 10.0.0.1
-L -n --tun-info
-L -n --thresholds --exact
-S -n -n
-a -t 10.0.0.1:80 -r 10.0.0.2 -w 2147483647
-a -t 10.0.0.1:80 -r 10.0.0.2 -w 2147483648
-L -n --tun-info -c
-L --timeout --tun-info
-L --daemon --tun-info
-L -c --persistent-conn --tun-info
"""

def main():
    cases = []
    for base in COMMANDS.values():
        for opt in OPTIONS:
            cases.append(f"{base} {opt}")
    for a, b in itertools.combinations(["-c", "--timeout", "--daemon", "-t 10.0.0.1:80"], 2):
        cases.append(f"-L {a} {b}")
    cases += [l for l in VALUES.strip().splitlines() if l.strip()]
    cases += [l for l in EXTRA.strip().splitlines() if l.strip()]
    seen, out = set(), []
    for c in cases:
        if c not in seen:
            seen.add(c)
            out.append(c)
    import os
    with open(os.path.join(os.path.dirname(os.path.abspath(__file__)), "cases.txt"), "w") as f:
        f.write("\n".join(out) + "\n")
    print(len(out), "cases")

main()
