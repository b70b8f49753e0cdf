import Foundation

/// The files of one incident in `OUT/incident-ID/`: the notification list,
/// and the regulator pack as HTML and JSON. All 0600, folder 0700.
public struct IncidentFiles: Sendable {
  public var excel: Bool

  public init(excel: Bool = false) {
    self.excel = excel
  }

  /// Writes the three files for `pack` under `out` and returns their paths.
  public func write(_ pack: RegulatorPack, into out: URL) throws -> [URL] {
    let folder = out.appendingPathComponent("incident-\(pack.incident.id)")
    try PrivateFiles.createDirectory(out)
    try PrivateFiles.createDirectory(folder)
    let list = folder.appendingPathComponent("notification-list.csv")
    try PrivateFiles.write(notificationList(pack.incident), to: list)
    let json = folder.appendingPathComponent("report.json")
    try PrivateFiles.write(try Self.json(pack), to: json)
    let html = folder.appendingPathComponent("report.html")
    try PrivateFiles.write(try IncidentHTML().render(pack), to: html)
    return [list, html, json]
  }

  /// The notification list's columns.
  public static let columns = [
    "address", "display_name", "party", "personal", "messages", "seen_by_parties", "seen_by", "follow_up",
  ]

  /// Every exposed person once, in clear (never masked: it is how they are
  /// reached).
  public func notificationList(_ detail: IncidentDetail) -> [UInt8] {
    var csv = CSVWriter(dialect: excel ? .excel : .plain)
    csv.row(Self.columns)
    for p in detail.persons {
      csv.row([
        p.address, p.displayName ?? "", p.party, p.personal ? "true" : "false", p.messages.joined(separator: ";"),
        p.seenByParties.joined(separator: ";"), String(p.seenBy), p.followUp?.rawValue ?? "",
      ])
    }
    return csv.bytes
  }

  /// `report.json`: snake_case keys, sorted, for other tools.
  public static func json(_ value: some Encodable) throws -> [UInt8] {
    let encoder = JSONEncoder()
    encoder.keyEncodingStrategy = .convertToSnakeCase
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
    return Array(try encoder.encode(value)) + [10]
  }
}
