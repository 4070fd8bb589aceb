"""The benchmark's guest side: run by bench/run inside the lab (as root, on
a kernel with IPVS).  Each workload gets its own network namespace, which
this process enters (setns) so that the timed processes are the binaries
themselves, not "ip netns exec".  The two binaries alternate, RUNS times
each; the table shows the medians, their ratio, the target and whether
both printed the same (for commands that print nothing, whether they left
the same table behind)."""
import ctypes, difflib, os, re, socket, statistics, struct, subprocess, sys, tempfile, time

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OURS = os.environ.get("IPVSADM_BIN") or os.path.join(REPO, "ipvsadm")
REF = os.environ.get("IPVSADM_REF") or "/sbin/ipvsadm"
RUNS = int(os.environ.get("BENCH_RUNS") or 3)
SERVICES = int(os.environ.get("BENCH_SERVICES") or 10000)
REALS = int(os.environ.get("BENCH_REALS") or 10)
CONNS = int(os.environ.get("BENCH_CONNS") or 100000)
STARTS = int(os.environ.get("BENCH_STARTS") or 200)
# A read of /proc/net/ip_vs_conn grows with the square of the table: at
# 100,000 entries it takes 16 s under TCG, at a million over an hour.
QUERY_CONNS = int(os.environ.get("BENCH_QUERY_CONNS") or 100000)
OWN_CONNS = int(os.environ.get("BENCH_OWN_CONNS") or 1000000)
QUERY_RUNS = int(os.environ.get("BENCH_QUERY_RUNS") or 1)
# Workload groups to run (all when empty): restore reload list start memory conns watch apply
# query query-own metrics
ONLY = set((os.environ.get("BENCH_ONLY") or "").replace(",", " ").split())
TMP = tempfile.mkdtemp()
CLONE_NEWNET = 0x40000000
LIBC = ctypes.CDLL(None, use_errno=True)
HOME_NS = os.open("/proc/self/ns/net", os.O_RDONLY)
MISSED = []


def sh(cmd):
    subprocess.run(cmd, shell=True, check=True)


def setns(fd):
    if LIBC.setns(fd, CLONE_NEWNET) != 0:
        err = ctypes.get_errno()
        raise OSError(err, os.strerror(err))


def rules(services, reals):
    """A restore file: services x reals, NAT real servers."""
    path = os.path.join(TMP, f"rules-{services}x{reals}")
    with open(path, "w") as f:
        for s in range(services):
            vip = f"10.{(s >> 16) & 255}.{(s >> 8) & 255}.{s & 255}:80"
            f.write(f"-A -t {vip} -s wlc\n")
            for r in range(reals):
                rip = f"172.{16 + (r >> 16)}.{(r >> 8) & 255}.{r & 255}:{8000 + r % 1000}"
                f.write(f"-a -t {vip} -r {rip} -m -w 1\n")
    return path


class Netns:
    """A fresh network namespace with lo up; this process lives in it
    until the block ends.  The table is flushed before the namespace goes,
    so the kernel's clean-up does not run into the next measurement."""
    count = 0

    def __enter__(self):
        Netns.count += 1
        self.name = f"bench{os.getpid()}-{Netns.count}"
        sh(f"ip netns add {self.name}")
        fd = os.open(f"/run/netns/{self.name}", os.O_RDONLY)
        setns(fd)
        os.close(fd)
        sh("ip link set lo up")
        return self

    def __exit__(self, *exc):
        subprocess.run([OURS, "-C"], check=False)
        setns(HOME_NS)
        sh(f"ip netns del {self.name}")
        time.sleep(2)   # the kernel frees the namespace in the background


def run(binary, args, stdin=None):
    """Run binary in the current namespace: (seconds, exit status, output)."""
    fin = open(stdin) if stdin else subprocess.DEVNULL
    t0 = time.perf_counter()
    p = subprocess.run([binary] + args, stdin=fin, stdout=subprocess.PIPE,
                       stderr=subprocess.PIPE)
    elapsed = time.perf_counter() - t0
    if stdin:
        fin.close()
    return elapsed, p.returncode, p.stdout + b"\n--stderr--\n" + p.stderr


def must(binary, args, stdin=None):
    """Set-up steps: they must succeed."""
    t, rc, out = run(binary, args, stdin)
    if rc != 0:
        sys.exit(f"bench: {binary} {' '.join(args)} exited {rc}: {out[-300:]!r}")
    return t, out


def timed(binary, args, stdin=None):
    """A measured command: (seconds, what it printed and its exit status)."""
    t, rc, out = run(binary, args, stdin)
    return t, out + f"\n--exit {rc}--\n".encode()


def table_dump():
    """What the table holds, as the reference saves it."""
    return must(REF, ["-S", "-n"])[1]


def row(name, ours, ref, target, same, fmt="{:9.3f}"):
    ratio = ours / ref
    verdict = ""
    if target:
        verdict = "ok" if ratio <= target else "MISSED"
        if verdict == "MISSED":
            MISSED.append(name)
    tgt = f"<= {target:.3f} {verdict}" if target else ""
    print(f"| {name:<32} | {fmt.format(ours):>10} | {fmt.format(ref):>10} "
          f"| {ratio:6.3f} | {tgt:<14} | {same:<6} |", flush=True)


def alternate(name, target, prepare, action, after=lambda: b""):
    """RUNS rounds of prepare() then action(binary, last round?) ->
    (seconds, output), reference first.  The outputs of the last round,
    each followed by after() (say, the table left behind), must be the
    same."""
    times = {OURS: [], REF: []}
    outputs = {}
    for last in [False] * (RUNS - 1) + [True]:
        for binary in (REF, OURS):
            prepare()
            t, out = action(binary, last)
            times[binary].append(t)
            if last:
                outputs[binary] = out + after()
    same = "same" if outputs[OURS] == outputs[REF] else "DIFFERENT"
    if same != "same":
        MISSED.append(name + " (output)")
        diff = difflib.unified_diff(outputs[REF].decode(errors="replace").splitlines(),
                                    outputs[OURS].decode(errors="replace").splitlines(),
                                    "reference", "ours", n=1, lineterm="")
        print("\n".join(list(diff)[:12]), file=sys.stderr, flush=True)
    row(name, statistics.median(times[OURS]), statistics.median(times[REF]), target, same)


def restore_empty(label, path, target):
    """-R into an empty table, in a namespace of its own: after a -C the
    kernel keeps the deleted real servers in a trash list for a minute and
    walks it on every add (quadratic), which would time the kernel, not
    the binary.  The outputs compared are -R's own and the table it leaves."""
    def action(binary, last):
        with Netns():
            t, out = timed(binary, ["-R"], path)
            return t, out + (table_dump() if last else b"")
    alternate(f"restore {label}", target, lambda: None, action)


def reload(label, path, target):
    """-C then -R of the same file, on a table that file made."""
    with Netns():
        must(OURS, ["-R"], path)

        def action(binary, last):
            t1, o1 = timed(binary, ["-C"])
            t2, o2 = timed(binary, ["-R"], path)
            return t1 + t2, o1 + o2
        alternate(f"reload (-C, -R) {label}", target, lambda: None, action, table_dump)


def listings(label, path, targets):
    with Netns():
        must(OURS, ["-R"], path)
        for args, target in targets:
            alternate(f"{' '.join(args)} {label}", target, lambda: None,
                      lambda b, last, a=args: timed(b, a))


def udp_flows(count):
    """count UDP flows, one datagram each from its own source address and
    port, to a UDP service whose real server is behind a blackhole route:
    IPVS makes one entry per flow, and nobody answers."""
    sh("ip addr add 10.99.0.1/32 dev lo && ip route add blackhole 10.97.0.0/24")
    # long enough for the slowest run (a read of a million entries takes
    # many minutes under TCG)
    must(REF, ["--set", "0", "0", "86400"])
    must(REF, ["-A", "-u", "10.99.0.1:53", "-s", "rr"])
    must(REF, ["-a", "-u", "10.99.0.1:53", "-r", "10.97.0.2:53", "-m"])
    s = socket.socket(socket.AF_INET, socket.SOCK_RAW, socket.IPPROTO_RAW)
    dst = socket.inet_aton("10.99.0.1")
    # A datagram that finds its entry only refreshes it, so the flows
    # are sent again while some are missing (the kernel drops a burst's
    # tail when its backlog is full).
    for _ in range(10):
        for i in range(count):
            # The kernel fills in the IP checksum and length; UDP's is optional.
            src = socket.inet_aton(f"10.98.{(1 + i // 25000) >> 8}.{(1 + i // 25000) & 255}")
            ip = struct.pack("!BBHHHBBH4s4s", 0x45, 0, 29, 0, 0, 64, socket.IPPROTO_UDP, 0, src, dst)
            udp = struct.pack("!HHHH", 1024 + i % 25000, 53, 9, 0) + b"x"
            s.sendto(ip + udp, ("10.99.0.1", 0))
        entries = conn_entries()
        if entries >= count:
            break
    s.close()
    if entries != count:
        sys.exit(f"bench: {entries} connection entries, not {count}")


def conn_entries():
    """The entries of the one real server, from its InActConn (a UDP
    entry is inactive): one netlink dump, where a count of the lines of
    /proc/net/ip_vs_conn would cost a whole (quadratic) read."""
    out = must(OURS, ["-L", "-n", "-u", "10.99.0.1:53"])[1].decode()
    return int(re.search(r"10\.97\.0\.2:53 +\S+ +\d+ +\d+ +(\d+)", out).group(1))


def without_expiry(out):
    """-c's second column counts down between the two runs."""
    return re.sub(rb"(?m)^(\S+ +)\d\d:\d\d ", rb"\1mm:ss ", out)


def connections(target):
    with Netns():
        udp_flows(CONNS)

        def action(binary, last):
            t, out = timed(binary, ["-L", "-n", "-c"])
            return t, without_expiry(out)
        alternate(f"-L -n -c, {CONNS} entries", target, lambda: None, action)


def median_time(args):
    times = []
    for _ in range(RUNS):
        t0 = time.perf_counter()
        subprocess.run(args, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        times.append(time.perf_counter() - t0)
    return statistics.median(times)


def time_and_peak(cmd):
    """One run of the shell command cmd, whose one timed binary is
    prefixed by {time}: (seconds of the whole command, that binary's peak
    RSS in KiB)."""
    out = os.path.join(TMP, "rss")
    t0 = time.perf_counter()
    subprocess.run(cmd.format(time=f"/usr/bin/time -f %M -o {out}"), shell=True,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    elapsed = time.perf_counter() - t0
    with open(out) as f:
        return elapsed, int(f.read().split()[-1])


# The queries timed, the most telling first: (label, arguments).
QUERIES = (("--query=client=ADDR", "--query=client=10.98.0.1"),
           ("--query=count", "--query=count"),
           ("--query -u SERVICE", "--query -u 10.99.0.1:53"),
           ("-L -n -c (no query)", ""),
           ("--query -r SERVER", "--query -r 10.97.0.2"),
           ("--query=state=UDP", "--query=state=UDP"),
           ("--query=client=PREFIX", "--query=client=10.98.0.0/28"),
           ("--query=count --json", "--query=count --json"))


def query_rows(queries, prefix, base, ref_peak, target, n, name=""):
    """A time row against base (seconds, its name) and a peak RSS row
    against the reference's for each query, its command line after
    prefix (say, an LD_PRELOAD)."""
    for label, args in queries:
        t, peak = median_time_peak(f"{prefix}{{time}} {OURS} -L -n -c {args}")
        row(f"{name}{label} / {base[1]}, {n}", t, base[0], target, "-")
        row(f"{name}{label} peak RSS / ref -L -n -c (KiB)", peak, ref_peak, None, "", "{:d}")


def median_time_peak(cmd):
    """QUERY_RUNS runs of time_and_peak(cmd): the median time, the
    highest peak."""
    runs = [time_and_peak(cmd) for _ in range(QUERY_RUNS)]
    return statistics.median(r[0] for r in runs), max(r[1] for r in runs)


def queries(target):
    """Queries at QUERY_CONNS entries against the floor, one read of
    /proc/net/ip_vs_conn (cat); 1.31's -L -n -c | grep beside them.  Each
    run gives its time and its peak RSS (the latter against the
    reference's -L -n -c).  The kernel restarts its walk of the table at
    every read() and hands out a page at a time, so one full read grows
    with the square of the table: at a million entries under TCG it takes
    many minutes, hence QUERY_RUNS (1) runs each, the rows printed as they
    come, the most telling first."""
    n = f"{QUERY_CONNS} entries"
    with Netns():
        t0 = time.perf_counter()
        udp_flows(QUERY_CONNS)
        print(f"({n} made in {time.perf_counter() - t0:.0f} s)", file=sys.stderr, flush=True)

        floor, _ = median_time_peak("{time} cat /proc/net/ip_vs_conn")
        row(f"cat /proc/net/ip_vs_conn, {n}", floor, floor, None, "-")
        grep, ref_peak = median_time_peak(f"{{time}} {REF} -L -n -c | grep -F ' 10.98.0.1:'")
        row(f"ref -L -n -c | grep client / cat, {n}", grep, floor, None, "-")
        query_rows(QUERIES, "", (floor, "cat"), ref_peak, target, n)


def conn_file(count):
    """A connection table of count UDP entries in /proc/net/ip_vs_conn's
    own format, as a file in the guest's memory."""
    path = os.path.join(TMP, f"ip_vs_conn-{count}")
    with open(path, "w") as f:
        f.write("Pro FromIP   FPrt ToIP     TPrt DestIP   DPrt State       Expires PEName PEData\n")
        for i in range(count):
            f.write("UDP %08X %04X 0A630001 0035 0A610002 0035 UDP          %7d\n"
                    % (0x0A620001 + i // 25000, 1024 + i % 25000, 86000))
    return path


def queries_own(count):
    """ipvsadm's own part of a query at count entries: the table comes
    from a file in memory (LD_PRELOAD tests/bats/fakeconn.so), so no
    kernel walk is timed.  Against cat of the same file and the
    reference's -L -n -c through the same shim; peak RSS beside."""
    path = conn_file(count)
    shim = f"LD_PRELOAD={REPO}/tests/bats/fakeconn.so FAKE_IP_VS_CONN={path}"
    n = f"{count} entries from a file"
    with Netns():
        floor, _ = median_time_peak(f"{{time}} cat {path}")
        ref, ref_peak = median_time_peak(f"{shim} {{time}} {REF} -L -n -c")
        row(f"own: ref -L -n -c / cat, {n}", ref, floor, None, "-")
        query_rows(QUERIES[:4], shim + " ", (ref, "ref -L -n -c"), ref_peak, None, n, "own: ")


def metrics_cost(label, path, target):
    """-L --metrics against -L -n --stats of the same table (ours and
    the reference's)."""
    with Netns():
        must(OURS, ["-R"], path)
        m = median_time([OURS, "-L", "--metrics"])
        row(f"--metrics / ours -L -n --stats {label}", m,
            median_time([OURS, "-L", "-n", "--stats"]), target, "-")
        row(f"--metrics / ref -L -n --stats {label}", m,
            median_time([REF, "-L", "-n", "--stats"]), target, "-")


def starts(label, args_of, target, prepare=lambda: None, after=lambda: b""):
    """STARTS processes of one binary, each with its own arguments."""
    def action(binary, last):
        total, outs = 0.0, set()
        for i in range(1, STARTS + 1):
            t, o = timed(binary, args_of(i))
            total += t
            outs.add(o)
        return total, b"".join(sorted(outs))
    alternate(label, target, prepare, action, after)


def peak_memory(label, path):
    """Peak RSS of one -R into an empty table, by GNU time (a small
    parent: a Python parent's pages would count in the child's peak)."""
    peaks = {}
    with Netns():
        for binary in (REF, OURS):
            must(OURS, ["-C"])
            out = os.path.join(TMP, "rss")
            must("/usr/bin/time", ["-f", "%M", "-o", out, binary, "-R"], path)
            with open(out) as f:
                peaks[binary] = int(f.read().split()[-1])
    row(f"-R peak RSS {label} (KiB)", peaks[OURS], peaks[REF], 1.0, "", "{:d}")


def watch_cost(label, path, extra=8):
    """One refresh of -L -n --watch against one -L -n, both ours, same
    table.  --watch=0.001 --count=N reads the table N+16 times (a 16-read
    window, then one read per frame), so (T(count=1+extra) - T(count=1)) /
    extra is the cost of one refresh, frame included."""
    with Netns():
        must(OURS, ["-R"], path)
        lst, one, more = [], [], []
        for _ in range(RUNS):
            lst.append(run(OURS, ["-L", "-n"])[0])
            one.append(run(OURS, ["-L", "-n", "--watch=0.001", "--count=1"])[0])
            more.append(run(OURS, ["-L", "-n", "--watch=0.001", f"--count={1 + extra}"])[0])
        refresh = (statistics.median(more) - statistics.median(one)) / extra
        row(f"watch refresh / -L -n {label}", refresh, statistics.median(lst), 1.0, "-")


def one_weight_changed(path):
    """The rules file with its first real server's weight 1 made 2."""
    changed = path + ".weight"
    with open(path) as f:
        lines = f.readlines()
    first = next(i for i, l in enumerate(lines) if l.startswith("-a "))
    lines[first] = lines[first].replace(" -w 1", " -w 2")
    with open(changed, "w") as f:
        f.writelines(lines)
    return changed


def apply_cost(label, path, target):
    """-R --apply of a file that changes one weight against one -S -n of
    the same table, both ours (the reference has no --apply).  The runs
    alternate between the two files, so each apply changes one weight;
    afterwards --diff of the last file must find nothing (status 0)."""
    files = [one_weight_changed(path), path]
    with Netns():
        must(OURS, ["-R"], path)
        applies, saves = [], []
        for i in range(RUNS):
            t, _ = must(OURS, ["-R", "--apply"], files[i % 2])
            applies.append(t)
            saves.append(must(OURS, ["-S", "-n"])[0])
        rc = run(OURS, ["-R", "--diff"], files[(RUNS - 1) % 2])[1]
        same = "same" if rc == 0 else "DIFFERENT"
        if rc != 0:
            MISSED.append(f"apply {label} (table)")
        row(f"apply 1 weight / -S -n {label}", statistics.median(applies),
            statistics.median(saves), target, same)


def apply_memory(label, path, limit_kib):
    """Peak RSS of an apply that changes one weight, against a limit."""
    changed = one_weight_changed(path)
    with Netns():
        must(OURS, ["-R"], path)
        out = os.path.join(TMP, "rss")
        must("/usr/bin/time", ["-f", "%M", "-o", out, OURS, "-R", "--apply"], changed)
        with open(out) as f:
            peak = int(f.read().split()[-1])
    row(f"apply peak RSS {label} / limit (KiB)", peak, limit_kib, 1.0, "", "{:d}")


def want(group):
    return not ONLY or group in ONLY


def main():
    print(f"ours: {OURS}\nreference: {REF}\nkernel: {os.uname().release}, "
          f"{os.cpu_count()} CPU\nmedian of {RUNS} runs, seconds\n")
    print("| workload                         |       ours |  reference |  ratio | target         | output |")
    print("|----------------------------------|------------|------------|--------|----------------|--------|")
    small_label, big_label = f"{SERVICES // 10}x{REALS}", f"{SERVICES}x{REALS}"
    small, big = rules(SERVICES // 10, REALS), rules(SERVICES, REALS)
    wide = rules(1, SERVICES)
    if want("restore"):
        # The targets are for 1000x10 and 10000x10 (not --quick's 100x10).
        restore_empty(small_label, small, 0.1 if SERVICES // 10 >= 1000 else None)
        restore_empty(big_label, big, 0.1 if SERVICES >= 1000 else None)
        restore_empty(f"1x{SERVICES}", wide, None)
    if want("reload"):
        # The small table: after -C the kernel walks its trash list of
        # deleted servers on every add, which at 10000x10 takes many
        # minutes a run for either binary and times the kernel.
        reload(small_label, small, None)
    if want("list"):
        for label, path, scale in ((small_label, small, None),
                                   (big_label, big, 1 / 2.5 if SERVICES >= 10000 else None)):
            listings(label, path, ((["-L", "-n"], scale), (["-S", "-n"], scale),
                                   (["-L", "-n", "--stats"], None)))
    if want("start"):
        starts(f"start: -v x{STARTS}", lambda i: ["-v"], 1.0)
        with Netns():
            starts(f"start: -a x{STARTS}",
                   lambda i: ["-a", "-t", "10.0.0.1:80", "-r", f"10.1.{i >> 8}.{i & 255}", "-w", "1"],
                   1.0, lambda: must(OURS, ["-R"], add_service), table_dump)
    if want("memory"):
        peak_memory(small_label, small)
        peak_memory(big_label, big)
    if want("conns"):
        connections(1 / 3)
    if want("apply"):
        apply_cost(small_label, small, 1.3 if SERVICES // 10 >= 1000 else None)
        apply_cost(big_label, big, 1.3 if SERVICES >= 1000 else None)
        apply_memory(big_label, big, 32 * 1024)
    if want("watch"):
        watch_cost(small_label, small)
    if want("query"):
        queries(1.2)
    if want("query-own"):
        queries_own(OWN_CONNS)
    if want("metrics"):
        metrics_cost(big_label, big, 1.2)
    print("\ntargets missed: " + (", ".join(MISSED) if MISSED else "none"), flush=True)
    return 1 if MISSED else 0


add_service = os.path.join(TMP, "add-service")
with open(add_service, "w") as f:
    f.write("-C\n-A -t 10.0.0.1:80\n")
sys.exit(main())
