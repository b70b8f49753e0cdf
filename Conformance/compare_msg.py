#!/usr/bin/env python3
"""Compare mailaudit's reading of Outlook .msg files with extract-msg's.

For every .msg file under the given paths (default ../shared/corpora/outlook),
run `mailaudit-headers FILE` (MailParsing's MsgReader, through discovery, as
`mailaudit scan` reads it) and compare, per message, its To, Cc and Bcc
address sets with those extract-msg (PyPI, GPL) reads from the recipient
table. extract-msg runs only here, in this script's own process, as an outside
reference: it is never a dependency of mailaudit and never run by CI.

    python3 -m venv /tmp/msgvenv && /tmp/msgvenv/bin/pip install extract-msg
    /tmp/msgvenv/bin/python Conformance/compare_msg.py [--binary PATH] [--json OUT] [PATH...]

Addresses are compared lower-cased on both sides (mailaudit's normalisation
lower-cases local part and domain; an X.500 DN is compared as written,
lower-cased). A file mailaudit does not read as a message (a contact, a
note, a damaged file) is listed with why, next to what extract-msg made of it.
"""
import argparse
import base64
import json
import os
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
KINDS = {1: "to", 2: "cc", 3: "bcc"}


def mailaudit_side(binary, path):
    """(records, mailbox problems) that mailaudit-headers prints for one file."""
    run = subprocess.run([binary, path], capture_output=True)
    records, problems = [], []
    for line in run.stdout.decode("utf-8", "replace").splitlines():
        item = json.loads(line)
        if "mailboxProblem" in item:
            problems.append(item["mailboxProblem"])
        else:
            records.append(item)
    return records, problems


def ours(record):
    """To/Cc/Bcc sets of one mailaudit record, X.500 DNs included."""
    result = {}
    for kind in ("to", "cc", "bcc"):
        addresses = set(a.lower() for a in record["fields"].get(kind, []))
        addresses |= set(a.lower() for a in record.get("x500Fields", {}).get(kind, []))
        result[kind] = addresses
    return result


def theirs(path):
    """(class, To/Cc/Bcc sets, error) as extract-msg reads the file."""
    import extract_msg  # imported here: only this reference side needs it
    try:
        msg = extract_msg.openMsg(path, strict=False)
    except Exception as error:  # extract-msg raises many kinds
        return None, None, f"{type(error).__name__}: {error}"
    try:
        cls = getattr(msg, "classType", None)
        result = {"to": set(), "cc": set(), "bcc": set()}
        for recipient in getattr(msg, "recipients", []) or []:
            kind = KINDS.get(int(recipient.type or 0) & 3) if recipient.type is not None else "to"
            if kind is None:
                continue
            address = recipient.email or ""
            if address:
                result[kind].add(address.strip().strip("<>").lower())
        return cls, result, None
    except Exception as error:
        return None, None, f"{type(error).__name__}: {error}"
    finally:
        try:
            msg.close()
        except Exception:
            pass


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("paths", nargs="*", default=[os.path.join(ROOT, "..", "shared", "corpora", "outlook")])
    parser.add_argument("--binary", default=None, help="mailaudit-headers to run (default: build it)")
    parser.add_argument("--json", default=None, help="write every file's comparison here")
    args = parser.parse_args()

    binary = args.binary
    if binary is None:
        subprocess.run(["swift", "build", "--product", "mailaudit-headers"], cwd=ROOT, check=True,
                       stdout=subprocess.DEVNULL)
        bindir = subprocess.run(["swift", "build", "--show-bin-path"], cwd=ROOT, check=True,
                                capture_output=True, text=True).stdout.strip()
        binary = os.path.join(bindir, "mailaudit-headers")

    files = []
    for root in args.paths:
        if os.path.isfile(root):
            files.append(root)
            continue
        for folder, _, names in os.walk(root):
            files += [os.path.join(folder, n) for n in names if n.lower().endswith(".msg")]
    files.sort()

    rows = []
    totals = {"files": len(files), "messages": 0, "agree": 0, "kinds": {k: [0, 0] for k in ("to", "cc", "bcc")}}
    for path in files:
        records, problems = mailaudit_side(binary, path)
        cls, their, error = theirs(path)
        row = {"file": os.path.relpath(path, args.paths[0]) if len(args.paths) == 1 else path,
               "class": cls, "extract_msg_error": error, "mailaudit_problems": problems}
        if records:
            mine = ours(records[0])
            row["labels"] = records[0].get("labels")
            row["mailaudit"] = {k: sorted(v) for k, v in mine.items()}
            if their is not None:
                totals["messages"] += 1
                row["extract_msg"] = {k: sorted(v) for k, v in their.items()}
                same = True
                for kind in ("to", "cc", "bcc"):
                    totals["kinds"][kind][1] += 1
                    if mine[kind] == their[kind]:
                        totals["kinds"][kind][0] += 1
                    else:
                        same = False
                row["agree"] = same
                totals["agree"] += same
        elif their is not None:
            row["extract_msg"] = {k: sorted(v) for k, v in their.items()}
        rows.append(row)

    read = sum(1 for r in rows if "mailaudit" in r)
    print(f"{totals['files']} .msg files; mailaudit read {read} as messages, "
          f"{totals['files'] - read} not (non-mail items or damaged); extract-msg failed on "
          f"{sum(1 for r in rows if r['extract_msg_error'])}.")
    if totals["messages"]:
        pct = 100.0 * totals["agree"] / totals["messages"]
        print(f"Messages read by both: {totals['messages']}; same To/Cc/Bcc sets: {totals['agree']} ({pct:.1f}%).")
        for kind, (same, count) in totals["kinds"].items():
            print(f"  {kind}: {same}/{count} agree")
    print("\nDifferences:")
    for row in rows:
        if row.get("agree") is False:
            print(f"- {row['file']} ({row['class']})")
            for kind in ("to", "cc", "bcc"):
                a, b = set(row["mailaudit"][kind]), set(row["extract_msg"][kind])
                if a != b:
                    print(f"    {kind}: mailaudit only {sorted(a - b)}; extract-msg only {sorted(b - a)}")
    print("\nNot read as messages by mailaudit:")
    for row in rows:
        if "mailaudit" not in row:
            their = row.get("extract_msg")
            summary = "extract-msg: " + (row["extract_msg_error"] or
                                         f"{row['class']}, {sum(len(v) for v in their.values())} recipients")
            print(f"- {row['file']}: {'; '.join(row['mailaudit_problems'])} | {summary}")
    print("\nRead by mailaudit, extract-msg failed:")
    for row in rows:
        if "mailaudit" in row and row["extract_msg_error"]:
            print(f"- {row['file']}: {row['extract_msg_error']}")
    if args.json:
        with open(args.json, "w", encoding="utf-8") as out:
            json.dump(rows, out, indent=1, ensure_ascii=False, default=str)


if __name__ == "__main__":
    sys.exit(main())
