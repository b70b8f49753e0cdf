import Foundation

/// The files of one incident in `OUT/incident-ID/`: the notification list,
/// the regulator pack as HTML and JSON, and the PPC report's nine items as
/// Japanese plain text. All 0600, folder 0700.
public struct IncidentFiles: Sendable {
  public var excel: Bool
  /// The zone the HTML names as the one its times are in.
  public var zone: ReportTimeZone?

  public init(excel: Bool = false, zone: ReportTimeZone? = nil) {
    self.excel = excel
    self.zone = zone
  }

  /// Writes the files for `pack` under `out` and returns their paths.
  /// `japanese`, the same pack worded in Japanese (or `pack` itself when it
  /// is), gives `ppc-report-ja.txt`, the text to paste into the PPC's form.
  public func write(_ pack: RegulatorPack, japanese: RegulatorPack? = nil, into out: URL) throws -> [URL] {
    let folder = Self.folder(of: pack.incident.id, in: out)
    try PrivateFiles.createDirectory(out)
    try PrivateFiles.createDirectory(folder)
    let catalog = try MessageCatalog.load(Language(code: pack.language) ?? .english)
    let list = folder.appendingPathComponent("notification-list.csv")
    try PrivateFiles.write(notificationList(pack.incident, catalog: catalog), to: list)
    let json = folder.appendingPathComponent("report.json")
    try PrivateFiles.write(try Self.json(pack), to: json)
    let html = folder.appendingPathComponent("report.html")
    try PrivateFiles.write(try IncidentHTML().render(pack, zone: zone), to: html)
    var written = [list, html, json]
    if let ppc = japanese ?? (pack.language == Language.japanese.code ? pack : nil) {
      let text = folder.appendingPathComponent("ppc-report-ja.txt")
      try PrivateFiles.write(Array(try PPCReportText.render(ppc).utf8), to: text)
      written.append(text)
    }
    return written
  }

  /// `OUT/incident-ID`: where an incident's files go.
  public static func folder(of id: String, in out: URL) -> URL {
    out.appendingPathComponent("incident-\(id)")
  }

  /// The notification list's columns: the first eight as they always were
  /// (other tools rely on their order), new ones only after them.
  public static let columns = [
    "address", "display_name", "party", "personal", "messages", "seen_by_parties", "seen_by", "follow_up",
    "identifies_person", "identifiability_reason", "draft",
  ]

  /// Every exposed person once, in clear (never masked: it is how they are
  /// reached). `draft` names the file `mailaudit notify` writes for them.
  public func notificationList(_ detail: IncidentDetail, catalog: MessageCatalog? = nil) -> [UInt8] {
    var csv = CSVWriter(dialect: excel ? .excel : .plain)
    csv.header(Self.columns, excel: excel, catalog: catalog)
    for p in detail.persons {
      csv.row([
        p.address, p.displayName ?? "", p.party, p.personal ? "true" : "false", p.messages.joined(separator: ";"),
        p.seenByParties.joined(separator: ";"), String(p.seenBy), p.followUp?.rawValue ?? "",
        p.identifiesPerson.rawValue, p.identifiabilityReason.rawValue, NotificationDraft.fileName(for: p.address),
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
