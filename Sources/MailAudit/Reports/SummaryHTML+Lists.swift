/// The page's three long lists (incidents, findings and the findings'
/// details), written here rather than by the template.
///
/// Why: a template looks each value up by name through a stack of
/// `[String: Any]` contexts, with a dynamic cast per step. With thousands
/// of findings that cost more than reading them from the index (0.34 s of
/// 1.1 s for 5,000 findings). The rows are plain string building instead.
///
/// The safety rule stays the template's: every value is HTML-escaped
/// (``HTMLText/escape(_:)``, the same five characters as the template's
/// escape), and every value from a message goes through ``SummaryHTML/shown(_:)``
/// first. Sentences from the catalogue are trusted HTML, as `{{{...}}}` is.
/// The output is byte for byte what the template wrote (the report
/// snapshots hold it).
extension SummaryHTML {
  /// The three lists, ready to be placed unescaped into the page.
  struct Lists {
    var incidentRows = ""
    var findingRows = ""
    var findingDetails = ""
  }

  func lists(_ report: AuditReport, catalog: MessageCatalog) -> Lists {
    var lists = Lists()
    func label(_ s: Severity) -> String { HTMLText.escape(catalog["severity.\(s.rawValue)"]) }
    let noDate = HTMLText.escape(catalog["common.noDate"])
    let unreadable = catalog["common.unreadable"]
    let none = catalog["common.none"]
    let replyMark = catalog["summary.replyMark"]
    let aReply = catalog["summary.aReply"]
    let dt = (
      date: catalog["summary.dt.date"], sender: catalog["summary.dt.sender"],
      messageID: catalog["summary.dt.messageID"], incident: catalog["summary.dt.incident"],
      recipients: catalog["summary.dt.recipients"], foundIn: catalog["summary.dt.foundIn"]
    )
    // Finding anchors are positions (f-1, f-2...): ids of our own making, so
    // no text from a message ever lands in an attribute.
    var anchorsOfIncident: [String: String] = [:]
    lists.findingRows.reserveCapacity(report.findings.count * 600)
    for (index, f) in report.findings.enumerated() {
      let n = index + 1
      let detailed = index < maxFindingsDetailed
      let anchor = "f-\(n)"
      if detailed { anchorsOfIncident[f.incidentID, default: ""] += "<a href=\"#\(anchor)\">#\(n)</a> " }
      let date = f.date.map(HTMLText.escape) ?? noDate
      let sender = HTMLText.escape(shown(f.sender ?? unreadable))
      let senderName = f.senderName.flatMap { $0.isEmpty ? nil : HTMLText.escape(shown($0)) }
      let subject = HTMLText.escape(shown(f.subject ?? ""))
      let severity = f.severity.rawValue
      let incident = HTMLText.escape(f.incidentID)
      let location = HTMLText.escape(shown(f.location))
      let more = f.locationCount > 1 ? " " + catalog.counted("summary.more", f.locationCount - 1) : ""

      var row = "<tr><td class=\"n\">"
      row += detailed ? "<a href=\"#\(anchor)\">\(n)</a>" : "\(n)"
      row += "</td><td>\(date)</td><td><span class=\"addr\">\(sender)</span>"
      if let senderName { row += "<br>\(senderName)" }
      row += "</td><td>\(subject)</td>\n"
      row += "<td><span class=\"sev sev-\(severity)\">\(label(f.severity))</span></td>"
      row += "<td class=\"n\">\(f.externalRecipients)</td><td class=\"n\">\(f.personal)</td>"
      row += "<td class=\"n\">\(f.parties)</td>\n"
      row += "<td>\(f.reply ? replyMark : "")</td><td class=\"addr\"><a href=\"#\(incident)\">\(incident)</a></td>"
      row += "<td class=\"addr\">\(location)\(more)</td></tr>\n"
      lists.findingRows += row

      guard detailed else { continue }
      let recipients = catalog.text(
        "summary.recipients",
        ["visible": f.visibleRecipients, "external": f.externalRecipients, "parties": f.parties, "personal": f.personal])
      // The blank lines are where the template had its section tags.
      var detail = "\n<div class=\"detail\" id=\"\(anchor)\">\n"
      detail += "<h3>#\(n) <span class=\"sev sev-\(severity)\">\(label(f.severity))</span> \(subject)</h3>\n<dl>\n"
      detail += "<dt>\(dt.date)</dt><dd>\(date)</dd>\n"
      detail += "<dt>\(dt.sender)</dt><dd><span class=\"addr\">\(sender)</span>"
      if let senderName { detail += " (\(senderName))" }
      detail += "</dd>\n"
      detail += "<dt>\(dt.messageID)</dt><dd class=\"addr\">\(HTMLText.escape(shown(f.messageID ?? none)))</dd>\n"
      detail += "<dt>\(dt.incident)</dt><dd class=\"addr\"><a href=\"#\(incident)\">\(incident)</a></dd>\n"
      detail += "<dt>\(dt.recipients)</dt><dd>\(recipients)\(f.reply ? aReply : "")</dd>\n"
      detail += "<dt>\(dt.foundIn)</dt><dd class=\"addr\">\(HTMLText.escape(shown(f.mailbox))) · \(location)\(more)</dd>\n"
      detail += "</dl>\n<ul class=\"addr\">"
      for address in f.exposedAddresses.prefix(maxAddressesPerFinding) {
        detail += "<li>\(HTMLText.escape(shown(address)))</li>"
      }
      detail += "</ul>\n"
      if f.exposedAddresses.count > maxAddressesPerFinding {
        let cut = catalog.counted("summary.addressesCut", f.exposedAddresses.count - maxAddressesPerFinding)
        detail += "<p class=\"note\">\(cut)</p>\n"
      } else {
        detail += "\n"
      }
      detail += "</div>\n"
      lists.findingDetails += detail
    }
    for i in report.incidents {
      let id = HTMLText.escape(i.id)
      var row = "<tr id=\"\(id)\"><td class=\"addr\">\(id)</td>"
      row += "<td><span class=\"sev sev-\(i.severity.rawValue)\">\(label(i.severity))</span></td>"
      row += "<td class=\"n\">\(i.people)</td><td class=\"n\">\(i.personal)</td><td class=\"n\">\(i.parties)</td>"
      row += "<td class=\"n\">\(i.messages)</td><td>\(HTMLText.escape(i.firstSent ?? ""))</td>"
      row += "<td>\(HTMLText.escape(i.lastSent ?? ""))</td><td>\(anchorsOfIncident[i.id] ?? "")</td></tr>\n"
      lists.incidentRows += row
    }
    return lists
  }
}
