import ArgumentParser
import Foundation
import MailAudit

struct IncidentsCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "incidents",
    abstract: "List the incidents in the index, largest first.",
    discussion: "json prints one object per incident and line: id, people, personal, parties, messages, first_sent, last_sent, severity.")

  @OptionGroup var options: IndexOptions

  @Option(name: .long, help: "table, csv or json.")
  var format: ListFormat = .table

  func run() throws {
    try reporting {
      let incidents = try options.openIndex().incidents()
      switch format {
      case .json:
        for i in incidents { print(try jsonLine(i)) }
      case .csv:
        var csv = CSVWriter(dialect: .plain)
        csv.row(["id", "severity", "people", "personal", "parties", "messages", "first_sent", "last_sent"])
        for i in incidents {
          csv.row([
            i.id, i.severity.rawValue, String(i.people), String(i.personal), String(i.parties), String(i.messages),
            i.firstSent ?? "", i.lastSent ?? "",
          ])
        }
        FileHandle.standardOutput.write(Data(csv.bytes))
      case .table:
        var table = TextTable(
          header: ["ID", "SEVERITY", "PEOPLE", "PERSONAL", "PARTIES", "MESSAGES", "FIRST SENT", "LAST SENT"],
          numeric: [2, 3, 4, 5])
        table.rows = incidents.map {
          [
            $0.id, $0.severity.rawValue, String($0.people), String($0.personal), String($0.parties),
            String($0.messages), $0.firstSent ?? "-", $0.lastSent ?? "-",
          ]
        }
        print(incidents.isEmpty ? "No incidents in the index." : table.text)
      }
    }
  }
}
