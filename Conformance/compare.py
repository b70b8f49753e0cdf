#!/usr/bin/env python3
"""Compare mailaudit's visible recipients with Python's `email` package.

    Conformance/compare.py [--examples N] [--json OUT] [PATH ...]

PATH defaults to ../shared/corpora (relative to the package root). The
`mailaudit-headers` executable (built here with `swift build --product
mailaudit-headers`) walks PATH as `mailaudit scan` does (mbox files split,
Maildir files, single files) and prints, per message, its raw header block and
the normalised To, Cc, Resent-To and Resent-Cc addresses MailParsing extracts.
This script parses the *same header bytes* with `email` (policy.default, the
headerregistry address parser) and compares the two as sets per message, after
normalising Python's addresses the way docs/exposure-rules.md says: local part
lower-cased (quoted only when it is not a dot-atom), domain lower-cased, IDNA
ASCII, no trailing dot. It prints the agreement rate and every class of
disagreement with examples; who is right in each class is in README.md.
"""
import argparse
import base64
import collections
import email
import email.policy
import email.utils
import json
import os
import re
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
VISIBLE = ("to", "cc", "resent-to", "resent-cc")
ATEXT = r"[A-Za-z0-9!#$%&'*+\-/=?^_`{|}~\x80-\U0010ffff]+"
DOT_ATOM = re.compile(rf"^{ATEXT}(\.{ATEXT})*$")


def normal_local(local):
    lowered = local.lower()
    if DOT_ATOM.match(lowered):
        return lowered
    return '"' + lowered.replace("\\", "\\\\").replace('"', '\\"') + '"'


def normal_domain(domain):
    domain = domain.strip().rstrip(".")
    if not domain:
        return None
    if domain.isascii():
        return domain.lower()
    try:
        return domain.encode("idna").decode("ascii").lower()
    except UnicodeError:
        return None


def python_addresses(header_bytes):
    """Visible recipients per email's policy.default, and what went wrong."""
    msg = email.message_from_bytes(header_bytes + b"\n\n", policy=email.policy.default)
    found, notes = [], []
    policy = email.policy.default
    for name in VISIBLE:
        for key, raw in msg.raw_items():
            if key.lower() != name:
                continue
            try:  # the header objects are built lazily; their parser may raise
                value = policy.header_fetch_parse(key, raw)
                addresses = value.addresses
                defects = value.defects
            except Exception as error:
                notes.append(f"exception {type(error).__name__}")
                continue
            notes.extend(type(d).__name__ for d in defects)
            for address in addresses:
                if not address.domain:
                    notes.append("address-without-domain")
                    continue
                domain = normal_domain(address.domain)
                if domain is None:
                    notes.append("bad-domain")
                    continue
                found.append(normal_local(address.username) + "@" + domain)
    return found, notes


def getaddresses_addresses(header_bytes):
    """Visible recipients per the older `email.utils.getaddresses` reading."""
    msg = email.message_from_bytes(header_bytes + b"\n\n", policy=email.policy.compat32)
    found, notes = [], []
    for name in VISIBLE:
        values = [str(v) for v in msg.get_all(name) or []]
        try:
            pairs = email.utils.getaddresses(values)
        except Exception as error:  # RecursionError on very long fields
            notes.append(f"exception {type(error).__name__}")
            continue
        for _, spec in pairs:
            if not spec:
                continue
            local, at, domain = spec.rpartition("@")
            if not at or not local:
                notes.append("address-without-domain")
                continue
            normal = normal_domain(domain)
            if normal is None:
                notes.append("bad-domain")
                continue
            if local.startswith('"') and local.endswith('"') and len(local) >= 2:
                local = re.sub(r'\\(.)', r'\1', local[1:-1])
            found.append(normal_local(local) + "@" + normal)
    return found, notes


ORACLES = {"headerregistry": python_addresses, "getaddresses": getaddresses_addresses}


def classify(raw, ours, theirs, notes, record):
    """Names the disagreement by what the header shows, for grouping."""
    only_ours, only_theirs = set(ours) - set(theirs), set(theirs) - set(ours)
    text = raw
    tags = []
    if re.search(r"=\?[^?]*\?[bBqQ]\?", text):
        tags.append("encoded-word")
    if any(b >= 0x80 for b in raw.encode("utf-8", "surrogateescape")):
        tags.append("8bit")
    if "exception" in " ".join(notes):
        tags.append("python-exception")
    if record["unreadable"]:
        tags.append("mailaudit-unreadable")
    if record["x500"]:
        tags.append("x500")
    side = ("ours-only" if only_ours and not only_theirs else
            "python-only" if only_theirs and not only_ours else "both-differ")
    # Same local part and domain apart from case/quoting: a normalisation class.
    def loose(a):
        return a.replace('"', "").replace("\\", "").lower()
    if {loose(a) for a in only_ours} == {loose(a) for a in only_theirs} and only_ours:
        side = "normalisation"
    defect = sorted(set(n for n in notes if n.endswith("Defect")))
    return side + (" [" + ",".join(tags) + "]" if tags else "") + (" {" + ",".join(defect) + "}" if defect else "")


def visible_lines(header_bytes):
    text = header_bytes.decode("utf-8", "surrogateescape")
    lines, keep = [], False
    for line in re.split(r"\r?\n", text):
        if line[:1] in (" ", "\t"):
            if keep:
                lines.append(line)
            continue
        keep = line.split(":", 1)[0].strip().lower() in VISIBLE
        if keep:
            lines.append(line)
    return "\n".join(lines)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("paths", nargs="*", default=[os.path.join(os.path.dirname(ROOT), "shared", "corpora")])
    parser.add_argument("--oracle", choices=sorted(ORACLES), default="headerregistry",
                        help="Python's reader to compare with (default: policy.default's headerregistry)")
    parser.add_argument("--examples", type=int, default=3)
    parser.add_argument("--json", help="write every disagreement to this file")
    parser.add_argument("--binary", default=None, help="mailaudit-headers to run (default: build it)")
    args = parser.parse_args()

    binary = args.binary
    if binary is None:
        subprocess.run(["swift", "build", "--product", "mailaudit-headers", "-c", "debug"],
                       cwd=ROOT, check=True, stdout=subprocess.DEVNULL)
        bindir = subprocess.run(["swift", "build", "--show-bin-path"], cwd=ROOT, check=True,
                                capture_output=True, text=True).stdout.strip()
        binary = os.path.join(bindir, "mailaudit-headers")
    run = subprocess.run([binary, *args.paths], check=True, capture_output=True)

    total = agree = with_recipients = 0
    classes = collections.defaultdict(list)
    mailbox_problems = []
    for line in run.stdout.splitlines():
        record = json.loads(line)
        if "mailboxProblem" in record:
            mailbox_problems.append(record["mailboxProblem"])
            continue
        total += 1
        header = base64.b64decode(record["header"])
        ours = [a for f in VISIBLE for a in record["fields"][f]]
        theirs, notes = ORACLES[args.oracle](header)
        if ours or theirs:
            with_recipients += 1
        if set(ours) == set(theirs):
            agree += 1
            continue
        raw = visible_lines(header)
        name = classify(raw, ours, theirs, notes, record)
        classes[name].append({
            "location": record["location"], "header": raw,
            "mailaudit_only": sorted(set(ours) - set(theirs)),
            "python_only": sorted(set(theirs) - set(ours)),
            "mailaudit_unreadable": record["unreadable"], "python_notes": sorted(set(notes)),
        })

    print(f"oracle: {args.oracle}")
    print(f"messages: {total} ({with_recipients} with visible recipients on either side)")
    print(f"agreement: {agree}/{total} = {100.0 * agree / max(total, 1):.2f}%")
    for problem in mailbox_problems:
        print(f"mailbox problem: {problem}")
    for name, cases in sorted(classes.items(), key=lambda kv: -len(kv[1])):
        print(f"\n== {name}: {len(cases)}")
        for case in cases[: args.examples]:
            print(f"  {case['location']}")
            for l in case["header"][:600].splitlines():
                print(f"    | {l}")
            print(f"    mailaudit only: {case['mailaudit_only']}")
            print(f"    python only:    {case['python_only']}")
            if case["mailaudit_unreadable"]:
                print(f"    mailaudit unreadable: {case['mailaudit_unreadable']}")
            if case["python_notes"]:
                print(f"    python notes: {case['python_notes']}")
    if args.json:
        with open(args.json, "w", encoding="utf-8") as out:
            json.dump(classes, out, indent=1, ensure_ascii=False)


if __name__ == "__main__":
    main()
