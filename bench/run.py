#!/usr/bin/env python3
"""Benchmark incimap against ogr2ogr on synthetic incidents.

Builds the release binaries, makes 1k, 100k and 1M-row inputs with
incimap-synth (the same rows twice: names only for incimap, which geocodes
them; pre-geocoded with latitude/longitude for ogr2ogr), then times
`incimap export`, `incimap map` and `ogr2ogr -f GeoJSON` on each, with peak
memory, and prints the ratios. Each command runs `--repeat` times (default 3)
and the best wall time counts, since the machine is shared and noisy.

    python3 bench/run.py [--sizes 1000,100000,1000000] [--repeat 3] [--work DIR]
"""
import argparse
import os
import resource
import shutil
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BIN = os.path.join(ROOT, "target", "release")


def run(cmd):
    """Runs cmd; returns (wall seconds, peak RSS MB of the child)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    start = time.perf_counter()
    proc = subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    wall = time.perf_counter() - start
    if proc.returncode != 0:
        sys.exit(f"failed: {' '.join(cmd)}\n{proc.stderr.decode()[-2000:]}")
    # ru_maxrss of children is the maximum over all children so far; measure
    # each command with /usr/bin/time when available for a per-run figure.
    return wall, before


def timed(cmd, repeat):
    best, peak = None, None
    for _ in range(repeat):
        if shutil.which("/usr/bin/time"):
            start = time.perf_counter()
            proc = subprocess.run(["/usr/bin/time", "-f", "%M"] + cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
            wall = time.perf_counter() - start
            if proc.returncode != 0:
                sys.exit(f"failed: {' '.join(cmd)}\n{proc.stderr.decode()[-2000:]}")
            rss = int(proc.stderr.decode().strip().splitlines()[-1]) / 1024
        else:
            wall, _ = run(cmd)
            rss = float("nan")
        best = wall if best is None else min(best, wall)
        peak = rss if peak is None else max(peak, rss)
    return best, peak


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", default="1000,100000,1000000")
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--work", default=os.path.join(ROOT, "target", "bench"))
    args = ap.parse_args()
    subprocess.run(["cargo", "build", "--release", "--quiet", "--bins", "--features", "dev-tools"], cwd=ROOT, check=True)
    os.makedirs(args.work, exist_ok=True)
    ogr = shutil.which("ogr2ogr")
    rows = []
    for n in [int(s) for s in args.sizes.split(",")]:
        plain = os.path.join(args.work, f"synth-{n}.csv")
        coords = os.path.join(args.work, f"synth-{n}-xy.csv")
        if not os.path.exists(plain):
            subprocess.run([os.path.join(BIN, "incimap-synth"), str(n), plain], check=True)
        if not os.path.exists(coords):
            subprocess.run([os.path.join(BIN, "incimap-synth"), str(n), coords, "--with-coordinates"], check=True)
        out = os.path.join(args.work, f"out-{n}")
        os.makedirs(out, exist_ok=True)
        exp = timed([os.path.join(BIN, "incimap"), "export", plain, "-o", os.path.join(out, "incimap.geojson")], args.repeat)
        mp = timed([os.path.join(BIN, "incimap"), "map", plain, "-o", out], args.repeat)
        svg_mb = os.path.getsize(os.path.join(out, "map.svg")) / 1e6
        if ogr:
            target = os.path.join(out, "ogr.geojson")
            def ogr_once():
                if os.path.exists(target):
                    os.remove(target)
                return ["ogr2ogr", "-f", "GeoJSON", target, coords,
                        "-oo", "X_POSSIBLE_NAMES=longitude", "-oo", "Y_POSSIBLE_NAMES=latitude",
                        "-oo", "KEEP_GEOM_COLUMNS=NO"]
            best, peak = None, None
            for _ in range(args.repeat):
                w, p = timed(ogr_once(), 1)
                best = w if best is None else min(best, w)
                peak = p if peak is None else max(peak, p)
            ogr_t = (best, peak)
        else:
            ogr_t = (float("nan"), float("nan"))
        rows.append((n, exp, mp, svg_mb, ogr_t))
    print()
    print(f"{'rows':>9} | {'export s':>8} {'MB':>6} | {'ogr2ogr s':>9} {'MB':>6} | {'ogr2ogr/export':>14} | {'map s':>6} {'MB':>6} {'SVG MB':>7}")
    for n, exp, mp, svg_mb, ogr_t in rows:
        ratio = ogr_t[0] / exp[0] if ogr_t[0] == ogr_t[0] else float("nan")
        print(f"{n:>9} | {exp[0]:>8.3f} {exp[1]:>6.1f} | {ogr_t[0]:>9.3f} {ogr_t[1]:>6.1f} | {ratio:>13.1f}x | {mp[0]:>6.3f} {mp[1]:>6.1f} {svg_mb:>7.2f}")


if __name__ == "__main__":
    main()
