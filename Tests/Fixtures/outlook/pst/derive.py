#!/usr/bin/env python3
"""Re-encodes a real PST with another block cipher, for fixtures no public
store provides: a PST without encryption and one with "high" (cyclic)
encryption, made from a compressible-encryption original.

    derive.py SOURCE.pst none|permute|cyclic OUT.pst [OLD=NEW ...]

Each OLD=NEW (same length) replaces that text, as UTF-16LE and as ASCII,
in every decoded data block: a way to give a real message's recipients
other domains without rebuilding its heap.

Written from [MS-PST] 2.2.2.6 (header), 2.2.2.7 (B-tree pages), 2.2.2.8
(blocks) and 5.1-5.3 (ciphers, CRC). Every block listed in the block B-tree
whose BID marks it external (data) is decoded with the source's cipher and
encoded with the new one (the cyclic cipher is keyed by the low 32 bits of
the BID), its trailer CRC recomputed; then bCryptMethod and the header CRCs
are rewritten. Nothing else changes, so the store's messages must read the
same. Python 3 standard library only.
"""
import struct
import sys
import zlib

R = bytes([
    65, 54, 19, 98, 168, 33, 110, 187, 244, 22, 204, 4, 127, 100, 232, 93, 30, 242, 203, 42, 116, 197, 94, 53, 210, 149,
    71, 158, 150, 45, 154, 136, 76, 125, 132, 63, 219, 172, 49, 182, 72, 95, 246, 196, 216, 57, 139, 231, 35, 59, 56, 142,
    200, 193, 223, 37, 177, 32, 165, 70, 96, 78, 156, 251, 170, 211, 86, 81, 69, 124, 85, 0, 7, 201, 43, 157, 133, 155,
    9, 160, 143, 173, 179, 15, 99, 171, 137, 75, 215, 167, 21, 90, 113, 102, 66, 191, 38, 74, 107, 152, 250, 234, 119, 83,
    178, 112, 5, 44, 253, 89, 58, 134, 126, 206, 6, 235, 130, 120, 87, 199, 141, 67, 175, 180, 28, 212, 91, 205, 226, 233,
    39, 79, 195, 8, 114, 128, 207, 176, 239, 245, 40, 109, 190, 48, 77, 52, 146, 213, 14, 60, 34, 50, 229, 228, 249, 159,
    194, 209, 10, 129, 18, 225, 238, 145, 131, 118, 227, 151, 230, 97, 138, 23, 121, 164, 183, 220, 144, 122, 92, 140, 2,
    166, 202, 105, 222, 80, 26, 17, 147, 185, 82, 135, 88, 252, 237, 29, 55, 73, 27, 106, 224, 41, 51, 153, 189, 108, 217,
    148, 243, 64, 84, 111, 240, 198, 115, 184, 214, 62, 101, 24, 68, 31, 221, 103, 16, 241, 12, 25, 236, 174, 3, 161, 20,
    123, 169, 11, 255, 248, 163, 192, 162, 1, 247, 46, 188, 36, 104, 117, 13, 254, 186, 47, 181, 208, 218, 61])
S = bytes([
    20, 83, 15, 86, 179, 200, 122, 156, 235, 101, 72, 23, 22, 21, 159, 2, 204, 84, 124, 131, 0, 13, 12, 11, 162, 98, 168,
    118, 219, 217, 237, 199, 197, 164, 220, 172, 133, 116, 214, 208, 167, 155, 174, 154, 150, 113, 102, 195, 99, 153, 184,
    221, 115, 146, 142, 132, 125, 165, 94, 209, 93, 147, 177, 87, 81, 80, 128, 137, 82, 148, 79, 78, 10, 107, 188, 141,
    127, 110, 71, 70, 65, 64, 68, 1, 17, 203, 3, 63, 247, 244, 225, 169, 143, 60, 58, 249, 251, 240, 25, 48, 130, 9, 46,
    201, 157, 160, 134, 73, 238, 111, 77, 109, 196, 45, 129, 52, 37, 135, 27, 136, 170, 252, 6, 161, 18, 56, 253, 76, 66,
    114, 100, 19, 55, 36, 106, 117, 119, 67, 255, 230, 180, 75, 54, 92, 228, 216, 53, 61, 69, 185, 44, 236, 183, 49, 43,
    41, 7, 104, 163, 14, 105, 123, 24, 158, 33, 57, 190, 40, 26, 91, 120, 245, 35, 202, 42, 176, 175, 62, 254, 4, 140,
    231, 229, 152, 50, 149, 211, 246, 74, 232, 166, 234, 233, 243, 213, 47, 112, 32, 242, 31, 5, 103, 173, 85, 16, 206,
    205, 227, 39, 59, 218, 186, 215, 194, 38, 212, 145, 29, 210, 28, 34, 51, 248, 250, 241, 90, 239, 207, 144, 182, 139,
    181, 189, 192, 191, 8, 151, 30, 108, 226, 97, 224, 198, 193, 89, 171, 187, 88, 222, 95, 223, 96, 121, 126, 178, 138])
I = bytes(R.index(i) for i in range(256))
CIPHERS = {"none": 0, "permute": 1, "cyclic": 2}


def crc(data):
    # [MS-PST] 5.3: CRC-32 started at 0, no final inversion. zlib's crc32
    # inverts in and out, so undo both.
    return zlib.crc32(data, 0xFFFFFFFF) ^ 0xFFFFFFFF


def cyclic(data, bid):
    key = bid & 0xFFFFFFFF
    w = (key ^ (key >> 16)) & 0xFFFF
    out = bytearray(data)
    for i, b in enumerate(out):
        b = (b + (w & 0xFF)) & 0xFF
        b = R[b]
        b = (b + (w >> 8)) & 0xFF
        b = S[b]
        b = (b - (w >> 8)) & 0xFF
        b = I[b]
        b = (b - (w & 0xFF)) & 0xFF
        out[i] = b
        w = (w + 1) & 0xFFFF
    return bytes(out)


def decode(data, method, bid):
    if method == 0:
        return data
    if method == 1:
        return data.translate(I)
    return cyclic(data, bid)


def encode(data, method, bid):
    if method == 0:
        return data
    if method == 1:
        return data.translate(R)
    return cyclic(data, bid)


def main():
    source, target, out = sys.argv[1], CIPHERS[sys.argv[2]], sys.argv[3]
    replacements = []
    for pair in sys.argv[4:]:
        old, new = pair.split("=", 1)
        assert len(old) == len(new), "a replacement must keep the length: " + pair
        replacements += [(old.encode("utf-16-le"), new.encode("utf-16-le")), (old.encode(), new.encode())]
    pst = bytearray(open(source, "rb").read())
    assert pst[:4] == b"!BDN"
    version = struct.unpack_from("<H", pst, 10)[0]
    unicode = version >= 23
    if unicode:
        crypt_at, bbt_root = 513, struct.unpack_from("<Q", pst, 240)[0]
        idfmt, idsize, trailer_size = "<Q", 8, 16
        meta, page_trailer = 488, 496
    else:
        crypt_at, bbt_root = 461, struct.unpack_from("<I", pst, 196)[0]
        idfmt, idsize, trailer_size = "<I", 4, 12
        meta, page_trailer = 496, 500
    method = pst[crypt_at]

    blocks = []
    pages = [bbt_root]
    while pages:
        page = pages.pop()
        assert pst[page + page_trailer] == 0x80, "not a BBT page at %d" % page
        count, size, level = pst[page + meta], pst[page + meta + 2], pst[page + meta + 3]
        for i in range(count):
            at = page + i * size
            if level > 0:
                pages.append(struct.unpack_from(idfmt, pst, at + 2 * idsize)[0])
            else:
                bid = struct.unpack_from(idfmt, pst, at)[0]
                ib = struct.unpack_from(idfmt, pst, at + idsize)[0]
                cb = struct.unpack_from("<H", pst, at + 2 * idsize)[0]
                blocks.append((bid, ib, cb))

    changed = 0
    for bid, ib, cb in blocks:
        if bid & 2:
            continue  # internal blocks are never encoded
        data = bytes(pst[ib:ib + cb])
        plain = decode(data, method, bid)
        for old, new in replacements:
            plain = plain.replace(old, new)
        pst[ib:ib + cb] = encode(plain, target, bid)
        stored = (cb + trailer_size + 63) & ~63
        trailer = ib + stored - trailer_size
        crc_at = trailer + 4 if unicode else trailer + 8
        struct.pack_into("<I", pst, crc_at, crc(bytes(pst[ib:ib + cb])))
        changed += 1

    pst[crypt_at] = target
    struct.pack_into("<I", pst, 4, crc(bytes(pst[8:8 + 471])))
    if unicode:
        struct.pack_into("<I", pst, 524, crc(bytes(pst[8:8 + 516])))
    open(out, "wb").write(pst)
    print("%s: %d data blocks re-encoded, cipher %d -> %d" % (out, changed, method, target))


if __name__ == "__main__":
    main()
