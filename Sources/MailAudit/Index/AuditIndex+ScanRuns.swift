import Foundation
import GRDB

/// One scan run as the console lists it.
public struct ScanRunRow: Sendable, Codable, Equatable {
  public var id: Int64
  /// ISO 8601, in the zone asked for.
  public var startedAt: String
  public var finishedAt: String?
  /// running, completed, interrupted, failed
  public var status: String
  /// The paths or folder URLs scanned.
  public var paths: [String]
  public var messagesSeen: Int
  public var newMessages: Int
  public var duplicates: Int
  public var bytesRead: Int64
  public var problems: Int
}

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
