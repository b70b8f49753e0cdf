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
      let settings = try options.configuration().regulatorSettings.overriding(
        pricePerAddress: pricePerAddress, currency: currency, publicBody: publicBody, preliminaryDays: preliminaryDays)
      let zone = try options.zone()
      let catalog = try options.catalog()
      let resolved = try resolveIncident(id, in: index)
      guard var detail = try index.incidentDetail(id: resolved, zone: zone) else {
        throw ValidationError("no incident \(id)")
      }
      EvidenceDigest.fill(&detail, reader: EvidenceReader(imap: imap.settings))
      let discoveredAt = discovered.flatMap { DiscoveryTime($0) }
      let generatedAt = zone.iso8601(Int64(Date().timeIntervalSince1970))
      let pack = try RegulatorPack(
        detail: detail, settings: settings, discovered: discoveredAt, generatedAt: generatedAt, catalog: catalog)
      // The PPC's form is in Japanese whatever --lang says.
      let japanese = try RegulatorPack(
        detail: detail, settings: settings, discovered: discoveredAt, generatedAt: generatedAt,
        catalog: try MessageCatalog.load(.japanese))
      let written = try IncidentFiles(excel: excel, zone: zone).write(
        pack, japanese: japanese, into: URL(fileURLWithPath: out))
      print(IncidentText.render(pack, catalog: catalog))
      print(catalog.text("cli.zone", ["zone": zone.identifier]))
      print("")
      print(catalog.text("cli.incident.written", ["files": written.map(\.path).joined(separator: ", ")]))
    }
  }
}

/// The incident a person means (``IncidentReference``); a typo is a usage
/// error (exit 64), like any other bad argument.
func resolveIncident(_ typed: String, in index: any AuditStore) throws -> String {
  do {
    return try IncidentReference(typed).resolve(in: index)
  } catch let failure as IncidentReference.Failure {
    throw ValidationError(failure.description)
  }
}

/// The incident as text on a terminal.
enum IncidentText {
  static func render(_ pack: RegulatorPack, catalog c: MessageCatalog) -> String {
    let d = pack.incident
    let i = pack.identifiability
    var lines = [
      c.text("cli.incident.heading", ["id": d.id, "severity": c["severity.\(d.severity.rawValue)"]]),
      c.text("cli.incident.people", ["people": d.people, "personal": d.personal]),
      c.text(
        "cli.incident.identifiable",
        [
          "text": c.text(
            "summary.identifiability",
            [
              "addresses": i.addresses, "identifying": i.identifying, "unsure": i.unsure,
              "notIdentifying": i.notIdentifying,
            ])
        ]),
      c.text("cli.incident.parties", ["parties": d.parties]),
      c.text("cli.incident.messages", ["messages": d.messageCount]),
      c.text("cli.incident.pairs", ["pairs": d.exposurePairs]),
      c.text("cli.incident.firstSend", ["at": d.firstSent ?? "-"]),
      c.text("cli.incident.lastSend", ["at": d.lastSent ?? "-"]),
      c.text(
        "cli.incident.unconfirmed",
        ["people": d.peopleUnconfirmed, "personal": d.personalUnconfirmed, "pairs": d.exposurePairsUnconfirmed]),
      c.text(
        "cli.incident.followUp",
        [
          "asked": d.followUps.asked, "deleted": d.followUps.deleted, "noAnswer": d.followUps.noAnswer,
          "notRecorded": d.followUps.notRecorded,
        ]),
    ]
    if let cost = pack.cost {
      lines.append(
        c.text(
          "cli.incident.cost",
          [
            "amount": IncidentHTML.amount(cost.amount), "currency": cost.currency,
            "price": IncidentHTML.amount(cost.pricePerAddress), "unconfirmed": IncidentHTML.amount(cost.amountUnconfirmed),
          ]))
    }
    let t = pack.thresholds
    lines.append(
      c.text(
        "cli.incident.thresholds",
        [
          "people": t.peopleThreshold, "over": t.overPeopleThreshold ? c["cli.incident.yes"] : c["cli.incident.no"],
          "publicThreshold": t.publicBodyThreshold,
          "overPublic": t.overPublicBodyThreshold ? c["cli.incident.yes"] : c["cli.incident.no"],
          "publicBody": t.publicBody ? c["cli.incident.publicBody"] : "",
        ]))
    if let dl = pack.deadlines {
      lines += [
        c.text("cli.incident.discovered", ["at": dl.discovered]),
        c.text("cli.incident.gdpr", ["at": dl.gdpr]),
        c.text("cli.incident.preliminary", ["at": dl.appiPreliminary]),
        c.text("cli.incident.final", ["at": dl.appiFinal]),
      ]
    } else {
      lines.append(c["cli.incident.noDeadlines"])
    }
    lines.append("")
    lines.append(c["cli.incident.messagesHeading"])
    for m in d.messages {
      lines.append("  \(m.date ?? c["common.noDate"])  \(m.sender ?? c["common.unreadable"])  \(TerminalText.cut(m.subject ?? "", to: 200))")
      lines.append("    Message-ID: \(m.messageID ?? c["common.none"])")
      for l in m.locations { lines.append(c.text("cli.incident.at", ["location": l.text])) }
      let sha = m.sha256 ?? c.text("cli.incident.notComputed", ["reason": m.digestProblem ?? c["cli.incident.unreadable"]])
      lines.append(c.text("cli.incident.sha", ["value": sha]))
    }
    lines.append("")
    var table = TextTable(
      header: ["party", "exposed", "private", "stillCounted"].map { c["cli.incident.partyColumns.\($0)"] },
      numeric: [1, 2, 3])
    table.rows = d.partyList.map {
      [$0.party, String($0.exposedPeople), String($0.personal), String($0.exposedUnconfirmed)]
    }
    lines.append(table.text)
    return lines.joined(separator: "\n")
  }
}
