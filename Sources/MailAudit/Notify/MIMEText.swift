import Foundation

/// Header and body text as RFC 5322 and RFC 2047 want it: ASCII headers,
/// non-ASCII words as UTF-8 encoded words of at most 75 characters, lines
/// folded, the body in base64.
enum MIMEText {
  /// `Subject: ...`, encoded when not plain ASCII.
  static func unstructured(_ name: String, _ value: String) -> String {
    let flat = value.replacingOccurrences(of: "\r", with: " ").replacingOccurrences(of: "\n", with: " ")
    if flat.unicodeScalars.allSatisfy({ $0.value >= 0x20 && $0.value < 0x7F }) && name.count + 2 + flat.count <= 78 {
      return "\(name): \(flat)"
    }
    return "\(name): " + encodedWords(flat).joined(separator: "\r\n ")
  }

  /// `"Name" <address>` with the name quoted or encoded as needed; the
  /// address alone without a name.
  static func mailbox(name: String?, address: String) -> String {
    guard let name = name?.trimmingCharacters(in: .whitespaces), !name.isEmpty else { return address }
    if name.unicodeScalars.allSatisfy({ $0.value >= 0x20 && $0.value < 0x7F }) {
      let escaped = name.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
      return "\"\(escaped)\" <\(address)>"
    }
    return encodedWords(name).joined(separator: " ") + " <\(address)>"
  }

  /// An address field with one mailbox per folded line.
  static func addressField(_ name: String, _ mailboxes: [String]) -> String {
    "\(name): " + mailboxes.joined(separator: ",\r\n ")
  }

  /// `=?UTF-8?B?...?=` words, each whole characters, at most 75 long.
  static func encodedWords(_ text: String) -> [String] {
    var words: [String] = []
    var chunk: [UInt8] = []
    for character in text {
      let bytes = Array(String(character).utf8)
      // 45 bytes are 60 base64 characters: with `=?UTF-8?B?` and `?=`, 72.
      if chunk.count + bytes.count > 45, !chunk.isEmpty {
        words.append("=?UTF-8?B?" + Data(chunk).base64EncodedString() + "?=")
        chunk = []
      }
      chunk += bytes
    }
    if !chunk.isEmpty { words.append("=?UTF-8?B?" + Data(chunk).base64EncodedString() + "?=") }
    return words
  }

  /// The body in base64, 76 characters a line, CRLF.
  static func base64Lines(_ bytes: [UInt8]) -> String {
    let all = Data(bytes).base64EncodedString()
    var lines: [String] = []
    var start = all.startIndex
    while start < all.endIndex {
      let end = all.index(start, offsetBy: 76, limitedBy: all.endIndex) ?? all.endIndex
      lines.append(String(all[start..<end]))
      start = end
    }
    return lines.joined(separator: "\r\n") + "\r\n"
  }

  /// `Mon, 30 Nov 2026 21:55:00 +0900` in `zone`.
  static func date(_ date: Date, zone: ReportTimeZone) -> String {
    let formatter = DateFormatter()
    formatter.locale = Locale(identifier: "en_US_POSIX")
    formatter.timeZone = zone.zone
    formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss Z"
    return formatter.string(from: date)
  }
}
