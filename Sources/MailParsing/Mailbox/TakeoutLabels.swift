import Glibc

/// Gmail labels as Google Takeout writes them into its mbox export: one
/// `X-Gmail-Labels` field per message, labels separated by commas.
///
/// Takeout puts every message of the account in one mbox (Inbox, Sent,
/// Chat, Spam, ...); the labels are what tells the Sent messages apart.
public enum TakeoutLabels {
  /// The field name, lower-case, as problems name it.
  static let field = "x-gmail-labels"
  /// The field name as bytes.
  static let fieldName: [UInt8] = Array(field.utf8)

  /// Names of Gmail's system Sent label, lower-cased: English and the
  /// localised names Takeout writes for accounts in other languages.
  ///
  /// Compared after `lowercased()`; Swift's string comparison is canonical,
  /// so a composed and a decomposed `é` match.
  public static let sentNames: Set<String> = [
    "sent", "sent mail", "sent messages", "[gmail]/sent mail",
    "送信済みメール", "送信済み",  // Japanese
    "gesendet", "gesendete nachrichten",  // German
    "envoyés", "messages envoyés",  // French
    "enviados", "correo enviado", "enviadas",  // Spanish, Portuguese
    "e-mails enviados", "mensagens enviadas",  // Portuguese
    "inviati", "posta inviata",  // Italian
    "verzonden", "verzonden items",  // Dutch
    "wysłane",  // Polish
    "odeslané", "odoslané",  // Czech, Slovak
    "elküldött", "elküldött levelek",  // Hungarian
    "skickat", "skickade", "sendt", "sendte", "lähetetyt",  // Nordic
    "отправленные", "надіслані",  // Russian, Ukrainian
    "σταλμένα",  // Greek
    "gönderilmiş postalar", "gönderilenler",  // Turkish
    "已发送", "已发邮件", "寄件備份", "已傳送",  // Chinese
    "보낸편지함",  // Korean
    "จดหมายที่ส่งแล้ว",  // Thai
    "thư đã gửi", "terkirim",  // Vietnamese, Indonesian
  ]

  /// True when `labels` hold Gmail's system Sent label, in any case or in
  /// one of its localised names (``sentNames``).
  public static func isSent(_ labels: [String]) -> Bool {
    labels.contains { label in
      sentNames.contains(label.trimmingASCIIWhitespace().lowercased())
    }
  }

  /// The labels of the `X-Gmail-Labels` field in a raw header block (folded
  /// lines joined), or nil when the block has no such field.
  public static func labels(inHeader header: [UInt8]) -> [String]? {
    read(inHeader: header)?.labels
  }

  /// The labels of a header block and what their decoding had to guess,
  /// which the readers turn into problems located at the message.
  static func read(inHeader header: [UInt8]) -> (labels: [String], issues: [DecodingIssue])? {
    var lineStart = header.startIndex
    while lineStart < header.endIndex {
      let lineEnd = Self.lineEnd(in: header, from: lineStart)
      if let valueStart = valueStart(header[lineStart..<lineEnd]) {
        var value = Array(withoutCR(header[valueStart..<lineEnd]))
        var next = lineEnd + 1
        // Continuation lines start with white space; unfolding removes only
        // the line break (RFC 5322 section 2.2.3).
        while next < header.endIndex, let first = header[next...].first,
              first == ByteCode.space || first == ByteCode.tab {
          let end = header[next...].firstIndex(of: ByteCode.lf) ?? header.endIndex
          value += withoutCR(header[next..<end])
          next = end + 1
        }
        return parseReportingIssues(value)
      }
      lineStart = lineEnd + 1
    }
    return nil
  }

  /// The index of the first LF at or after `start`, or the end. Every
  /// header line of every mbox message is passed over here, so with memchr.
  private static func lineEnd(in header: [UInt8], from start: Int) -> Int {
    header.withUnsafeBytes { raw in
      guard let base = raw.baseAddress, start < raw.count else { return raw.count }
      return memchr(base + start, Int32(ByteCode.lf), raw.count - start)
        .map { base.distance(to: UnsafeRawPointer($0)) } ?? raw.count
    }
  }

  /// Splits an unfolded `X-Gmail-Labels` value into labels.
  ///
  /// Commas separate labels except inside double quotes (Takeout quotes a
  /// label holding a comma or a quote, with `\"` and `\\` escapes) and
  /// inside RFC 2047 encoded words; white space around a label is dropped,
  /// empty labels are skipped, and each label is decoded as header text
  /// (raw UTF-8 or encoded words).
  public static func parse<C: Collection>(_ value: C) -> [String] where C.Element == UInt8 {
    parseReportingIssues(value).labels
  }

  /// ``parse(_:)``, with the issues met decoding the labels.
  static func parseReportingIssues<C: Collection>(
    _ value: C
  ) -> (labels: [String], issues: [DecodingIssue]) where C.Element == UInt8 {
    let bytes = Array(value)
    var labels: [String] = []
    var issues: [DecodingIssue] = []
    var current: [UInt8] = []
    var inQuotes = false
    var index = 0

    func finish() {
      let trimmed = current.trimmingASCIIWhitespace()
      current.removeAll(keepingCapacity: true)
      guard !trimmed.isEmpty else { return }
      let decoded = EncodedWords.decode(trimmed)
      labels.append(decoded.text)
      issues += decoded.issues.filter { !issues.contains($0) }
    }

    while index < bytes.count {
      let byte = bytes[index]
      if inQuotes {
        if byte == Ascii.backslash, index + 1 < bytes.count {
          current.append(bytes[index + 1])
          index += 2
          continue
        }
        if byte == Ascii.quote { inQuotes = false } else { current.append(byte) }
        index += 1
        continue
      }
      switch byte {
      case Ascii.quote:
        inQuotes = true
        index += 1
      case Ascii.comma:
        finish()
        index += 1
      case Ascii.equals:
        let end = encodedWordEnd(bytes, from: index) ?? index + 1
        current += bytes[index..<end]
        index = end
      default:
        current.append(byte)
        index += 1
      }
    }
    finish()
    return (labels, issues)
  }

  /// Where the value starts when `line` is an `X-Gmail-Labels` field line.
  private static func valueStart(_ line: ArraySlice<UInt8>) -> Int? {
    guard let first = line.first, first == 0x78 || first == 0x58 else { return nil }  // x, X
    var index = line.startIndex
    for expected in fieldName {
      guard index < line.endIndex, Ascii.lower(line[index]) == expected else { return nil }
      index += 1
    }
    while index < line.endIndex, line[index] == ByteCode.space || line[index] == ByteCode.tab { index += 1 }
    guard index < line.endIndex, line[index] == ByteCode.colon else { return nil }
    return index + 1
  }

  /// The index past an encoded word (`=?charset?enc?text?=`) starting at
  /// `start`, or nil when none starts there.
  private static func encodedWordEnd(_ bytes: [UInt8], from start: Int) -> Int? {
    guard start + 1 < bytes.count, bytes[start + 1] == Ascii.question else { return nil }
    var questionMarks = 0
    var index = start + 2
    while index < bytes.count {
      let byte = bytes[index]
      if byte == ByteCode.space || byte == ByteCode.tab { return nil }
      if byte == Ascii.question {
        questionMarks += 1
        if questionMarks >= 3, index + 1 < bytes.count, bytes[index + 1] == Ascii.equals {
          return index + 2
        }
      }
      index += 1
    }
    return nil
  }

  private static func withoutCR(_ line: ArraySlice<UInt8>) -> ArraySlice<UInt8> {
    line.last == ByteCode.cr ? line.dropLast() : line
  }
}

extension String {
  /// The string without leading and trailing ASCII white space.
  func trimmingASCIIWhitespace() -> String {
    String(decoding: Array(utf8).trimmingASCIIWhitespace(), as: UTF8.self)
  }
}
