import Glibc

/// Collects one header block from bytes that arrive in pieces of any size,
/// up to (and consuming) the blank line that ends it.
///
/// Shared by the mbox and the Maildir readers so both end a header block the
/// same way: at the first empty line, LF or CRLF.
struct HeaderBlockCollector {
  /// The header bytes so far, each line with its line ending, blank line excluded.
  private(set) var bytes: [UInt8] = []
  /// True once bytes past `limit` were dropped.
  private(set) var truncated = false
  /// The most bytes kept.
  let limit: Int
  private var atLineStart = true
  /// A `\r` seen at a line start at the end of a piece; the next byte decides
  /// whether it was a CRLF blank line or content.
  private var pendingCR = false

  init(limit: Int = MailboxLimits.maxHeaderBytes) {
    self.limit = limit
  }

  /// Consumes bytes up to the end of the header block.
  ///
  /// - Returns: how many bytes of `piece` were consumed, and whether the
  ///   blank line was reached (then the consumed count includes it).
  mutating func feed(_ piece: UnsafeRawBufferPointer) -> (consumed: Int, finished: Bool) {
    guard let base = piece.baseAddress else { return (0, false) }
    let count = piece.count
    var index = 0
    if pendingCR, count > 0 {
      pendingCR = false
      if piece[0] == ByteCode.lf { return (1, true) }
      keep([ByteCode.cr])
      atLineStart = false
    }
    // The lines of one piece are kept with one copy, when the piece ends or
    // the header does.
    let runStart = index
    func run(to end: Int) -> UnsafeRawBufferPointer { UnsafeRawBufferPointer(start: base + runStart, count: end - runStart) }
    while index < count {
      if atLineStart {
        let byte = piece[index]
        if byte == ByteCode.lf {
          keep(run(to: index))
          return (index + 1, true)
        }
        if byte == ByteCode.cr {
          if index + 1 >= count {
            keep(run(to: index))
            pendingCR = true
            return (count, false)
          }
          if piece[index + 1] == ByteCode.lf {
            keep(run(to: index))
            return (index + 2, true)
          }
        }
      }
      if let found = memchr(base + index, Int32(ByteCode.lf), count - index) {
        index = base.distance(to: UnsafeRawPointer(found)) + 1
        atLineStart = true
      } else {
        index = count
        atLineStart = false
      }
    }
    keep(run(to: count))
    return (count, false)
  }

  /// Hands over the bytes collected and starts afresh for the next message.
  ///
  /// NUL and other control bytes in the header are replaced (see
  /// ``HeaderControlBytes``) and reported in `controlBytes`, so a header a
  /// crash or a broken client left a stray NUL in is still read.
  mutating func take() -> (header: [UInt8], truncated: Bool, controlBytes: HeaderControlBytes?) {
    if pendingCR, !truncated, bytes.count < limit { bytes.append(ByteCode.cr) }
    var header = bytes
    let controlBytes = HeaderControlBytes.replace(in: &header)
    let result = (header, truncated, controlBytes)
    self = HeaderBlockCollector(limit: limit)
    return result
  }

  private mutating func keep<C: Collection>(_ part: C) where C.Element == UInt8 {
    guard !truncated else { return }
    let room = limit - bytes.count
    if part.count <= room {
      bytes.append(contentsOf: part)
    } else {
      bytes.append(contentsOf: part.prefix(room))
      truncated = true
    }
  }
}

/// Control bytes found in a header block and replaced by U+FFFD.
///
/// A text editor shows such a header with a stray mark and everything else
/// readable, so mailaudit reads it too instead of dropping the message:
/// NUL and the C0 controls are replaced, except TAB, LF and CR, and ESC, SO
/// and SI, which raw ISO-2022 headers (Japanese mail above all) are made of.
public struct HeaderControlBytes: Equatable, Sendable {
  /// How many bytes were replaced.
  public var count: Int
  /// Offset of the first one within the header block.
  public var firstOffset: Int

  /// The problem to report for a header found at `offset` of `file`.
  public func problem(file: String, offset: UInt64?) -> Problem {
    Problem(
      kind: .controlCharacter, file: file, offset: offset,
      detail: "\(count) NUL or control byte\(count == 1 ? "" : "s") in the header block (first at header byte \(firstOffset)) replaced by U+FFFD")
  }

  /// True for a byte that is replaced.
  @inline(__always)
  static func isReplaced(_ byte: UInt8) -> Bool {
    // The control bytes kept, one bit each: TAB, LF, CR, SO, SI, ESC. One
    // shift and test per byte instead of six comparisons; every header byte
    // is checked.
    let kept: UInt32 = 1 << 0x09 | 1 << 0x0A | 1 << 0x0D | 1 << 0x0E | 1 << 0x0F | 1 << 0x1B
    return byte < 0x20 && (kept >> UInt32(byte)) & 1 == 0
  }

  /// Replaces each control byte of `header` by U+FFFD; nil when there was none.
  public static func replace(in header: inout [UInt8]) -> HeaderControlBytes? {
    let first = header.withUnsafeBufferPointer { buffer -> Int? in
      for i in 0..<buffer.count where isReplaced(buffer[i]) { return i }
      return nil
    }
    guard let first else { return nil }
    var replaced: [UInt8] = []
    replaced.reserveCapacity(header.count + 16)
    replaced.append(contentsOf: header[..<first])
    var count = 0
    for byte in header[first...] {
      if isReplaced(byte) {
        replaced.append(contentsOf: [0xEF, 0xBF, 0xBD])
        count += 1
      } else {
        replaced.append(byte)
      }
    }
    header = replaced
    return HeaderControlBytes(count: count, firstOffset: first)
  }
}

/// The bytes the readers look for, by name.
enum ByteCode {
  static let lf: UInt8 = 0x0A
  static let cr: UInt8 = 0x0D
  static let space: UInt8 = 0x20
  static let tab: UInt8 = 0x09
  static let colon: UInt8 = 0x3A
  static let nul: UInt8 = 0x00
  /// `From ` as it starts an mbox separator line.
  static let fromSpace: [UInt8] = Array("From ".utf8)
  /// The UTF-8 byte order mark some writers put before the first line.
  static let byteOrderMark: [UInt8] = [0xEF, 0xBB, 0xBF]
}

/// Tests on the first bytes of a header block.
enum HeaderLine {
  /// True when `bytes` starts with a header field line, `Name: value`
  /// (RFC 5322 section 2.2; obsolete whitespace before the colon allowed).
  static func startsWithField<C: Collection>(_ bytes: C) -> Bool where C.Element == UInt8 {
    var nameLength = 0
    var sawSpace = false
    for byte in bytes {
      if byte == ByteCode.colon { return nameLength > 0 }
      if byte == ByteCode.space || byte == ByteCode.tab {
        if nameLength == 0 { return false }
        sawSpace = true
        continue
      }
      if sawSpace || byte < 33 || byte > 126 { return false }
      nameLength += 1
    }
    return false
  }

  /// True when `bytes` holds a NUL byte, the mark of a binary file.
  static func containsNUL(_ bytes: [UInt8]) -> Bool {
    bytes.withUnsafeBytes { raw in
      guard let base = raw.baseAddress else { return false }
      return memchr(base, 0, raw.count) != nil
    }
  }
}
