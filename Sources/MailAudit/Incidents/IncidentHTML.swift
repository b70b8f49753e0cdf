import Foundation

/// `report.html`: the regulator pack as one self-contained page (no
/// network, no script), through the `incident` Mustache template, which
/// escapes every value; text from messages is also cleaned as in the
/// summary (control and bidi-override characters removed, long text cut).
public struct IncidentHTML: Sendable {
  public init() {}

  /// The page's bytes, worded in the pack's language.
  public func render(_ pack: RegulatorPack, zone: ReportTimeZone? = nil) throws -> [UInt8] {
    let template = try Templates.load("incident")
    let catalog = try MessageCatalog.load(Language(code: pack.language) ?? .english)
    return Array(template.render(context(pack, catalog: catalog, zone: zone)).utf8)
  }

  func context(_ pack: RegulatorPack, catalog c: MessageCatalog, zone: ReportTimeZone?) -> [String: Any] {
    let clean = SummaryHTML()
    // The pack's own sentences are long by design: cleaned, never cut.
    var sentences = SummaryHTML()
    sentences.maxTextLength = 20_000
    let d = pack.incident
    func fields(_ list: [PackField]) -> [[String: Any]] {
      list.map { f in
        var row: [String: Any] = ["key": f.key, "title": f.title]
        if let filled = f.filled { row["filled"] = sentences.shown(filled) }
        if let toWrite = f.toWrite { row["toWrite"] = toWrite }
        return row
      }
    }
    let messages = d.messages.enumerated().map { n, m -> [String: Any] in
      var row: [String: Any] = [
        "n": n + 1, "date": m.date ?? c["common.noDate"], "sender": clean.shown(m.sender ?? c["common.unreadable"]),
        "subject": clean.shown(m.subject ?? ""), "messageID": clean.shown(m.messageID ?? c["common.none"]),
        "severity": m.severity.rawValue, "exposed": m.exposed, "personal": m.personal, "parties": m.parties,
        "reply": m.reply, "locations": m.locations.map { clean.shown($0.text) },
      ]
      if let sha = m.sha256 { row["sha256"] = sha }
      if let problem = m.digestProblem { row["digestProblem"] = clean.shown(problem) }
      return row
    }
    let f = d.followUps
    let i = pack.identifiability
    var text: [String: Any] = [
      "title": HTMLText.escape(c.text("incident.title", ["id": d.id])),
      "generated": HTMLText.escape(c.text("incident.generated", ["at": pack.generatedAt, "tool": pack.tool])),
      "followUps": c.text(
        "incident.followUps",
        ["asked": f.asked, "deleted": f.deleted, "noAnswer": f.noAnswer, "notRecorded": f.notRecorded]),
      "overPeople": c.text("incident.overPeople", ["n": pack.thresholds.peopleThreshold]),
      "overPublic": c.text("incident.overPublic", ["n": pack.thresholds.publicBodyThreshold]),
      "identifiability": c.text(
        "summary.identifiability",
        [
          "addresses": i.addresses, "identifying": i.identifying, "unsure": i.unsure,
          "notIdentifying": i.notIdentifying,
        ]),
      "unconfirmed": c.text(
        "incident.unconfirmed",
        [
          "people": d.peopleUnconfirmed, "personal": d.personalUnconfirmed, "pairs": d.exposurePairsUnconfirmed,
          "cost": pack.cost.map {
            c.text(
              "incident.unconfirmedCost",
              ["amount": Self.amount($0.amountUnconfirmed), "currency": HTMLText.escape(clean.shown($0.currency))])
          } ?? "",
        ]),
    ]
    if let zone { text["zone"] = HTMLText.escape(zone.identifier) }
    var context: [String: Any] = [
      "t": c.templateContext, "lang": c.language.code, "text": text,
      "id": d.id, "severity": d.severity.rawValue, "severityLabel": c["severity.\(d.severity.rawValue)"],
      "generatedAt": pack.generatedAt, "tool": pack.tool,
      "size": [
        "people": d.people, "personal": d.personal, "organisationPeople": d.people - d.personal,
        "parties": d.parties, "messages": d.messageCount, "pairs": d.exposurePairs,
        "peopleUnconfirmed": d.peopleUnconfirmed, "personalUnconfirmed": d.personalUnconfirmed,
        "pairsUnconfirmed": d.exposurePairsUnconfirmed, "firstSent": d.firstSent ?? "(unknown)",
        "lastSent": d.lastSent ?? "(unknown)",
      ] as [String: Any],
      "followUps": [
        "asked": d.followUps.asked, "deleted": d.followUps.deleted, "noAnswer": d.followUps.noAnswer,
        "notRecorded": d.followUps.notRecorded,
      ],
      "thresholds": [
        "people": pack.thresholds.peopleThreshold, "overPeople": pack.thresholds.overPeopleThreshold,
        "publicBody": pack.thresholds.publicBody, "publicBodyThreshold": pack.thresholds.publicBodyThreshold,
        "overPublic": pack.thresholds.overPublicBodyThreshold, "mandatory": pack.thresholds.mandatoryByCount,
      ] as [String: Any],
      "gdpr": fields(pack.gdpr), "appi": fields(pack.appi), "messages": messages,
      "parties": pack.parties.map { ["party": clean.shown($0.party), "people": $0.exposedPeople, "personal": $0.personal] },
    ]
    if let organisation = pack.organisation { context["organisation"] = clean.shown(organisation) }
    if let deadlines = pack.deadlines {
      context["deadlines"] = [
        "discovered": deadlines.discovered, "gdpr": deadlines.gdpr, "preliminary": deadlines.appiPreliminary,
        "final": deadlines.appiFinal,
      ]
    }
    if let cost = pack.cost {
      context["cost"] = [
        "costText": c.text("incident.cost", ["price": Self.amount(cost.pricePerAddress)]),
        "price": Self.amount(cost.pricePerAddress), "currency": clean.shown(cost.currency),
        "amount": Self.amount(cost.amount), "amountUnconfirmed": Self.amount(cost.amountUnconfirmed),
      ]
    }
    return context
  }

  /// `1,234,000` or `12.50`: whole amounts without decimals.
  public static func amount(_ value: Double) -> String {
    let formatter = NumberFormatter()
    formatter.numberStyle = .decimal
    formatter.locale = Locale(identifier: "en_US_POSIX")
    formatter.usesGroupingSeparator = true
    formatter.groupingSeparator = ","
    formatter.groupingSize = 3
    formatter.minimumFractionDigits = value.rounded() == value ? 0 : 2
    formatter.maximumFractionDigits = 2
    return formatter.string(from: NSNumber(value: value)) ?? String(value)
  }
}
