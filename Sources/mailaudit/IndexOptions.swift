import ArgumentParser
import Foundation
import MailAudit

/// Options of the commands that only read the index (and the configuration).
struct IndexOptions: ParsableArguments {
  @Option(
    name: .long,
    help: ArgumentHelp(
      "The SQLite index (default: $MAILAUDIT_INDEX, else ~/.local/share/mailaudit/index.sqlite).",
      valueName: "file"))
  var index: String?

  @Option(
    name: .long,
    help: ArgumentHelp("Configuration file (default: mailaudit.toml in the working folder, if there).", valueName: "file"))
  var config: String?

  var indexPath: String { index ?? AuditIndex.defaultPath() }

  /// The index, which must exist: reading commands never create one.
  func openIndex() throws -> AuditIndex {
    guard FileManager.default.fileExists(atPath: indexPath) else {
      throw ValidationError("no index at \(indexPath); run `mailaudit audit PATH...` first, or give --index.")
    }
    return try AuditIndex(path: indexPath)
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

  var text: String {
    var widths = header.map(\.count)
    for row in rows {
      for (i, cell) in row.enumerated() where i < widths.count { widths[i] = max(widths[i], cell.count) }
    }
    func line(_ cells: [String]) -> String {
      cells.enumerated().map { i, cell in
        let pad = String(repeating: " ", count: max(widths[i] - cell.count, 0))
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
