import Foundation

/// A language mailaudit can write its reports in: one catalogue file,
/// `Resources/Localization/<code>.json`. A new language is a new file.
public struct Language: Hashable, Sendable, CustomStringConvertible {
  /// The catalogue's code (`en`, `ja`), lower-case.
  public let code: String

  /// English, the fallback for every missing message.
  public static let english = Language(uncheckedCode: "en")
  /// Japanese.
  public static let japanese = Language(uncheckedCode: "ja")

  init(uncheckedCode code: String) { self.code = code }

  /// The language whose catalogue is `code` (`ja`, `JA`, `ja_JP.UTF-8`);
  /// nil when no catalogue of that name is bundled.
  public init?(code: String) {
    let short = Self.prefix(of: code)
    guard Self.available.contains(short) else { return nil }
    self.code = short
  }

  public var description: String { code }

  /// The codes of the bundled catalogues.
  public static var available: [String] {
    let folder = MessageCatalog.folder
    let names = (try? FileManager.default.contentsOfDirectory(atPath: folder?.path ?? "")) ?? []
    return names.filter { $0.hasSuffix(".json") }.map { String($0.dropLast(5)) }.sorted()
  }

  /// `ja_JP.UTF-8` gives `ja`: the language part of a locale name.
  static func prefix(of locale: String) -> String {
    let lower = locale.lowercased()
    let end = lower.firstIndex { !$0.isLetter } ?? lower.endIndex
    return String(lower[..<end])
  }

  /// The language to write in: the option, else the configuration, else the
  /// locale (`LC_ALL`, then `LC_MESSAGES`, then `LANG`, the first one set,
  /// as POSIX orders them), else English.
  ///
  /// - Throws: ``LocalizationError/unknownLanguage(_:)`` when the option or
  ///   the configuration names a language without a catalogue. An unknown
  ///   locale is not an error: it gives English.
  public static func resolve(option: String?, configured: String?, environment: [String: String]) throws -> Language {
    for given in [option, configured].compactMap({ $0 }) {
      guard let language = Language(code: given) else { throw LocalizationError.unknownLanguage(given) }
      return language
    }
    for name in ["LC_ALL", "LC_MESSAGES", "LANG"] {
      guard let value = environment[name], !value.isEmpty else { continue }
      return Language(code: value) ?? .english
    }
    return .english
  }
}

/// Why a language or a time zone cannot be used.
public enum LocalizationError: LocalizedError, Equatable {
  case unknownLanguage(String)
  case unknownTimeZone(String)
  case catalogue(code: String, reason: String)

  public var errorDescription: String? {
    switch self {
    case .unknownLanguage(let code):
      "no messages in language '\(code)'; available: \(Language.available.joined(separator: ", "))"
    case .unknownTimeZone(let name): "unknown time zone '\(name)'; give an IANA name such as Asia/Tokyo or UTC"
    case .catalogue(let code, let reason): "message catalogue \(code).json: \(reason)"
    }
  }
}
