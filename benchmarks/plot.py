#!/usr/bin/env python3
"""Writes DIR/resp-compare.svg from DIR/resp-compare.csv and DIR/connections.csv (see resp-compare.sh)."""
import csv
import os
import sys
from xml.sax.saxutils import escape

d = sys.argv[1]


def read(name):
    path = os.path.join(d, name)
    if not os.path.exists(path):
        return []
    with open(path) as f:
        return list(csv.DictReader(line for line in f if not line.startswith("#")))


matrix = [r for r in read("resp-compare.csv") if r.get("rps_B/A") not in (None, "NA")]
conns = read("connections.csv")
W, BAR, GAP = 900, 16, 6
parts = []
y = 40
parts.append(f'<text x="20" y="24" font-size="16" font-weight="bold">Ferrite / Redis over loopback '
             f'(same run, interleaved; &gt; 1 = Ferrite faster)</text>')
if matrix:
    scale = 300  # pixels per 1.0x
    x0 = 200
    parts.append(f'<text x="20" y="{y + 12}" font-size="13" font-weight="bold">redis-benchmark -c 50: throughput ratio '
                 f'(bars) and p99 ratio (text, &lt; 1 = Ferrite lower)</text>')
    y += 24
    top = y
    for r in matrix:
        ratio = float(r["rps_B/A"])
        p99 = r.get("p99_B/A", "NA")
        color = "#2a7" if ratio >= 1 else "#c54"
        parts.append(f'<text x="{x0 - 8}" y="{y + 12}" font-size="12" text-anchor="end">'
                     f'{escape(r["test"])} P{r["pipeline"]}</text>')
        parts.append(f'<rect x="{x0}" y="{y}" width="{min(ratio, 2.5) * scale:.1f}" height="{BAR}" fill="{color}"/>')
        parts.append(f'<text x="{x0 + min(ratio, 2.5) * scale + 6:.1f}" y="{y + 12}" font-size="11">'
                     f'{ratio:.2f}x  (p99 {p99})</text>')
        y += BAR + GAP
    parts.append(f'<line x1="{x0 + scale}" y1="{top - 4}" x2="{x0 + scale}" y2="{y}" stroke="#333" '
                 f'stroke-dasharray="4 3"/>')
    parts.append(f'<text x="{x0 + scale + 4}" y="{top - 6}" font-size="11">1.0 = Redis</text>')
    y += 20
if conns:
    parts.append(f'<text x="20" y="{y + 12}" font-size="13" font-weight="bold">GET -P 1 by number of clients: '
                 f'requests/s (bars) and p99 ms</text>')
    y += 24
    peak = max(max(float(r["redis_rps"]), float(r["ferrite_rps"])) for r in conns)
    x0, span = 200, 500
    for r in conns:
        for label, color in (("redis", "#999"), ("ferrite", "#37c")):
            rps = float(r[f"{label}_rps"])
            parts.append(f'<text x="{x0 - 8}" y="{y + 12}" font-size="12" text-anchor="end">'
                         f'{r["clients"]} clients, {label}</text>')
            parts.append(f'<rect x="{x0}" y="{y}" width="{rps / peak * span:.1f}" height="{BAR}" fill="{color}"/>')
            parts.append(f'<text x="{x0 + rps / peak * span + 6:.1f}" y="{y + 12}" font-size="11">'
                         f'{rps:,.0f}/s, p99 {float(r[f"{label}_p99_ms"]):.2f} ms</text>')
            y += BAR + 2
        y += GAP + 4
env = os.path.join(d, "environment.txt")
if os.path.exists(env):
    note = escape(open(env).read().strip("# \n"))
    parts.append(f'<text x="20" y="{y + 16}" font-size="11" fill="#555">{note}</text>')
    y += 24
svg = (f'<svg xmlns="http://www.w3.org/2000/svg" width="{W}" height="{y + 10}" font-family="sans-serif">'
       f'<rect width="100%" height="100%" fill="white"/>' + "".join(parts) + "</svg>\n")
with open(os.path.join(d, "resp-compare.svg"), "w") as f:
    f.write(svg)
