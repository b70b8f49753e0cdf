import Foundation
import MailParsing

/// Header and body text as RFC 5322 and RFC 2047 want it: ASCII headers
/// in lines of at most 78 characters, non-ASCII words as UTF-8 encoded
/// words of at most 75, the body in base64.
enum MIMEText {
  /// The longest header line written.
  static let lineLimit = 78

  /// `Subject: ...`, encoded when not plain ASCII or too long.
  static func unstructured(_ name: String, _ value: String) -> String {
    let flat = value.replacingOccurrences(of: "\r", with: " ").replacingOccurrences(of: "\n", with: " ")
    if isPlain(flat) && name.count + 2 + flat.count <= lineLimit {
      return "\(name): \(flat)"
    }
    return "\(name): " + encodedWords(flat, used: name.count + 2).joined(separator: "\r\n ")
  }

  static func isPlain(_ text: String) -> Bool { text.unicodeScalars.allSatisfy { $0.value >= 0x20 && $0.value < 0x7F } }

  /// `"Name" <address>` as a person writes it (quoted, not encoded): the
  /// value of a placeholder, which a header re-reads and encodes.
  static func mailbox(name: String?, address: String) -> String {
    guard let name = name?.trimmingCharacters(in: .whitespaces), !name.isEmpty else { return address }
    let escaped = name.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
    return "\"\(escaped)\" <\(address)>"
  }

  /// One mailbox of a header, starting `used` characters into its line:
  /// the name quoted when ASCII, else encoded words, the address folded
  /// onto its own line when the line would grow too long.
  static func headerMailbox(name: String?, address: String, used: Int) -> String {
    guard let name = name?.trimmingCharacters(in: .whitespaces), !name.isEmpty else { return address }
    if isPlain(name) {
      let quoted = mailbox(name: name, address: address)
      if used + quoted.count <= lineLimit { return quoted }
      let escaped = name.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
      return "\"\(escaped)\"\r\n <\(address)>"
    }
    let words = encodedWords(name, used: used)
    let last = words.count == 1 ? used + (words.last?.count ?? 0) : 1 + (words.last?.count ?? 0)
    let fold = last + 3 + address.count > lineLimit ? "\r\n " : " "
    return words.joined(separator: "\r\n ") + fold + "<\(address)>"
  }

  /// An address field with one mailbox per folded line; `mailboxes` are
  /// (display name, address).
  static func addressField(_ name: String, _ mailboxes: [(String?, String)]) -> String {
    var out = "\(name): "
    for (i, m) in mailboxes.enumerated() {
      if i > 0 { out += ",\r\n " }
      out += headerMailbox(name: m.0, address: m.1, used: i == 0 ? name.count + 2 : 1)
    }
    return out
  }

  /// `=?UTF-8?B?...?=` words of whole characters: the first fits after
  /// `used` characters of its line, the others after one space.
  static func encodedWords(_ text: String, used: Int) -> [String] {
    EncodedWordWriter.words(text, used: used, lineLimit: lineLimit)
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
