import ArgumentParser
import Foundation
import MailAudit

/// Options of the commands that only read the index (and the configuration).
struct IndexOptions: ParsableArguments {
  @Option(
    name: .long,
    help: ArgumentHelp(
      "The index: a SQLite file, or postgresql://user@host/db for a shared one (default: $MAILAUDIT_INDEX, else ~/.local/share/mailaudit/index.sqlite).",
      valueName: "file|url"))
  var index: String?

  @Option(
    name: .long,
    help: ArgumentHelp("Configuration file (default: mailaudit.toml in the working folder, if there).", valueName: "file"))
  var config: String?

  @Option(
    name: .customLong("lang"),
    help: ArgumentHelp(
      "Language of reports and printed text: ja or en (default: language in mailaudit.toml, else the locale, else en).",
      valueName: "code"))
  var lang: String?

  @Option(
    name: .long,
    help: ArgumentHelp(
      "IANA time zone every time is shown in, such as Asia/Tokyo (default: timezone in mailaudit.toml, else the system's).",
      valueName: "zone"))
  var timezone: String?

  func validate() throws {
    if let lang, Language(code: lang) == nil {
      throw ValidationError("--lang takes \(Language.available.joined(separator: " or ")), not '\(lang)'.")
    }
    if let timezone, TimeZone(identifier: timezone) == nil {
      throw ValidationError("--timezone takes an IANA time zone name such as Asia/Tokyo or UTC, not '\(timezone)'.")
    }
  }

  var indexPath: String { storeLocation.text }

  var storeLocation: StoreLocation { index.map(StoreLocation.init) ?? .default() }

  /// The language to write in: option, configuration, locale, English.
  func language() throws -> Language {
    try Language.resolve(
      option: lang, configured: try configuration().language, environment: ProcessInfo.processInfo.environment)
  }

  /// The catalogue of ``language()``.
  func catalog() throws -> MessageCatalog { try MessageCatalog.load(try language()) }

  /// The zone to show times in: option, configuration, the system's.
  func zone() throws -> ReportTimeZone {
    try ReportTimeZone.resolve(option: timezone, configured: try configuration().timezone)
  }

  /// The index, which must exist: reading commands never create one.
  func openIndex() throws -> any AuditStore {
    guard storeLocation.exists else {
      throw ValidationError("no index at \(indexPath); run `mailaudit audit PATH...` first, or give --index.")
    }
    return try storeLocation.openAsking(creatingSchema: false)
  }

  func configuration() throws -> AuditConfiguration { try AuditConfiguration.load(path: config).0 }
}

/// Output formats of the listing commands.
enum ListFormat: String, ExpressibleByArgument, CaseIterable {
  case table, csv, json
}

/// Columns aligned for a terminal.
struct TextTable {
  var header: [String]
  var rows: [[String]] = []
  /// Columns aligned right (numbers).
  var numeric: Set<Int> = []

  /// Columns a terminal gives `text`: East Asian wide characters (kanji,
  /// kana, full-width forms) take two.
  static func width(_ text: String) -> Int {
    text.unicodeScalars.reduce(0) { sum, s in
      switch s.value {
      case 0x1100...0x115F, 0x2E80...0x303E, 0x3041...0x33FF, 0x3400...0x4DBF, 0x4E00...0x9FFF, 0xA000...0xA4CF,
        0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE30...0xFE4F, 0xFF00...0xFF60, 0xFFE0...0xFFE6:
        sum + 2
      case 0x0300...0x036F, 0x200B...0x200F: sum
      default: sum + 1
      }
    }
  }

  var text: String {
    var widths = header.map(Self.width)
    for row in rows {
      for (i, cell) in row.enumerated() where i < widths.count { widths[i] = max(widths[i], Self.width(cell)) }
    }
    func line(_ cells: [String]) -> String {
      cells.enumerated().map { i, cell in
        let pad = String(repeating: " ", count: max(widths[i] - Self.width(cell), 0))
        return numeric.contains(i) ? pad + cell : cell + pad
      }.joined(separator: "  ").replacingOccurrences(of: "\\s+$", with: "", options: .regularExpression)
    }
    return ([line(header)] + rows.map(line)).joined(separator: "\n")
  }
}

/// One JSON object per line, snake_case keys, sorted.
func jsonLine(_ value: some Encodable) throws -> String {
  let encoder = JSONEncoder()
  encoder.keyEncodingStrategy = .convertToSnakeCase
  encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
  return String(decoding: try encoder.encode(value), as: UTF8.self)
}

/// Runs `body`, turning errors into the documented exit status.
func reporting(_ body: () throws -> Void) throws {
  do {
    try body()
  } catch let status as ExitStatus {
    throw status
  } catch let error as ValidationError {
    throw error
  } catch {
    throw fail(error)
  }
}
