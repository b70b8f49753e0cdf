/// `mailaudit incidents --format csv`: one row per incident, largest first.
///
/// Other tools read these columns by position: the first eight as they
/// always were, new ones only after them.
public enum IncidentListCSV {
  public static let columns = [
    "id", "severity", "people", "personal", "parties", "messages", "first_sent", "last_sent", "first_subject",
    "first_sender",
  ]

  /// The CSV text of `incidents`, header first; cells from mail cannot run
  /// as spreadsheet formulas.
  public static func bytes(_ incidents: [IncidentRow], dialect: CSVWriter.Dialect = .plain) -> [UInt8] {
    var csv = CSVWriter(dialect: dialect)
    csv.row(columns)
    for i in incidents {
      csv.row([
        i.id, i.severity.rawValue, String(i.people), String(i.personal), String(i.parties), String(i.messages),
        i.firstSent ?? "", i.lastSent ?? "", i.firstSubject ?? "", i.firstSender ?? "",
      ])
    }
    return csv.bytes
  }
}
