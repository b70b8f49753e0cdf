import Foundation
import MailAudit

/// The language a browser asks for in `Accept-Language`: the first of its
/// ranges, by quality, that has a catalogue (`ja-JP,ja;q=0.9,en;q=0.8`
/// gives Japanese); nil when none has.
enum AcceptLanguage {
  static func preferred(_ header: String?) -> Language? {
    guard let header else { return nil }
    for (tag, _) in LanguageRanges.ordered(header) {
      if let language = Language(code: tag) { return language }
    }
    return nil
  }
}
