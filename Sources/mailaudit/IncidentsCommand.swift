import ArgumentParser
import Foundation
import MailAudit

struct IncidentsCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "incidents",
    abstract: "List the incidents in the index, largest first.",
    discussion: """
      json prints one object per incident and line: id, people, personal, parties, messages, first_sent, \
      last_sent, severity, first_subject, first_sender. Every time is in --timezone.
      """)

  @OptionGroup var options: IndexOptions

  @Option(name: .long, help: "table, csv or json.")
  var format: ListFormat = .table

  @Option(name: .long, help: ArgumentHelp("Only the incidents holding mail of this owner (see scan --owner).", valueName: "name"))
  var owner: String?

  func run() throws {
    try reporting {
      let zone = try options.zone()
      let incidents = try options.openIndex().report(zone: zone, owner: owner).incidents
      switch format {
      case .json:
        for i in incidents { print(try jsonLine(i)) }
      case .csv:
        FileHandle.standardOutput.write(Data(IncidentListCSV.bytes(incidents)))
      case .table:
        let c = try options.catalog()
        guard !incidents.isEmpty else {
          print(c["cli.incidents.none"])
          return
        }
        var table = TextTable(
          header: ["id", "severity", "people", "personal", "parties", "messages", "firstSent", "lastSent", "sender", "subject"]
            .map { c["cli.incidents.\($0)"] },
          numeric: [2, 3, 4, 5])
        table.rows = incidents.map {
          [
            $0.id, c["severity.\($0.severity.rawValue)"], String($0.people), String($0.personal), String($0.parties),
            String($0.messages), $0.firstSent ?? "-", $0.lastSent ?? "-", $0.firstSender ?? "-",
            TerminalText.cut($0.firstSubject ?? "", to: 40),
          ]
        }
        print(table.text)
        print(c.text("cli.zone", ["zone": zone.identifier]))
      }
    }
  }
}

/// Text from mail made fit for one terminal cell.
enum TerminalText {
  /// Control characters out, cut to `width` columns with an ellipsis.
  static func cut(_ text: String, to width: Int) -> String {
    let clean = String(String.UnicodeScalarView(text.unicodeScalars.map { $0.value < 0x20 || ($0.value >= 0x7F && $0.value < 0xA0) ? " " : $0 }))
    guard TextTable.width(clean) > width else { return clean }
    var out = ""
    for character in clean {
      if TextTable.width(out + String(character)) > width - 1 { break }
      out.append(character)
    }
    return out + "…"
  }
}
