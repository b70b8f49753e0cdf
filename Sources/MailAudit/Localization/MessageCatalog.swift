import Foundation

/// The messages of one language, read from `Resources/Localization/<code>.json`:
/// every sentence a person reads in a report or on the terminal comes from
/// here, so the wording of a language lives in one file.
///
/// Keys are dotted paths into the file's nested objects
/// (`summary.totals.messages`). A value may hold `{name}` placeholders,
/// filled by ``text(_:_:)``. A key missing from a catalogue falls back to
/// English, and `CatalogueTests` fails on any such gap in the bundled ones.
public struct MessageCatalog: @unchecked Sendable {
  // @unchecked: `tree` holds only strings and dictionaries of them, read only.
  public let language: Language
  /// Flattened: `summary.title` to its text.
  let entries: [String: String]
  /// The English entries, for keys this language lacks.
  let fallback: [String: String]
  /// The nested objects as they are in the file, for templates
  /// (`{{{t.summary.title}}}`); English filled in where missing.
  let tree: [String: Any]

  /// The folder holding the catalogues.
  static var folder: URL? {
    Bundle.module.url(forResource: "Localization", withExtension: nil, subdirectory: "Resources")
  }

  /// English, from the bundled file.
  public static func english() throws -> MessageCatalog { try load(.english) }

  /// The catalogue of `language`.
  public static func load(_ language: Language) throws -> MessageCatalog {
    let english = try readTree(.english)
    if language == .english {
      let flat = flatten(english)
      return MessageCatalog(language: language, entries: flat, fallback: flat, tree: english)
    }
    let own = try readTree(language)
    return MessageCatalog(
      language: language, entries: flatten(own), fallback: flatten(english), tree: merged(own, over: english))
  }

  static func readTree(_ language: Language) throws -> [String: Any] {
    guard let url = folder?.appendingPathComponent("\(language.code).json") else {
      throw LocalizationError.catalogue(code: language.code, reason: "not found in the package resources")
    }
    do {
      guard let object = try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any] else {
        throw LocalizationError.catalogue(code: language.code, reason: "not a JSON object")
      }
      return object
    } catch let error as LocalizationError {
      throw error
    } catch {
      throw LocalizationError.catalogue(code: language.code, reason: "\(error)")
    }
  }

  static func flatten(_ tree: [String: Any], prefix: String = "") -> [String: String] {
    var out: [String: String] = [:]
    for (key, value) in tree {
      let path = prefix.isEmpty ? key : prefix + "." + key
      if let text = value as? String {
        out[path] = text
      } else if let inner = value as? [String: Any] {
        out.merge(flatten(inner, prefix: path)) { a, _ in a }
      }
    }
    return out
  }

  static func merged(_ own: [String: Any], over base: [String: Any]) -> [String: Any] {
    var out = base
    for (key, value) in own {
      if let inner = value as? [String: Any], let baseInner = base[key] as? [String: Any] {
        out[key] = merged(inner, over: baseInner)
      } else {
        out[key] = value
      }
    }
    return out
  }

  /// Every key this catalogue holds itself (not through the fallback).
  public var keys: Set<String> { Set(entries.keys) }

  /// The text of `key`; the key itself when no catalogue has it (a bug the
  /// catalogue tests catch, shown rather than hidden).
  public subscript(_ key: String) -> String { entries[key] ?? fallback[key] ?? key }

  /// The text of `key` with each `{name}` replaced by `values[name]`.
  public func text(_ key: String, _ values: [String: CustomStringConvertible] = [:]) -> String {
    Self.fill(self[key], values)
  }

  /// The text of `key_one` when `count` is 1 and the catalogue has it, else
  /// of `key`, with `{count}` and `values` filled: English plurals, and
  /// languages without them (Japanese) simply leave `_one` out.
  public func counted(_ key: String, _ count: Int, _ values: [String: CustomStringConvertible] = [:]) -> String {
    let one = key + "_one"
    let chosen = count == 1 && (entries[one] != nil || (entries[key] == nil && fallback[one] != nil)) ? one : key
    var all = values
    all["count"] = count
    return Self.fill(self[chosen], all)
  }

  static func fill(_ template: String, _ values: [String: CustomStringConvertible]) -> String {
    guard template.contains("{") else { return template }
    var out = ""
    var rest = Substring(template)
    while let open = rest.firstIndex(of: "{") {
      out += rest[..<open]
      guard let close = rest[open...].firstIndex(of: "}") else { break }
      let name = String(rest[rest.index(after: open)..<close])
      if let value = values[name] {
        out += Self.shown(value)
      } else {
        out += rest[open...close]
      }
      rest = rest[rest.index(after: close)...]
    }
    return out + rest
  }

  /// A value as a sentence shows it: whole numbers grouped by thousands
  /// (`14,108`, as both English and Japanese officers write them).
  static func shown(_ value: CustomStringConvertible) -> String {
    let number: Int64? = (value as? Int).map(Int64.init) ?? (value as? Int64)
    guard let number, abs(number) >= 1000 else { return value.description }
    var digits = String(abs(number))
    var groups: [Substring] = []
    while digits.count > 3 {
      groups.insert(Substring(digits.suffix(3)), at: 0)
      digits.removeLast(3)
    }
    groups.insert(Substring(digits), at: 0)
    return (number < 0 ? "-" : "") + groups.joined(separator: ",")
  }

  /// The nested messages for a template context (`t`).
  public var templateContext: [String: Any] { tree }
}

/// Escapes text for HTML element content and attribute values.
enum HTMLText {
  static func escape(_ text: String) -> String {
    // Most values (dates, counts, plain addresses) need nothing: no copy.
    guard text.utf8.contains(where: { $0 == 0x26 || $0 == 0x3C || $0 == 0x3E || $0 == 0x22 || $0 == 0x27 }) else {
      return text
    }
    var out = ""
    out.reserveCapacity(text.utf8.count)
    for c in text.unicodeScalars {
      switch c {
      case "&": out += "&amp;"
      case "<": out += "&lt;"
      case ">": out += "&gt;"
      case "\"": out += "&quot;"
      case "'": out += "&#39;"
      default: out.unicodeScalars.append(c)
      }
    }
    return out
  }
}
