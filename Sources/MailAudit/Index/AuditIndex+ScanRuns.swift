import Foundation
import GRDB

extension AuditIndex {
  /// Every scan run, the latest first; times in `zone` (UTC without one).
  public func scanRuns(zone: ReportTimeZone? = nil) throws -> [ScanRunRow] {
    try writer.read { db in
      try Row.fetchAll(db, sql: "SELECT * FROM scanRun ORDER BY id DESC").map { row in
        let paths: String = row["paths"]
        let finished: String? = row["finishedAt"]
        return ScanRunRow(
          id: row["id"], startedAt: Self.shown(row["startedAt"], in: zone), finishedAt: finished.map { Self.shown($0, in: zone) },
          status: row["status"], paths: paths.split(separator: "\n").map(String.init),
          messagesSeen: row["messagesSeen"], newMessages: row["newMessages"], duplicates: row["duplicates"],
          bytesRead: row["bytesRead"], problems: row["problems"])
      }
    }
  }
}
