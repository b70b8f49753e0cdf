/// Reply and forward prefixes of subjects, in ASCII or full-width letters.
enum SubjectPrefixes {
  /// Reply prefixes the rules name: Re, AW, SV, 返信.
  static let reply: Set<String> = ["re", "aw", "sv", "返信"]
  /// Prefixes removed, besides the reply ones, when subjects are compared
  /// to find a thread.
  static let forward: Set<String> = ["fw", "fwd", "wg", "tr", "転送", "vs", "rv", "enc"]

  /// True when `subject` starts with a reply prefix followed by `:` or `：`.
  static func isReply(_ subject: String) -> Bool {
    guard let (prefix, _) = leadingPrefix(of: Substring(subject), ascii: isASCII(subject.utf8)) else { return false }
    return reply.contains(prefix)
  }

  /// True when `subject` starts with a reply or forward prefix.
  static func hasPrefix(_ subject: String) -> Bool {
    guard let (prefix, _) = leadingPrefix(of: Substring(subject), ascii: isASCII(subject.utf8)) else { return false }
    return reply.contains(prefix) || forward.contains(prefix)
  }

  /// The subject with every leading reply and forward prefix removed,
  /// white space folded and letters lower-cased.
  static func base(of subject: String) -> String {
    var rest = Substring(subject)
    // What follows a prefix of an ASCII subject is ASCII.
    let ascii = isASCII(subject.utf8)
    while let (prefix, after) = leadingPrefix(of: rest, ascii: ascii),
      reply.contains(prefix) || forward.contains(prefix)
    {
      rest = after
    }
    if ascii { return asciiFolded(rest) }
    let folded = String(String(rest).map(halfWidth)).split(whereSeparator: \.isWhitespace).joined(separator: " ")
    return folded.lowercased()
  }

  /// `base(of:)`'s folding for an ASCII subject, on bytes: most subjects
  /// are ASCII, and every finding's subject is folded. White space is
  /// Unicode's White_Space in ASCII (tab to carriage return, and space),
  /// as `Character.isWhitespace`.
  static func asciiFolded(_ text: Substring) -> String {
    var out: [UInt8] = []
    out.reserveCapacity(text.utf8.count)
    var pendingSpace = false
    for byte in text.utf8 {
      if byte == 0x20 || (0x09...0x0D).contains(byte) {
        pendingSpace = !out.isEmpty
        continue
      }
      if pendingSpace {
        out.append(0x20)
        pendingSpace = false
      }
      out.append((0x41...0x5A).contains(byte) ? byte + 0x20 : byte)
    }
    return String(decoding: out, as: UTF8.self)
  }

  /// Reads `word[n]:` or `word:` (full-width colon allowed) at the start;
  /// gives the word lower-cased and what follows the colon.
  ///
  /// On bytes when `s` is ASCII (`ascii`, see ``leadingASCIIPrefix(of:)``):
  /// most subjects are, each finding's is read three or four times (its
  /// base, whether it is prefixed, whether it is a reply), and reading it
  /// by Characters was an eighth of the analyser thread's time on the
  /// exposure-heavy benchmark (`perf`). Whether it is ASCII is a question
  /// about the whole text: a combining mark after the colon would make the
  /// colon part of another Character.
  private static func leadingPrefix(of s: Substring, ascii: Bool) -> (String, Substring)? {
    ascii ? leadingASCIIPrefix(of: s) : leadingPrefixByCharacter(of: s)
  }

  private static func isASCII(_ bytes: String.UTF8View) -> Bool { bytes.allSatisfy { $0 < 0x80 } }

  /// ``leadingPrefixByCharacter(of:)`` for ASCII text, on its bytes. In
  /// ASCII every byte is a Character but CR LF, which is one; both of its
  /// bytes are white space, as it is, and nothing here stops between them.
  /// White space is `Character.isWhitespace` in ASCII: tab to carriage
  /// return, and space.
  static func leadingASCIIPrefix(of s: Substring) -> (String, Substring)? {
    let bytes = s.utf8
    func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || (0x09...0x0D).contains(byte) }
    var index = bytes.firstIndex { !isSpace($0) } ?? bytes.endIndex
    let wordStart = index
    var length = 0
    while index < bytes.endIndex, length <= 4 {
      let byte = bytes[index]
      if byte == UInt8(ascii: ":") || byte == UInt8(ascii: "[") || isSpace(byte) { break }
      length += 1
      index = bytes.index(after: index)
    }
    guard length > 0, index < bytes.endIndex else { return nil }
    let word = s[wordStart..<index]
    // An optional counter, as in "Re[2]:".
    if bytes[index] == UInt8(ascii: "[") {
      guard let close = bytes[index...].firstIndex(of: UInt8(ascii: "]")) else { return nil }
      index = bytes.index(after: close)
    }
    while index < bytes.endIndex, bytes[index] == 0x20 { index = bytes.index(after: index) }
    guard index < bytes.endIndex, bytes[index] == UInt8(ascii: ":") else { return nil }
    return (word.lowercased(), s[bytes.index(after: index)...])
  }

  /// ``leadingPrefix(of:)`` for any text, by Character.
  static func leadingPrefixByCharacter(of s: Substring) -> (String, Substring)? {
    let trimmed = s.drop(while: \.isWhitespace)
    var word = ""
    var index = trimmed.startIndex
    while index < trimmed.endIndex, word.count <= 4 {
      let c = halfWidth(trimmed[index])
      if c == ":" || c == "[" { break }
      if c.isWhitespace { break }
      word.append(c)
      index = trimmed.index(after: index)
    }
    guard !word.isEmpty, index < trimmed.endIndex else { return nil }
    // An optional counter, as in "Re[2]:".
    if halfWidth(trimmed[index]) == "[" {
      guard let close = trimmed[index...].firstIndex(where: { halfWidth($0) == "]" }) else { return nil }
      index = trimmed.index(after: close)
    }
    var afterSpaces = index
    while afterSpaces < trimmed.endIndex, trimmed[afterSpaces] == " " {
      afterSpaces = trimmed.index(after: afterSpaces)
    }
    guard afterSpaces < trimmed.endIndex, halfWidth(trimmed[afterSpaces]) == ":" else { return nil }
    return (word.lowercased(), trimmed[trimmed.index(after: afterSpaces)...])
  }

  /// Maps full-width ASCII (U+FF01-FF5E) to ASCII; other characters unchanged.
  static func halfWidth(_ c: Character) -> Character {
    guard let scalar = c.unicodeScalars.first, c.unicodeScalars.count == 1,
      (0xFF01...0xFF5E).contains(scalar.value),
      let ascii = Unicode.Scalar(scalar.value - 0xFEE0)
    else { return c }
    return Character(ascii)
  }
}
