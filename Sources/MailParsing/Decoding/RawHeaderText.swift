/// Header bytes outside encoded words: UTF-8 (RFC 6532) or, failing that, the
/// legacy charset they were most likely written in.
///
/// Japanese mail often carries raw ISO-2022-JP, Shift_JIS or EUC-JP in
/// headers; Western mail raw windows-1252. Every guess is reported.
enum RawHeaderText {
  /// The bytes as text, with a `.charsetGuess` issue unless they were UTF-8.
  static func decode(_ bytes: [UInt8]) -> (text: String, issue: DecodingIssue?) {
    if let text = String(validUTF8: bytes) {
      if bytes.contains(0x1B), ISO2022JP.hasJapaneseEscape(bytes),
        let japanese = ISO2022JP.decode(bytes, lossy: true)
      {
        return (japanese, guess("iso-2022-jp"))
      }
      return (text, nil)
    }
    if let (label, text) = likelyJapanese(bytes) {
      return (text, guess(label))
    }
    let text = Charset(label: "windows-1252").decodeLossily(bytes)
      ?? String(decoding: bytes, as: UTF8.self)
    return (text, guess("windows-1252"))
  }

  /// Shift_JIS (CP932) or EUC-JP, whichever reads the bytes as Japanese
  /// text; nil when neither does convincingly.
  static func likelyJapanese(_ bytes: [UInt8]) -> (label: String, text: String)? {
    var best: (label: String, text: String, score: Double)?
    for (label, score) in [("shift_jis", shiftJISScore(bytes)), ("euc-jp", eucJPScore(bytes))]
    where score >= 0.75 && score > (best?.score ?? 0) {
      guard let text = Charset(label: label).decodeStrictly(bytes) else { continue }
      best = (label, text, score)
    }
    return best.map { ($0.label, $0.text) }
  }

  /// How Japanese the bytes look as Shift_JIS, from 0 to 1: the mean weight of
  /// its non-ASCII characters. Kana, symbols and level-1 kanji weigh 1; rare
  /// level-2 kanji and extensions little, because accented Latin-1 letters
  /// (`ç`, `é`, `ã` are 0xE0-0xFC) followed by a letter read as exactly those.
  static func shiftJISScore(_ bytes: [UInt8]) -> Double {
    var total = 0.0
    var weight = 0.0
    var index = 0
    while let lead = byte(at: index, in: bytes) {
      if lead < 0x80 {
        index += 1
        continue
      }
      total += 1
      switch lead {
      case 0xA1...0xDF:  // half-width katakana, one byte
        weight += 0.5
        index += 1
        continue
      case 0x81...0x84, 0x87...0x98: weight += 1
      default: weight += 0.25
      }
      index += 2
    }
    return total == 0 ? 0 : weight / total
  }

  /// How Japanese the bytes look as EUC-JP, weighed like ``shiftJISScore(_:)``.
  static func eucJPScore(_ bytes: [UInt8]) -> Double {
    var total = 0.0
    var weight = 0.0
    var index = 0
    while let lead = byte(at: index, in: bytes) {
      if lead < 0x80 {
        index += 1
        continue
      }
      total += 1
      switch lead {
      case 0x8E:  // SS2: half-width katakana
        weight += 0.5
        index += 2
        continue
      case 0x8F:  // SS3: JIS X 0212, rare
        weight += 0.25
        index += 3
        continue
      case 0xA1...0xA8, 0xAD, 0xB0...0xCF: weight += 1
      default: weight += 0.25
      }
      index += 2
    }
    return total == 0 ? 0 : weight / total
  }

  private static func byte(at index: Int, in bytes: [UInt8]) -> UInt8? {
    bytes.indices.contains(index) ? bytes[index] : nil
  }

  private static func guess(_ label: String) -> DecodingIssue {
    DecodingIssue(kind: .charsetGuess, detail: "raw 8-bit header text read as \(label)")
  }
}
