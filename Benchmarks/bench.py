#!/usr/bin/env python3
"""Runs mailaudit, the C limit and the Python stdlib side by side on the
benchmark corpus, interleaved over several repetitions, and prints medians,
ratios, the rescan ratio and the parse-scaling check.

Called by run.sh, which builds the programs and writes the corpus first.
Wall time is measured here (perf_counter around the child); peak RSS and CPU
time come from `/usr/bin/time -v` (the child's own rusage from wait4 when
that program is missing).
"""

import argparse
import datetime
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time

TIME = "/usr/bin/time"

# Issue 11's first-scan targets (wall time against the C limit's, warm
# cache) by corpus shape, each with the ratio measured before the index was
# rebuilt.
FIRST_SCAN_TARGETS = {
    "readme": {"mbox": (4, 8.6), "Maildir": (5, 15.9)},
    "exposure-heavy": {"mbox": (8, 27), "Maildir": (10, 26)},
}


class Run:
    def __init__(self, wall, cpu, rss_kb, stdout, disk_reads):
        self.wall, self.cpu, self.rss_kb, self.stdout = wall, cpu, rss_kb, stdout
        # Blocks of 512 bytes the run read from the disk (rusage inblock):
        # 0 when every file it read was in the page cache.
        self.disk_reads = disk_reads


def run(cmd, ok=(0,)):
    """Runs cmd once: wall seconds, user+sys seconds, peak RSS, stdout."""
    use_time = os.path.exists(TIME)
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err, \
            tempfile.NamedTemporaryFile("r", suffix=".time") as report:
        full = ([TIME, "-v", "-o", report.name] + cmd) if use_time else cmd
        start = time.perf_counter()
        child = subprocess.Popen(full, stdout=out, stderr=err)
        # wait4 gives the child's own rusage: the fallback when
        # /usr/bin/time is missing (it reads the same numbers).
        _, status, usage = os.wait4(child.pid, 0)
        wall = time.perf_counter() - start
        child.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        stdout = out.read().decode(errors="replace")
        # /usr/bin/time exits with the child's status.
        if child.returncode not in ok:
            sys.exit(f"bench: {' '.join(cmd)} exited {child.returncode}\n{err.read().decode(errors='replace')[-2000:]}")
        if use_time:
            fields = {}
            for line in report.read().splitlines():
                key, _, value = line.strip().rpartition(": ")
                fields[key] = value
            rss = int(fields["Maximum resident set size (kbytes)"])
            disk_reads = int(fields["File system inputs"])
        else:
            rss = usage.ru_maxrss
            disk_reads = usage.ru_inblock
        # wait4's CPU times include the reaped grandchild under time(1) and
        # have microsecond resolution (time -v prints hundredths).
        cpu = usage.ru_utime + usage.ru_stime
    return Run(wall, cpu, rss, stdout, disk_reads)


def log(label, tool, fmt, r):
    """One run's line in the progress log on stderr."""
    print(f"  {label}: {tool:9} {fmt:7} {r.wall:8.3f} s wall {r.cpu:8.3f} s cpu {r.rss_kb / 1024:7.1f} MiB "
          f"{r.disk_reads * 512 / 1e6:8.1f} MB from the disk", file=sys.stderr, flush=True)


def remove_index(path):
    for suffix in ("", "-wal", "-shm"):
        try:
            os.remove(path + suffix)
        except FileNotFoundError:
            pass


def evict(path):
    """Drops the file contents under `path` from the page cache
    (posix_fadvise DONTNEED, no privileges needed). Directory entries and
    inodes stay cached: after a reboot a scan waits for those too."""
    files = [path]
    if os.path.isdir(path):
        files = [os.path.join(path, sub, name) for sub in ("cur", "new") if os.path.isdir(os.path.join(path, sub))
                 for name in os.listdir(os.path.join(path, sub))]
    for name in files:
        fd = os.open(name, os.O_RDONLY)
        try:
            # Dirty pages (a corpus just written) are not dropped: written
            # out first, they are.
            os.fdatasync(fd)
            os.posix_fadvise(fd, 0, 0, os.POSIX_FADV_DONTNEED)
        finally:
            os.close(fd)


def folder_bytes(path):
    total = 0
    for sub in ("cur", "new"):
        with os.scandir(os.path.join(path, sub)) as entries:
            total += sum(e.stat().st_size for e in entries if not e.name.startswith("."))
    return total


def count_of(tool, stdout):
    """Messages each program says it read, to check they all saw the same."""
    try:
        data = json.loads(stdout.strip().splitlines()[-1])
    except (ValueError, IndexError):
        return None
    return data.get("messages_seen" if tool == "mailaudit" else "messages")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--corpus", required=True)
    ap.add_argument("--mailaudit", required=True)
    ap.add_argument("--limit", required=True)
    ap.add_argument("--reps", type=int, default=3)
    ap.add_argument("--python-reps", type=int, default=None, help="default: --reps")
    ap.add_argument("--scaling-reps", type=int, default=5)
    ap.add_argument("--work", required=True, help="scratch folder for indexes")
    ap.add_argument("--results", required=True, help="JSON file for the raw results")
    ap.add_argument("--cold-reps", type=int, default=0,
                    help="repetitions of a first scan with the corpus evicted from the page cache (default 0: none)")
    args = ap.parse_args()
    python_reps = args.reps if args.python_reps is None else args.python_reps

    mbox = os.path.join(args.corpus, "Sent.mbox")
    maildir = os.path.join(args.corpus, "Sent")
    sizes = {"mbox": os.path.getsize(mbox), "Maildir": folder_bytes(maildir)}
    with open(os.path.join(args.corpus, "corpus.json")) as f:
        corpus = json.load(f)
    messages = corpus["messages"]
    os.makedirs(args.work, exist_ok=True)
    index = os.path.join(args.work, "bench.sqlite")
    python = sys.executable

    # (tool, format, command, allowed exit statuses); mailaudit exits 1 when
    # it found new findings, which a fresh index always has.
    # The limit's run of each corpus: timed, and the untimed read that warms
    # the cache before every timed run.
    limit_cmd = {"mbox": [args.limit, "mbox", mbox], "Maildir": [args.limit, "maildir", maildir]}
    tasks = []
    for fmt, path, py_kind in (("mbox", mbox, "mbox"), ("Maildir", maildir, "maildir")):
        tasks.append(("limit", fmt, limit_cmd[fmt], (0,)))
        tasks.append(("mailaudit", fmt, [args.mailaudit, "scan", path, "--index", index, "--json"], (0, 1)))
        tasks.append(("rescan", fmt, [args.mailaudit, "scan", path, "--index", index, "--json"], (0, 1)))
        tasks.append(("python", fmt, [python, os.path.join(os.path.dirname(__file__), "python_stdlib.py"), py_kind, path], (0,)))

    # The numbers are warm-cache numbers, and this host's page cache
    # does not stay warm: pages left alone for some seconds go back to the
    # disk (Benchmarks/README.md: This host's "warm" page cache is not warm for long).
    # So every timed run that reads the corpus comes right after an untimed
    # read of it by the limit, and each run's reads from the disk are kept
    # and shown.

    load_before = os.getloadavg()[0]
    results = {}
    reps = max(args.reps, python_reps)
    for rep in range(reps):
        for tool, fmt, cmd, ok in tasks:
            if tool == "python" and rep >= python_reps:
                continue
            if tool != "python" and rep >= args.reps:
                continue
            if tool == "mailaudit":
                remove_index(index)  # a fresh index for every first scan
            if tool != "rescan":  # a rescan of an unchanged mailbox reads no message
                run(limit_cmd[fmt])
            r = run(cmd, ok)
            seen = count_of("mailaudit" if tool in ("mailaudit", "rescan") else tool, r.stdout)
            # A rescan of an unchanged mailbox reads nothing: that is its point.
            if seen != (0 if tool == "rescan" else messages):
                print(f"bench: warning: {tool} on {fmt} read {seen} messages, the corpus has {messages}", file=sys.stderr)
            results.setdefault((tool, fmt), []).append(r)
            log(f"rep {rep + 1}", tool, fmt, r)
    remove_index(index)

    # A first scan as an officer's usually is: the Sent folder not read
    # lately, its files not in the page cache. The limit and mailaudit
    # alternate, each after the corpus is evicted again.
    cold = {}
    for rep in range(args.cold_reps):
        for fmt, path in (("mbox", mbox), ("Maildir", maildir)):
            for tool, cmd, ok in (("limit", limit_cmd[fmt], (0,)),
                                  ("mailaudit", [args.mailaudit, "scan", path, "--index", index, "--json"], (0, 1))):
                remove_index(index)
                evict(path)
                r = run(cmd, ok)
                cold.setdefault((tool, fmt), []).append(r)
                log(f"cold {rep + 1}", tool, fmt, r)
    remove_index(index)

    scaling = scaling_check(args, index)
    load_after = os.getloadavg()[0]

    def med(tool, fmt, attr):
        return statistics.median(getattr(r, attr) for r in results[(tool, fmt)])

    def peak(tool, fmt):
        return max(r.rss_kb for r in results[(tool, fmt)]) / 1024

    lines = []
    out = lines.append
    out(f"Benchmark {datetime.date.today().isoformat()}, {platform.node()}: {os.cpu_count()} cores, "
        f"{platform.machine()}, Linux {platform.release()}")
    out(f"Corpus: {messages:,} messages; mbox {sizes['mbox'] / 1e6:,.0f} MB, Maildir {sizes['Maildir'] / 1e6:,.0f} MB; "
        f"medians of {args.reps} interleaved runs ({python_reps} for Python), warm cache (each run right after "
        "an untimed read of its corpus). MB = 10^6 bytes.")
    out(f"Load average (1 min) {load_before:.1f} before, {load_after:.1f} after: above {os.cpu_count()} the machine "
        "was shared and wall times stretch; cpu s (user + sys) is the steadier measure then.")
    out("")
    out("| what | format | wall s | cpu s | messages/s | MB/s | peak RSS MiB |")
    out("|---|---|---:|---:|---:|---:|---:|")
    names = {"limit": "C limit (read + memchr/memmem)", "mailaudit": "mailaudit scan (fresh index)",
             "rescan": "mailaudit rescan (same index)", "python": "Python stdlib"}
    for fmt in ("mbox", "Maildir"):
        for tool in ("limit", "mailaudit", "rescan", "python"):
            wall = med(tool, fmt, "wall")
            out(f"| {names[tool]} | {fmt} | {wall:.2f} | {med(tool, fmt, 'cpu'):.2f} | "
                f"{messages / wall:,.0f} | {sizes[fmt] / 1e6 / wall:,.0f} | {peak(tool, fmt):.1f} |")
    out("")
    out("| ratio (wall; cpu in brackets) | mbox | Maildir | target |")
    out("|---|---:|---:|---|")

    def ratio(a, b, fmt):
        return (f"{med(a, fmt, 'wall') / med(b, fmt, 'wall'):.1f}x "
                f"({med(a, fmt, 'cpu') / max(med(b, fmt, 'cpu'), 1e-3):.1f}x)")

    out(f"| mailaudit / limit | {ratio('mailaudit', 'limit', 'mbox')} | {ratio('mailaudit', 'limit', 'Maildir')} | "
        f"<= 2x mbox, <= 2.5x Maildir (the standing goal) |")
    # Issue 11's first-scan targets, by corpus shape, and the ratios it
    # measured before the index was rebuilt.
    shape = corpus.get("shape", "readme")
    targets = FIRST_SCAN_TARGETS.get(shape)
    if targets:
        cells = []
        for fmt in ("mbox", "Maildir"):
            target, before = targets[fmt]
            got = med("mailaudit", fmt, "wall") / med("limit", fmt, "wall")
            # Two decimals: at the line, 4.0x "not met" reads as a mistake.
            cells.append(f"{got:.2f}x: {'met' if got <= target else 'not met'} (before: {before}x)")
        out(f"| issue 11: first scan / limit | {cells[0]} | {cells[1]} | "
            f"<= {targets['mbox'][0]:g}x mbox, <= {targets['Maildir'][0]:g}x Maildir |")
        # The limit's own run-to-run spread moves the ratio more than most
        # changes to mailaudit do. Each repetition runs the limit just before
        # mailaudit, so the median of their ratios, repetition by
        # repetition, follows the machine's drift; the range of the limit's
        # runs shows how far the verdict rests on it.
        paired = []
        for fmt in ("mbox", "Maildir"):
            limits = [r.wall for r in results[("limit", fmt)]]
            ratios = [m.wall / l.wall for m, l in zip(results[("mailaudit", fmt)], results[("limit", fmt)])]
            paired.append(f"{statistics.median(ratios):.1f}x (limit {min(limits):.2f}-{max(limits):.2f} s)")
        out(f"| first scan / limit, median of each repetition's ratio | {paired[0]} | {paired[1]} | the same targets |")
    if cold:
        cells = []
        for fmt in ("mbox", "Maildir"):
            m = statistics.median(r.wall for r in cold[("mailaudit", fmt)])
            l = statistics.median(r.wall for r in cold[("limit", fmt)])
            cells.append(f"{m / l:.1f}x ({m:.2f} s against {l:.2f} s)")
        out(f"| first scan / limit, files not in the page cache (median of {args.cold_reps}) | {cells[0]} | "
            f"{cells[1]} | (no target) |")
    out(f"| python / mailaudit | {ratio('python', 'mailaudit', 'mbox')} | {ratio('python', 'mailaudit', 'Maildir')} | >= 30x |")
    out(f"| first scan / rescan | {ratio('mailaudit', 'rescan', 'mbox')} | {ratio('mailaudit', 'rescan', 'Maildir')} | >= 20x |")
    out(f"| mailaudit peak RSS | {peak('mailaudit', 'mbox'):.1f} MiB | {peak('mailaudit', 'Maildir'):.1f} MiB | < 64 MB, flat |")
    # A timed run that still read from the disk measured the disk, not the
    # program: said here rather than left for the log.
    cells = []
    for fmt in ("mbox", "Maildir"):
        for tool in ("limit", "mailaudit"):
            runs = results[(tool, fmt)]
            read = [r.disk_reads * 512 / 1e6 for r in runs if r.disk_reads * 512 > 1e6]
            cells.append(f"{tool} {fmt} {len(read)} of {len(runs)}" + (f" (up to {max(read):,.0f} MB)" if read else ""))
    out("")
    out("Timed warm runs that read more than 1 MB from the disk (the corpus, or the program's own files and "
        "libraries): " + ", ".join(cells) + ".")
    out("")
    out("Parse scaling: `mailaudit scan` of messages whose To header holds N addresses, as many copies as "
        f"make {max(r['n'] for r in scaling['rows']):,} addresses per file (median of {args.scaling_reps}); CPU time "
        "minus that of a one-address message (startup, PSL, SQLite):")
    out("")
    out("| addresses in one To | messages | addresses parsed | wall s | cpu s | net cpu s | µs per address | peak RSS MiB |")
    out("|---:|---:|---:|---:|---:|---:|---:|---:|")
    for row in scaling["rows"]:
        per = f"{row['per_address_us']:.2f}" if row["n"] > 1 else "(fixed cost)"
        parsed = f"{row['addresses']:,}" + (" (field cut)" if row["cut"] else "")
        out(f"| {row['n']:,} | {row['messages']:,} | {parsed} | {row['wall']:.3f} | {row['cpu']:.3f} | {row['net_cpu']:.3f} | "
            f"{per} | {row['rss_mib']:.1f} |")
    small = scaling["rows"][1]
    if small["per_address_us"] > 0:
        out("")
        out("Per-address time relative to the 1k row (1.0 = linear): " + ", ".join(
            f"{r['n']:,}: {r['per_address_us'] / small['per_address_us']:.2f}" for r in scaling["rows"][2:]) + ".")
    if any(r["cut"] for r in scaling["rows"]):
        out("A field longer than mailaudit's per-field limit (HeaderLimits.maxFieldBytes) is cut and reported "
            "as a headerTooLarge problem; its row measures the addresses before the cut.")
    text = "\n".join(lines)
    print(text)

    raw = {f"{tool}/{fmt}": [vars(r) | {"stdout": r.stdout[-500:]} for r in rs] for (tool, fmt), rs in results.items()}
    raw |= {f"cold {tool}/{fmt}": [vars(r) | {"stdout": r.stdout[-500:]} for r in rs] for (tool, fmt), rs in cold.items()}
    with open(args.results, "w") as f:
        json.dump({"corpus": corpus, "sizes": sizes, "runs": raw, "scaling": scaling, "table": text}, f, indent=1)


def parsed_addresses(index):
    """Visible recipients mailaudit stored: what it really parsed, which is
    fewer than were written when a field was cut at its size limit."""
    import sqlite3
    with sqlite3.connect(index) as db:
        return db.execute("SELECT COALESCE(SUM(visibleCount), 0) FROM message").fetchone()[0]


def scaling_check(args, index):
    """mailaudit on to-N.mbox: messages whose To holds N addresses, N x
    copies = the same address count in every file (see corpus.py). CPU
    seconds (wait4, microsecond resolution) are compared, since wall time on
    a shared machine carries other people's load."""
    folder = os.path.join(args.corpus, "scaling")
    ns = sorted(int(name[3:-5]) for name in os.listdir(folder) if name.startswith("to-") and name.endswith(".mbox"))
    samples = {n: [] for n in ns}
    rss = {n: 0 for n in ns}
    seen = {}
    for _ in range(args.scaling_reps):
        for n in ns:  # interleaved, like the main runs
            remove_index(index)
            r = run([args.mailaudit, "scan", os.path.join(folder, f"to-{n}.mbox"), "--index", index, "--json"], (0, 1))
            data = json.loads(r.stdout.strip().splitlines()[-1])
            if data.get("problems", 0) and n not in seen:
                print(f"bench: warning: {data['problems']} problems reading the {n}-address messages", file=sys.stderr)
            seen[n] = (data.get("messages_seen", 0), parsed_addresses(index))
            samples[n].append(r)
            rss[n] = max(rss[n], r.rss_kb)
    remove_index(index)
    fixed_wall = statistics.median(r.wall for r in samples[ns[0]])
    fixed_cpu = statistics.median(r.cpu for r in samples[ns[0]])
    rows = []
    for n in ns:
        wall = statistics.median(r.wall for r in samples[n])
        cpu = statistics.median(r.cpu for r in samples[n])
        messages, addresses = seen[n]
        net = max(cpu - fixed_cpu, 0.0)
        rows.append({"n": n, "messages": messages, "addresses": addresses, "cut": addresses < n * messages, "wall": wall, "cpu": cpu,
                     "net_cpu": net, "per_address_us": net / max(addresses, 1) * 1e6, "rss_mib": rss[n] / 1024,
                     "fixed_wall": fixed_wall})
    return {"rows": rows}


if __name__ == "__main__":
    main()
