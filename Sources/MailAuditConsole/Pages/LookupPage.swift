import Foundation
import MailAudit

extension Console {
  /// `/lookup?address=...`: every message and incident that exposed one
  /// address, as `mailaudit lookup` prints it.
  func lookupPage(_ c: MessageCatalog, typed: String?) throws -> String {
    var body = "<h1>\(HTML.escape(c["console.lookup.heading"]))</h1>\n"
    body += "<form method=\"get\" action=\"/lookup\" class=\"filters\"><label>\(HTML.escape(c["console.lookup.address"])) "
    body += "<input type=\"search\" name=\"address\" value=\"\(HTML.escape(typed ?? ""))\" size=\"40\" autofocus></label>"
    body += " <button type=\"submit\">\(HTML.escape(c["console.lookup.search"]))</button></form>\n"
    let title = c["console.lookup.heading"]
    guard let typed, !typed.trimmingCharacters(in: .whitespaces).isEmpty else {
      return layout(title: title, body: body, catalog: c, active: .lookup)
    }
    guard let address = AddressNormalizing.normalized(typed) else {
      body += "<p class=\"banner\">\(HTML.escape(c.text("console.lookup.notAnAddress", ["text": typed])))</p>\n"
      return layout(title: title, body: body, catalog: c, active: .lookup)
    }
    let result = try store.lookup(address: address, zone: settings.zone)
    guard !result.messages.isEmpty else {
      body += "<p>\(HTML.escape(c.text("cli.lookup.notExposed", ["address": address])))</p>\n"
      return layout(title: title, body: body, catalog: c, active: .lookup)
    }
    let who = result.displayName.map { "\($0) <\(address)>" } ?? address
    body += "<p>\(HTML.escape(c.counted("cli.lookup.exposedIn", result.messages.count, ["who": who, "incidents": result.incidents.joined(separator: ", ")])))</p>\n"
    let guess = IdentifiabilityGuess(address: address, displayName: result.displayName, personal: result.personal)
    body += "<p class=\"note\">\(HTML.escape(c.text("cli.lookup.identifiable", ["answer": c["identifiability.answer.\(guess.answer.rawValue)"], "reason": c["identifiability.reason.\(guess.reason.rawValue)"]]).trimmingCharacters(in: .whitespaces)))</p>\n"
    body += "<table><thead><tr>"
    for key in ["date", "incident", "seenBy", "otherParties", "subject", "messageID"] {
      body += "<th\(key == "seenBy" ? " class=\"n\"" : "")>\(HTML.escape(c["cli.lookup.\(key)"]))</th>"
    }
    body += "</tr></thead><tbody>"
    for m in result.messages {
      body += "<tr><td class=\"nowrap\">\(HTML.escape(m.date ?? "-"))</td>"
      body += "<td class=\"nowrap\"><a href=\"/incidents/\(HTML.escape(m.incidentID))\">\(HTML.escape(m.incidentID))</a></td>"
      body += "<td class=\"n\">\(number(m.seenBy))</td><td class=\"addr\">\(HTML.escape(m.seenByParties.joined(separator: " "), limit: 400))</td>"
      body += "<td>\(HTML.escape(m.subject ?? "", limit: 300))</td><td class=\"addr\">\(HTML.escape(m.messageID ?? c["common.none"], limit: 300))</td></tr>"
    }
    body += "</tbody></table>\n"
    return layout(title: title, body: body, catalog: c, active: .lookup)
  }
}
