#!/usr/bin/env python3
"""Writes a minimal Outlook .msg from a message's MAPI properties.

Test-only, Python standard library, written from Microsoft's Open
Specifications: a version 3 Compound File ([MS-CFB]: 512-byte sectors, every
stream in the mini stream) holding a message object ([MS-OXMSG]: the
properties stream, one string stream per string property, one storage per
recipient). mailaudit has no .msg writer; this makes the .msg twin of a
message that is known in another form (the grafted PST message), so a test
can prove that the PST, the .msg and the .eml give the same findings.

    make_msg.py OUT.msg   (writes the message described in MESSAGE below)
"""
import struct
import sys

SECTOR = 512
MINI = 64
FREE, END, FATSECT = 0xFFFFFFFF, 0xFFFFFFFE, 0xFFFFFFFD
NOSTREAM = 0xFFFFFFFF

PT_LONG, PT_SYSTIME, PT_UNICODE = 0x0003, 0x0040, 0x001F

# The grafted message of Tests/Fixtures/outlook/pst/graft-three-domains.pst
# (see Tests/Fixtures/README.md): sent 2006-03-06 00:00:00 UTC.
FILETIME_2006_03_06 = (1141603200 + 11644473600) * 10_000_000
MESSAGE = {
    "class": "IPM.Note",
    "subject": "test mail(Aspose.Email Evaluation)",
    "sender": ("sender@sender.com", "sender@sender.com"),
    "submit": FILETIME_2006_03_06,
    "recipients": [  # (type: 1 To, 2 Cc, 3 Bcc, display name, address)
        (1, "receiver1@acme-corp.jp", "receiver1@acme-corp.jp"),
        (2, "receiver2@globex.co.jp", "receiver2@globex.co.jp"),
        (3, "receiver3@initech.info", "receiver3@initech.info"),
    ],
}


def message_streams(message):
    """The message object as (path, bytes) streams and storages."""
    streams = {}
    props = []  # (tag, value bytes) in the properties stream

    def string(prefix, pid, text, into):
        # [MS-OXMSG] 2.1.2: the stream holds the string; the size in the
        # properties stream counts its terminating null as well.
        data = text.encode("utf-16-le")
        streams[prefix + "__substg1.0_%04X%04X" % (pid, PT_UNICODE)] = data
        into.append((pid << 16 | PT_UNICODE, struct.pack("<II", len(data) + 2, 0)))

    string("", 0x001A, message["class"], props)
    string("", 0x0037, message["subject"], props)
    address, name = message["sender"]
    string("", 0x0C1A, name, props)
    string("", 0x0C1E, "SMTP", props)
    string("", 0x0C1F, address, props)
    string("", 0x5D01, address, props)
    props.append((0x0039 << 16 | PT_SYSTIME, struct.pack("<Q", message["submit"])))
    props.append((0x0E07 << 16 | PT_LONG, struct.pack("<II", 0x1, 0)))  # mfRead, sent
    recipients = message["recipients"]
    header = struct.pack("<8xIIII8x", len(recipients), 0, len(recipients), 0)
    streams["__properties_version1.0"] = header + b"".join(
        struct.pack("<II", tag, 0x6) + value for tag, value in props)
    for i, (kind, display, smtp) in enumerate(recipients):
        prefix = "__recip_version1.0_#%08X/" % i
        rprops = [(0x0C15 << 16 | PT_LONG, struct.pack("<II", kind, 0))]
        string(prefix, 0x3001, display, rprops)
        string(prefix, 0x3002, "SMTP", rprops)
        string(prefix, 0x3003, smtp, rprops)
        string(prefix, 0x39FE, smtp, rprops)
        streams[prefix + "__properties_version1.0"] = b"\0" * 8 + b"".join(
            struct.pack("<II", tag, 0x6) + value for tag, value in rprops)
    # The named-property mapping storage every .msg has, here empty.
    for name in ("__substg1.0_00020102", "__substg1.0_00030102", "__substg1.0_00040102"):
        streams["__nameid_version1.0/" + name] = b""
    return streams


def cfb_name_key(name):
    # [MS-CFB] 2.6.4: siblings are ordered by name length, then upper case.
    return (len(name), name.upper())


def write_cfb(streams):
    # The storage tree: root, storages, streams.
    tree = {"": []}
    for path in streams:
        parts = path.split("/")
        for depth in range(1, len(parts)):
            storage = "/".join(parts[:depth])
            if storage not in tree:
                tree[storage] = []
                tree["/".join(parts[:depth - 1])].append(storage)
        tree["/".join(parts[:-1])].append(path)
    entries = [""]  # directory order: root first
    for storage in sorted(tree):
        for child in tree[storage]:
            if child not in entries:
                entries.append(child)
    index = {path: i for i, path in enumerate(entries)}

    # Streams in the mini stream, 64 bytes a mini sector.
    mini_stream = bytearray()
    mini_fat = []
    starts = {}
    for path in entries[1:]:
        if path not in streams:
            continue
        data = streams[path]
        if not data:
            starts[path] = END
            continue
        first = len(mini_stream) // MINI
        count = (len(data) + MINI - 1) // MINI
        starts[path] = first
        mini_fat += [first + k + 1 for k in range(count - 1)] + [END]
        mini_stream += data + b"\0" * (count * MINI - len(data))

    def sectors(nbytes):
        return (nbytes + SECTOR - 1) // SECTOR

    dir_sectors = sectors(len(entries) * 128)
    mini_fat_sectors = sectors(len(mini_fat) * 4)
    mini_stream_sectors = sectors(len(mini_stream))
    data_sectors = dir_sectors + mini_fat_sectors + mini_stream_sectors
    fat_sectors = 1
    while (data_sectors + fat_sectors) > fat_sectors * (SECTOR // 4):
        fat_sectors += 1
    assert fat_sectors <= 109
    fat = [FATSECT] * fat_sectors
    layout = {}
    for name, count in (("dir", dir_sectors), ("minifat", mini_fat_sectors), ("ministream", mini_stream_sectors)):
        layout[name] = len(fat) if count else END
        fat += [len(fat) + k + 1 for k in range(count - 1)] + ([END] if count else [])
    fat += [FREE] * (fat_sectors * (SECTOR // 4) - len(fat))

    def children_tree(storage):
        # All black, each sibling's right link to the next larger name: a
        # valid (unbalanced) red-black tree, as [MS-CFB] allows readers to
        # accept.
        kids = sorted(tree.get(storage, []), key=lambda p: cfb_name_key(p.split("/")[-1]))
        links = {}
        for k, kid in enumerate(kids):
            links[kid] = index[kids[k + 1]] if k + 1 < len(kids) else NOSTREAM
        return (index[kids[0]] if kids else NOSTREAM), links

    rights = {}
    childs = {}
    for storage in tree:
        first, links = children_tree(storage)
        childs[storage] = first
        rights.update(links)

    directory = bytearray()
    for path in entries:
        name = "Root Entry" if path == "" else path.split("/")[-1]
        encoded = name.encode("utf-16-le") + b"\0\0"
        if path == "":
            kind, start, size = 5, layout["ministream"], len(mini_stream)
        elif path in tree:
            kind, start, size = 1, 0, 0
        else:
            kind, start, size = 2, starts[path], len(streams[path])
        directory += struct.pack(
            "<64sHBBIII16sIQQIQ", encoded, len(encoded), kind, 1, NOSTREAM, rights.get(path, NOSTREAM),
            childs.get(path, NOSTREAM), b"\0" * 16, 0, 0, 0, start, size)
    directory += b"\0" * (dir_sectors * SECTOR - len(directory))
    for i in range(len(entries) * 128, len(directory), 128):
        struct.pack_into("<III", directory, i + 68, NOSTREAM, NOSTREAM, NOSTREAM)

    header = struct.pack(
        "<8s16sHHHHH6sIIIIIIIII", b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", b"\0" * 16, 0x003E, 0x0003, 0xFFFE, 9, 6,
        b"\0" * 6, 0, fat_sectors, layout["dir"], 0, 4096, layout["minifat"], mini_fat_sectors, END, 0)
    header += struct.pack("<109I", *(list(range(fat_sectors)) + [FREE] * (109 - fat_sectors)))
    assert len(header) == SECTOR
    body = struct.pack("<%dI" % len(fat), *fat)
    body += bytes(directory)
    minifat = struct.pack("<%dI" % len(mini_fat), *mini_fat)
    body += minifat + b"\xFF" * (mini_fat_sectors * SECTOR - len(minifat))
    body += bytes(mini_stream) + b"\0" * (mini_stream_sectors * SECTOR - len(mini_stream))
    return header + body


if __name__ == "__main__":
    with open(sys.argv[1], "wb") as out:
        out.write(write_cfb(message_streams(MESSAGE)))
