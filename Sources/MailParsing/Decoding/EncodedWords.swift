/// RFC 2047 encoded words (`=?charset?B?...?=`) in header text.
///
/// Lenient where mail clients are: words are recognised anywhere, also inside
/// a word or a quoted string's content (RFC 2047 section 5 forbids both);
/// Base64 padding may be missing; an RFC 2231 language suffix is ignored.
/// What cannot be decoded is kept as written, with a ``DecodingIssue``.
public enum EncodedWords {
  /// Decodes header text: raw bytes (UTF-8 or a legacy charset) with any
  /// RFC 2047 encoded words in it. Never fails.
  ///
  /// Adjacent encoded words are joined without the white space between them
  /// (RFC 2047 section 6.2); words in the same charset are joined as bytes
  /// before charset decoding, so a character split across two words survives.
  public static func decode<C: Collection>(_ bytes: C) -> DecodedText where C.Element == UInt8 {
    // One concrete type inside the module: a generic caller elsewhere would
    // otherwise walk the bytes through unspecialised generic code.
    if let decoded = bytes.withContiguousStorageIfAvailable({ decode(buffer: $0) }) {
      return decoded
    }
    return Array(bytes).withUnsafeBufferPointer { decode(buffer: $0) }
  }

  private static func decode(buffer bytes: UnsafeBufferPointer<UInt8>) -> DecodedText {
    withoutControls(decodeAll(buffer: bytes))
  }

  /// Replaces NUL and other C0 controls (tab aside) and DEL in decoded text
  /// by U+FFFD, with an issue. An encoded `=00` or a raw NUL would otherwise
  /// cut a display name wherever the text meets C (SQLite, terminals), and an
  /// encoded CR LF could forge lines in a report; a name that changed must say
  /// so.
  static func withoutControls(_ decoded: DecodedText) -> DecodedText {
    guard decoded.text.utf8.contains(where: isControl) else { return decoded }
    var scalars = String.UnicodeScalarView()
    var replaced = 0
    for scalar in decoded.text.unicodeScalars {
      if scalar.value < 0x80, isControl(UInt8(scalar.value)) {
        scalars.append("\u{FFFD}")
        replaced += 1
      } else {
        scalars.append(scalar)
      }
    }
    let text = String(scalars)
    var issues = decoded.issues
    issues.append(DecodingIssue(
      kind: .undecodableWord,
      detail: "\(replaced) control character(s) replaced by U+FFFD: \(text)"))
    return DecodedText(text: text, issues: issues)
  }

  /// C0 controls other than tab, CR and LF (folding leaves those in raw
  /// text; they are white space to every reader), and DEL.
  private static func isControl(_ byte: UInt8) -> Bool {
    (byte < 0x20 && byte != 0x09 && byte != 0x0A && byte != 0x0D) || byte == 0x7F
  }

  private static func decodeAll(buffer bytes: UnsafeBufferPointer<UInt8>) -> DecodedText {
    switch content(of: bytes) {
    case .plainASCII:
      return DecodedText(text: String(decoding: bytes, as: UTF8.self))
    case .rawText:
      let decoded = RawHeaderText.decode(Array(bytes))
      return DecodedText(text: decoded.text, issues: decoded.issue.map { [$0] } ?? [])
    case .mayHoldWords:
      return decode(segments: EncodedWordScanner(bytes: Array(bytes)).segments())
    }
  }

  /// What a first pass over the bytes found, so the common cases skip the
  /// scanner.
  private enum Content {
    /// ASCII without `=?` or ESC: the bytes are the text.
    case plainASCII
    /// No `=?`, but 8-bit bytes or ESC: raw text in some charset.
    case rawText
    /// Contains `=?`: may hold encoded words.
    case mayHoldWords
  }

  private static func content<C: Collection>(of bytes: C) -> Content where C.Element == UInt8 {
    var previous: UInt8 = 0
    var isASCII = true
    for byte in bytes {
      if previous == 0x3D && byte == 0x3F { return .mayHoldWords }
      if byte >= 0x80 || byte == 0x1B { isASCII = false }
      previous = byte
    }
    return isASCII ? .plainASCII : .rawText
  }

  /// Joins the scanned segments into text, collecting issues in order.
  private static func decode(segments: [EncodedWordScanner.Segment]) -> DecodedText {
    var text = ""
    var issues: [DecodingIssue] = []
    func note(_ issue: DecodingIssue?) {
      if let issue, !issues.contains(issue) { issues.append(issue) }
    }
    var index = 0
    while index < segments.count {
      switch segments[index] {
      case .literal(let bytes):
        let decoded = RawHeaderText.decode(bytes)
        text += decoded.text
        note(decoded.issue)
        index += 1
      case .malformed(let bytes, let reason):
        let decoded = RawHeaderText.decode(bytes)
        text += decoded.text
        note(DecodingIssue(kind: .undecodableWord, detail: "\(reason): \(decoded.text)"))
        index += 1
      case .word(let first):
        // Gather this word's run: same charset, separated only by white space.
        var bytes = first.bytes
        var next = index + 1
        let label = Charset.normalize(first.charset)
        while let following = nextWord(after: next, in: segments),
          Charset.normalize(following.word.charset) == label
        {
          bytes += following.word.bytes
          next = following.index + 1
        }
        let decoded = decodeWord(bytes, charset: first.charset)
        text += decoded.text
        decoded.issues.forEach { note($0) }
        // Skip white space between this run and a following word.
        if let following = nextWord(after: next, in: segments) {
          next = following.index
        }
        index = next
      }
    }
    return DecodedText(text: text, issues: issues)
  }

  /// The next encoded word when only white space separates it from `index`.
  private static func nextWord(
    after index: Int, in segments: [EncodedWordScanner.Segment]
  ) -> (index: Int, word: EncodedWordScanner.Word)? {
    var position = index
    while position < segments.count {
      switch segments[position] {
      case .word(let word): return (position, word)
      case .literal(let bytes) where bytes.allSatisfy(Self.isWhiteSpace): position += 1
      default: return nil
      }
    }
    return nil
  }

  static func isWhiteSpace(_ byte: UInt8) -> Bool {
    byte == 0x20 || byte == 0x09 || byte == 0x0D || byte == 0x0A
  }

  /// The decoded payload of one run of encoded words in `charset`.
  static func decodeWord(_ bytes: [UInt8], charset label: String) -> DecodedText {
    let charset = Charset(label: label)
    guard charset.isKnown else {
      return DecodedText(
        text: String(decoding: bytes, as: UTF8.self),
        issues: [DecodingIssue(kind: .unknownCharset, detail: label)])
    }
    let hasEightBit = bytes.contains { $0 >= 0x80 }
    // A Latin label on valid multi-byte UTF-8 is a mislabel far more often
    // than a real Latin-1 text that happens to be valid UTF-8.
    if hasEightBit, Self.latinLabels.contains(charset.label),
      let utf8 = String(validUTF8: bytes)
    {
      return DecodedText(text: utf8, issues: [mislabel(label, as: "utf-8")])
    }
    if let text = charset.decodeStrictly(bytes) { return DecodedText(text: text) }
    // Invalid in the labelled charset: try the likely others (mikel/mail#1423:
    // iso-2022-jp label holding UTF-8).
    if hasEightBit, charset.label != "utf-8", let utf8 = String(validUTF8: bytes) {
      return DecodedText(text: utf8, issues: [mislabel(label, as: "utf-8")])
    }
    if let (guessed, text) = RawHeaderText.likelyJapanese(bytes) {
      return DecodedText(text: text, issues: [mislabel(label, as: guessed)])
    }
    // A UTF-8 label on Latin bytes (`caf=E9`): read them as raw text is read.
    if charset.label == "utf-8", let text = Charset(label: "windows-1252").decodeStrictly(bytes) {
      return DecodedText(text: text, issues: [mislabel(label, as: "windows-1252")])
    }
    let text = charset.decodeLossily(bytes) ?? String(decoding: bytes, as: UTF8.self)
    return DecodedText(
      text: text,
      issues: [DecodingIssue(kind: .undecodableWord, detail: "bytes invalid in \(label): \(text)")])
  }

  /// Labels whose bytes are read as windows-1252 or another 8-bit Latin set.
  private static let latinLabels: Set<String> = [
    "us-ascii", "ascii", "iso-8859-1", "latin1", "windows-1252", "cp1252", "iso-8859-15",
  ]

  private static func mislabel(_ label: String, as guessed: String) -> DecodingIssue {
    DecodingIssue(kind: .charsetGuess, detail: "encoded word labelled \(label) read as \(guessed)")
  }
}
