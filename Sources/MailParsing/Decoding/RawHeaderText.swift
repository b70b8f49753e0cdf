/// Header bytes outside encoded words: UTF-8 (RFC 6532) or, failing that, the
/// legacy charset they were most likely written in.
///
/// Japanese mail often carries raw ISO-2022-JP, Shift_JIS or EUC-JP in
/// headers; Western mail raw windows-1252. Every guess is reported.
enum RawHeaderText {
  /// The bytes as text, with a `.charsetGuess` issue unless they were UTF-8.
  static func decode(_ bytes: [UInt8]) -> (text: String, issue: DecodingIssue?) {
    if let text = String(validating: bytes, as: UTF8.self) {
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
    for label in ["shift_jis", "euc-jp"] {
      guard let text = Charset(label: label).decodeStrictly(bytes) else { continue }
      let score = japaneseScore(text)
      if score > (best?.score ?? 0) { best = (label, text, score) }
    }
    guard let best, best.score >= 0.75 else { return nil }
    return (best.label, best.text)
  }

  /// The share of non-ASCII characters that are common in Japanese text
  /// (kana, kanji, full-width forms, CJK punctuation); half-width katakana
  /// counts half, since Latin-1 bytes often read as it.
  static func japaneseScore(_ text: String) -> Double {
    var total = 0.0
    var good = 0.0
    for scalar in text.unicodeScalars where !scalar.isASCII {
      total += 1
      switch scalar.value {
      case 0x3000...0x30FF, 0x4E00...0x9FFF, 0xFF01...0xFF5E, 0x2460...0x24FF,
        0x3200...0x33FF, 0x2010...0x2312, 0x25A0...0x26FF, 0x0391...0x03C9, 0x0410...0x044F:
        good += 1
      case 0xFF61...0xFF9F:
        good += 0.5
      default:
        break
      }
    }
    return total == 0 ? 0 : good / total
  }

  private static func guess(_ label: String) -> DecodingIssue {
    DecodingIssue(kind: .charsetGuess, detail: "raw 8-bit header text read as \(label)")
  }
}
