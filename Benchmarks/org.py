#!/usr/bin/env python3
"""A whole organisation's sent mail into one index (issue 15).

Writes a synthetic organisation (default 200 users, 1,000,000 small sent
messages in all), one mailbox per user under srv/mail/{owner}/, starts its
own throwaway PostgreSQL cluster (Tests/Fixtures/postgres/cluster.sh) and
loads the organisation:
  - into SQLite with one `mailaudit scan`;
  - into PostgreSQL with 1, 2 and 4 `mailaudit scan` processes started
    together over disjoint sets of users (owners from a mailaudit.toml
    `owners` pattern, so every finding has its owner);
then, for each, runs the organisation-wide analysis and `mailaudit report`
once. Prints messages/s, analysis and report times, the CPU of the scanners
and of the PostgreSQL server, and what bounds each configuration.

    Benchmarks/org.py --binary .build-release/release/mailaudit [--users 200] [--messages 1000000]
                      [--layout mbox|maildir] [--scanners 1,2,4] [--dir D]

The corpus goes to D (default .build-bench/org-U-N) and is kept between
runs; indexes, the cluster and reports are made anew. Python stdlib only.
"""

import argparse
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile
import threading
import time

HERE = os.path.dirname(os.path.abspath(__file__))
CLUSTER = os.path.join(HERE, "..", "Tests", "Fixtures", "postgres", "cluster.sh")
INTERNAL = "org.example"
CLIENTS = [f"client{i}.example" for i in range(40)]
PERSONAL = ["gmail.com", "yahoo.co.jp", "outlook.com"]
TICK = os.sysconf("SC_CLK_TCK")


# MARK: the organisation


def user_name(u):
    return f"user{u:04d}"


def shared_address(rng):
    """An external address from a pool every user writes to, so the same
    people are exposed by several users' mail (cross-user exposures)."""
    k = rng.randrange(3000)
    if k % 10 == 0:
        return f"person{k}@{PERSONAL[k % len(PERSONAL)]}"
    return f"contact{k}@{CLIENTS[k % len(CLIENTS)]}"


def message(owner, u, i, rng, n_users):
    """Message i of user u: mostly one recipient; one in 60 exposes 2-6
    external parties in To/Cc; one in 5,000 a large list (50-300); one in
    400 replies to another user's exposure (a thread across mailboxes)."""
    sender = f"{owner}@{INTERNAL}"
    date = f"Mon, {1 + (i // 1440) % 28:02d} Jan 2024 {(i // 60) % 24:02d}:{i % 60:02d}:00 +0900"
    extra = ""
    if i % 5000 == 17:
        n = rng.randint(50, 300)
        to = ", ".join(shared_address(rng) for _ in range(n // 2))
        cc = ", ".join(shared_address(rng) for _ in range(n - n // 2))
        extra = f"Cc: {cc}\n"
        subject = f"Newsletter {i // 5000} from {owner}"
    elif i % 60 == 5:
        to = ", ".join(shared_address(rng) for _ in range(rng.randint(2, 6)))
        subject = f"Meeting {i // 60} {owner}"
    elif i % 400 == 123:
        # A reply to the exposure of the previous user with the same index:
        # the incident joins two owners' mail.
        other = user_name((u - 1) % n_users)
        j = (i // 60) * 60 + 5
        to = ", ".join(shared_address(rng) for _ in range(3))
        subject = f"Re: Meeting {j // 60} {other}"
        extra = f"In-Reply-To: <{other}.{j}@{INTERNAL}>\nReferences: <{other}.{j}@{INTERNAL}>\n"
    else:
        to = f"r{rng.randrange(1_000_000)}@{CLIENTS[i % len(CLIENTS)]}"
        subject = f"Note {i}"
    return (
        f"From: {owner.capitalize()} <{sender}>\nTo: {to}\n{extra}Subject: {subject}\nDate: {date}\n"
        f"Message-ID: <{owner}.{i}@{INTERNAL}>\n\nBody {i} of {owner}.\n"
    )


def write_organisation(root, users, messages, layout):
    """One mailbox per user under root/srv/mail/{owner}; returns the folders."""
    done = os.path.join(root, f"org.{layout}.done")
    folders = []
    per_user = [messages // users + (1 if u < messages % users else 0) for u in range(users)]
    for u in range(users):
        folders.append(os.path.join(root, "srv", "mail", user_name(u)))
    if os.path.exists(done):
        return folders
    rng = random.Random(20261130)
    for u, folder in enumerate(folders):
        owner = user_name(u)
        shutil.rmtree(folder, ignore_errors=True)
        if layout == "mbox":
            os.makedirs(folder)
            with open(os.path.join(folder, "Sent.mbox"), "w") as out:
                for i in range(per_user[u]):
                    out.write(f"From {owner}@{INTERNAL} Mon Jan  1 00:00:00 2024\n")
                    out.write(message(owner, u, i, rng, users))
                    out.write("\n")
        else:
            maildir = os.path.join(folder, "Maildir")
            for sub in ("cur", "new", "tmp"):
                os.makedirs(os.path.join(maildir, sub))
            for i in range(per_user[u]):
                name = f"{1700000000 + i}.M{i}P{u}.org:2,S"
                with open(os.path.join(maildir, "cur", name), "w") as out:
                    out.write(message(owner, u, i, rng, users))
    open(done, "w").close()
    return folders


# MARK: processes and their CPU


def ticks(pid):
    """utime, stime, cutime, cstime of pid, in seconds (0 when gone)."""
    try:
        with open(f"/proc/{pid}/stat") as f:
            fields = f.read().rsplit(")", 1)[1].split()
    except (FileNotFoundError, ProcessLookupError):
        return 0, 0, 0, 0
    return tuple(int(x) / TICK for x in fields[11:15])


def server_cpu(postmaster):
    """CPU seconds used so far by the PostgreSQL server: the postmaster, the
    backends it has reaped (its cutime/cstime) and those still running."""
    u, s, cu, cs = ticks(postmaster)
    total = u + s + cu + cs
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as f:
                fields = f.read().rsplit(")", 1)[1].split()
        except (FileNotFoundError, ProcessLookupError):
            continue
        if int(fields[1]) == postmaster:
            total += (int(fields[11]) + int(fields[12])) / TICK
    return total


def machine_ticks():
    """Busy and total clock ticks of every core so far (/proc/stat)."""
    with open("/proc/stat") as f:
        values = [int(x) for x in f.readline().split()[1:]]
    idle = values[3] + values[4]  # idle, iowait
    return sum(values) - idle, sum(values)


def run_together(commands):
    """Starts every command at once; wall seconds until the last ends and
    the CPU seconds (user + sys) of each. Exits on a failure."""
    start = time.perf_counter()
    children = [subprocess.Popen(c, stdout=subprocess.PIPE, stderr=subprocess.PIPE) for c in commands]
    cpu = {}
    outputs = {}
    readers = []
    for child in children:
        def drain(child=child):
            outputs[child.pid] = (child.stdout.read(), child.stderr.read())
        t = threading.Thread(target=drain)
        t.start()
        readers.append(t)
    for child in children:
        _, status, usage = os.wait4(child.pid, 0)
        child.returncode = os.waitstatus_to_exitcode(status)
        cpu[child.pid] = usage.ru_utime + usage.ru_stime
    wall = time.perf_counter() - start
    for t in readers:
        t.join()
    for child, command in zip(children, commands):
        if child.returncode not in (0, 1):  # 1: findings at --fail-on; none is given, but harmless
            out, err = outputs[child.pid]
            sys.exit(f"org: {' '.join(command)} exited {child.returncode}\n{err.decode(errors='replace')[-2000:]}")
    return wall, [cpu[c.pid] for c in children], [outputs[c.pid][0].decode(errors="replace") for c in children]


class LockSampler:
    """Asks pg_stat_activity once a second how many backends run a
    statement and how many of them wait on a lock."""

    def __init__(self, psql):
        self.psql, self.samples, self.stop = psql, [], threading.Event()
        self.thread = threading.Thread(target=self.loop)

    def loop(self):
        sql = ("SELECT count(*) FILTER (WHERE state = 'active'), count(*) FILTER (WHERE wait_event_type = 'Lock') "
               "FROM pg_stat_activity WHERE datname = 'mailaudit' AND pid != pg_backend_pid()")
        while not self.stop.wait(1.0):
            try:
                active, waiting = self.psql(sql).split("|")
                self.samples.append((int(active), int(waiting)))
            except (subprocess.CalledProcessError, ValueError):
                pass

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.stop.set()
        self.thread.join()

    def waiting_share(self):
        """The share of backend samples that waited on a lock."""
        active = sum(a for a, _ in self.samples)
        return sum(w for _, w in self.samples) / active if active else 0.0


# MARK: the runs


def bound(wall, scanner_cpu, scanners, server, lock_share, cores, machine_busy):
    """What limits a configuration, from where its time went; machine_busy
    is the share of all cores busy meanwhile, other people's work too."""
    per_scanner = scanner_cpu / (wall * scanners)
    server_cores = server / wall
    if lock_share > 0.3:
        return f"locks ({lock_share:.0%} of busy backends waited on a lock)"
    if machine_busy >= 0.9:
        return (f"the machine's {cores} cores, {machine_busy:.0%} busy (scanners {scanner_cpu / wall:.2f} cores, "
                f"PostgreSQL {server_cores:.2f}, the rest other work)")
    if per_scanner >= 0.8:
        return f"scanner CPU ({per_scanner:.0%} busy each)"
    # A scanner's statements run one after another on its backend: with
    # one scanner, a backend busy most of the time is the bound.
    if server_cores >= 0.6 * min(scanners, cores) and server > scanner_cpu:
        return f"PostgreSQL ({server_cores:.2f} cores for {scanners} backend{'s' if scanners > 1 else ''})"
    return f"waiting on round trips (scanners {per_scanner:.0%} busy, PostgreSQL {server_cores:.2f} cores)"


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--binary", required=True)
    p.add_argument("--users", type=int, default=200)
    p.add_argument("--messages", type=int, default=1_000_000)
    p.add_argument("--layout", choices=["mbox", "maildir"], default="mbox")
    p.add_argument("--scanners", default="1,2,4", help="PostgreSQL scanner counts, comma-separated")
    p.add_argument("--no-sqlite", action="store_true", help="leave out the SQLite load")
    p.add_argument("--dir")
    args = p.parse_args()
    binary = os.path.abspath(args.binary)
    root = os.path.abspath(args.dir or os.path.join(HERE, "..", ".build-bench", f"org-{args.users}-{args.messages}"))
    os.makedirs(root, exist_ok=True)
    cores = os.cpu_count()

    t = time.perf_counter()
    folders = write_organisation(root, args.users, args.messages, args.layout)
    print(f"organisation: {args.users} users, {args.messages:,} messages ({args.layout}) in {root} "
          f"({time.perf_counter() - t:.1f} s to write or find)", flush=True)
    config = os.path.join(root, "mailaudit.toml")
    pattern = os.path.join(root, "srv", "mail", "{owner}")
    with open(config, "w") as f:
        f.write(f'owners = ["{pattern}"]\n')

    work = os.path.join(root, "work")
    shutil.rmtree(work, ignore_errors=True)
    os.makedirs(work)
    results = []

    def analyse_and_report(index, name):
        """The organisation-wide analysis and one report: `report` under a
        changed policy (--internal-domain) analyses every message again and
        writes the reports; run again, it finds the analysis unchanged and
        only writes them. The difference is the analysis."""
        base = [binary, "report", "--index", index, "--config", config, "--internal-domain", INTERNAL,
                "--format", "csv", "html", "json", "--json"]
        first, _, _ = run_together([base + ["--out", os.path.join(work, f"reports-{name}-1")]])
        second, _, out = run_together([base + ["--out", os.path.join(work, f"reports-{name}-2")]])
        summary = json.loads(out[0].strip().splitlines()[-1])
        print(f"    {name}: report with the analysis {first:.1f} s, report alone {second:.1f} s", flush=True)
        return max(first - second, 0.0), second, (summary.get("findings"), summary.get("incidents"))

    def scan_command(index, chunk):
        return [binary, "scan", "--index", index, "--config", config, "--json"] + chunk

    if not args.no_sqlite:
        index = os.path.join(work, "index.sqlite")
        ticks_before = machine_ticks()
        wall, cpu, _ = run_together([scan_command(index, folders)])
        busy, total = (a - b for a, b in zip(machine_ticks(), ticks_before))
        analysis, report, found = analyse_and_report(index, "sqlite")
        results.append(dict(config="SQLite, 1 scanner", scanners=1, wall=wall, scanner_cpu=sum(cpu), server_cpu=None,
                            analysis=analysis, report=report, found=found,
                            bound=(f"scanner CPU ({sum(cpu) / wall:.0%} busy; the machine's cores "
                                   f"{busy / total:.0%} busy)")))
        print(f"  sqlite: {wall:.1f} s", flush=True)

    # Under /tmp: the server runs as the postgres user, who must reach it.
    cluster = tempfile.mkdtemp(prefix="mailaudit-org-pg-")
    port, socket = subprocess.run(["bash", CLUSTER, "start", cluster], check=True, capture_output=True,
                                  text=True).stdout.split()
    try:
        with open(os.path.join(cluster, "data", "postmaster.pid")) as f:
            postmaster = int(f.readline())

        def psql(sql):
            return subprocess.run(["psql", "-X", "-q", "-At", "-h", socket, "-p", port, "-U", "postgres",
                                   "-d", "postgres", "-c", sql], check=True, capture_output=True,
                                  text=True).stdout.strip()

        url = f"postgresql://postgres@/mailaudit?host={socket}&port={port}"
        for n in [int(x) for x in args.scanners.split(",")]:
            psql("DROP DATABASE IF EXISTS mailaudit")
            psql("CREATE DATABASE mailaudit")
            chunks = [folders[i::n] for i in range(n)]
            before = server_cpu(postmaster)
            ticks_before = machine_ticks()
            with LockSampler(psql) as locks:
                wall, cpu, _ = run_together([scan_command(url, c) for c in chunks])
            busy, total = (a - b for a, b in zip(machine_ticks(), ticks_before))
            # A backend's CPU reaches the postmaster's account when it has
            # ended and been reaped: wait for the scanners' backends to go.
            for _ in range(100):
                if psql("SELECT count(*) FROM pg_stat_activity WHERE datname = 'mailaudit'") == "0":
                    break
                time.sleep(0.1)
            time.sleep(0.2)
            server = server_cpu(postmaster) - before
            analysis, report, found = analyse_and_report(url, f"pg{n}")
            results.append(dict(config=f"PostgreSQL, {n} scanner{'s' if n > 1 else ''}", scanners=n, wall=wall,
                                scanner_cpu=sum(cpu), server_cpu=server, analysis=analysis, report=report,
                                found=found,
                                bound=bound(wall, sum(cpu), n, server, locks.waiting_share(), cores, busy / total)))
            print(f"  postgresql x{n}: {wall:.1f} s", flush=True)
    finally:
        subprocess.run(["bash", CLUSTER, "stop", cluster], check=False)
        shutil.rmtree(cluster, ignore_errors=True)

    load = os.getloadavg()[0]
    print()
    print(f"{args.users} users, {args.messages:,} messages, {args.layout}; {cores} cores, "
          f"load average {load:.2f} at the end (the machine is shared: wall stretches when it is above {cores})")
    print()
    header = ("| configuration | scan wall s | messages/s | scanner CPU s | PostgreSQL CPU s | analysis s | report s "
              "| findings / incidents | bound by |")
    print(header)
    print("|" + "---|" * 9)
    for r in results:
        server = "-" if r["server_cpu"] is None else f"{r['server_cpu']:.1f}"
        print(f"| {r['config']} | {r['wall']:.1f} | {args.messages / r['wall']:,.0f} | {r['scanner_cpu']:.1f} | "
              f"{server} | {r['analysis']:.1f} | {r['report']:.1f} | {r['found'][0]} / {r['found'][1]} | {r['bound']} |")
    if len({tuple(r["found"]) for r in results}) > 1:
        print("\nWARNING: the configurations found different findings or incidents")
    sqlite = next((r for r in results if r["server_cpu"] is None), None)
    one = next((r for r in results if r["server_cpu"] is not None and r["scanners"] == 1), None)
    if sqlite and one:
        print()
        print(f"PostgreSQL/SQLite, one scanner: {one['wall'] / sqlite['wall']:.2f}x wall "
              f"(scan CPU {one['scanner_cpu'] / sqlite['scanner_cpu']:.2f}x, scan CPU + server CPU "
              f"{(one['scanner_cpu'] + one['server_cpu']) / sqlite['scanner_cpu']:.2f}x)")
    with open(os.path.join(root, "results.json"), "w") as f:
        json.dump(dict(users=args.users, messages=args.messages, layout=args.layout, cores=cores, load=load,
                       results=results), f, indent=1)


if __name__ == "__main__":
    main()
