import Foundation
import MailAudit

/// The downloads of an incident: a fixed list, so a request names one of
/// these and never a file.
enum IncidentDownload: String, CaseIterable {
  case notificationList = "notification-list.csv"
  case packHTML = "report.html"
  case ppcText = "ppc-report-ja.txt"
  case drafts = "drafts.zip"
  case evidence = "evidence.zip"

  /// The catalogue key of its link.
  var labelKey: String {
    switch self {
    case .notificationList: "console.download.notificationList"
    case .packHTML: "console.download.packHTML"
    case .ppcText: "console.download.ppcText"
    case .drafts: "console.download.drafts"
    case .evidence: "console.download.evidence"
    }
  }
}

extension Console {
  /// `/incidents/ID`: the counts the regulator gets (with and without
  /// confirmed deletions), the follow-up form over every exposed person,
  /// the trail of changes, the messages with their evidence and the
  /// parties.
  func incidentPage(
    _ c: MessageCatalog, id: String, session: ConsoleSession, recorded: Int? = nil, discovered: String? = nil
  ) throws -> String {
    guard var detail = try store.incidentDetail(id: id, zone: settings.zone) else { throw ConsoleFailure.notFound }
    EvidenceDigest.fill(&detail)
    let trail = try store.followUpTrail(incidentID: detail.id, zone: settings.zone)
    let discovery = discovered.flatMap(discoveryTime)
    let pack = try RegulatorPack(
      detail: detail, settings: settings.regulator, discovered: discovery, generatedAt: settings.zone.iso8601(0),
      catalog: c)
    let idText = HTML.escape(detail.id)
    let first = detail.messages.first
    var body = "<h1>\(HTML.escape(c.text("console.incident.heading", ["id": detail.id]))) \(severityBadge(detail.severity, c))</h1>\n"
    if let recorded, recorded > 0 {
      body += "<p class=\"done\" role=\"status\">\(HTML.escape(c.counted("console.incident.recorded", recorded)))</p>\n"
    }
    if let first {
      body += "<p class=\"subject\">\(HTML.escape(first.subject ?? "", limit: 300))</p>\n"
      body += "<p class=\"meta\">\(HTML.escape(c.text("console.incident.sentBy", ["sender": first.sender ?? c["common.unreadable"], "first": detail.firstSent ?? c["common.noDate"], "last": detail.lastSent ?? c["common.noDate"]])))</p>\n"
    }

    // The counts, side by side: what the regulator is told, and what it is
    // told once confirmed deletions are left out (PPC Q&A 6-1).
    body += "<h2>\(HTML.escape(c["console.incident.countsHeading"]))</h2>\n"
    body += "<table class=\"counts\"><thead><tr><th></th><th class=\"n\">\(HTML.escape(c["console.incident.withAll"]))</th>"
    body += "<th class=\"n\">\(HTML.escape(c["console.incident.withoutDeleted"]))</th></tr></thead><tbody>"
    body += "<tr><th>\(HTML.escape(c["console.incident.people"]))</th><td class=\"n\" id=\"people\">\(number(detail.people))</td>"
    body += "<td class=\"n\" id=\"people-unconfirmed\">\(number(detail.peopleUnconfirmed))</td></tr>"
    body += "<tr><th>\(HTML.escape(c["console.incident.personal"]))</th><td class=\"n\">\(number(detail.personal))</td>"
    body += "<td class=\"n\" id=\"personal-unconfirmed\">\(number(detail.personalUnconfirmed))</td></tr>"
    body += "<tr><th>\(HTML.escape(c["console.incident.pairs"]))</th><td class=\"n\">\(number(detail.exposurePairs))</td>"
    body += "<td class=\"n\" id=\"pairs-unconfirmed\">\(number(detail.exposurePairsUnconfirmed))</td></tr>"
    // Who still holds the message: every confirmed deletion lowers it by
    // one, while the people count above drops only once nobody who saw an
    // address still holds it.
    body += "<tr><th>\(HTML.escape(c["console.incident.recipients"]))</th><td class=\"n\" id=\"recipients\">\(number(detail.persons.count))</td>"
    body += "<td class=\"n\" id=\"recipients-unconfirmed\">\(number(detail.persons.count - detail.followUps.deleted))</td></tr>"
    body += "</tbody></table>\n"
    body += "<p class=\"note\">\(HTML.escape(c.text("console.incident.sizeNote", ["parties": detail.parties, "messages": detail.messageCount])))</p>\n"
    let t = pack.thresholds
    body += "<p class=\"\(t.mandatoryByCount ? "banner" : "note")\">\(HTML.escape(c.text(t.mandatoryByCount ? "console.incident.mandatory" : "console.incident.notMandatory", ["threshold": t.peopleThreshold])))</p>\n"
    let f = detail.followUps
    body += "<p class=\"followups\" id=\"followup-counts\">\(HTML.escape(c.text("incident.followUps", ["asked": f.asked, "deleted": f.deleted, "noAnswer": f.noAnswer, "notRecorded": f.notRecorded])))</p>\n"

    body += deadlinesSection(pack, id: detail.id, typed: discovered, valid: discovery != nil, c)

    // The pack carries the deadlines when a discovery time was given.
    let packQuery = discovery.map { "?discovered=\(HTML.query($0.text))" } ?? ""
    body += "<h2>\(HTML.escape(c["console.incident.downloadsHeading"]))</h2>\n<ul class=\"downloads\">"
    for download in IncidentDownload.allCases {
      let query = download == .packHTML || download == .ppcText ? packQuery : ""
      body += "<li><a href=\"/incidents/\(idText)/download/\(download.rawValue)\(HTML.escape(query))\" download>\(HTML.escape(c[download.labelKey]))</a></li>"
    }
    body += "</ul>\n"

    body += followUpForm(detail, c, session: session)
    body += trailTable(trail, c)
    body += messagesTable(detail, c)

    body += "<h2>\(HTML.escape(c["incident.partiesHeading"]))</h2>\n<table class=\"sortable\"><thead><tr>"
    let partyColumns = ["summary.col.party", "summary.col.exposedAddresses", "summary.col.privateIndividuals",
      "console.incident.stillCounted"]
    body += partyColumns.enumerated().map { i, key -> String in
      "<th\(i > 0 ? " class=\"n\"" : "")>\(HTML.escape(c[key]))</th>"
    }.joined()
    body += "</tr></thead><tbody>"
    for p in detail.partyList {
      body += "<tr><td class=\"addr\">\(HTML.escape(p.party))</td><td class=\"n\">\(number(p.exposedPeople))</td>"
      body += "<td class=\"n\">\(number(p.personal))</td><td class=\"n\">\(number(p.exposedUnconfirmed))</td></tr>"
    }
    body += "</tbody></table>\n"
    return layout(title: c.text("console.incident.heading", ["id": detail.id]), body: body, catalog: c, active: .incidents)
  }

  /// A discovery time as a person types it (`2025-03-20T10:00`, the form's
  /// local time, read in the console's zone; or with an offset).
  func discoveryTime(_ text: String) -> DiscoveryTime? {
    let now = Int64(Date().timeIntervalSince1970)
    return DiscoveryTime(text, defaultOffset: settings.zone.offsetSeconds(at: now))
  }

  /// When the incident was discovered, asked in a small form, and the
  /// deadlines that follow from it (GDPR 72 hours, APPI preliminary and
  /// final reports), as `incident --discovered` gives them.
  func deadlinesSection(_ pack: RegulatorPack, id: String, typed: String?, valid: Bool, _ c: MessageCatalog) -> String {
    var html = "<h2 id=\"deadlines\">\(HTML.escape(c["incident.deadlines"]))</h2>\n"
    let value = pack.deadlines.map { String($0.discovered.prefix(16)) } ?? ""
    html += "<form method=\"get\" action=\"/incidents/\(HTML.escape(id))#deadlines\" class=\"filters\">"
    html += "<label>\(HTML.escape(c["incident.discovered"])) <input type=\"datetime-local\" name=\"discovered\" value=\"\(HTML.escape(value))\"></label>"
    html += "<button type=\"submit\">\(HTML.escape(c["console.incident.computeDeadlines"]))</button></form>\n"
    if let typed, !typed.isEmpty, !valid {
      html += "<p class=\"banner\">\(HTML.escape(c.text("console.incident.badDiscovered", ["text": typed])))</p>\n"
    }
    guard let d = pack.deadlines else {
      return html + "<p class=\"note\">\(HTML.escape(c["console.incident.giveDiscovered"]))</p>\n"
    }
    html += "<table class=\"narrow\" id=\"deadline-table\"><tbody>"
    for (key, value) in [
      ("incident.discovered", d.discovered), ("incident.gdprDeadline", d.gdpr), ("incident.preliminary", d.appiPreliminary),
      ("incident.final", d.appiFinal),
    ] {
      html += "<tr><th>\(HTML.escape(c[key]))</th><td class=\"nowrap\">\(HTML.escape(value))</td></tr>"
    }
    return html + "</tbody></table>\n"
  }

  /// Every exposed person with a checkbox, and one status and note for all
  /// the ticked ones: 240 replies are recorded in a few clicks.
  func followUpForm(_ detail: IncidentDetail, _ c: MessageCatalog, session: ConsoleSession) -> String {
    var html = "<h2 id=\"people\">\(HTML.escape(c.text("console.incident.peopleHeading", ["count": detail.persons.count])))</h2>\n"
    html += "<p class=\"note\">\(HTML.escape(c["console.incident.peopleNote"]))</p>\n"
    html += "<form method=\"post\" action=\"/incidents/\(HTML.escape(detail.id))/follow-ups\" class=\"followup\">"
    html += "<input type=\"hidden\" name=\"csrf\" value=\"\(HTML.escape(session.csrf))\">"
    html += statusControls(c)
    html += "<table class=\"sortable people\"><thead><tr>"
    html += "<th><input type=\"checkbox\" class=\"select-all\" aria-label=\"\(HTML.escape(c["console.incident.selectAll"]))\" hidden></th>"
    for key in ["address", "name", "party", "private", "seenBy", "status"] {
      let numeric = key == "seenBy"
      html += "<th\(numeric ? " class=\"n\"" : "")>\(HTML.escape(c["console.incident.col.\(key)"]))</th>"
    }
    html += "</tr></thead><tbody>"
    for (n, p) in detail.persons.enumerated() {
      let status = p.followUp.map { c["console.status.\($0.rawValue)"] } ?? c["console.status.none"]
      let statusClass = p.followUp?.rawValue ?? "none"
      html += "<tr><td><input type=\"checkbox\" name=\"address\" value=\"\(HTML.escape(p.address))\" id=\"p\(n)\"></td>"
      html += "<td class=\"addr\"><label for=\"p\(n)\">\(HTML.escape(p.address))</label></td>"
      html += "<td>\(HTML.escape(p.displayName ?? "", limit: 120))</td><td class=\"addr\">\(HTML.escape(p.party))</td>"
      html += "<td>\(HTML.escape(p.personal ? c["console.yes"] : ""))</td>"
      html += "<td class=\"n\" title=\"\(HTML.escape(c["console.incident.seenByTitle"]))\">\(number(p.seenByUnconfirmed)) / \(number(p.seenBy))</td>"
      html += "<td><span class=\"status status-\(statusClass)\">\(HTML.escape(status))</span></td></tr>"
    }
    html += "</tbody></table>"
    html += "</form>\n"
    return html
  }

  /// The status, the note and the button: once (two selects of one name
  /// would send two statuses), kept in view while the list scrolls.
  func statusControls(_ c: MessageCatalog) -> String {
    var html = "<div class=\"controls\"><label>\(HTML.escape(c["console.incident.newStatus"])) <select name=\"status\">"
    for status in FollowUpStatus.allCases {
      html += "<option value=\"\(status.rawValue)\">\(HTML.escape(c["console.status.\(status.rawValue)"]))</option>"
    }
    html += "</select></label> <label>\(HTML.escape(c["console.incident.note"])) <input type=\"text\" name=\"note\" maxlength=\"500\"></label>"
    html += " <button type=\"submit\">\(HTML.escape(c["console.incident.record"]))</button></div>"
    return html
  }

  func trailTable(_ trail: [FollowUpChange], _ c: MessageCatalog) -> String {
    var html = "<h2 id=\"trail\">\(HTML.escape(c["console.incident.trailHeading"]))</h2>\n"
    guard !trail.isEmpty else { return html + "<p class=\"note\">\(HTML.escape(c["console.incident.noTrail"]))</p>\n" }
    html += "<table class=\"trail\"><thead><tr>"
    for key in ["when", "who", "address", "old", "new", "note", "via"] {
      html += "<th>\(HTML.escape(c["console.trail.\(key)"]))</th>"
    }
    html += "</tr></thead><tbody>"
    for change in trail {
      html += "<tr><td class=\"nowrap\">\(HTML.escape(change.changedAt))</td><td>\(HTML.escape(change.changedBy))</td>"
      html += "<td class=\"addr\">\(HTML.escape(change.address))</td>"
      html += "<td>\(HTML.escape(change.oldStatus.map { c["console.status.\($0.rawValue)"] } ?? c["console.status.none"]))</td>"
      html += "<td>\(HTML.escape(c["console.status.\(change.newStatus.rawValue)"]))</td>"
      html += "<td>\(HTML.escape(change.note ?? "", limit: 500))</td><td>\(HTML.escape(c["console.trail.source.\(change.source.rawValue)"]))</td></tr>"
    }
    return html + "</tbody></table>\n"
  }

  func messagesTable(_ detail: IncidentDetail, _ c: MessageCatalog) -> String {
    var html = "<h2>\(HTML.escape(c["incident.messagesHeading"]))</h2>\n<table class=\"messages\"><thead><tr>"
    for key in ["date", "sender", "subject", "exposed", "evidence"] {
      html += "<th>\(HTML.escape(c["console.message.\(key)"]))</th>"
    }
    html += "</tr></thead><tbody>"
    for m in detail.messages {
      html += "<tr><td class=\"nowrap\">\(HTML.escape(m.date ?? c["common.noDate"]))</td>"
      html += "<td class=\"addr\">\(HTML.escape(m.sender ?? c["common.unreadable"], limit: 120))</td>"
      html += "<td>\(HTML.escape(m.subject ?? "", limit: 300))\(m.reply ? " <span class=\"note\">\(HTML.escape(c["incident.replyMark"]))</span>" : "")</td>"
      html += "<td class=\"n\">\(number(m.exposed))</td><td class=\"evidence\">"
      html += "<div>Message-ID: <span class=\"addr\">\(HTML.escape(m.messageID ?? c["common.none"], limit: 300))</span></div>"
      for location in m.locations {
        html += "<div>\(HTML.escape(c["console.message.at"])) <span class=\"addr\">\(HTML.escape(location.text, limit: 400))</span></div>"
      }
      if let sha = m.sha256 {
        html += "<div>SHA-256: <span class=\"addr hash\">\(HTML.escape(sha))</span></div>"
      } else {
        html += "<div class=\"note\">\(HTML.escape(c["incident.noDigest"])) \(HTML.escape(m.digestProblem ?? "", limit: 400))</div>"
      }
      html += "</td></tr>"
    }
    return html + "</tbody></table>\n"
  }
}
