import Foundation

/// The ranges of an `Accept-Language` header, most wanted first: by
/// quality, then in the order sent; ranges of quality 0 are left out.
/// Apart from ``AcceptLanguage`` because it needs nothing from MailAudit,
/// so Fuzz/ can compile it alone.
enum LanguageRanges {
  static func ordered(_ header: String) -> [(tag: String, quality: Double)] {
    let ranges = header.split(separator: ",").enumerated().compactMap { position, item -> (String, Double, Int)? in
      let parts = item.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }
      guard let tag = parts.first, !tag.isEmpty else { return nil }
      var quality = 1.0
      for parameter in parts.dropFirst() where parameter.hasPrefix("q=") {
        quality = Double(parameter.dropFirst(2)) ?? 0
      }
      return (tag, quality, position)
    }
    return ranges.sorted(by: { ($0.1, -$0.2) > ($1.1, -$1.2) }).filter { $0.1 > 0 }.map { ($0.0, $0.1) }
  }
}
