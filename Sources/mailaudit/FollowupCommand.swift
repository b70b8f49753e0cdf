import ArgumentParser
import Foundation
import MailAudit

struct FollowupCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "followup",
    abstract: "Record what a receiving recipient of an incident was asked and answered.",
    discussion: """
      STATUS is asked (asked to delete), deleted (confirmed deleted) or no-answer. \
      --import reads a CSV with the columns address and status (and optionally note), \
      such as the notification list with a status column added. `mailaudit incident ID` \
      then counts people with and without confirmed deletions (PPC Q&A 6-1).
      """)

  @OptionGroup var options: IndexOptions

  @Argument(help: ArgumentHelp("The incident id (INC-...), or a unique beginning of it.", valueName: "id"))
  var id: String

  @Argument(help: ArgumentHelp("The recipient's address.", valueName: "address"))
  var address: String?

  @Argument(help: ArgumentHelp("asked, deleted or no-answer.", valueName: "status"))
  var status: String?

  @Option(name: .customLong("import"), help: ArgumentHelp("A CSV of follow-ups to record.", valueName: "file"))
  var importFile: String?

  @Option(name: .long, help: ArgumentHelp("A note kept with the status.", valueName: "text"))
  var note: String?

  func validate() throws {
    if importFile == nil, address == nil || status == nil {
      throw ValidationError("give ADDRESS and STATUS, or --import FILE.")
    }
    if importFile != nil, address != nil { throw ValidationError("give either ADDRESS STATUS or --import, not both.") }
    if let status, FollowUpStatus(text: status) == nil {
      throw ValidationError("unknown status '\(status)'; use asked, deleted or no-answer.")
    }
  }

  func run() throws {
    try reporting {
      let index = try options.openIndex()
      let incident = try resolveIncident(id, in: index)
      let records: [FollowUpRecord]
      if let importFile {
        let text: String
        do {
          text = try String(contentsOfFile: importFile, encoding: .utf8)
        } catch {
          throw ValidationError("cannot read \(importFile) as UTF-8 text.")
        }
        records = try FollowUpImport.records(csv: text, incidentID: incident)
      } else {
        guard let address, let normalized = AddressNormalizing.normalized(address) else {
          throw FollowUpError.unreadableAddress(address ?? "")
        }
        guard let statusText = status, let parsed = FollowUpStatus(text: statusText) else {
          throw FollowUpError.badStatus(status ?? "")
        }
        records = [FollowUpRecord(incidentID: incident, address: normalized, status: parsed, note: note)]
      }
      try index.recordFollowUps(records)
      guard let detail = try index.incidentDetail(id: incident) else { return }
      let f = detail.followUps
      let c = try options.catalog()
      print(c.counted("cli.followup.recorded", records.count, ["incident": incident]))
      print(
        c.text(
          "cli.followup.now",
          ["asked": f.asked, "deleted": f.deleted, "noAnswer": f.noAnswer, "notRecorded": f.notRecorded]))
      print(c.text("cli.followup.people", ["people": detail.people, "unconfirmed": detail.peopleUnconfirmed]))
    }
  }
}
