#!/usr/bin/env python3
"""Prints a JMH CSV result of one suite as a ratio table (see jmh.sh)."""
import csv
import re
import sys

suite, files = sys.argv[1], sys.argv[2:]
CONTENDERS = ("typed", "session", "chm", "caffeine")


def rows(path):
    with open(path, newline="") as f:
        for r in csv.DictReader(f):
            yield r


for path in files:
    threads = re.search(r"-t(\d+)\.csv$", path).group(1)
    scores = {}
    params = {}
    for r in rows(path):
        name = r["Benchmark"].split("Benchmark.", 1)[1]
        key = tuple((k, v) for k, v in r.items() if k.startswith("Param: ") and v)
        if name.endswith(":gc.alloc.rate.norm") or ":" not in name:
            scores[(name, key)] = (float(r["Score"]), float(r["Score Error (99.9%)"] or 0), r["Unit"])
            params[key] = True
    print(f"\n{suite}, {threads} thread(s)")
    if suite in ("Embedded", "Collections"):
        base = "caffeine" if suite == "Embedded" else "chm"
        ops = {}
        for (name, key), s in scores.items():
            m = re.match(r"(typed|session|chm|caffeine)(\w+)", name)
            if m:
                ops.setdefault((m.group(2), key), {})[m.group(1)] = s[0]
        print(f"{'operation':<16}" + "".join(f"{c + ' ops/us':>18}" for c in CONTENDERS)
              + f"{'typed/' + base:>16}{'session/' + base:>18}")
        for (op, key), by in sorted(ops.items()):
            b = by.get(base)
            line = f"{op:<16}" + "".join(f"{by[c]:>18.3f}" if c in by else f"{'-':>18}" for c in CONTENDERS)
            for c in ("typed", "session"):
                line += f"{by[c] / b:>16.2f}" if b and c in by else f"{'-':>16}"
            print(line)
    elif suite == "Scaling":
        by = {}
        for (name, key), s in scores.items():
            by.setdefault(name, {})[int(dict(key)["Param: keys"])] = s[0]
        for name, sizes in sorted(by.items()):
            small = sizes[min(sizes)]
            print(f"{name}: " + ", ".join(f"{k:,} keys {v:.3f} ops/us (slowdown {small / v:.2f}x)"
                                          for k, v in sorted(sizes.items())))
    else:
        for (name, key), s in sorted(scores.items()):
            print(f"{name:<32} {s[0]:>12.3f} ± {s[1]:.3f} {s[2]}")
