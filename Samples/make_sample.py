#!/usr/bin/env python3
"""Writes the sample Sent mailbox, its expected findings and its README.

    python3 Samples/make_sample.py           # write Sent.mbox, expected.json, README.md
    python3 Samples/make_sample.py --check   # fail if the committed files differ

Everything here is synthetic and written for mailaudit: company domains are
reserved `.example` names, addresses at real personal-mail providers have
obviously fake local parts ending in `.sample`, and no person is real.

The script holds one description of every message (`build_messages`). From it
it renders the mbox and, independently of mailaudit, applies the exposure rules
(the rules in README.md, "What counts as an exposure") to compute expected.json. A self-check then reads
Sent.mbox back with Python's `mailbox` and `email` packages and asserts that
what they extract (To/Cc/Resent-To/Resent-Cc addresses, display names,
subjects, dates, ids) matches the model, so the expectations describe the
bytes actually written. Standard library only; output is byte-for-byte
deterministic (no clock, no randomness, sorted JSON keys).
"""

from __future__ import annotations

import base64
import email.utils
import hashlib
import json
import mailbox
import re
import sys
import tempfile
import unicodedata
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from email import policy
from email.parser import BytesParser
from pathlib import Path

HERE = Path(__file__).resolve().parent
MBOX_NAME = "Sent.mbox"
EXPECTED_NAME = "expected.json"
README_NAME = "README.md"
MAX_MBOX_BYTES = 300 * 1024

# --------------------------------------------------------------------------
# The rules, as README.md ("What counts as an exposure") states them (an independent model).
# --------------------------------------------------------------------------

PERSONAL_PROVIDERS = (
    "gmail.com googlemail.com yahoo.com yahoo.co.jp ymail.com outlook.com "
    "outlook.jp hotmail.com hotmail.co.jp live.com live.jp msn.com icloud.com "
    "me.com mac.com aol.com protonmail.com proton.me gmx.de gmx.net web.de "
    "mail.ru yandex.ru qq.com 163.com 126.com naver.com docomo.ne.jp "
    "ezweb.ne.jp au.com softbank.ne.jp i.softbank.jp ymobile.ne.jp nifty.com "
    "ocn.ne.jp biglobe.ne.jp so-net.ne.jp"
).split()

SEVERITY_ORDER = ["low", "medium", "high", "critical"]

DOT_ATOM = re.compile(r"[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*")

# Reply and forward prefixes; compared after NFKC so full-width letters and
# the full-width colon match their ASCII forms.
REPLY_PREFIX = re.compile(r"^\s*(re|aw|sv|返信)\s*:", re.IGNORECASE)
THREAD_PREFIX = re.compile(r"^\s*(re|aw|sv|返信|fw|fwd|wg|tr|転送)\s*:\s*", re.IGNORECASE)


def normalise(addr_spec: str) -> str:
    """`local@domain` compared form: lower case, dot-atom quotes removed."""
    local, at, domain = addr_spec.rpartition("@")
    assert at, addr_spec
    if len(local) >= 2 and local.startswith('"') and local.endswith('"'):
        inner = local[1:-1]
        if DOT_ATOM.fullmatch(inner):
            local = inner
    # All sample domains are ASCII, so the IDNA form is the lower-cased name.
    assert domain.isascii(), domain
    return local.lower() + "@" + domain.lower()


def domain_of(address: str) -> str:
    return address.rpartition("@")[2]


def is_provider(domain: str) -> bool:
    return any(domain == p or domain.endswith("." + p) for p in PERSONAL_PROVIDERS)


def registrable(domain: str) -> str:
    """Public suffix + one label. The PSL has no `example` rule, so the
    implicit `*` rule makes `example` the suffix: `sales.acme.example` ->
    `acme.example`. Only `.example` companies appear in the sample."""
    labels = domain.split(".")
    if labels[-1] != "example":
        raise ValueError(f"registrable() only knows .example, got {domain}")
    return ".".join(labels[-2:])


def party_of(address: str) -> str:
    domain = domain_of(address)
    return address if is_provider(domain) else registrable(domain)


def severity(exposed: int, personal: int) -> str:
    if exposed >= 100 or personal >= 20:
        return "critical"
    if exposed >= 20 or personal >= 5:
        return "high"
    if exposed >= 5 or personal >= 2:
        return "medium"
    return "low"


def is_reply_subject(subject: str) -> bool:
    return REPLY_PREFIX.match(unicodedata.normalize("NFKC", subject)) is not None


def thread_subject(subject: str) -> str:
    text = unicodedata.normalize("NFKC", subject)
    while True:
        stripped = THREAD_PREFIX.sub("", text, count=1)
        if stripped == text:
            return " ".join(text.split()).casefold()
        text = stripped


# --------------------------------------------------------------------------
# Address-list entries and how they are written.
# --------------------------------------------------------------------------


def q_encode(text: str) -> str:
    out = []
    for byte in text.encode("utf-8"):
        ch = chr(byte)
        if ch == " ":
            out.append("_")
        elif ch.isascii() and (ch.isalnum() or ch in "!*+-/"):
            out.append(ch)
        else:
            out.append(f"={byte:02X}")
    return "=?UTF-8?Q?" + "".join(out) + "?="


def b_encode(text: str, charset: str) -> str:
    codec = {"ISO-2022-JP": "iso2022_jp", "UTF-8": "utf-8"}[charset]
    return f"=?{charset}?B?" + base64.b64encode(text.encode(codec)).decode("ascii") + "?="


def b_encode_words(text: str, charset: str, chunk: int = 10) -> str:
    """Several encoded words, each a whole character sequence, folded apart."""
    pieces = [text[i:i + chunk] for i in range(0, len(text), chunk)]
    return "\n ".join(b_encode(p, charset) for p in pieces)


@dataclass
class Mailbox:
    """One `name <addr>` entry. `enc` says how the display name is written."""
    addr: str                       # as written, e.g. `Tanaka@ACME.Example`
    name: str | None = None         # decoded display name
    enc: str | None = None          # None (atoms/quoted), iso2022jp, utf8b, utf8q

    def render(self) -> str:
        if not self.name:
            return self.addr
        if self.enc == "iso2022jp":
            shown = b_encode(self.name, "ISO-2022-JP")
        elif self.enc == "utf8b":
            shown = b_encode(self.name, "UTF-8")
        elif self.enc == "utf8q":
            shown = q_encode(self.name)
        elif re.fullmatch(r"[A-Za-z0-9 .'-]+", self.name) and "." not in self.name:
            shown = self.name
        else:
            shown = '"' + self.name.replace("\\", "\\\\").replace('"', '\\"') + '"'
        return f"{shown} <{self.addr}>"

    def tokens(self) -> list[str]:
        return [self.render()]

    def addresses(self) -> list[str]:
        return [self.addr]


@dataclass
class Group:
    """`Name: a, b;` (members visible) or `Name:;` (adds nobody)."""
    name: str
    members: list[Mailbox] = field(default_factory=list)

    def tokens(self) -> list[str]:
        """Members as separate tokens, so a long group folds between them."""
        if not self.members:
            return [f"{self.name}:;"]
        parts = [m.render() for m in self.members]
        parts[0] = f"{self.name}: {parts[0]}"
        parts[-1] += ";"
        return parts

    def addresses(self) -> list[str]:
        return [m.addr for m in self.members]


@dataclass
class Unreadable:
    """An entry that is no address at all (a bare name)."""
    text: str

    def tokens(self) -> list[str]:
        return [self.text]

    def addresses(self) -> list[str]:
        return []


def render_list(label: str, entries: list) -> str:
    """`Label: a, b,` folded before an entry once a line passes 76 columns."""
    tokens = [t for entry in entries for t in entry.tokens()]
    lines = [f"{label}: "]
    for index, token in enumerate(tokens):
        text = token + ("," if index < len(tokens) - 1 else "")
        if len(lines[-1]) > len(label) + 2 and len(lines[-1]) + len(text) + 1 > 76:
            lines[-1] = lines[-1].rstrip()
            lines.append(" " + text)
        else:
            lines[-1] += ("" if lines[-1].endswith(": ") else " ") + text
    return "\n".join(lines)


# --------------------------------------------------------------------------
# Synthetic people.
# --------------------------------------------------------------------------

FAMILY = [
    ("tanaka", "田中"), ("suzuki", "鈴木"), ("takahashi", "高橋"), ("watanabe", "渡辺"),
    ("ito", "伊藤"), ("yamamoto", "山本"), ("nakamura", "中村"), ("kobayashi", "小林"),
    ("kato", "加藤"), ("yoshida", "吉田"), ("yamada", "山田"), ("sasaki", "佐々木"),
    ("yamaguchi", "山口"), ("matsumoto", "松本"), ("inoue", "井上"), ("kimura", "木村"),
    ("hayashi", "林"), ("shimizu", "清水"), ("yamazaki", "山崎"), ("mori", "森"),
    ("abe", "阿部"), ("ikeda", "池田"), ("hashimoto", "橋本"), ("ishikawa", "石川"),
    ("ogawa", "小川"), ("okada", "岡田"), ("hasegawa", "長谷川"), ("fujita", "藤田"),
    ("goto", "後藤"), ("kondo", "近藤"),
]
GIVEN = [
    ("hanako", "花子"), ("taro", "太郎"), ("yui", "結衣"), ("ren", "蓮"),
    ("haruto", "陽翔"), ("sakura", "さくら"), ("kenji", "健二"), ("misaki", "美咲"),
    ("daiki", "大輝"), ("aoi", "葵"), ("sota", "蒼太"), ("mei", "芽衣"),
    ("riku", "陸"), ("yuna", "優奈"), ("kaito", "海斗"), ("hina", "陽菜"),
    ("yuto", "悠斗"), ("mio", "美桜"), ("takumi", "拓海"), ("rin", "凛"),
    ("sho", "翔"), ("nana", "七海"), ("kazuki", "一輝"), ("emi", "恵美"),
    ("shun", "俊"), ("saki", "咲"), ("ryo", "亮"), ("ai", "愛"),
    ("kenta", "健太"), ("yuki", "由紀"),
]

# Fictional customers; `.example` is reserved (RFC 2606), so none is real.
COMPANIES = [
    "acme.example", "globex.example", "initech.example", "umbrella.example",
    "hooli.example", "wonka.example", "kitakaze-shoji.example", "sakura-denki.example",
    "minato-foods.example", "hikari-systems.example", "aozora-trading.example",
    "momiji-pharma.example", "tsubame-kogyo.example", "kawasemi-bank.example",
    "hoshizora-ins.example", "yamabiko-tech.example", "shinonome-print.example",
    "ginga-soft.example", "kumo-design.example", "nagisa-hotel.example",
    "tokiwa-steel.example", "hibari-books.example", "midori-farm.example",
    "kasumi-clinic.example", "sazanami-marine.example", "inaho-rice.example",
    "fuyu-apparel.example", "kirin-motors.example", "tsukimi-cafe.example",
    "hotaru-lighting.example", "kaede-architects.example", "ayame-cosmetics.example",
]
PROVIDERS = [
    "gmail.com", "yahoo.co.jp", "docomo.ne.jp", "outlook.com", "ezweb.ne.jp",
    "icloud.com", "softbank.ne.jp", "hotmail.co.jp", "nifty.com", "outlook.jp",
]


class People:
    """Hands out unique synthetic contacts in a fixed order."""

    def __init__(self) -> None:
        self.count = 0

    def _name(self):
        n = self.count
        self.count += 1
        q, r = divmod(n, len(FAMILY))
        assert q < len(GIVEN), "name space exhausted"
        return FAMILY[r], GIVEN[(q + r) % len(GIVEN)]

    def company(self, domain: str, named: bool = True) -> Mailbox:
        (fam, _), (giv, _) = self._name()
        name = f"{fam.capitalize()} {giv.capitalize()}" if named else None
        return Mailbox(f"{fam}.{giv}@{domain}", name)

    def personal(self, provider: str) -> Mailbox:
        (fam, _), (giv, _) = self._name()
        return Mailbox(f"{fam}.{giv}.sample@{provider}")

    def japanese(self, domain: str, enc: str, suffix: str = "") -> Mailbox:
        (fam, fam_kanji), (giv, giv_kanji) = self._name()
        local = f"{fam}.{giv}{suffix}"
        return Mailbox(f"{local}@{domain}", f"{fam_kanji} {giv_kanji}", enc)

    def companies(self, count: int, domains: list[str], named: bool = True) -> list[Mailbox]:
        return [self.company(domains[i % len(domains)], named) for i in range(count)]

    def personals(self, count: int, providers: list[str] = PROVIDERS) -> list[Mailbox]:
        return [self.personal(providers[i % len(providers)]) for i in range(count)]


# Senders and colleagues (all at corp.example or a subdomain of it).
SUZUKI = Mailbox("suzuki.kenji@corp.example", "Suzuki Kenji")
ITO = Mailbox("ito.misaki@jp.corp.example", "Ito Misaki")
KATO = Mailbox("kato.yui@corp.example", "Kato Yui")
WATANABE = Mailbox("watanabe.ren@jp.corp.example", "Watanabe Ren")
SALES_TEAM = Mailbox("sales-team@corp.example")
ANNA = Mailbox("anna.weber@de.corp.example", "Anna Weber")
MARK = Mailbox("mark.ellis@us.corp.example", "Mark Ellis")
PRIYA = Mailbox("priya.nair@in.corp.example", "Priya Nair")
OLIVER = Mailbox("oliver.grant@uk.corp.example", "Oliver Grant")
NEWS = Mailbox("news@corp.example", "Corp Example News")

JST = timezone(timedelta(hours=9))
CET = timezone(timedelta(hours=1))
EDT = timezone(timedelta(hours=-4))
IST = timezone(timedelta(hours=5, minutes=30))
UTC = timezone.utc


# --------------------------------------------------------------------------
# Messages.
# --------------------------------------------------------------------------


@dataclass
class Attachment:
    filename: str
    content_type: str
    data: bytes


@dataclass
class Message:
    key: str
    sender: Mailbox
    date: datetime
    subject: str
    note: str                                   # why it is or is not a finding
    to: list = field(default_factory=list)
    cc: list = field(default_factory=list)
    bcc: list = field(default_factory=list)
    resent: dict | None = None                  # date, from, to, cc, bcc
    subject_header: str | None = None           # encoded form, if not plain
    message_id: str | None = ""                 # "" = derive; None = no header
    in_reply_to: str | None = None
    references: list[str] = field(default_factory=list)
    body: str = ""
    body_charset: str = "utf-8"                 # utf-8 (8bit) or iso-2022-jp (7bit)
    attachment: Attachment | None = None
    id_header: str = "Message-ID"
    copies: int = 1                             # 2 = the same bytes twice in the mbox
    expect: tuple | None = None                 # (severity, E, P) the design intends

    def __post_init__(self) -> None:
        if self.message_id == "":
            digest = hashlib.sha256(self.key.encode()).hexdigest()[:10]
            self.message_id = f"{self.date.astimezone(UTC):%Y%m%d%H%M%S}.{digest}@mail.corp.example"

    @property
    def filed_at(self) -> datetime:
        """When the message landed in the Sent folder (resent date if resent)."""
        return self.resent["date"] if self.resent else self.date


def fake_pdf(title: str, size: int) -> bytes:
    """A few KB that look like a PDF to a person and are stable run to run."""
    head = f"%PDF-1.4\n% mailaudit sample attachment: {title}\n".encode()
    chunk, out = hashlib.sha256(title.encode()).digest(), bytearray(head)
    while len(out) < size:
        chunk = hashlib.sha256(chunk).digest()
        out += chunk
    return bytes(out[:size]) + b"\n%%EOF\n"


def greeting(names: str, lines: list[str], sign: Mailbox) -> str:
    return f"{names}\n\n" + "\n".join(lines) + f"\n\nBest regards,\n{sign.name}\nCorp Example Co., Ltd.\n"


def build_messages() -> list[Message]:
    p = People()
    msgs: list[Message] = []
    add = msgs.append

    # ---- Not findings ---------------------------------------------------
    add(Message(
        "internal-only", SUZUKI, datetime(2025, 3, 3, 9, 12, tzinfo=JST),
        "Weekly sales meeting agenda",
        "Every recipient is at corp.example or jp.corp.example: internal only.",
        to=[ITO, KATO], cc=[SALES_TEAM],
        body=greeting("Hi all,", ["Agenda for Monday: pipeline review, trade show, Q2 targets."], SUZUKI)))

    tanaka = p.company("acme.example")
    add(Message(
        "single-external", SUZUKI, datetime(2025, 3, 3, 10, 30, tzinfo=JST),
        "Quotation for 2025 maintenance",
        "One external recipient (acme.example) and an internal Cc: one party.",
        to=[tanaka], cc=[KATO],
        body=greeting(f"Dear {tanaka.name},", [
            "Please find our quotation attached.",
            "From the attached quotation you can see the revised unit prices.",
            "(The line above starts with 'From ', so the mbox writer quotes it.)"], SUZUKI),
        attachment=Attachment("quotation-2025.pdf", "application/pdf", fake_pdf("quotation-2025", 3000))))

    acme_a = p.company("acme.example")
    acme_sales = p.company("sales.acme.example")
    add(Message(
        "one-company", SUZUKI, datetime(2025, 3, 4, 14, 5, tzinfo=JST),
        "Kick-off for the inventory system upgrade",
        "Two people at acme.example and sales.acme.example (one party: the implicit "
        "PSL rule makes both acme.example) plus internal Cc: colleagues seeing each other.",
        to=[acme_a, acme_sales], cc=[ITO, KATO],
        body=greeting("Dear all,", ["Thank you for the kick-off; minutes follow next week."], SUZUKI)))

    single_personal = p.personal("gmail.com")
    add(Message(
        "single-personal", WATANABE, datetime(2025, 3, 4, 16, 40, tzinfo=JST),
        "Your repair request #4521",
        "One private person (gmail.com) and an internal Cc: one party.",
        to=[single_personal], cc=[SALES_TEAM],
        body=greeting("Dear customer,", ["Your device has been repaired and will ship tomorrow."], WATANABE)))

    bcc_customers = p.companies(30, COMPANIES[:15]) + p.personals(10)
    add(Message(
        "bcc-undisclosed", ITO, datetime(2025, 3, 5, 11, 0, tzinfo=JST),
        "Office relocation notice",
        "40 customers in Bcc, To is the empty group `undisclosed-recipients:;`: "
        "nobody is visible, the correct way.",
        to=[Group("undisclosed-recipients")], bcc=bcc_customers,
        body=greeting("Dear customers,", ["Our Osaka office moves on 1 April 2025."], ITO)))

    bcc_self = p.companies(30, COMPANIES[15:30]) + p.personals(10)
    add(Message(
        "bcc-to-self", MARK, datetime(2025, 3, 5, 18, 15, tzinfo=EDT),
        "Holiday schedule for the support desk",
        "To the sender himself, 40 customers in Bcc: no external visible recipient.",
        to=[MARK], bcc=bcc_self,
        body=greeting("Dear customers,", ["The support desk is closed on 29 April."], MARK)))

    # ---- Severities, at and near the thresholds --------------------------
    low_a, low_b = p.company("acme.example"), p.company("globex.example")
    add(Message(
        "low-two-companies", SUZUKI, datetime(2025, 3, 6, 9, 30, tzinfo=JST),
        "Minutes of the joint review",
        "Two companies see each other: E=2, P=0, low.",
        to=[low_a], cc=[low_b, KATO], expect=("low", 2, 0),
        body=greeting("Dear all,", ["Attached are the minutes of Tuesday's review."], SUZUKI),
        attachment=Attachment("minutes.pdf", "application/pdf", fake_pdf("minutes", 1800))))

    add(Message(
        "low-below-medium", KATO, datetime(2025, 3, 6, 15, 45, tzinfo=JST),
        "Seminar follow-up materials",
        "E=4, P=1: just under medium on both counts, low.",
        to=p.companies(3, ["acme.example", "globex.example", "initech.example"]) + p.personals(1, ["outlook.com"]),
        expect=("low", 4, 1),
        body=greeting("Dear participants,", ["Thank you for attending. Slides are attached.",
                                              ">From our records, two of you asked for the video too.",
                                              "(Already-quoted '>From ' gains one more '>' in mboxrd.)"], KATO)))

    add(Message(
        "medium-e5", SUZUKI, datetime(2025, 3, 7, 10, 0, tzinfo=JST),
        "Renewal of maintenance contract",
        "E=5 at three companies, P=0: medium by E>=5 (the gmail.com address in "
        "Bcc is not visible, so not counted). The subject starts with 'Re' "
        "but not 'Re:', so it is not a reply.",
        to=p.companies(5, ["umbrella.example", "hooli.example", "wonka.example"]),
        bcc=[p.personal("gmail.com"), KATO], expect=("medium", 5, 0),
        body=greeting("Dear customers,", ["Your contracts renew on 1 April; nothing changes."], SUZUKI)))

    medium_p3 = [p.personal("gmail.com"), p.personal("yahoo.co.jp"), p.personal("docomo.ne.jp")]
    add(Message(
        "medium-p3", WATANABE, datetime(2025, 3, 7, 13, 20, tzinfo=JST),
        "Product tester meetup",
        "Three private people (gmail.com, yahoo.co.jp, docomo.ne.jp), each its own "
        "party: E=3, P=3, medium by P>=2.",
        to=medium_p3, cc=[ITO], expect=("medium", 3, 3),
        body=greeting("Dear testers,", ["The meetup is on 15 March at our Shibuya office."], WATANABE)))

    add(Message(
        "medium-below-high", ITO, datetime(2025, 3, 7, 17, 5, tzinfo=JST),
        "Dealer price list update",
        "E=19, P=4: one short of high on both counts, medium.",
        to=p.companies(10, COMPANIES[:5]), cc=p.companies(5, COMPANIES[5:8]) + p.personals(4),
        expect=("medium", 19, 4),
        body=greeting("Dear partners,", ["The updated price list applies from 1 April."], ITO)))

    add(Message(
        "high-e20", OLIVER, datetime(2025, 3, 10, 8, 55, tzinfo=UTC),
        "Distributor conference: travel details",
        "E=20 at ten companies, P=0: high by E>=20.",
        to=p.companies(20, COMPANIES[8:18]), expect=("high", 20, 0),
        body=greeting("Dear distributors,", ["Hotel and shuttle details are below."], OLIVER)))

    add(Message(
        "high-p5", WATANABE, datetime(2025, 3, 10, 12, 10, tzinfo=JST),
        "Beta programme welcome",
        "Five private people: E=5, P=5, high by P>=5.",
        to=p.personals(5), expect=("high", 5, 5),
        body=greeting("Dear beta testers,", ["Welcome aboard! Your login arrives separately."], WATANABE)))

    newsletter = ([low_a, low_b] + medium_p3 + p.companies(88, COMPANIES)
                  + p.personals(27))
    add(Message(
        "critical-newsletter", NEWS, datetime(2025, 3, 11, 7, 0, tzinfo=JST),
        "Corp Example customer newsletter, March 2025",
        "A customer newsletter with 120 addresses in To and Cc, 30 of them private: "
        "critical by both E>=100 and P>=20. Five addresses were already exposed "
        "in earlier messages.",
        to=newsletter[:60], cc=newsletter[60:], bcc=[Mailbox("archive@corp.example")],
        expect=("critical", 120, 30),
        body=greeting("Dear customers,", ["This month: new models, the spring seminar and support hours."], NEWS)))

    add(Message(
        "critical-e100", PRIYA, datetime(2025, 3, 11, 16, 30, tzinfo=IST),
        "Webinar access links",
        "E=100 at 25 companies, P=0: critical by E>=100 exactly.",
        to=p.companies(100, COMPANIES[:25], named=False), expect=("critical", 100, 0),
        body=greeting("Hello,", ["Your webinar link is valid for 24 hours."], PRIYA)))

    add(Message(
        "critical-p20", WATANABE, datetime(2025, 3, 12, 10, 0, tzinfo=JST),
        "Owners' club spring event",
        "E=25 of which P=20: critical by P>=20 exactly (E alone would be high).",
        to=p.personals(20), cc=p.companies(5, ["kumo-design.example", "nagisa-hotel.example"]),
        expect=("critical", 25, 20),
        body=greeting("Dear club members,", ["The spring event is on 12 April."], WATANABE)))

    add(Message(
        "high-below-critical", ITO, datetime(2025, 3, 12, 15, 0, tzinfo=JST),
        "Spring campaign announcement",
        "E=99, P=19: one short of critical on both counts, high.",
        to=p.companies(80, COMPANIES, named=False), cc=p.personals(19),
        expect=("high", 99, 19),
        body=greeting("Dear customers,", ["Our spring campaign starts on 20 March."], ITO)))

    # ---- Replies -----------------------------------------------------------
    globex_asker = p.company("globex.example")
    add(Message(
        "reply-re", SUZUKI, datetime(2025, 3, 13, 9, 40, tzinfo=JST),
        "Re: Delivery schedule change",
        "Reply (`Re:` and In-Reply-To to a customer's message not in this mbox); "
        "globex.example, acme.example and initech.example see each other: a low finding, marked reply.",
        to=[globex_asker], cc=[p.company("acme.example"), p.company("initech.example"), KATO],
        in_reply_to="20250312183000.7781@mail.globex.example",
        references=["20250312183000.7781@mail.globex.example"], expect=("low", 3, 0),
        body=greeting(f"Dear {globex_asker.name},", ["The new delivery date is 21 March.",
                                                     "", "> Could you confirm the new date?"], SUZUKI)))

    add(Message(
        "reply-fullwidth", ITO, datetime(2025, 3, 13, 11, 25, tzinfo=JST),
        "Ｒｅ：お見積もりの件",
        "Reply by subject only: full-width `Ｒｅ：` encoded in ISO-2022-JP, no "
        "In-Reply-To. Two companies and a docomo.ne.jp address: low, marked reply.",
        subject_header=b_encode_words("Ｒｅ：お見積もりの件", "ISO-2022-JP"),
        to=[p.japanese("acme.example", "iso2022jp"), p.japanese("umbrella.example", "iso2022jp")],
        cc=[p.personal("docomo.ne.jp")], expect=("low", 3, 1),
        body_charset="iso-2022-jp",
        body="ご担当者様\n\nお世話になっております。\nお見積もりを再送いたします。\n\n伊藤 美咲\n"))

    add(Message(
        "reply-aw", ANNA, datetime(2025, 3, 13, 14, 0, tzinfo=CET),
        "AW: Termin für die Schulung",
        "German reply prefix `AW:`, no In-Reply-To: two companies and a gmx.de "
        "address see each other; low, marked reply. Only the word `für` is encoded.",
        subject_header="AW: Termin =?UTF-8?Q?f=C3=BCr?= die Schulung",
        to=[Mailbox("mueller.jonas@mueller-technik.example", "Jonas Müller", "utf8q")],
        cc=[Mailbox("becker.lena@schmidt-bau.example", "Lena Becker"),
            Mailbox("hoffmann.max.sample@gmx.de")],
        expect=("low", 3, 1),
        body="Hallo zusammen,\n\nder Termin am 20. März um 10 Uhr passt.\n\nViele Grüße\nAnna Weber\n"))

    # ---- A thread: original and reply-all with an overlapping list ----------
    booth = p.companies(6, ["hooli.example", "wonka.example", "ginga-soft.example", "kumo-design.example"])
    original = Message(
        "thread-original", SUZUKI, datetime(2025, 3, 14, 10, 0, tzinfo=JST),
        "Joint exhibition booth arrangements",
        "Six people at four exhibitors in To: E=6, medium. Starts a thread.",
        to=booth, cc=[KATO], expect=("medium", 6, 0),
        body=greeting("Dear exhibitors,", ["Booth layout and load-in times are attached."], SUZUKI),
        attachment=Attachment("booth-layout.pdf", "application/pdf", fake_pdf("booth-layout", 2400)))
    add(original)
    customer_reply = "CAHk7xQ.20250315.0912@mail.hooli.example"
    add(Message(
        "thread-reply-all", SUZUKI, datetime(2025, 3, 16, 9, 30, tzinfo=JST),
        "Re: Joint exhibition booth arrangements",
        "Reply-all to a customer's reply in the same thread (References reaches the "
        "original): five of the original six plus one newcomer. Overlaps the "
        "original, so both are one incident. E=6, medium, reply.",
        to=booth[1:] + [p.company("hikari-systems.example")], cc=[KATO],
        in_reply_to=customer_reply, references=[original.message_id, customer_reply],
        expect=("medium", 6, 0),
        body=greeting("Dear all,", ["Load-in moves to 8:00; everything else stays."], SUZUKI)))

    # ---- A batch: one mailing in three chunks, and a repeat 3 days later ----
    seminar = "Invitation: Spring partner seminar 2025"
    chunk_times = [datetime(2025, 3, 17, 9, 0, tzinfo=JST), datetime(2025, 3, 17, 13, 30, tzinfo=JST),
                   datetime(2025, 3, 18, 8, 45, tzinfo=JST)]
    for i, when in enumerate(chunk_times, start=1):
        add(Message(
            f"batch-chunk-{i}", ITO, when, seminar,
            f"Chunk {i} of 3 of one mailing (same sender and subject, "
            f"{'the first' if i == 1 else f'{(when - chunk_times[0]).total_seconds() / 3600:g} h after the first'}), "
            "to a list of its own: E=8, P=2, medium. The three chunks are one incident.",
            to=p.companies(6, COMPANIES[10 + 3 * i:13 + 3 * i]) + p.personals(2), expect=("medium", 8, 2),
            body=greeting("Dear partners,", ["You are invited to our spring partner seminar on 10 April."], ITO)))
    add(Message(
        "batch-repeat", ITO, datetime(2025, 3, 21, 10, 0, tzinfo=JST), seminar,
        "Same sender and subject three days after the last chunk, to new people: "
        "outside the 24 h window and no shared address, so a separate incident. E=8, P=2, medium.",
        to=p.companies(6, COMPANIES[25:28]) + p.personals(2), expect=("medium", 8, 2),
        body=greeting("Dear partners,", ["A reminder: our spring partner seminar is on 10 April."], ITO)))

    # ---- Groups, Resent, duplicates, missing ids, encodings, bad entries ----
    add(Message(
        "group", KATO, datetime(2025, 3, 18, 16, 20, tzinfo=JST),
        "Customer advisory board: next session",
        "Members of the group `Customers: ...;` are visible (two companies and an "
        "icloud.com address); the empty group `Project team:;` adds nobody. E=3, P=1, low.",
        to=[Group("Customers", [p.company("tokiwa-steel.example"), p.company("hibari-books.example"),
                                p.personal("icloud.com")])],
        cc=[Group("Project team"), SUZUKI], expect=("low", 3, 1),
        body=greeting("Dear board members,", ["The next session is on 2 April."], KATO)))

    add(Message(
        "resent", SUZUKI, datetime(2025, 3, 12, 11, 0, tzinfo=JST),
        "Installation guide for model X200",
        "Sent to one initech.example address, then resent by a colleague with "
        "Resent-To adding umbrella.example and a yahoo.co.jp address. Visible: "
        "the original To and the Resent-To (Resent-Bcc is not). E=4, P=1, low.",
        to=[p.company("initech.example")],
        resent={"date": datetime(2025, 3, 19, 9, 15, tzinfo=JST), "from": KATO,
                "to": [p.company("umbrella.example"), p.company("umbrella.example"),
                       p.personal("yahoo.co.jp")],
                "bcc": [p.personal("outlook.jp")],
                "message_id": "20250319001500.resent.x200@mail.corp.example"},
        expect=("low", 4, 1),
        body=greeting("Dear customer,", ["The installation guide for the X200 is attached."], SUZUKI),
        attachment=Attachment("x200-install.pdf", "application/pdf", fake_pdf("x200-install", 4200))))

    add(Message(
        "duplicate", SUZUKI, datetime(2025, 3, 19, 13, 0, tzinfo=JST),
        "Price list April 2025",
        "Stored twice in the mbox (same bytes, same Message-ID: the second copy is "
        "at the end, as after a re-import): one message, two locations. Two companies: low.",
        to=[p.company("wonka.example")], cc=[p.company("acme.example")], copies=2,
        expect=("low", 2, 0),
        body=greeting("Dear customers,", ["The April price list is attached."], SUZUKI)))

    add(Message(
        "no-message-id", MARK, datetime(2025, 3, 19, 17, 45, tzinfo=EDT),
        "Support desk contact update",
        "No Message-ID header (deduplicated by header hash; it is here once). "
        "Three companies: E=3, low.",
        to=p.companies(3, ["kirin-motors.example", "tsukimi-cafe.example", "hotaru-lighting.example"]),
        message_id=None, expect=("low", 3, 0),
        body=greeting("Hello,", ["The support desk has a new phone number from 1 April."], MARK)))

    add(Message(
        "japanese-names", ITO, datetime(2025, 3, 20, 10, 10, tzinfo=JST),
        "【ご案内】新製品説明会のお知らせ",
        "Japanese display names as ISO-2022-JP and UTF-8 (B and Q) encoded words, "
        "and `=?UTF-8?Q?Yamada=2C_Taro?=` whose decoded comma must not split the "
        "entry. Subject in ISO-2022-JP. E=5 at four parties incl. one ezweb.ne.jp: medium.",
        subject_header=b_encode_words("【ご案内】新製品説明会のお知らせ", "ISO-2022-JP", chunk=8),
        to=[p.japanese("sakura-denki.example", "iso2022jp"), p.japanese("minato-foods.example", "utf8b"),
            Mailbox("yamada.taro@initech.example", "Yamada, Taro", "utf8q")],
        cc=[p.japanese("minato-foods.example", "utf8q"),
            p.japanese("ezweb.ne.jp", "iso2022jp", suffix=".sample")],
        expect=("medium", 5, 1),
        body_charset="iso-2022-jp",
        body="お客様各位\n\n新製品説明会を4月8日に開催いたします。\n\n伊藤 美咲\n"))

    add(Message(
        "unparseable-entry", KATO, datetime(2025, 3, 20, 15, 30, tzinfo=JST),
        "Revised delivery note",
        "`To: Sato Ichiro, ...`: a bare name is no address; it is counted as one "
        "unparseable address (not a visible recipient, not dropped). The two "
        "readable companies see each other: low.",
        to=[Unreadable("Sato Ichiro"), p.company("globex.example")], cc=[p.company("initech.example")],
        expect=("low", 2, 0),
        body=greeting("Dear all,", ["The revised delivery note is attached."], KATO)))

    add(Message(
        "mixed-case", Mailbox("Suzuki.Kenji@Corp.Example", "Suzuki Kenji"),
        datetime(2025, 3, 21, 9, 5, tzinfo=JST),
        "Sample shipment tracking",
        "`Tanaka@ACME.Example` and `tanaka@acme.example` are one address, as are "
        "`HAYASHI.Rin@Globex.Example` and `\"hayashi.rin\"@globex.example` (a quoted "
        "dot-atom). From is mixed case too. Two addresses, two parties: low.",
        to=[Mailbox("Tanaka@ACME.Example", "Tanaka"), Mailbox("HAYASHI.Rin@Globex.Example")],
        cc=[Mailbox("tanaka@acme.example"), Mailbox('"hayashi.rin"@globex.example')],
        id_header="Message-Id", expect=("low", 2, 0),
        body=greeting("Dear both,", ["Tracking numbers for the samples are below."], SUZUKI)))

    return msgs


# --------------------------------------------------------------------------
# Rendering.
# --------------------------------------------------------------------------


def mbox_from_line(msg: Message) -> str:
    envelope = normalise((msg.resent["from"] if msg.resent else msg.sender).addr)
    return f"From {envelope} {msg.filed_at.astimezone(UTC).replace(tzinfo=None).ctime()}\n"


def render_headers(msg: Message) -> list[str]:
    h: list[str] = []
    if msg.resent:
        r = msg.resent
        h.append(f"Resent-Date: {email.utils.format_datetime(r['date'])}")
        h.append(render_list("Resent-From", [r["from"]]))
        h.append(render_list("Resent-To", r["to"]))
        if r.get("cc"):
            h.append(render_list("Resent-Cc", r["cc"]))
        if r.get("bcc"):
            h.append(render_list("Resent-Bcc", r["bcc"]))
        h.append(f"Resent-Message-ID: <{r['message_id']}>")
    h.append(render_list("From", [msg.sender]))
    if msg.to:
        h.append(render_list("To", msg.to))
    if msg.cc:
        h.append(render_list("Cc", msg.cc))
    if msg.bcc:
        h.append(render_list("Bcc", msg.bcc))
    subject = msg.subject_header or msg.subject
    assert subject.isascii(), f"{msg.key}: encode the subject"
    h.append("Subject: " + subject)
    h.append(f"Date: {email.utils.format_datetime(msg.date)}")
    if msg.message_id:
        h.append(f"{msg.id_header}: <{msg.message_id}>")
    if msg.in_reply_to:
        h.append(f"In-Reply-To: <{msg.in_reply_to}>")
    if msg.references:
        h.append("References: " + "\n ".join(f"<{r}>" for r in msg.references))
    h.append("MIME-Version: 1.0")
    h.append("X-Mailer: mailaudit sample generator")
    return h


def text_part_headers(charset: str) -> list[str]:
    if charset == "iso-2022-jp":
        return ["Content-Type: text/plain; charset=ISO-2022-JP", "Content-Transfer-Encoding: 7bit"]
    return ["Content-Type: text/plain; charset=UTF-8", "Content-Transfer-Encoding: 8bit"]


def encode_text(text: str, charset: str) -> bytes:
    if charset == "iso-2022-jp":
        return "\n".join(line.encode("iso2022_jp").decode("ascii") for line in text.split("\n")).encode("ascii")
    return text.encode("utf-8")


def render_message(msg: Message) -> bytes:
    """The message bytes (LF endings), before mboxrd quoting."""
    headers = render_headers(msg)
    if msg.attachment is None:
        headers += text_part_headers(msg.body_charset)
        return ("\n".join(headers) + "\n\n").encode("ascii") + encode_text(msg.body, msg.body_charset)
    boundary = "=_mailaudit_sample_" + hashlib.sha256(msg.key.encode()).hexdigest()[:16]
    headers.append(f'Content-Type: multipart/mixed; boundary="{boundary}"')
    att = msg.attachment
    b64 = base64.b64encode(att.data).decode("ascii")
    b64_lines = "\n".join(b64[i:i + 76] for i in range(0, len(b64), 76))
    out = ("\n".join(headers) + "\n\nThis is a multi-part message in MIME format.\n\n").encode("ascii")
    out += f"--{boundary}\n".encode() + ("\n".join(text_part_headers(msg.body_charset)) + "\n\n").encode()
    out += encode_text(msg.body, msg.body_charset) + b"\n"
    out += (f"--{boundary}\nContent-Type: {att.content_type}; name=\"{att.filename}\"\n"
            f"Content-Disposition: attachment; filename=\"{att.filename}\"\n"
            f"Content-Transfer-Encoding: base64\n\n{b64_lines}\n\n--{boundary}--\n").encode("ascii")
    return out


FROM_LINE = re.compile(rb"^>*From ")


def mboxrd_quote(raw: bytes) -> bytes:
    lines = raw.split(b"\n")
    return b"\n".join(b">" + line if FROM_LINE.match(line) else line for line in lines)


def render_mbox(msgs: list[Message]) -> tuple[bytes, list[tuple[Message, int]]]:
    """The mbox bytes and (message, byte offset of its `From ` line) per copy."""
    order = sorted(msgs, key=lambda m: m.filed_at)
    entries = list(order) + [m for m in order if m.copies == 2]
    out, placed = bytearray(), []
    for msg in entries:
        placed.append((msg, len(out)))
        body = mboxrd_quote(render_message(msg))
        if not body.endswith(b"\n"):
            body += b"\n"
        out += mbox_from_line(msg).encode("ascii") + body + b"\n"
    return bytes(out), placed


# --------------------------------------------------------------------------
# The model: exposure findings and incidents from the message descriptions.
# --------------------------------------------------------------------------


def visible_entries(msg: Message) -> list:
    entries = msg.to + msg.cc
    if msg.resent:
        entries = entries + msg.resent.get("to", []) + msg.resent.get("cc", [])
    return entries


def visible_addresses(msg: Message) -> list[str]:
    seen: list[str] = []
    for entry in visible_entries(msg):
        for addr in entry.addresses():
            n = normalise(addr)
            if n not in seen:
                seen.append(n)
    return seen


def unreadable_count(msg: Message) -> int:
    return sum(1 for e in visible_entries(msg) if isinstance(e, Unreadable))


def iso(dt: datetime) -> str:
    return dt.isoformat()


def analyse(msgs: list[Message], placed: list[tuple[Message, int]]) -> dict:
    # Dedupe by Message-ID; a message without one is keyed by its own bytes,
    # which equal for identical copies just as a header hash would.
    locations: dict[str, list[int]] = {}
    distinct: list[Message] = []
    for msg, offset in placed:
        key = msg.message_id or "sha256:" + hashlib.sha256(render_message(msg)).hexdigest()
        if key not in locations:
            locations[key] = []
            distinct.append(msg)
        locations[key].append(offset)

    internal = sorted({registrable(domain_of(normalise(m.sender.addr))) for m in distinct
                       if not is_provider(domain_of(normalise(m.sender.addr)))})

    def is_internal(address: str) -> bool:
        d = domain_of(address)
        return any(d == i or d.endswith("." + i) for i in internal)

    messages, findings = [], []
    for msg in distinct:
        key = msg.message_id or "sha256:" + hashlib.sha256(render_message(msg)).hexdigest()
        visible = visible_addresses(msg)
        external = [a for a in visible if not is_internal(a)]
        parties = sorted({party_of(a) for a in external})
        personal = [a for a in external if is_provider(domain_of(a))]
        reply = msg.in_reply_to is not None or is_reply_subject(msg.subject)
        is_finding = len(parties) >= 2
        row = {
            "key": msg.key,
            "message_id": msg.message_id,
            "subject": msg.subject,
            "date": iso(msg.date),
            "sender": normalise(msg.sender.addr),
            "finding": is_finding,
            "visible_recipients": len(visible),
            "external_recipients": len(external),
            "parties": len(parties),
            "personal": len(personal),
            "unparseable_addresses": unreadable_count(msg),
            "locations": locations[key],
            "note": msg.note,
        }
        messages.append(row)
        if is_finding:
            sev = severity(len(external), len(personal))
            if msg.expect is not None:
                assert msg.expect == (sev, len(external), len(personal)), (msg.key, sev, len(external), len(personal))
            findings.append({
                "key": msg.key,
                "message_id": msg.message_id,
                "subject": msg.subject,
                "date": iso(msg.date),
                "sender": normalise(msg.sender.addr),
                "severity": sev,
                "reply": reply,
                "visible_recipients": len(visible),
                "external_recipients": len(external),
                "parties": len(parties),
                "personal": len(personal),
                "exposed_addresses": sorted(external),
            })
        else:
            assert msg.expect is None, f"{msg.key} was meant to be a finding"

    by_key = {m.key: m for m in distinct}
    incidents = group_incidents(findings, by_key, subject_fallback_only_when_unlinked=True)
    # The rules' "or, failing those, the same subject" can be read two ways;
    # the sample is built so both readings give the same incidents.
    assert incidents == group_incidents(findings, by_key, subject_fallback_only_when_unlinked=False)

    exposed_all = sorted({a for f in findings for a in f["exposed_addresses"]})
    return {
        "mailbox": MBOX_NAME,
        "messages_total": len(distinct),
        "locations_total": len(placed),
        "inferred_internal_domains": internal,
        "unparseable_addresses": sum(m["unparseable_addresses"] for m in messages),
        "summary": {
            "findings": len(findings),
            "by_severity": {s: sum(1 for f in findings if f["severity"] == s) for s in SEVERITY_ORDER},
            "replies": sum(1 for f in findings if f["reply"]),
            "incidents": len(incidents),
            "exposed_addresses_distinct": len(exposed_all),
            "personal_distinct": sum(1 for a in exposed_all if is_provider(domain_of(a))),
        },
        "findings": findings,
        "incidents": incidents,
        "messages": messages,
    }


class UnionFind:
    def __init__(self) -> None:
        self.parent: dict = {}

    def find(self, x):
        self.parent.setdefault(x, x)
        while self.parent[x] != x:
            self.parent[x] = self.parent[self.parent[x]]
            x = self.parent[x]
        return x

    def union(self, a, b) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)


def group_incidents(findings: list[dict], by_key: dict[str, Message],
                    subject_fallback_only_when_unlinked: bool) -> list[dict]:
    # Threads: ids linked through Message-ID / In-Reply-To / References.
    ids = UnionFind()
    linked: set[str] = set()
    for msg in by_key.values():
        refs = ([msg.in_reply_to] if msg.in_reply_to else []) + msg.references
        if msg.message_id:
            ids.find(msg.message_id)
            for r in refs:
                ids.union(msg.message_id, r)
                linked.update([msg.message_id, r])

    def same_thread(a: Message, b: Message) -> bool:
        if a.message_id and b.message_id and ids.find(a.message_id) == ids.find(b.message_id):
            return True
        if subject_fallback_only_when_unlinked and (a.message_id in linked or b.message_id in linked):
            return False
        return thread_subject(a.subject) == thread_subject(b.subject)

    inc = UnionFind()
    for i, f in enumerate(findings):
        inc.find(i)
        for j in range(i):
            g = findings[j]
            a, b = by_key[f["key"]], by_key[g["key"]]
            overlap = set(f["exposed_addresses"]) & set(g["exposed_addresses"])
            if same_thread(a, b) and overlap:
                inc.union(i, j)
            hours = abs((a.date - b.date).total_seconds()) / 3600
            if (f["sender"] == g["sender"] and thread_subject(a.subject) == thread_subject(b.subject)
                    and f["exposed_addresses"] != g["exposed_addresses"] and hours <= 24):
                inc.union(i, j)

    groups: dict[int, list[int]] = {}
    for i in range(len(findings)):
        groups.setdefault(inc.find(i), []).append(i)
    out = []
    for members in sorted(groups.values()):
        fs = [findings[i] for i in members]
        union = sorted({a for f in fs for a in f["exposed_addresses"]})
        dates = sorted((by_key[f["key"]].date for f in fs))
        out.append({
            "message_ids": [f["message_id"] for f in fs],
            "subjects": [f["subject"] for f in fs],
            "messages": len(fs),
            "exposed_addresses": len(union),
            "personal": sum(1 for a in union if is_provider(domain_of(a))),
            "parties": len({party_of(a) for a in union}),
            "first_date": iso(dates[0]),
            "last_date": iso(dates[-1]),
        })
    return out


# --------------------------------------------------------------------------
# Self-check: read the written mbox back with Python's own parser.
# --------------------------------------------------------------------------


def self_check(mbox_path: Path, msgs: list[Message], expected: dict) -> None:
    by_id = {m.message_id: m for m in msgs if m.message_id}
    by_subject = {m.subject: m for m in msgs if not m.message_id}
    raw = mbox_path.read_bytes()
    assert len(raw) <= MAX_MBOX_BYTES, f"mbox is {len(raw)} bytes"
    assert b"\r" not in raw, "LF line endings only"
    # Every body line that starts with `From ` is quoted; separators are not.
    separators = [m.start() for m in re.finditer(rb"(?m)^From ", raw)]
    assert separators == sorted(o for msg in expected["messages"] for o in msg["locations"])
    assert b"\n>From the attached quotation" in raw and b"\n>>From our records" in raw

    box = mailbox.mbox(str(mbox_path), create=False)
    seen_ids: set = set()
    count = 0
    parser = BytesParser(policy=policy.default)
    for key in box.keys():
        count += 1
        parsed = parser.parsebytes(box.get_bytes(key))
        mid = parsed["Message-ID"]
        if mid is None:
            model = by_subject[str(parsed["Subject"])]
        else:
            model = by_id[str(mid).strip().strip("<>")]
        seen_ids.add(model.key)
        assert str(parsed["Subject"]) == model.subject, (model.key, str(parsed["Subject"]))
        assert email.utils.parsedate_to_datetime(str(parsed["Date"])) == model.date
        assert (parsed["In-Reply-To"] is not None) == (model.in_reply_to is not None)

        found, unreadable, names = [], 0, {}
        for name in ("To", "Cc", "Resent-To", "Resent-Cc"):
            header = parsed[name]
            if header is None:
                continue
            for addr in header.addresses:
                if not addr.domain:
                    unreadable += 1
                    continue
                n = normalise(addr.addr_spec)
                if n not in found:
                    found.append(n)
                if addr.display_name:
                    names.setdefault(n, addr.display_name)
        assert found == visible_addresses(model), (model.key, found, visible_addresses(model))
        assert unreadable == unreadable_count(model), model.key
        for entry in visible_entries(model):
            for mbx in (entry.members if isinstance(entry, Group) else [entry]):
                if isinstance(mbx, Mailbox) and mbx.name:
                    assert names.get(normalise(mbx.addr)) == mbx.name, (model.key, mbx.name)
        # Bcc never counts; make sure Python sees the Bcc we wrote.
        if model.bcc:
            assert len(parsed["Bcc"].addresses) == len(model.bcc)
    assert count == expected["locations_total"]
    assert len(seen_ids) == expected["messages_total"]


# --------------------------------------------------------------------------
# README.
# --------------------------------------------------------------------------

README_HEAD = """\
# The sample Sent mailbox

`Sent.mbox` is a small, synthetic Sent folder written for mailaudit, so a
newcomer can see real reports:

```
swift run -c release mailaudit audit Samples/Sent.mbox
```

No person in it is real. Companies use reserved `.example` domains
(`corp.example` is the sender's own company, with `jp.`, `de.`, `us.`, `uk.`
and `in.corp.example` offices); private people use real personal-mail
providers (gmail.com, yahoo.co.jp, docomo.ne.jp, ...) with obviously fake
local parts ending in `.sample`.

Everything here is generated by `make_sample.py` (Python 3, standard
library only), deterministically: **edit the script, not the outputs**, then
run `python3 Samples/make_sample.py` and commit all three files.
`python3 Samples/make_sample.py --check` fails when the committed files are
not what the script writes.

- `Sent.mbox`: mboxrd, LF line endings. One message is stored twice.
- `expected.json`: what mailaudit should find, computed by the script's own
  model of the exposure rules (README.md, "What counts as an exposure"; not by running
  mailaudit). The script then re-reads `Sent.mbox` with Python's `mailbox` and
  `email` (policy.default) and asserts that the To/Cc/Resent-To/Resent-Cc
  addresses, display names, subjects and dates it extracts match the model.
- `README.md`: this file.

## How the rules apply here

- Internal domains are not configured; they are inferred from the From
  addresses: every sender is at `corp.example` or a subdomain, so the inferred
  internal domain is `corp.example`.
- `.example` is not in the Public Suffix List, so its implicit `*` rule
  applies: `sales.acme.example` and `acme.example` are one party,
  `acme.example`.
- Each address at a personal-mail provider is its own party.
- A message is a finding when its external visible recipients (To, Cc,
  Resent-To, Resent-Cc, distinct after normalisation) belong to two or more
  parties. Severity from E (exposed) and P (personal): critical E>=100 or
  P>=20; high E>=20 or P>=5; medium E>=5 or P>=2; low otherwise.
- In `expected.json`, `message_id` is without angle brackets; the one message
  without a Message-ID has `null` and is identified by its subject. Dates are
  the `Date` header in ISO 8601 with its own offset (for the resent message,
  the original `Date`, not `Resent-Date`). `locations` are byte offsets of the
  `From ` lines.

## What expected.json holds

- `messages_total` (distinct after dedupe), `locations_total` (stored
  copies), `inferred_internal_domains`, `unparseable_addresses` (whole
  mailbox), and a `summary` (findings by severity, replies, incidents,
  distinct exposed and personal addresses).
- `findings`, one per exposure message in mbox order: `message_id`,
  `subject` (decoded), `date`, `sender` (normalised From), `severity`,
  `reply`, `visible_recipients`, `external_recipients`, `parties`,
  `personal` (counts of distinct normalised addresses) and
  `exposed_addresses` (sorted, normalised). `key` is the script's short name
  for the message, stable across regenerations.
- `incidents`: every finding belongs to exactly one; each lists its
  `message_ids` (and `subjects`) in mbox order, with `messages`,
  `exposed_addresses`, `personal` and `parties` counted over the union of
  its exposed addresses, and `first_date` / `last_date`.
- `messages`: every distinct message, finding or not, with its counts,
  `unparseable_addresses`, `locations` and the `note` shown below.
"""


def render_readme(expected: dict) -> str:
    out = [README_HEAD]
    s = expected["summary"]
    out.append("## Totals\n")
    out.append(f"- {expected['locations_total']} messages stored, "
               f"{expected['messages_total']} distinct after dedupe.")
    out.append(f"- {s['findings']} findings: " + ", ".join(
        f"{s['by_severity'][k]} {k}" for k in SEVERITY_ORDER) + f"; {s['replies']} marked reply.")
    out.append(f"- {s['incidents']} incidents; {s['exposed_addresses_distinct']} distinct exposed "
               f"addresses, {s['personal_distinct']} of them personal.")
    out.append(f"- {expected['unparseable_addresses']} unparseable address.\n")
    out.append("## The messages\n")
    out.append("In mbox order (by the date each was filed; the duplicate's second copy is last).\n")
    out.append("| # | Date | From | Subject | Result | Why |")
    out.append("|---|---|---|---|---|---|")
    by_key = {f["key"]: f for f in expected["findings"]}
    rows = sorted(expected["messages"], key=lambda m: m["locations"][0])
    for i, m in enumerate(rows, start=1):
        f = by_key.get(m["key"])
        if f:
            result = f"**{f['severity']}** (E={f['external_recipients']}, P={f['personal']}, {f['parties']} parties)"
            if f["reply"]:
                result += ", reply"
        else:
            result = "not a finding"
        copies = f" Stored {len(m['locations'])} times." if len(m["locations"]) > 1 else ""
        subject = m["subject"].replace("|", "\\|")
        out.append(f"| {i} | {m['date']} | {m['sender']} | {subject} | {result} | {m['note']}{copies} |")
    out.append("\n## Incidents\n")
    out.append("Findings grouped per the rules (one thread with overlapping exposed "
               "addresses; one sender and subject within 24 hours). Incidents of more "
               "than one message:\n")
    for inc in expected["incidents"]:
        if inc["messages"] > 1:
            out.append(f"- {inc['messages']} messages, {inc['exposed_addresses']} exposed addresses "
                       f"({inc['personal']} personal, {inc['parties']} parties), "
                       f"{inc['first_date']} to {inc['last_date']}: "
                       + "; ".join(f"`{s}`" for s in inc["subjects"]))
    out.append("\nEvery other finding is an incident of its own; in particular the "
               "fourth seminar invitation, sent three days after the batch to other "
               "people, is separate.\n")
    return "\n".join(out)


# --------------------------------------------------------------------------


def generate(target: Path) -> None:
    msgs = build_messages()
    mbox_bytes, placed = render_mbox(msgs)
    expected = analyse(msgs, placed)
    (target / MBOX_NAME).write_bytes(mbox_bytes)
    self_check(target / MBOX_NAME, msgs, expected)
    (target / EXPECTED_NAME).write_text(json.dumps(expected, ensure_ascii=False, indent=2, sort_keys=True) + "\n",
                                        encoding="utf-8")
    (target / README_NAME).write_text(render_readme(expected), encoding="utf-8")


def main(argv: list[str]) -> int:
    if argv[1:] == ["--check"]:
        with tempfile.TemporaryDirectory() as tmp:
            generate(Path(tmp))
            stale = [n for n in (MBOX_NAME, EXPECTED_NAME, README_NAME)
                     if (Path(tmp) / n).read_bytes() != (HERE / n).read_bytes()]
        if stale:
            print("out of date: " + ", ".join(stale) + " (run python3 Samples/make_sample.py)", file=sys.stderr)
            return 1
        print("Samples are up to date.")
        return 0
    if argv[1:]:
        print(__doc__, file=sys.stderr)
        return 64
    generate(HERE)
    print(f"wrote {MBOX_NAME}, {EXPECTED_NAME}, {README_NAME} in {HERE}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
