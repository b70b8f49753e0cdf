import MailAudit

extension Console {
  /// `/runs`: every scan run with its counts, problems per run and kind,
  /// and the problems met, with their locations.
  func runsPage(_ c: MessageCatalog) throws -> String {
    let runs = try store.scanRuns(zone: settings.zone)
    let report = try store.report(zone: settings.zone)
    var body = "<h1>\(HTML.escape(c["console.runs.heading"]))</h1>\n"
    if runs.isEmpty {
      body += "<p>\(HTML.escape(c["console.runs.none"]))</p>\n"
    } else {
      body += "<table><thead><tr>"
      for key in ["run", "started", "finished", "status", "seen", "new", "duplicates", "problems", "paths"] {
        let numeric = ["run", "seen", "new", "duplicates", "problems"].contains(key)
        body += "<th\(numeric ? " class=\"n\"" : "")>\(HTML.escape(c["console.runs.col.\(key)"]))</th>"
      }
      body += "</tr></thead><tbody>"
      for run in runs {
        body += "<tr><td class=\"n\">\(run.id)</td><td class=\"nowrap\">\(HTML.escape(run.startedAt))</td>"
        body += "<td class=\"nowrap\">\(HTML.escape(run.finishedAt ?? "–"))</td>"
        body += "<td>\(HTML.escape(c["console.runs.status.\(run.status)"] == "console.runs.status.\(run.status)" ? run.status : c["console.runs.status.\(run.status)"]))</td>"
        body += "<td class=\"n\">\(number(run.messagesSeen))</td><td class=\"n\">\(number(run.newMessages))</td>"
        body += "<td class=\"n\">\(number(run.duplicates))</td><td class=\"n\">\(number(run.problems))</td>"
        body += "<td class=\"addr\">\(run.paths.map { HTML.escape($0, limit: 300) }.joined(separator: "<br>"))</td></tr>"
      }
      body += "</tbody></table>\n"
    }
    body += "<h2>\(HTML.escape(c["summary.problemsHeading"]))</h2>\n"
    if report.problems.isEmpty {
      body += "<p>\(HTML.escape(c["console.overview.noProblems"]))</p>\n"
      return layout(title: c["console.runs.heading"], body: body, catalog: c, active: .runs)
    }
    let listed = report.problems.prefix(500)
    body += "<table><thead><tr><th>\(HTML.escape(c["summary.col.kind"]))</th><th>\(HTML.escape(c["summary.col.location"]))</th>"
    body += "<th>\(HTML.escape(c["summary.col.field"]))</th><th>\(HTML.escape(c["summary.col.text"]))</th></tr></thead><tbody>"
    for p in listed {
      let location = p.offset.map { "\(p.file)@\($0)" } ?? p.file
      body += "<tr><td>\(HTML.escape(p.kind))</td><td class=\"addr\">\(HTML.escape(location, limit: 400))</td>"
      body += "<td>\(HTML.escape(p.field ?? ""))</td><td>\(HTML.escape(p.detail, limit: 400))</td></tr>"
    }
    body += "</tbody></table>\n"
    if report.problems.count > listed.count {
      body += "<p class=\"note\">\(HTML.escape(c.text("summary.problemsCut", ["count": report.problems.count - listed.count])))</p>\n"
    }
    return layout(title: c["console.runs.heading"], body: body, catalog: c, active: .runs)
  }
}
