"""Read the output of run-cases: one dict per case."""
import re

def read_results(path):
    text = open(path, encoding="utf-8", errors="surrogateescape").read()
    for block in text.split("#### ")[1:]:
        head, rest = block.split("\n", 1)
        num, args = head.split(": ", 1)
        m = re.match(r"== rc (\d+)\n== stdout\n", rest)
        if not m or "\n== stderr\n" not in rest:
            continue                # a run cut short
        rest = rest[m.end():]
        out, rest = rest.split("\n== stderr\n", 1)
        err, sep, state = rest.partition("\n== state\n")
        if not sep and err.endswith("\n"):
            err = err[:-1]          # the newline run-cases adds
        yield {"num": int(num), "args": args, "rc": int(m.group(1)),
               "out": out, "err": err, "state": state}

def stops_in_parser(r):
    """Whether the reference stopped before talking to the kernel."""
    rc, out, err = r["rc"], r["out"], r["err"]
    return (rc == 2 or err.startswith("Try `") or
            (rc == 255 and re.match(r"^-\S*: ", err) is not None) or
            (rc == 0 and out.startswith("ipvsadm v1.31")))
