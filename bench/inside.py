"""The benchmark's guest side: run by bench/run inside the lab (as root,
on a kernel with IPVS).  Each workload runs in a fresh network namespace
per binary and run; the two binaries alternate; medians are compared."""
import os, resource, statistics, subprocess, sys, tempfile, time

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OURS = os.environ.get("IPVSADM_BIN", os.path.join(REPO, "ipvsadm"))
REF = os.environ.get("IPVSADM_REF", "/sbin/ipvsadm")
RUNS = int(os.environ.get("BENCH_RUNS") or 3)
SERVICES = int(os.environ.get("BENCH_SERVICES") or 10000)
REALS = int(os.environ.get("BENCH_REALS") or 10)
CONNS = int(os.environ.get("BENCH_CONNS") or 100000)
STARTS = int(os.environ.get("BENCH_STARTS") or 200)
TMP = tempfile.mkdtemp()


def sh(cmd, **kw):
    return subprocess.run(cmd, shell=True, check=True, **kw)


def rules(services, reals):
    """A restore file: services x reals, NAT real servers."""
    path = os.path.join(TMP, f"rules-{services}x{reals}")
    if not os.path.exists(path):
        with open(path, "w") as f:
            for s in range(services):
                vip = f"10.{(s >> 16) & 255}.{(s >> 8) & 255}.{s & 255}"
                f.write(f"-A -t {vip}:80 -s wlc\n")
                for r in range(reals):
                    f.write(f"-a -t {vip}:80 -r 172.16.{r >> 8}.{(r & 255) or 1}:{8000 + r} -m -w 1\n")
    return path


class Netns:
    """A fresh network namespace with lo up, removed on exit."""
    count = 0

    def __enter__(self):
        Netns.count += 1
        self.name = f"bench{os.getpid()}-{Netns.count}"
        sh(f"ip netns add {self.name} && ip -n {self.name} link set lo up")
        return self

    def run(self, binary, args, stdin=None, stdout=subprocess.DEVNULL):
        """Run binary in the netns; returns (seconds, peak RSS KiB, output)."""
        before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
        t0 = time.perf_counter()
        p = subprocess.run(["ip", "netns", "exec", self.name, binary] + args,
                           stdin=stdin, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        elapsed = time.perf_counter() - t0
        rss = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
        if p.returncode != 0:
            sys.exit(f"bench: {binary} {' '.join(args)} failed: {p.stderr.decode()[:300]}")
        return elapsed, max(rss, before), p.stdout

    def __exit__(self, *exc):
        sh(f"ip netns del {self.name}")


def restore(ns, binary, path):
    with open(path) as f:
        return ns.run(binary, ["-R"], stdin=f)


def measure(name, prepare, action, compare_output=True):
    """Alternate ours and the reference RUNS times; print one table row."""
    times = {OURS: [], REF: []}
    outputs = {}
    for _ in range(RUNS):
        for binary in (REF, OURS):
            with Netns() as ns:
                prepare(ns)
                t, _, out = action(ns, binary)
                times[binary].append(t)
                outputs[binary] = out
    same = "same" if not compare_output or outputs[OURS] == outputs[REF] else "DIFFERENT OUTPUT"
    o, r = statistics.median(times[OURS]), statistics.median(times[REF])
    print(f"| {name:<34} | {o:9.3f} | {r:9.3f} | {o / r:6.3f} | {same} |", flush=True)


def peak_memory(name, path):
    """Peak RSS of -R for each binary: one process per netns, so the
    children's maximum RSS measured in a child process is its own."""
    peaks = {}
    for binary in (REF, OURS):
        code = ("import resource,subprocess,sys;"
                f"subprocess.run(['ip','netns','exec',sys.argv[1],'{binary}','-R'],stdin=open('{path}'),check=True);"
                "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)")
        with Netns() as ns:
            out = subprocess.run([sys.executable, "-c", code, ns.name], capture_output=True, check=True)
            peaks[binary] = int(out.stdout)
    print(f"| {name:<34} | {peaks[OURS]:6d} KiB | {peaks[REF]:6d} KiB | {peaks[OURS] / peaks[REF]:6.3f} | |", flush=True)


def udp_flows(ns, count):
    """count UDP flows (one source port each) through a UDP service, so the
    connection table holds count entries."""
    sh(f"ip -n {ns.name} addr add 10.99.0.1/32 dev lo")
    sh(f"ip netns exec {ns.name} {REF} --set 0 0 3600")
    sh(f"ip netns exec {ns.name} {REF} -A -u 10.99.0.1:53 -s rr")
    sh(f"ip netns exec {ns.name} {REF} -a -u 10.99.0.1:53 -r 127.0.0.1:53 -m")
    code = ("import socket\n"
            f"for i in range({count}):\n"
            "    s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)\n"
            "    s.sendto(b'x', ('10.99.0.1', 53))\n"
            "    s.close()\n")
    sh(f"ip netns exec {ns.name} {sys.executable} -c \"{code}\"")


def start_many(ns, binary, args_of):
    """STARTS runs of binary, each with its own arguments; total seconds."""
    total = sum(ns.run(binary, args_of(i))[0] for i in range(1, STARTS + 1))
    return total, 0, b""


def main():
    print(f"ours: {OURS}\nreference: {REF}\nmedian of {RUNS} runs, seconds\n")
    print("| workload                           |      ours | reference |  ratio | output |")
    print("|------------------------------------|-----------|-----------|--------|--------|")
    small = rules(SERVICES // 10, REALS)
    big = rules(SERVICES, REALS)
    wide = rules(1, SERVICES)
    empty = lambda ns: None
    for label, path in ((f"{SERVICES // 10}x{REALS}", small), (f"{SERVICES}x{REALS}", big),
                        (f"1x{SERVICES}", wide)):
        measure(f"restore {label}", empty, lambda ns, b, p=path: restore(ns, b, p), False)
    fill = lambda ns: restore(ns, REF, big)
    measure(f"reload (-C, -R) {SERVICES}x{REALS}", fill,
            lambda ns, b: (lambda c, r: (c[0] + r[0], 0, b""))(ns.run(b, ["-C"]), restore(ns, b, big)), False)
    for args in (["-L", "-n"], ["-S", "-n"], ["-L", "-n", "--stats"]):
        measure(f"{' '.join(args)} {SERVICES}x{REALS}", fill, lambda ns, b, a=args: ns.run(b, a))
    measure(f"-L -n -c, {CONNS} connections", lambda ns: udp_flows(ns, CONNS),
            lambda ns, b: ns.run(b, ["-L", "-n", "-c"]))
    measure(f"start: -v x{STARTS}", empty, lambda ns, b: start_many(ns, b, lambda i: ["-v"]), False)
    measure(f"start: -a (one server each) x{STARTS}",
            lambda ns: sh(f"ip netns exec {ns.name} {REF} -A -t 10.0.0.1:80"),
            lambda ns, b: start_many(ns, b, lambda i: ["-a", "-t", "10.0.0.1:80", "-r",
                                                       f"10.1.{i >> 8}.{(i & 255) or 1}", "-w", "1"]),
            False)
    print("\npeak memory of -R (KiB)\n")
    peak_memory(f"-R peak RSS {SERVICES // 10}x{REALS}", small)
    peak_memory(f"-R peak RSS {SERVICES}x{REALS}", big)


main()
