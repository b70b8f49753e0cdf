import Foundation
import MailAudit

/// What the incidents list is asked to show: filters and order, read from
/// the query string (only known values count; anything else is ignored).
struct IncidentFilter: Equatable {
  enum Order: String, CaseIterable {
    case people, severity, firstSent, messages, id
  }

  var severity: Severity?
  /// Only incidents holding mail of this mailbox owner (checked against the
  /// owners the index knows before it is used).
  var owner: String?
  /// `YYYY-MM-DD`: incidents whose last send is on or after it.
  var from: String?
  /// `YYYY-MM-DD`: incidents whose first send is on or before it.
  var to: String?
  /// Text searched for in the first message's subject and sender.
  var text: String?
  var order: Order = .people
  var ascending = false

  init(query: FormBody) {
    severity = query["severity"].flatMap(Severity.init(rawValue:))
    owner = query["owner"].flatMap { $0.isEmpty ? nil : $0 }
    from = query["from"].flatMap(Self.day)
    to = query["to"].flatMap(Self.day)
    let q = query["q"]?.trimmingCharacters(in: .whitespaces) ?? ""
    text = q.isEmpty ? nil : q
    order = query["sort"].flatMap(Order.init(rawValue:)) ?? .people
    ascending = query["dir"] == "asc"
  }

  /// A date as `YYYY-MM-DD`, or nil.
  static func day(_ text: String) -> String? {
    let t = text.trimmingCharacters(in: .whitespaces)
    guard t.count == 10, t.utf8.enumerated().allSatisfy({ i, b in
      i == 4 || i == 7 ? b == UInt8(ascii: "-") : (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(b)
    }) else { return nil }
    return t
  }

  func apply(_ rows: [IncidentRow]) -> [IncidentRow] {
    let needle = text?.lowercased()
    let kept = rows.filter { row in
      if let severity, row.severity != severity { return false }
      if let from, (row.lastSent ?? row.firstSent).map({ String($0.prefix(10)) < from }) ?? true { return false }
      if let to, row.firstSent.map({ String($0.prefix(10)) > to }) ?? true { return false }
      if let needle {
        let haystack = ((row.firstSubject ?? "") + "\n" + (row.firstSender ?? "")).lowercased()
        if !haystack.contains(needle) { return false }
      }
      return true
    }
    let rank: [Severity: Int] = [.low: 0, .medium: 1, .high: 2, .critical: 3]
    let sorted = kept.sorted { a, b in
      switch order {
      case .people: (a.people, b.id) < (b.people, a.id)
      case .severity: (rank[a.severity] ?? 0, a.people, b.id) < (rank[b.severity] ?? 0, b.people, a.id)
      case .firstSent: (a.firstSent ?? "", b.id) < (b.firstSent ?? "", a.id)
      case .messages: (a.messages, b.id) < (b.messages, a.id)
      case .id: a.id > b.id
      }
    }
    return ascending ? sorted : sorted.reversed()
  }

  /// The query string for these filters in `order` (a column's link).
  func query(sortedBy order: Order, ascending: Bool) -> String {
    var parts: [String] = []
    if let severity { parts.append("severity=\(severity.rawValue)") }
    if let owner { parts.append("owner=\(HTML.query(owner))") }
    if let from { parts.append("from=\(from)") }
    if let to { parts.append("to=\(to)") }
    if let text { parts.append("q=\(HTML.query(text))") }
    parts.append("sort=\(order.rawValue)")
    if ascending { parts.append("dir=asc") }
    return "?" + parts.joined(separator: "&")
  }
}

extension Console {
  /// `/incidents`: every incident, filtered and sorted on the server (so it
  /// works without JavaScript).
  func incidentsPage(_ c: MessageCatalog, filter asked: IncidentFilter) throws -> String {
    let owners = try store.owners()
    var filter = asked
    // Only known values count: an owner the index does not know is no filter.
    if let owner = filter.owner, !owners.contains(owner) { filter.owner = nil }
    let all = try filter.owner.map { try store.incidents(zone: settings.zone, owner: $0) }
      ?? store.incidents(zone: settings.zone)
    let rows = filter.apply(all)
    var body = "<h1>\(HTML.escape(c["console.incidents.heading"]))</h1>\n"
    body += "<form class=\"filters\" method=\"get\" action=\"/incidents\">"
    body += "<label>\(HTML.escape(c["console.incidents.severity"])) <select name=\"severity\">"
    body += "<option value=\"\">\(HTML.escape(c["console.incidents.any"]))</option>"
    for severity in Severity.allCases.reversed() {
      let selected = filter.severity == severity ? " selected" : ""
      body += "<option value=\"\(severity.rawValue)\"\(selected)>\(HTML.escape(c["severity.\(severity.rawValue)"]))</option>"
    }
    body += "</select></label>"
    if !owners.isEmpty {
      body += "<label>\(HTML.escape(c["console.incidents.owner"])) <select name=\"owner\">"
      body += "<option value=\"\">\(HTML.escape(c["console.incidents.any"]))</option>"
      for owner in owners {
        let selected = filter.owner == owner ? " selected" : ""
        body += "<option value=\"\(HTML.escape(owner))\"\(selected)>\(HTML.escape(owner))</option>"
      }
      body += "</select></label>"
    }
    body += "<label>\(HTML.escape(c["console.incidents.from"])) <input type=\"date\" name=\"from\" value=\"\(HTML.escape(filter.from ?? ""))\"></label>"
    body += "<label>\(HTML.escape(c["console.incidents.to"])) <input type=\"date\" name=\"to\" value=\"\(HTML.escape(filter.to ?? ""))\"></label>"
    body += "<label>\(HTML.escape(c["console.incidents.search"])) <input type=\"search\" name=\"q\" value=\"\(HTML.escape(filter.text ?? ""))\"></label>"
    body += "<input type=\"hidden\" name=\"sort\" value=\"\(filter.order.rawValue)\">"
    if filter.ascending { body += "<input type=\"hidden\" name=\"dir\" value=\"asc\">" }
    body += "<button type=\"submit\">\(HTML.escape(c["console.incidents.apply"]))</button>"
    body += " <a href=\"/incidents\">\(HTML.escape(c["console.incidents.clear"]))</a></form>\n"
    body += "<p class=\"note\">\(HTML.escape(c.text("console.incidents.shown", ["shown": rows.count, "all": all.count])))</p>\n"
    if rows.isEmpty {
      body += "<p>\(HTML.escape(c["console.incidents.none"]))</p>\n"
      return layout(title: c["console.incidents.heading"], body: body, catalog: c, active: .incidents)
    }
    func header(_ key: String, _ order: IncidentFilter.Order?, numeric: Bool = false) -> String {
      let cls = numeric ? " class=\"n\"" : ""
      guard let order else { return "<th\(cls)>\(HTML.escape(c[key]))</th>" }
      // A second click on the sorted column turns the order round.
      let ascending = filter.order == order ? !filter.ascending : false
      let mark = filter.order == order ? (filter.ascending ? " ▲" : " ▼") : ""
      let sort = filter.order == order ? " aria-sort=\"\(filter.ascending ? "ascending" : "descending")\"" : ""
      return "<th\(cls)\(sort)><a href=\"/incidents\(HTML.escape(filter.query(sortedBy: order, ascending: ascending)))\">\(HTML.escape(c[key]))\(mark)</a></th>"
    }
    body += "<table class=\"list\"><thead><tr>"
    body += header("cli.incidents.id", .id) + header("cli.incidents.severity", .severity)
    body += header("cli.incidents.people", .people, numeric: true) + header("cli.incidents.personal", nil, numeric: true)
    body += header("cli.incidents.parties", nil, numeric: true) + header("cli.incidents.messages", .messages, numeric: true)
    body += header("cli.incidents.firstSent", .firstSent) + header("cli.incidents.sender", nil)
    body += header("cli.incidents.subject", nil) + "</tr></thead><tbody>"
    for row in rows {
      body += "<tr><td class=\"nowrap\"><a href=\"/incidents/\(HTML.escape(row.id))\">\(HTML.escape(row.id))</a></td>"
      body += "<td>\(severityBadge(row.severity, c))</td><td class=\"n\">\(number(row.people))</td>"
      body += "<td class=\"n\">\(number(row.personal))</td><td class=\"n\">\(number(row.parties))</td>"
      body += "<td class=\"n\">\(number(row.messages))</td><td class=\"nowrap\">\(HTML.escape(row.firstSent ?? c["common.noDate"]))</td>"
      body += "<td class=\"addr\">\(HTML.escape(row.firstSender ?? c["common.unreadable"], limit: 120))</td>"
      body += "<td>\(HTML.escape(row.firstSubject ?? "", limit: 200))</td></tr>"
    }
    body += "</tbody></table>\n"
    return layout(title: c["console.incidents.heading"], body: body, catalog: c, active: .incidents)
  }
}
