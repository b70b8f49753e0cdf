#!/usr/bin/env python3
"""Two or more mailaudit builds against each other and the C limit, in the
same rounds: each round runs the limit, then every build's first scan (a
fresh index each time), on the mbox and then the Maildir of a corpus that
run.sh wrote. Prints medians, each build's ratio to the limit and the
per-round ratios, so a change is judged against its base on the same
host at the same minutes, not against another day's figures.

  Benchmarks/ab.py --corpus .build-bench/corpus-50000 --limit .build-bench/limit OLD NEW
"""
import argparse
import os
import statistics
import subprocess
import tempfile
import time


def run(cmd):
    start = time.time()
    child = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, _, usage = os.wait4(child.pid, 0)
    return time.time() - start, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--corpus", required=True, help="a run.sh corpus folder (Sent.mbox and Sent/)")
    ap.add_argument("--limit", required=True, help="the C limit binary (run.sh builds it)")
    ap.add_argument("--rounds", type=int, default=5)
    ap.add_argument("builds", nargs="+", help="mailaudit binaries")
    args = ap.parse_args()
    scratch = tempfile.mkdtemp(prefix="mailaudit-ab-")
    index = os.path.join(scratch, "index.sqlite")
    results = {}
    # One unmeasured read of each format first, so no round pays for a cold cache.
    for fmt, path in (("mbox", os.path.join(args.corpus, "Sent.mbox")), ("Maildir", os.path.join(args.corpus, "Sent"))):
        run([args.limit, fmt.lower(), path])
    for _ in range(args.rounds):
        for fmt, path in (("mbox", os.path.join(args.corpus, "Sent.mbox")), ("Maildir", os.path.join(args.corpus, "Sent"))):
            results.setdefault(("limit", fmt), []).append(run([args.limit, fmt.lower(), path]))
            for build in args.builds:
                for suffix in ("", "-wal", "-shm"):
                    if os.path.exists(index + suffix):
                        os.remove(index + suffix)
                results.setdefault((build, fmt), []).append(run([build, "scan", path, "--index", index, "--json"]))
    for fmt in ("mbox", "Maildir"):
        limit = results[("limit", fmt)]
        wall = statistics.median(r[0] for r in limit)
        cpu = statistics.median(r[1] for r in limit)
        print(f"{fmt}: limit {wall:.2f} s wall, {cpu:.2f} s cpu")
        for build in args.builds:
            runs = results[(build, fmt)]
            w = statistics.median(r[0] for r in runs)
            c = statistics.median(r[1] for r in runs)
            peak = max(r[2] for r in runs)
            rounds = " ".join(f"{r[0] / l[0]:.1f}x" for r, l in zip(runs, limit))
            print(f"  {build}: {w:.2f} s wall ({w / wall:.1f}x), {c:.2f} s cpu ({c / cpu:.1f}x), "
                  f"peak {peak:.1f} MiB; rounds {rounds}")


if __name__ == "__main__":
    main()
