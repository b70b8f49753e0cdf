/// Text made safe for an HTML page: every value, from mail or not, goes
/// through ``escape(_:limit:)`` before it reaches a page.
enum HTML {
  /// `text` escaped for element content and quoted attribute values.
  ///
  /// Escaped per Unicode scalar, not per character: a `"` followed by a
  /// combining mark is one Character but still two scalars, and the quote
  /// must not slip through. Control characters become spaces; bidi
  /// overrides and isolates are dropped, so a hostile subject cannot
  /// disguise what follows it. Longer text is cut at `limit` characters.
  static func escape(_ text: String, limit: Int? = nil) -> String {
    var source = text
    if let limit, source.count > limit { source = String(source.prefix(limit)) + "…" }
    var out = ""
    out.reserveCapacity(source.utf8.count)
    for scalar in source.unicodeScalars {
      switch scalar.value {
      case 0x26: out += "&amp;"
      case 0x3C: out += "&lt;"
      case 0x3E: out += "&gt;"
      case 0x22: out += "&quot;"
      case 0x27: out += "&#39;"
      case 0x00...0x1F, 0x7F...0x9F: out += " "
      case 0x200E, 0x200F, 0x202A...0x202E, 0x2066...0x2069, 0x061C: continue
      default: out.unicodeScalars.append(scalar)
      }
    }
    return out
  }

  /// A query string value, percent-encoded (links built from our own data).
  static func query(_ text: String) -> String {
    var allowed = Set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~".unicodeScalars)
    allowed.remove("&")
    var out = ""
    for byte in text.utf8 {
      let scalar = Unicode.Scalar(byte)
      if byte < 0x80, allowed.contains(scalar) {
        out.unicodeScalars.append(scalar)
      } else {
        out += "%" + String(byte, radix: 16, uppercase: true).leftPadded(to: 2)
      }
    }
    return out
  }
}

extension String {
  func leftPadded(to width: Int) -> String {
    count >= width ? self : String(repeating: "0", count: width - count) + self
  }
}
