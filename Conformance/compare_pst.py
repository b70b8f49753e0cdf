#!/usr/bin/env python3
"""Compares mailaudit's reading of Outlook stores with pffexport (libpff)
and readpst (libpst), folder by folder: message counts and each message's
To/Cc/Bcc addresses.

    Conformance/compare_pst.py [CORPUS] [--mailaudit-headers PATH] [--verbose]

CORPUS defaults to ../shared/corpora/outlook. Every .pst/.ost under it is
read three times, each tool run as a separate process:
  - mailaudit:  .build/debug/mailaudit-headers --all-folders STORE
  - pffexport:  pffexport -q -m all -t TMP STORE   (Recipients.txt of each
                MessageNNNNN folder not inside an attachment)
  - readpst:    readpst -q -r -8 -D -b -o TMP STORE (one mbox per folder;
                To/Cc/Bcc read with Python's email package)
Folder paths are compared below the store's top folder (the tools name the
top differently). Only folders mailaudit reads with --all-folders (mail
folders) are compared; a folder only another tool lists is reported.
Addresses are compared lower-cased. A message agrees when a message of the
other tool's folder has the same multiset of (kind, address); messages are
matched one to one, order ignored.
Python 3 standard library only; pffexport and readpst from Debian's
pff-tools and pst-utils (apt-get install pff-tools pst-utils).
"""
import base64
import collections
import email
import email.policy
import email.utils
import json
import mailbox
import os
import re
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)


def strip_top(folder):
    # An Exchange cache (.ost) keeps its mail below Root - Mailbox/IPM_SUBTREE,
    # which readpst leaves out; a PST below its top folder, which each tool
    # names its own way.
    folder = re.sub(r"^Root - Mailbox/IPM_SUBTREE(/|$)", "TOP/", folder)
    parts = [p for p in folder.split("/") if p]
    return "/".join(parts[1:])


def ours(tool, store):
    out = subprocess.run([tool, "--all-folders", store], capture_output=True, text=True, check=False).stdout
    folders = collections.defaultdict(list)
    problems = []
    for line in out.splitlines():
        record = json.loads(line)
        if "mailboxProblem" in record:
            problems.append(record["mailboxProblem"])
            continue
        location = record["location"]
        folder = location.split("#", 1)[1].rsplit("/", 1)[0]
        header = base64.b64decode(record["header"]).decode("utf-8", "replace")
        signature = []
        for kind in ("to", "cc", "bcc"):
            signature += [(kind, a.lower()) for a in record["fields"].get(kind, [])]
        # X.500 DNs the header parser keeps apart (no SMTP address known).
        for dn in record.get("x500", []):
            signature.append(("x500", dn.lower()))
        folders[strip_top(folder)].append(tuple(sorted(signature)))
        del header
    return folders, problems


def pff(store):
    folders = collections.defaultdict(list)
    with tempfile.TemporaryDirectory() as tmp:
        target = os.path.join(tmp, "out")
        done = subprocess.run(["pffexport", "-q", "-m", "all", "-t", target, store], capture_output=True, check=False)
        base = target + ".export"
        if not os.path.isdir(base):
            return None, "pffexport rc=%d" % done.returncode
        for dirpath, dirnames, filenames in os.walk(base):
            rel = os.path.relpath(dirpath, base)
            parts = rel.split(os.sep)
            # Every item of the folder, whatever libpff calls it (Message,
            # Meeting, Appointment, Contact, ...); not attachments' contents.
            if "Attachments" in parts or not re.fullmatch(r"(?!Attachment)[A-Za-z]+\d{5}", parts[-1]):
                continue
            signature = []
            path = os.path.join(dirpath, "Recipients.txt")
            if os.path.exists(path):
                text = open(path, encoding="utf-8", errors="replace").read()
                for block in text.split("\n\n"):
                    fields = dict(re.findall(r"^([^:\n]+):\t+(.*)$", block, re.M))
                    kind = {"To": "to", "CC": "cc", "BCC": "bcc"}.get(fields.get("Recipient type", ""), None)
                    if kind and fields.get("Email address"):
                        signature.append((kind, fields["Email address"].strip().lower()))
            folders[strip_top("/".join(parts[:-1]))].append(tuple(sorted(signature)))
    return folders, None


def readpst(store):
    folders = collections.defaultdict(list)
    with tempfile.TemporaryDirectory() as tmp:
        done = subprocess.run(["readpst", "-q", "-r", "-8", "-D", "-b", "-o", tmp, store], capture_output=True,
                              check=False)
        if done.returncode != 0:
            return None, "readpst rc=%d" % done.returncode
        for dirpath, dirnames, filenames in os.walk(tmp):
            if "mbox" not in filenames:
                continue
            rel = os.path.relpath(dirpath, tmp)
            for message in mailbox.mbox(os.path.join(dirpath, "mbox")):
                signature = []
                for kind in ("to", "cc", "bcc"):
                    for name, address in email.utils.getaddresses(message.get_all(kind, [])):
                        # readpst writes an EX recipient as its display name
                        # only, sometimes in single quotes.
                        signature.append((kind, (address or name).strip().strip("'").lower()))
                folders[strip_top(rel)].append(tuple(sorted(signature)))
    return folders, None


def agree(mine, theirs):
    left = collections.Counter(mine)
    right = collections.Counter(theirs)
    return sum((left & right).values())


def is_stand_in(address):
    """An X.500 DN (libpff's address of an EX recipient) or a bare display
    name (readpst's): stands for the SMTP address mailaudit reads from
    PidTagSmtpAddress."""
    return address.startswith("/o=") or "@" not in address


def relaxed_match(mine, theirs):
    rest = list(mine)
    for kind, address in theirs:
        if not is_stand_in(address):
            if (kind, address) not in rest:
                return False
            rest.remove((kind, address))
    for kind, address in theirs:
        if is_stand_in(address):
            same = [r for r in rest if r[0] == kind or (r[0] == "x500" and address.startswith("/o="))]
            if not same:
                return False
            rest.remove(same[0])
    return not rest


def agree_relaxed(mine, theirs):
    """Messages matched one to one where the other tool's EX stand-ins take
    any address of the same kind."""
    pool = list(theirs)
    count = 0
    for signature in mine:
        for i, candidate in enumerate(pool):
            if relaxed_match(signature, candidate):
                del pool[i]
                count += 1
                break
    return count


def main():
    args = sys.argv[1:]
    verbose = "--verbose" in args
    args = [a for a in args if a != "--verbose"]
    tool = os.path.join(ROOT, ".build/debug/mailaudit-headers")
    if "--mailaudit-headers" in args:
        i = args.index("--mailaudit-headers")
        tool = args[i + 1]
        del args[i:i + 2]
    corpus = args[0] if args else os.path.join(ROOT, "..", "shared", "corpora", "outlook")
    stores = sorted(os.path.join(d, f) for d, _, fs in os.walk(corpus) for f in fs
                    if f.lower().endswith((".pst", ".ost")))
    totals = collections.Counter()
    for store in stores:
        name = os.path.relpath(store, corpus)
        mine, problems = ours(tool, store)
        others = {"pffexport": pff(store), "readpst": readpst(store)}
        print("## %s" % name)
        for problem in problems:
            print("  mailaudit problem: %s" % problem.split(": ", 1)[-1])
        for label, (folders, failure) in others.items():
            if failure:
                print("  %s: %s" % (label, failure))
        for folder in sorted(set(mine) | {f for fs, _ in others.values() if fs for f in fs}):
            row = ["  %-40s mailaudit %3d" % (folder or "(top)", len(mine.get(folder, [])))]
            for label, (folders, failure) in others.items():
                if folders is None:
                    continue
                theirs = folders.get(folder, [])
                same = agree(mine.get(folder, []), theirs)
                relaxed = agree_relaxed(mine.get(folder, []), theirs)
                if folder in mine:
                    totals[label + " messages"] += len(mine[folder])
                    totals[label + " theirs"] += len(theirs)
                    totals[label + " agree"] += same
                    totals[label + " relaxed"] += relaxed
                row.append("%s %3d (same %3d, EX %3d)" % (label, len(theirs), same, relaxed))
                if verbose and folder in mine:
                    for signature in sorted(set(mine[folder]) ^ set(theirs)):
                        side = "only mailaudit" if signature in mine[folder] else "only " + label
                        print("      %s: %s" % (side, list(signature)))
            if folder not in mine:
                row.append("(not a mail folder mailaudit reads)")
            print("  ".join(row))
    print()
    for label in ("pffexport", "readpst"):
        print("%s: mailaudit %d messages, %s %d, in the folders mailaudit reads; identical To/Cc/Bcc %d, "
              "identical once EX stand-ins are matched by kind %d" % (
                  label, totals[label + " messages"], label, totals[label + " theirs"], totals[label + " agree"],
                  totals[label + " relaxed"]))


if __name__ == "__main__":
    main()
