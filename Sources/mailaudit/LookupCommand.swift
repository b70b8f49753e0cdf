import ArgumentParser
import Foundation
import MailAudit

struct LookupCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "lookup",
    abstract: "Every message and incident that exposed one address, and to whom.",
    discussion: """
      The address is normalised as addresses in mail are (case, IDNA, display name \
      dropped). json prints one object per message and line, with its message_id.
      """)

  @OptionGroup var options: IndexOptions

  @Argument(help: ArgumentHelp("The address to look up.", valueName: "address"))
  var address: String

  @Option(name: .long, help: "table or json.")
  var format: ListFormat = .table

  func validate() throws {
    if format == .csv { throw ValidationError("lookup writes table or json.") }
    if AddressNormalizing.normalized(address) == nil { throw ValidationError("'\(address)' is not an address.") }
  }

  func run() throws {
    try reporting {
      guard let normalized = AddressNormalizing.normalized(address) else { return }
      let zone = try options.zone()
      let result = try options.openIndex().lookup(address: normalized, zone: zone)
      if format == .json {
        struct Line: Encodable {
          var address: String
          var displayName: String?
          var party: String?
          var personal: Bool
          var messageId: String?
          var date: String?
          var sender: String?
          var subject: String?
          var incidentId: String
          var location: String
          var seenByParties: [String]
          var seenBy: Int
        }
        for m in result.messages {
          print(
            try jsonLine(
              Line(
                address: result.address, displayName: result.displayName, party: result.party,
                personal: result.personal, messageId: m.messageID, date: m.date, sender: m.sender, subject: m.subject,
                incidentId: m.incidentID, location: m.location, seenByParties: m.seenByParties, seenBy: m.seenBy)))
        }
        return
      }
      let c = try options.catalog()
      guard !result.messages.isEmpty else {
        print(c.text("cli.lookup.notExposed", ["address": normalized]))
        return
      }
      let who = result.displayName.map { "\($0) <\(normalized)>" } ?? normalized
      print(
        c.counted(
          "cli.lookup.exposedIn", result.messages.count,
          ["who": who, "incidents": result.incidents.joined(separator: ", ")]))
      let guess = IdentifiabilityGuess(address: normalized, displayName: result.displayName, personal: result.personal)
      print(
        c.text(
          "cli.lookup.identifiable",
          [
            "answer": c["identifiability.answer.\(guess.answer.rawValue)"],
            "reason": c["identifiability.reason.\(guess.reason.rawValue)"],
          ]))
      var table = TextTable(
        header: ["date", "incident", "seenBy", "otherParties", "subject", "messageID"].map { c["cli.lookup.\($0)"] },
        numeric: [2])
      table.rows = result.messages.map {
        [
          $0.date ?? "-", $0.incidentID, String($0.seenBy), $0.seenByParties.joined(separator: " "), $0.subject ?? "",
          $0.messageID ?? c["common.none"],
        ]
      }
      print(table.text)
      print(c.text("cli.zone", ["zone": zone.identifier]))
    }
  }
}
