#!/usr/bin/env python3
"""Writes the benchmark corpus: one synthetic Sent folder as an mbox and as a
Maildir holding the same messages, from a fixed seed, so every machine and
every run measures the same bytes.

Shape (issue 6): mostly 1-3 recipients, some 50-300; mean message ~30 KB with
a tail of multi-MB base64 attachments; Sent copies (no Received lines) with
From, To, Cc, Bcc, Subject (some RFC 2047), Date, Message-ID and MIME headers.

Also writes the parse-scaling mailboxes: one message whose To header holds
1k, 10k or 100k addresses.

Python 3 standard library only.
"""

import argparse
import base64
import email.utils
import hashlib
import json
import os
import random
import shutil
import sys

SEED = 20240606
# Bump whenever the corpus bytes would change, so a kept corpus is rewritten.
FORMAT_VERSION = 1

ORG = "northwind-traders.com"
SENDERS = [
    ("Alice Martin", "alice.martin"), ("Bob Chen", "bob.chen"),
    ("Carla Rossi", "carla.rossi"), ("Dmitri Ivanov", "d.ivanov"),
    ("Eva Müller", "eva.mueller"), ("Fatima Zahra", "f.zahra"),
]
FIRST = ("anna ben chloe david emma felix grace hugo iris jonas karin liam mia noah "
         "olga paul quinn rosa sven tara uwe vera will xenia yusuf zoe").split()
LAST = ("smith jones garcia miller davis lopez wilson anderson thomas taylor moore "
        "jackson martin lee perez white harris sanchez clark lewis young walker "
        "hall allen king wright scott green baker adams nelson hill campbell").split()
# Partner companies: every domain a distinct party.
COMPANIES = [
    f"{a}{b}.{tld}"
    for a in ("acme", "globex", "initech", "umbrella", "stark", "wayne", "hooli",
              "vandelay", "wonka", "tyrell", "cyberdyne", "soylent", "massive",
              "oscorp", "gringotts", "monarch")
    for b in ("", "-group", "-labs")
    for tld in ("com", "de", "co.uk")
]
PERSONAL = ["gmail.com", "yahoo.com", "outlook.com", "gmx.de", "web.de",
            "hotmail.co.uk", "icloud.com", "proton.me"]
WORDS = ("the a of to and in for on with as we our your please find attached "
         "meeting project invoice order quarter report review draft contract "
         "schedule update budget delivery shipment thanks regards best next week "
         "monday friday agenda minutes notes proposal offer price discount "
         "team client customer supplier account payment due date confirm").split()
SUBJECTS = ["Quarterly report", "Invoice {n}", "Meeting on {day}", "Order {n} shipped",
            "Contract draft v{v}", "Agenda for {day}", "Price list {y}",
            "Welcome aboard", "Holiday schedule", "Newsletter {y}/{v}",
            "Project kickoff", "Delivery delay on order {n}"]
# Non-ASCII subjects, sent as RFC 2047 encoded words.
SUBJECTS_INTL = ["Grüße aus München", "Réunion de l’équipe", "Presupuesto año {y}",
                 "Überweisung Nr. {n}", "会議の議事録", "Отчёт за квартал",
                 "Zażółć gęślą jaźń", "Καλημέρα από την Αθήνα"]
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"]
MAILERS = ["Microsoft Outlook 16.0", "Mozilla Thunderbird 115.6.0",
           "Apple Mail (2.3731)", "Roundcube Webmail/1.6.5"]


def person(rng, domain):
    first, last = rng.choice(FIRST), rng.choice(LAST)
    local = rng.choice([f"{first}.{last}", f"{first[0]}{last}", f"{first}"])
    if rng.random() < 0.6:
        return f"{first.title()} {last.title()} <{local}@{domain}>"
    return f"{local}@{domain}"


# The corpus shape: "readme" (issue 6's sent folder, few exposures) or
# "exposure-heavy" (issue 11's stress shape: about half the messages expose
# two or more external parties, lists of 50-300 more common).
SHAPE = "readme"


def recipient_count(rng):
    """Mostly 1-3, a few small groups, a rare 50-300 blast."""
    r = rng.random()
    if SHAPE == "exposure-heavy":
        if r < 0.35: return 1
        if r < 0.55: return rng.randint(2, 3)
        if r < 0.92: return rng.randint(4, 12)
        return rng.randint(50, 300)
    if r < 0.62: return 1
    if r < 0.80: return 2
    if r < 0.88: return 3
    if r < 0.975: return rng.randint(4, 12)
    return rng.randint(50, 300)


def recipients(rng, count):
    """Addresses from a handful of parties, internal colleagues and private people."""
    parties = rng.sample(COMPANIES, k=min(len(COMPANIES), 1 + count // 15 + rng.randint(0, 2)))
    out = []
    for _ in range(count):
        r = rng.random()
        if r < 0.2: domain = ORG
        elif r < 0.35: domain = rng.choice(PERSONAL)
        else: domain = rng.choice(parties)
        out.append(person(rng, domain))
    return out


def fold(name, values):
    """A structured header, folded before 78 columns as mail clients do."""
    line, lines = f"{name}: ", []
    for i, v in enumerate(values):
        piece = v + ("," if i < len(values) - 1 else "")
        if len(line) + len(piece) + 1 > 78 and line.strip() != f"{name}:":
            lines.append(line.rstrip())
            line = " "
        line += piece + " "
    lines.append(line.rstrip())
    return "\n".join(lines)


def encoded_word(rng, text):
    data = text.encode("utf-8")
    if rng.random() < 0.5:
        return "=?UTF-8?B?" + base64.b64encode(data).decode() + "?="
    q = "".join(chr(b) if (48 <= b < 127 and chr(b) not in "=?_") else
                ("_" if b == 32 else f"={b:02X}") for b in data)
    return "=?utf-8?Q?" + q + "?="


def subject(rng, n):
    fill = dict(n=n, v=rng.randint(1, 9), y=rng.randint(2019, 2024), day=rng.choice(DAYS))
    prefix = rng.choice(["", "", "", "Re: ", "RE: ", "Fwd: ", "AW: "])
    if rng.random() < 0.15:
        return prefix + encoded_word(rng, rng.choice(SUBJECTS_INTL).format(**fill))
    return prefix + rng.choice(SUBJECTS).format(**fill)


class Pools:
    """Body text and base64 taken as slices of fixed pools: cheap and deterministic."""

    def __init__(self, rng):
        words = [rng.choice(WORDS) for _ in range(300_000)]
        lines, line = [], []
        for w in words:
            line.append(w)
            if sum(len(x) + 1 for x in line) > 66:
                lines.append(" ".join(line))
                line = []
        # Paragraph breaks, and a body line starting "From " after one, which
        # an mbox writer must quote (">From ") and a reader must not split on.
        for i in range(0, len(lines), 7):
            lines[i] = ""
        for i in range(1, len(lines), 997):
            lines[i] = "From " + lines[i]
        self.text = lines
        raw = rng.randbytes(9 << 20)
        b64 = base64.b64encode(raw).decode()
        self.b64 = [b64[i:i + 76] for i in range(0, len(b64), 76)]

    def text_lines(self, rng, size):
        count = max(1, size // 60)
        start = rng.randrange(0, len(self.text) - count)
        return self.text[start:start + count]

    def base64_lines(self, rng, size):
        count = max(1, size // 77)
        if count >= len(self.b64):
            reps = count // len(self.b64) + 1
            return (self.b64 * reps)[:count]
        start = rng.randrange(0, len(self.b64) - count)
        return self.b64[start:start + count]


def body_size(rng):
    """Text part size: lognormal around 2 KB."""
    return int(min(200_000, rng.lognormvariate(7.6, 0.9)))


def attachment_size(rng):
    """Decoded attachment size: often none, sometimes tens of KB, rarely MBs."""
    r = rng.random()
    if r < 0.86: return 0
    if r < 0.9965: return int(rng.lognormvariate(10.6, 0.8))  # ~40 KB median
    return rng.randint(1_000_000, 6_000_000)                   # the multi-MB tail


def message(rng, pools, n, when):
    """One Sent copy: header lines and body lines, LF ends, no From_ line."""
    name, local = SENDERS[n % len(SENDERS)] if rng.random() < 0.9 else rng.choice(SENDERS)
    sender = f"{name} <{local}@{ORG}>"
    count = recipient_count(rng)
    addrs = recipients(rng, count)
    # Where the recipients go: big lists sometimes (wrongly) visible.
    to, cc, bcc = addrs[:1], [], []
    rest = addrs[1:]
    if count >= 50:
        mode = rng.random()
        if mode < 0.4: to += rest
        elif mode < 0.6: cc = rest
        else: to, bcc = [f"{name} <{local}@{ORG}>"], addrs
    else:
        for a in rest:
            r = rng.random()
            if r < 0.55: to.append(a)
            elif r < 0.9: cc.append(a)
            else: bcc.append(a)
    headers = [
        fold("From", [sender]),
        fold("To", to),
    ]
    if cc: headers.append(fold("Cc", cc))
    if bcc: headers.append(fold("Bcc", bcc))
    subj = subject(rng, 10000 + n)
    headers.append(f"Subject: {subj}")
    headers.append("Date: " + email.utils.formatdate(when, localtime=False).replace("-0000", rng.choice(["+0100", "+0200", "-0500", "+0000"])))
    msgid = hashlib.sha1(f"{SEED}-{n}".encode()).hexdigest()[:20]
    headers.append(f"Message-ID: <{msgid}.{n}@mail.{ORG}>")
    if subj.startswith(("Re", "RE", "AW")):
        parent = hashlib.sha1(f"parent-{n}".encode()).hexdigest()[:16]
        headers.append(f"In-Reply-To: <{parent}@mail.example.net>")
        headers.append(f"References: <{parent}@mail.example.net>")
    headers.append(f"User-Agent: {rng.choice(MAILERS)}")
    headers.append("MIME-Version: 1.0")
    text = pools.text_lines(rng, body_size(rng))
    attach = attachment_size(rng)
    if attach == 0:
        headers.append("Content-Type: text/plain; charset=utf-8; format=flowed")
        headers.append("Content-Transfer-Encoding: 8bit")
        body = text
    else:
        boundary = f"=_bench_{n:08d}"
        headers.append(f'Content-Type: multipart/mixed;\n boundary="{boundary}"')
        kind, ext = rng.choice([("application/pdf", "pdf"), ("image/jpeg", "jpg"),
                                ("application/vnd.openxmlformats-officedocument."
                                 "spreadsheetml.sheet", "xlsx")])
        body = ["This is a multi-part message in MIME format.", "",
                f"--{boundary}", "Content-Type: text/plain; charset=utf-8",
                "Content-Transfer-Encoding: 8bit", ""] + text + [
                "", f"--{boundary}", f'Content-Type: {kind}; name="file{n}.{ext}"',
                "Content-Transfer-Encoding: base64",
                f'Content-Disposition: attachment; filename="file{n}.{ext}"', ""] + \
            pools.base64_lines(rng, attach * 4 // 3) + ["", f"--{boundary}--"]
    return headers, body, local


def mbox_body(lines):
    """mboxrd quoting: a body line starting with (>*)From gets one more '>'."""
    out = []
    for line in lines:
        stripped = line.lstrip(">")
        out.append(">" + line if stripped.startswith("From ") else line)
    return out


def write_corpus(root, count):
    rng = random.Random(SEED)
    pools = Pools(rng)
    mbox_path = os.path.join(root, "Sent.mbox")
    maildir = os.path.join(root, "Sent")
    for sub in ("cur", "new", "tmp"):
        os.makedirs(os.path.join(maildir, sub), exist_ok=True)
    when = 1546300800.0  # 2019-01-01, then forward in time like a real folder
    total_mbox = 0
    with open(mbox_path, "wb", buffering=1 << 20) as mbox:
        for n in range(count):
            when += rng.expovariate(1 / 1800.0)
            headers, body, local = message(rng, pools, n, when)
            head = "\n".join(headers).encode("utf-8") + b"\n\n"
            from_line = f"From {local}@{ORG} {asctime(when)}\n".encode()
            mbox_bytes = from_line + head + ("\n".join(mbox_body(body)) + "\n").encode("utf-8") + b"\n"
            mbox.write(mbox_bytes)
            total_mbox += len(mbox_bytes)
            name = f"{int(when)}.M{n}P1.benchhost:2,S"
            with open(os.path.join(maildir, "cur", name), "wb") as f:
                f.write(head + ("\n".join(body) + "\n").encode("utf-8"))
    return total_mbox


def asctime(when):
    import time
    return time.strftime("%a %b %e %H:%M:%S %Y", time.gmtime(when))


def write_scaling(root, sizes):
    """One mbox per size N: messages whose To header holds N addresses, as
    many copies as make max(sizes) addresses in all, so every file costs the
    same when parsing is linear; plus a one-address message (the fixed cost
    of starting a scan)."""
    os.makedirs(root, exist_ok=True)
    total = max(sizes)
    for n in [1] + sizes:
        copies = 1 if n == 1 else max(1, total // n)
        with open(os.path.join(root, f"to-{n}.mbox"), "wb") as f:
            for copy in range(copies):
                # Short addresses over 26 domains (26 parties), so 100k of
                # them stay under the 1 MiB header limit; every file holds
                # `total` distinct ones, so each works on as many addresses
                # (copies of one list would measure a smaller working set).
                to = compact_fold("To", [f"{base36(copy * n + i)}@{chr(97 + i % 26)}.io" for i in range(n)])
                head = "\n".join([
                    "From: Alice Martin <alice.martin@northwind-traders.com>",
                    to,
                    f"Subject: {n} recipients",
                    "Date: Mon, 6 May 2024 10:00:00 +0000",
                    f"Message-ID: <scale-{n}-{copy}@mail.northwind-traders.com>",
                    "MIME-Version: 1.0",
                    "Content-Type: text/plain; charset=utf-8",
                ])
                f.write((f"From alice.martin@northwind-traders.com Mon May  6 10:00:00 2024\n"
                         f"{head}\n\nHello all.\n\n").encode())


def compact_fold(name, values):
    """Addresses joined by bare commas (valid RFC 5322), folded every 70
    columns: 100k short addresses then fit the reader's 1 MiB header limit."""
    lines, line = [], f"{name}: "
    for i, v in enumerate(values):
        piece = v + ("," if i < len(values) - 1 else "")
        if len(line) + len(piece) > 76:
            lines.append(line)
            line = " "
        line += piece
    lines.append(line)
    return "\n".join(lines)


def base36(i):
    digits = "0123456789abcdefghijklmnopqrstuvwxyz"
    s = ""
    while True:
        i, r = divmod(i, 36)
        s = digits[r] + s
        if i == 0:
            return s


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--messages", type=int, default=50_000)
    ap.add_argument("--out", required=True, help="folder for Sent.mbox, Sent/ and scaling/")
    ap.add_argument("--scaling", default="1000,10000,25000,100000")
    ap.add_argument("--shape", choices=["readme", "exposure-heavy"], default="readme")
    args = ap.parse_args()
    global SHAPE
    SHAPE = args.shape
    out = args.out
    sizes = [int(x) for x in args.scaling.split(",")]
    stamp_path = os.path.join(out, "corpus.json")
    # The main corpus is kept between runs (it takes minutes to write);
    # FORMAT_VERSION says when it must be rewritten. The small scaling files
    # are always rewritten.
    want = dict(messages=args.messages, seed=SEED, version=FORMAT_VERSION, shape=args.shape)
    try:
        with open(stamp_path) as f:
            have = json.load(f)
        if {k: have.get(k) for k in want} == want:
            print(f"corpus: reusing {out} ({have['mbox_bytes']:,} bytes of mbox)", file=sys.stderr)
            write_scaling(os.path.join(out, "scaling"), sizes)
            return
    except (OSError, ValueError, KeyError):
        pass
    if os.path.exists(out):
        shutil.rmtree(out)
    os.makedirs(out)
    print(f"corpus: writing {args.messages:,} messages to {out} ...", file=sys.stderr)
    mbox_bytes = write_corpus(out, args.messages)
    write_scaling(os.path.join(out, "scaling"), sizes)
    want["mbox_bytes"] = mbox_bytes
    with open(stamp_path, "w") as f:
        json.dump(want, f)
    print(f"corpus: {mbox_bytes:,} bytes of mbox, mean {mbox_bytes // max(args.messages, 1):,} bytes a message",
          file=sys.stderr)


if __name__ == "__main__":
    main()
