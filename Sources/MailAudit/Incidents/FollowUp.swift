import Foundation
import MailParsing

/// What a receiving recipient of an incident was asked and answered: the
/// recipient-side follow-up an officer records.
public enum FollowUpStatus: String, Codable, Sendable, CaseIterable {
  /// Asked to delete the message, no answer recorded yet.
  case asked
  /// Confirmed that the message was deleted (unread, under PPC Q&A 6-1,
  /// it then does not count as a leak).
  case deleted
  /// Asked, and did not answer.
  case noAnswer = "no-answer"

  /// Reads the spellings people write in a command or a spreadsheet
  /// (`asked-to-delete`, `confirmed deleted`, `no_answer`...).
  public init?(text: String) {
    let t = text.lowercased().trimmingCharacters(in: .whitespaces)
      .replacingOccurrences(of: "_", with: "-").replacingOccurrences(of: " ", with: "-")
    switch t {
    case "asked", "asked-to-delete", "requested": self = .asked
    case "deleted", "confirmed-deleted", "confirmed": self = .deleted
    case "no-answer", "noanswer", "none", "unanswered": self = .noAnswer
    default: return nil
    }
  }

  /// The wording reports show.
  public var label: String {
    switch self {
    case .asked: "asked to delete"
    case .deleted: "confirmed deleted"
    case .noAnswer: "no answer"
    }
  }
}

/// One recorded follow-up: an incident, a receiving recipient and a status.
public struct FollowUpRecord: Codable, Sendable, Equatable {
  public var incidentID: String
  /// Normalised address of the receiving recipient.
  public var address: String
  public var status: FollowUpStatus
  public var note: String?

  public init(incidentID: String, address: String, status: FollowUpStatus, note: String? = nil) {
    self.incidentID = incidentID
    self.address = address
    self.status = status
    self.note = note
  }
}

/// Why a follow-up could not be recorded.
public enum FollowUpError: LocalizedError, Equatable {
  case unknownIncident(String)
  case notARecipient(incident: String, address: String)
  case unreadableAddress(String)
  case badStatus(String)
  /// A line of an imported CSV: its number (1 is the header) and what is wrong.
  case importLine(Int, String)

  public var errorDescription: String? {
    switch self {
    case .unknownIncident(let id): "no incident \(id) in the index (see `mailaudit incidents`)"
    case .notARecipient(let id, let address): "\(address) did not receive any message of incident \(id)"
    case .unreadableAddress(let text): "'\(text)' is not an address"
    case .badStatus(let text): "unknown status '\(text)'; use asked, deleted or no-answer"
    case .importLine(let line, let reason): "line \(line): \(reason)"
    }
  }
}

/// Reads follow-ups from a CSV with a header row naming at least `address`
/// and `status` (an optional `note` column is kept), as an officer would
/// export them from the spreadsheet the notification list started.
public enum FollowUpImport {
  /// The records of `text` for incident `incidentID`; the first bad line
  /// stops the import (nothing half-imported).
  public static func records(csv text: String, incidentID: String) throws -> [FollowUpRecord] {
    let rows = CSVReader.rows(text)
    guard let header = rows.first?.map({ $0.lowercased().trimmingCharacters(in: .whitespaces) }),
      let addressColumn = header.firstIndex(of: "address"), let statusColumn = header.firstIndex(of: "status")
    else { throw FollowUpError.importLine(1, "the header must name the columns address and status") }
    let noteColumn = header.firstIndex(of: "note")
    var records: [FollowUpRecord] = []
    for (n, row) in rows.enumerated().dropFirst() {
      if row.allSatisfy({ $0.trimmingCharacters(in: .whitespaces).isEmpty }) { continue }
      let cell = { (i: Int) -> String in i < row.count ? row[i] : "" }
      let rawAddress = cell(addressColumn)
      guard let address = AddressNormalizing.normalized(rawAddress) else {
        throw FollowUpError.importLine(n + 1, "'\(rawAddress)' is not an address")
      }
      guard let status = FollowUpStatus(text: cell(statusColumn)) else {
        throw FollowUpError.importLine(n + 1, "unknown status '\(cell(statusColumn))'")
      }
      let note = noteColumn.map(cell).flatMap { $0.isEmpty ? nil : $0 }
      records.append(FollowUpRecord(incidentID: incidentID, address: address, status: status, note: note))
    }
    return records
  }
}

/// Normalises an address typed by a person as addresses in mail are.
public enum AddressNormalizing {
  /// `Tanaka <TANAKA@Example.COM>` gives `tanaka@example.com`; nil when
  /// the text holds no readable address.
  public static func normalized(_ text: String) -> String? {
    let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
    guard !trimmed.isEmpty else { return nil }
    return AddressListParser.parse(trimmed).addresses.first?.normalized
  }
}

/// A small RFC 4180 reader: quoted cells, doubled quotes, CRLF or LF, a
/// UTF-8 BOM (Excel's) dropped.
enum CSVReader {
  static func rows(_ text: String) -> [[String]] {
    var rows: [[String]] = []
    var row: [String] = []
    var cell = ""
    var quoted = false
    var scalars = Array(text.unicodeScalars)
    if scalars.first == "\u{FEFF}" { scalars.removeFirst() }
    var i = 0
    while i < scalars.count {
      let c = scalars[i]
      if quoted {
        if c == "\"" {
          if i + 1 < scalars.count, scalars[i + 1] == "\"" {
            cell.unicodeScalars.append("\"")
            i += 1
          } else {
            quoted = false
          }
        } else {
          cell.unicodeScalars.append(c)
        }
      } else {
        switch c {
        case "\"": quoted = true
        case ",":
          row.append(cell)
          cell = ""
        case "\r": break
        case "\n":
          row.append(cell)
          rows.append(row)
          row = []
          cell = ""
        default: cell.unicodeScalars.append(c)
        }
      }
      i += 1
    }
    if !cell.isEmpty || !row.isEmpty {
      row.append(cell)
      rows.append(row)
    }
    return rows
  }
}
