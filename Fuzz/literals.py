#!/usr/bin/env python3
"""Writes every string literal of Swift test files to OUT/literal-N, one
per file: the seeds of a fuzz target whose entry names those files in a
"// fuzz-seeds:" line. Reads "...", #"..."# and multi-line literals;
interpolations are kept as written, which is still a useful seed.

    literals.py OUT FILE...
"""
import re
import sys

ESCAPES = {"n": "\n", "r": "\r", "t": "\t", "0": "\0", '"': '"', "\\": "\\", "'": "'"}


def unescape(body):
    def one(m):
        e = m.group(1)
        if e.startswith("u{"):
            return chr(int(e[2:-1], 16))
        return ESCAPES.get(e, e)

    return re.sub(r"\\(u\{[0-9a-fA-F]+\}|.)", one, body, flags=re.S)


def literals(text):
    multi = re.compile(r'"""\n(.*?)\n([ \t]*)"""', re.S)
    for m in multi.finditer(text):
        indent = m.group(2)
        lines = [l[len(indent):] if l.startswith(indent) else l for l in m.group(1).split("\n")]
        yield unescape("\n".join(lines))
    text = multi.sub("", text)
    raw = re.compile(r'#"(.*?)"#')
    yield from (m.group(1) for m in raw.finditer(text))
    text = raw.sub("", text)
    yield from (unescape(m.group(1)) for m in re.finditer(r'"((?:[^"\\\n]|\\.)*)"', text))


out, files = sys.argv[1], sys.argv[2:]
found = set()
for name in files:
    with open(name, encoding="utf-8") as f:
        found.update(s for s in literals(f.read()) if s)
for n, s in enumerate(sorted(found)):
    with open(f"{out}/literal-{n}", "wb") as f:
        f.write(s.encode("utf-8", "surrogatepass"))
