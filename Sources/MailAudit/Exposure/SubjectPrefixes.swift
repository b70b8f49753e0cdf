/// Reply and forward prefixes of subjects, in ASCII or full-width letters.
enum SubjectPrefixes {
  /// Reply prefixes the rules name: Re, AW, SV, 返信.
  static let reply: Set<String> = ["re", "aw", "sv", "返信"]
  /// Prefixes removed, besides the reply ones, when subjects are compared
  /// to find a thread.
  static let forward: Set<String> = ["fw", "fwd", "wg", "tr", "転送", "vs", "rv", "enc"]

  /// True when `subject` starts with a reply prefix followed by `:` or `：`.
  static func isReply(_ subject: String) -> Bool {
    guard let (prefix, _) = leadingPrefix(of: Substring(subject)) else { return false }
    return reply.contains(prefix)
  }

  /// True when `subject` starts with a reply or forward prefix.
  static func hasPrefix(_ subject: String) -> Bool {
    guard let (prefix, _) = leadingPrefix(of: Substring(subject)) else { return false }
    return reply.contains(prefix) || forward.contains(prefix)
  }

  /// The subject with every leading reply and forward prefix removed,
  /// white space folded and letters lower-cased.
  static func base(of subject: String) -> String {
    var rest = Substring(subject)
    while let (prefix, after) = leadingPrefix(of: rest),
      reply.contains(prefix) || forward.contains(prefix)
    {
      rest = after
    }
    let folded = String(String(rest).map(halfWidth)).split(whereSeparator: \.isWhitespace).joined(separator: " ")
    return folded.lowercased()
  }

  /// Reads `word[n]:` or `word:` (full-width colon allowed) at the start.
  private static func leadingPrefix(of s: Substring) -> (String, Substring)? {
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
    while afterSpaces < trimmed.endIndex, trimmed[afterSpaces] == " " { afterSpaces = trimmed.index(after: afterSpaces) }
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
