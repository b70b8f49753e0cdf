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
import tempfile

from bench import remove_index, run


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
    formats = (("mbox", os.path.join(args.corpus, "Sent.mbox")), ("Maildir", os.path.join(args.corpus, "Sent")))
    for fmt, path in formats:
        run([args.limit, fmt.lower(), path])
    for _ in range(args.rounds):
        for fmt, path in formats:
            results.setdefault(("limit", fmt), []).append(run([args.limit, fmt.lower(), path]))
            for build in args.builds:
                remove_index(index)
                # mailaudit exits 1 when it finds new exposures.
                scan = [build, "scan", path, "--index", index, "--json"]
                results.setdefault((build, fmt), []).append(run(scan, ok=(0, 1)))
    for fmt in ("mbox", "Maildir"):
        limit = results[("limit", fmt)]
        wall = statistics.median(r.wall for r in limit)
        cpu = statistics.median(r.cpu for r in limit)
        print(f"{fmt}: limit {wall:.2f} s wall, {cpu:.2f} s cpu")
        for build in args.builds:
            runs = results[(build, fmt)]
            w = statistics.median(r.wall for r in runs)
            c = statistics.median(r.cpu for r in runs)
            peak = max(r.rss_kb for r in runs) / 1024
            rounds = " ".join(f"{r.wall / l.wall:.1f}x" for r, l in zip(runs, limit))
            print(f"  {build}: {w:.2f} s wall ({w / wall:.1f}x), {c:.2f} s cpu ({c / cpu:.1f}x), "
                  f"peak {peak:.1f} MiB; rounds {rounds}")


if __name__ == "__main__":
    main()
