// Interim reader, replaced by the full header parser (Headers/, Fields/).
extension MessageHeaders {
  /// Parses the header block of `raw`. Never fails: what cannot be read
  /// becomes a ``Problem`` in ``problems``.
  public init(parsing raw: RawMessage) {
    self.init()
    let text = String(decoding: raw.header, as: UTF8.self)
    var fields: [(String, String)] = []
    for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
      var l = Substring(line)
      if l.hasSuffix("\r") { l = l.dropLast() }
      if let first = l.first, first == " " || first == "\t", !fields.isEmpty {
        fields[fields.count - 1].1 += String(l)
      } else if let colon = l.firstIndex(of: ":") {
        fields.append((l[..<colon].lowercased().trimmingCharacters(in: .whitespaces), String(l[l.index(after: colon)...])))
      }
    }
    func addrs(_ value: String) -> [Address] {
      value.split(separator: ",").compactMap { part in
        var s = String(part)
        if let lt = s.firstIndex(of: "<"), let gt = s.lastIndex(of: ">"), lt < gt { s = String(s[s.index(after: lt)..<gt]) }
        s = s.trimmingCharacters(in: .whitespaces)
        if let colon = s.lastIndex(of: ":") { s = String(s[s.index(after: colon)...]) }
        s = s.replacingOccurrences(of: ";", with: "").trimmingCharacters(in: .whitespaces)
        guard let at = s.lastIndex(of: "@") else { return nil }
        return Address(localPart: String(s[..<at]), domain: String(s[s.index(after: at)...]))
      }
    }
    func ids(_ value: String) -> [String] {
      value.split(whereSeparator: { $0 == " " || $0 == "\t" }).map {
        $0.trimmingCharacters(in: CharacterSet(charactersIn: "<>"))
      }
    }
    for (name, value) in fields {
      switch name {
      case "from": from = addrs(value)
      case "to": to += addrs(value)
      case "cc": cc += addrs(value)
      case "bcc": bcc += addrs(value)
      case "resent-to": resentTo += addrs(value); isResent = true
      case "resent-cc": resentCc += addrs(value); isResent = true
      case "resent-bcc": resentBcc += addrs(value); isResent = true
      case "subject": subject = value.trimmingCharacters(in: .whitespaces)
      case "message-id": messageID = ids(value).first
      case "in-reply-to": inReplyTo = ids(value)
      case "references": references = ids(value)
      default: break
      }
    }
  }
}
import Foundation
