/// Splits header bytes into literal text and RFC 2047 encoded words, decoding
/// each word's Base64 or Q payload to bytes (charset decoding comes later,
/// once adjacent words are joined).
struct EncodedWordScanner {
  /// One encoded word's payload.
  struct Word: Equatable {
    /// The charset label without any RFC 2231 `*language` suffix.
    var charset: String
    var bytes: [UInt8]
  }

  /// A piece of the header text.
  enum Segment: Equatable {
    case literal([UInt8])
    case word(Word)
    /// Something that starts like an encoded word but is broken; kept as
    /// written, with the reason.
    case malformed([UInt8], reason: String)
  }

  let bytes: [UInt8]

  private func byte(at index: Int) -> UInt8? {
    bytes.indices.contains(index) ? bytes[index] : nil
  }

  /// The bytes in `range`, clamped to the input so a scanning slip cannot trap.
  private func slice(_ range: Range<Int>) -> ArraySlice<UInt8> {
    bytes[range.clamped(to: bytes.indices)]
  }

  /// The segments in order; literal runs are merged.
  func segments() -> [Segment] {
    var result: [Segment] = []
    var literalStart = 0
    var index = 0
    func flushLiteral(upTo end: Int) {
      if end > literalStart { result.append(.literal(Array(slice(literalStart..<end)))) }
    }
    while index < bytes.count {
      guard byte(at: index) == 0x3D, byte(at: index + 1) == 0x3F else {
        index += 1
        continue
      }
      switch word(at: index) {
      case .none:
        index += 1
      case .some(.success(let word, let end)):
        flushLiteral(upTo: index)
        result.append(.word(word))
        index = end
        literalStart = end
      case .some(.failure(let reason, let end)):
        flushLiteral(upTo: index)
        result.append(.malformed(Array(slice(index..<end)), reason: reason))
        index = end
        literalStart = end
      }
    }
    flushLiteral(upTo: bytes.count)
    return result
  }

  /// The outcome of reading an encoded word at some position.
  private enum Reading {
    case success(Word, end: Int)
    case failure(String, end: Int)
  }

  /// Reads `=?charset?E?text?=` at `start` (which holds `=?`): nil when the
  /// bytes do not even look like an encoded word (plain text).
  private func word(at start: Int) -> Reading? {
    var index = start + 2
    // charset (with an optional *language)
    let charsetStart = index
    while let current = byte(at: index), current != 0x3F, Self.isTokenByte(current) { index += 1 }
    guard index > charsetStart, byte(at: index) == 0x3F else { return nil }
    let fullLabel = String(decoding: slice(charsetStart..<index), as: UTF8.self)
    let charset = fullLabel.split(separator: "*", maxSplits: 1).first.map(String.init) ?? fullLabel
    guard let encoding = byte(at: index + 1), byte(at: index + 2) == 0x3F else { return nil }
    let isBase64: Bool
    switch encoding {
    case 0x42, 0x62: isBase64 = true
    case 0x51, 0x71: isBase64 = false
    default: return nil
    }
    index += 3
    let textStart = index
    // encoded text: up to `?=`; white space or a line end means it never
    // closed, except spaces in Q text that a `?=` soon closes, which clients
    // such as GMime accept (`=?iso-8859-1?Q? "=F6tzi" ?=` in mu's test data).
    while let current = byte(at: index) {
      if current == 0x3F, byte(at: index + 1) == 0x3D { break }
      if current == 0x3F && isBase64 { break }
      if (current == 0x20 || current == 0x09) && !isBase64 && closesSoon(from: index, start: start) {
        index += 1
        continue
      }
      if current <= 0x20 || current == 0x7F { break }
      index += 1
    }
    guard byte(at: index) == 0x3F, byte(at: index + 1) == 0x3D else {
      return .failure("encoded word without closing ?=", end: index)
    }
    let payload = slice(textStart..<index)
    let end = index + 2
    let decoded = isBase64 ? Self.base64(payload) : Self.quotedPrintable(payload)
    guard let decoded, !charset.isEmpty else {
      return .failure("invalid \(isBase64 ? "Base64" : "Q") in encoded word", end: end)
    }
    return .success(Word(charset: charset, bytes: decoded), end: end)
  }

  /// Whether a `?=` follows `index` before any line end or new `=?`, close
  /// enough to `start` for one word (RFC 2047 allows 75 characters; twice
  /// that is tolerated).
  private func closesSoon(from index: Int, start: Int) -> Bool {
    var position = index
    while let current = byte(at: position), position - start <= 150 {
      if current == 0x0D || current == 0x0A { return false }
      if current == 0x3D, byte(at: position + 1) == 0x3F { return false }
      if current == 0x3F, byte(at: position + 1) == 0x3D { return true }
      position += 1
    }
    return false
  }

  /// RFC 2045 token characters (a charset label), minus `?`.
  private static func isTokenByte(_ byte: UInt8) -> Bool {
    guard byte > 0x20, byte < 0x7F else { return false }
    return !"()<>@,;:\\\"/[]?=".utf8.contains(byte)
  }

  /// Base64 with optional padding; nil on a character outside the alphabet
  /// or a length no encoder produces.
  static func base64<C: Collection>(_ text: C) -> [UInt8]? where C.Element == UInt8 {
    var output: [UInt8] = []
    output.reserveCapacity(text.count * 3 / 4)
    var accumulator: UInt32 = 0
    var count = 0
    var sawPadding = false
    for character in text {
      let value: UInt8
      switch character {
      case UInt8(ascii: "A")...UInt8(ascii: "Z"): value = character - UInt8(ascii: "A")
      case UInt8(ascii: "a")...UInt8(ascii: "z"): value = character - UInt8(ascii: "a") + 26
      case UInt8(ascii: "0")...UInt8(ascii: "9"): value = character - UInt8(ascii: "0") + 52
      case UInt8(ascii: "+"): value = 62
      case UInt8(ascii: "/"): value = 63
      case UInt8(ascii: "="):
        sawPadding = true
        continue
      default: return nil
      }
      if sawPadding { return nil }  // data after padding
      accumulator = accumulator << 6 | UInt32(value)
      count += 1
      if count == 4 {
        output.append(UInt8(truncatingIfNeeded: accumulator >> 16))
        output.append(UInt8(truncatingIfNeeded: accumulator >> 8))
        output.append(UInt8(truncatingIfNeeded: accumulator))
        accumulator = 0
        count = 0
      }
    }
    switch count {
    case 0: break
    case 2: output.append(UInt8(truncatingIfNeeded: accumulator >> 4))
    case 3:
      output.append(UInt8(truncatingIfNeeded: accumulator >> 10))
      output.append(UInt8(truncatingIfNeeded: accumulator >> 2))
    default: return nil  // a single leftover character carries no full byte
    }
    return output
  }

  /// RFC 2047 Q: `_` is a space, `=XX` a byte; a stray `=` is kept as is,
  /// as mail clients do. Never nil.
  static func quotedPrintable<C: Collection>(_ text: C) -> [UInt8]? where C.Element == UInt8 {
    let input = Array(text)
    func byte(at index: Int) -> UInt8? {
      input.indices.contains(index) ? input[index] : nil
    }
    var output: [UInt8] = []
    output.reserveCapacity(input.count)
    var index = 0
    while let current = byte(at: index) {
      if current == UInt8(ascii: "_") {
        output.append(0x20)
        index += 1
      } else if current == UInt8(ascii: "="),
        let high = byte(at: index + 1).flatMap(hexValue), let low = byte(at: index + 2).flatMap(hexValue)
      {
        output.append(high << 4 | low)
        index += 3
      } else {
        output.append(current)
        index += 1
      }
    }
    return output
  }

  private static func hexValue(_ byte: UInt8) -> UInt8? {
    switch byte {
    case UInt8(ascii: "0")...UInt8(ascii: "9"): return byte - UInt8(ascii: "0")
    case UInt8(ascii: "A")...UInt8(ascii: "F"): return byte - UInt8(ascii: "A") + 10
    case UInt8(ascii: "a")...UInt8(ascii: "f"): return byte - UInt8(ascii: "a") + 10
    default: return nil
    }
  }
}
