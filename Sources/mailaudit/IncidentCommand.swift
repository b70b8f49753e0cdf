import ArgumentParser
import Foundation
import MailAudit

struct IncidentCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "incident",
    abstract: "Size one incident and write its notification list and regulator pack.",
    discussion: """
      Prints the incident's size, its messages with their evidence (location and a SHA-256 of the \
      raw message, read again from the mailbox, read-only) and its parties, and writes \
      OUT/incident-ID/notification-list.csv (never masked), report.html and report.json.
      """)

  @OptionGroup var options: IndexOptions

  @OptionGroup var imap: IMAPOptions

  @Argument(help: ArgumentHelp("The incident id (INC-...), or a unique beginning of it.", valueName: "id"))
  var id: String

  @Option(
    name: .long,
    help: ArgumentHelp(
      "When the incident was discovered (2025-03-20T10:00+09:00; without an offset, local time): deadlines count from it.",
      valueName: "datetime"))
  var discovered: String?

  @Option(name: .long, help: ArgumentHelp("Folder for the incident's files.", valueName: "dir"))
  var out: String = "reports"

  @Flag(name: .long, help: "Write the notification list for Excel: UTF-8 with BOM and CRLF.")
  var excel = false

  @Option(name: .customLong("price-per-address"), help: ArgumentHelp("Cost of one exposed address.", valueName: "amount"))
  var pricePerAddress: Double?

  @Option(name: .long, help: ArgumentHelp("Currency of the price (default JPY).", valueName: "code"))
  var currency: String?

  @Flag(name: .customLong("public-body"), inversion: .prefixedNo, help: "The organisation is a public body (reports above 100 people).")
  var publicBody: Bool?

  @Option(name: .customLong("preliminary-days"), help: ArgumentHelp("Days for the APPI preliminary report (default 5).", valueName: "days"))
  var preliminaryDays: Int?

  func validate() throws {
    if let discovered, DiscoveryTime(discovered) == nil {
      throw ValidationError("--discovered takes a date and time such as 2025-03-20T10:00+09:00, not '\(discovered)'.")
    }
    if let pricePerAddress, pricePerAddress < 0 { throw ValidationError("--price-per-address must not be negative.") }
    if let preliminaryDays, preliminaryDays < 0 { throw ValidationError("--preliminary-days must not be negative.") }
  }

  func run() throws {
    try reporting {
      let index = try options.openIndex()
      var settings = try options.configuration().regulatorSettings
      if let pricePerAddress { settings.pricePerAddress = pricePerAddress }
      if let currency { settings.currency = currency }
      if let publicBody { settings.publicBody = publicBody }
      if let preliminaryDays { settings.preliminaryDays = preliminaryDays }
      let resolved = try resolveIncident(id, in: index)
      guard var detail = try index.incidentDetail(id: resolved) else { throw ValidationError("no incident \(id)") }
      EvidenceDigest.fill(&detail, reader: EvidenceReader(imap: imap.settings))
      let pack = RegulatorPack(detail: detail, settings: settings, discovered: discovered.flatMap { DiscoveryTime($0) })
      let written = try IncidentFiles(excel: excel).write(pack, into: URL(fileURLWithPath: out))
      print(IncidentText.render(pack))
      print("")
      print("Written: \(written.map(\.path).joined(separator: ", "))")
    }
  }
}

/// Finds the incident a person means: the exact id, or the one id that
/// starts with what was typed (with or without `INC-`, any case).
func resolveIncident(_ typed: String, in index: AuditIndex) throws -> String {
  let ids = try index.incidents().map(\.id)
  if ids.contains(typed) { return typed }
  var wanted = typed.lowercased()
  if !wanted.hasPrefix("inc-") { wanted = "inc-" + wanted }
  let matches = ids.filter { $0.lowercased().hasPrefix(wanted) }
  switch matches.count {
  case 1: return matches[0]
  case 0: throw ValidationError("no incident \(typed) in the index; `mailaudit incidents` lists them.")
  default: throw ValidationError("\(typed) matches \(matches.count) incidents: \(matches.joined(separator: ", ")).")
  }
}

/// The incident as text on a terminal.
enum IncidentText {
  static func render(_ pack: RegulatorPack) -> String {
    let d = pack.incident
    var lines = [
      "Incident \(d.id) (\(d.severity.rawValue))",
      "  People exposed:   \(d.people) (\(d.personal) private individuals)",
      "  Parties:          \(d.parties)",
      "  Messages:         \(d.messageCount)",
      "  Exposure pairs:   \(d.exposurePairs)",
      "  First send:       \(d.firstSent ?? "-")",
      "  Last send:        \(d.lastSent ?? "-")",
      "  Without confirmed deletions: \(d.peopleUnconfirmed) people (\(d.personalUnconfirmed) private), \(d.exposurePairsUnconfirmed) pairs",
      "  Follow-up:        asked \(d.followUps.asked), deleted \(d.followUps.deleted), no answer \(d.followUps.noAnswer), nothing recorded \(d.followUps.notRecorded)",
    ]
    if let cost = pack.cost {
      lines.append("  Estimated cost:   \(IncidentHTML.amount(cost.amount)) \(cost.currency) (\(IncidentHTML.amount(cost.pricePerAddress)) per address; \(IncidentHTML.amount(cost.amountUnconfirmed)) without confirmed deletions)")
    }
    let t = pack.thresholds
    lines.append(
      "  Thresholds:       over \(t.peopleThreshold) people: \(t.overPeopleThreshold ? "YES" : "no"); over \(t.publicBodyThreshold) (public bodies): \(t.overPublicBodyThreshold ? "YES" : "no")\(t.publicBody ? " (public body)" : "")")
    if let dl = pack.deadlines {
      lines += [
        "  Discovered:       \(dl.discovered)",
        "  GDPR (72 h):      \(dl.gdpr)",
        "  APPI preliminary: \(dl.appiPreliminary)",
        "  APPI final:       \(dl.appiFinal)",
      ]
    } else {
      lines.append("  Deadlines:        give --discovered to compute them")
    }
    lines.append("")
    lines.append("Messages:")
    for m in d.messages {
      lines.append("  \(m.date ?? "(no date)")  \(m.sender ?? "(unreadable)")  \(m.subject ?? "")")
      lines.append("    Message-ID: \(m.messageID ?? "(none)")")
      for l in m.locations { lines.append("    at \(l.text)") }
      lines.append("    SHA-256: \(m.sha256 ?? "not computed (\(m.digestProblem ?? "unreadable"))")")
    }
    lines.append("")
    var table = TextTable(header: ["PARTY", "EXPOSED", "PRIVATE", "STILL COUNTED"], numeric: [1, 2, 3])
    table.rows = d.partyList.map {
      [$0.party, String($0.exposedPeople), String($0.personal), String($0.exposedUnconfirmed)]
    }
    lines.append(table.text)
    return lines.joined(separator: "\n")
  }
}
