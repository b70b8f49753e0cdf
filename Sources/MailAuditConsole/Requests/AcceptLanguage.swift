import Foundation
import MailAudit

/// The language a browser asks for in `Accept-Language`: the first of its
/// ranges, by quality, that has a catalogue (`ja-JP,ja;q=0.9,en;q=0.8`
/// gives Japanese); nil when none has.
enum AcceptLanguage {
  static func preferred(_ header: String?) -> Language? {
    guard let header else { return nil }
    let ranges = header.split(separator: ",").enumerated().compactMap { position, item -> (String, Double, Int)? in
      let parts = item.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }
      guard let tag = parts.first, !tag.isEmpty else { return nil }
      var quality = 1.0
      for parameter in parts.dropFirst() where parameter.hasPrefix("q=") {
        quality = Double(parameter.dropFirst(2)) ?? 0
      }
      return (tag, quality, position)
    }
    for (tag, quality, _) in ranges.sorted(by: { ($0.1, -$0.2) > ($1.1, -$1.2) }) where quality > 0 {
      if let language = Language(code: tag) { return language }
    }
    return nil
  }
}
