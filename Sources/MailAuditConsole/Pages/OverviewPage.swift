import MailAudit

extension Console {
  /// `/`: the summary. Totals, severity, internal domains and whether they
  /// were inferred, problems by kind, and the way to the largest incident.
  func overviewPage(_ c: MessageCatalog) throws -> String {
    let report = try store.report(zone: settings.zone)
    let t = report.totals
    var body = "<h1>\(HTML.escape(c["console.overview.heading"]))</h1>\n"
    if let largest = report.incidents.max(by: { ($0.people, $1.id) < ($1.people, $0.id) }) {
      body += """
        <p class="callout"><a class="go" href="/incidents/\(HTML.escape(largest.id))">\(HTML.escape(c.text("console.overview.largest", ["id": largest.id, "people": largest.people])))</a>
        <span class="subject">\(HTML.escape(largest.firstSubject ?? "", limit: 200))</span></p>

        """
    } else {
      body += "<p class=\"callout\">\(HTML.escape(c["console.overview.noIncidents"]))</p>\n"
    }
    let cards: [(Int, String)] = [
      (t.messages, "summary.cardMessages"), (t.findings, "summary.cardFindings"), (t.incidents, "summary.cardIncidents"),
      (t.exposedAddresses, "summary.cardPeople"), (t.personalAddresses, "summary.cardPersonal"),
      (t.parties, "summary.cardParties"), (t.problems, "summary.cardProblems"),
    ]
    body += "<h2>\(HTML.escape(c["summary.totalsHeading"]))</h2>\n<div class=\"cards\">"
    body += cards.map { card -> String in "<div class=\"card\"><b>\(number(card.0))</b>\(HTML.escape(c[card.1]))</div>" }.joined()
    body += "</div>\n"

    body += "<h2>\(HTML.escape(c["console.overview.severityHeading"]))</h2>\n<table><thead><tr>"
    body += "<th>\(HTML.escape(c["summary.col.severity"]))</th><th class=\"n\">\(HTML.escape(c["console.overview.findings"]))</th>"
    body += "<th class=\"n\">\(HTML.escape(c["console.overview.incidents"]))</th>"
    body += "<th>\(HTML.escape(c["summary.col.meaning"]))</th></tr></thead><tbody>"
    for severity in Severity.allCases.reversed() {
      let count = t.findingsBySeverity[severity] ?? 0
      // The link counts what it leads to: incidents of that severity.
      let incidents = report.incidents.filter { $0.severity == severity }.count
      body += "<tr><td>\(severityBadge(severity, c))</td><td class=\"n\">\(number(count))</td>"
      body += "<td class=\"n\"><a href=\"/incidents?severity=\(severity.rawValue)\">\(number(incidents))</a></td>"
      body += "<td>\(HTML.escape(c["severity.meaning.\(severity.rawValue)"]))</td></tr>"
    }
    body += "</tbody></table>\n"

    // The trend, month by month, as a table (the summary's chart is SVG
    // made for a static file; a table reads as well and needs no script).
    var months: [String: (findings: Int, people: Int)] = [:]
    for f in report.findings {
      guard let date = f.date else { continue }
      let month = String(date.prefix(7))
      months[month, default: (0, 0)].findings += 1
      months[month, default: (0, 0)].people += f.externalRecipients
    }
    if !months.isEmpty {
      body += "<h2>\(HTML.escape(c["summary.trendHeading"]))</h2>\n<table class=\"narrow\"><thead><tr>"
      body += "<th>\(HTML.escape(c["summary.col.month"]))</th><th class=\"n\">\(HTML.escape(c["summary.col.findings"]))</th>"
      body += "<th class=\"n\">\(HTML.escape(c["summary.col.peopleExposed"]))</th></tr></thead><tbody>"
      for (month, count) in months.sorted(by: { $0.key < $1.key }) {
        body += "<tr><td>\(HTML.escape(month))</td><td class=\"n\">\(number(count.findings))</td>"
        body += "<td class=\"n\">\(number(count.people))</td></tr>"
      }
      body += "</tbody></table>\n"
    }

    let domains = report.internalDomains
    body += "<h2>\(HTML.escape(c["summary.internalHeading"]))</h2>\n"
    body += "<p class=\"\(domains.inferred ? "banner" : "note")\">"
    body += HTML.escape(c[domains.inferred ? "console.overview.inferred" : "console.overview.configured"]) + "</p>\n"
    if domains.domains.isEmpty {
      body += "<p>\(HTML.escape(c["summary.noneLower"]))</p>\n"
    } else {
      body += "<table class=\"narrow\"><thead><tr><th>\(HTML.escape(c["summary.col.domain"]))</th>"
      body += "<th class=\"n\">\(HTML.escape(c["summary.col.sentFrom"]))</th></tr></thead><tbody>"
      for domain in domains.domains {
        let count = domains.senderCounts[domain].map(number) ?? "–"
        body += "<tr><td class=\"addr\">\(HTML.escape(domain))</td><td class=\"n\">\(count)</td></tr>"
      }
      body += "</tbody></table>\n"
    }

    body += "<h2>\(HTML.escape(c["console.overview.problemsHeading"]))</h2>\n"
    if t.problemsByKind.isEmpty {
      body += "<p>\(HTML.escape(c["console.overview.noProblems"]))</p>\n"
    } else {
      body += "<table class=\"narrow\"><thead><tr><th>\(HTML.escape(c["summary.col.kind"]))</th>"
      body += "<th class=\"n\">\(HTML.escape(c["summary.col.count"]))</th></tr></thead><tbody>"
      for (kind, count) in t.problemsByKind.sorted(by: { ($0.value, $1.key) > ($1.value, $0.key) }) {
        body += "<tr><td>\(HTML.escape(kind))</td><td class=\"n\">\(number(count))</td></tr>"
      }
      body += "</tbody></table>\n<p><a href=\"/runs\">\(HTML.escape(c["console.overview.seeRuns"]))</a></p>\n"
    }
    return layout(title: c["console.overview.heading"], body: body, catalog: c, active: .overview)
  }
}
