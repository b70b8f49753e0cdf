import Foundation
import GRDB

extension AuditIndex {
  /// Every follow-up change of incident `id`, newest first; times in `zone`
  /// (UTC without one).
  public func followUpTrail(incidentID id: String, zone: ReportTimeZone? = nil) throws -> [FollowUpChange] {
    try writer.read { db in
      try Row.fetchAll(
        db,
        sql: """
          SELECT id, incidentId, address, oldStatus, newStatus, note, changedBy, changedAt, source
          FROM followUpTrail WHERE incidentId = ? ORDER BY id DESC
          """, arguments: [id]
      ).map { row in
        let stored: String = row["changedAt"]
        let oldText: String? = row["oldStatus"]
        let newText: String = row["newStatus"]
        let sourceText: String = row["source"]
        // A state the code does not know is corruption, not some default.
        func corrupt(_ detail: String) -> IndexError {
          IndexError.corrupt(table: "followUpTrail", row: row["id"], detail: detail)
        }
        let oldStatus = try oldText.map {
          guard let status = FollowUpStatus(rawValue: $0) else { throw corrupt("unknown status '\($0)'") }
          return status
        }
        guard let newStatus = FollowUpStatus(rawValue: newText) else { throw corrupt("unknown status '\(newText)'") }
        guard let source = FollowUpSource(rawValue: sourceText) else { throw corrupt("unknown source '\(sourceText)'") }
        return FollowUpChange(
          id: row["id"], incidentID: row["incidentId"], address: row["address"], oldStatus: oldStatus,
          newStatus: newStatus, note: row["note"], changedBy: row["changedBy"],
          changedAt: Self.shown(stored, in: zone), source: source)
      }
    }
  }

  /// Appends the trail row for `record` (run before the follow-up itself is
  /// written, so the status it replaces is still there), in the caller's
  /// transaction: a change is recorded with its trail or not at all.
  static func appendTrail(_ record: FollowUpRecord, by actor: FollowUpActor, at time: String, in db: Database) throws {
    let old = try String.fetchOne(
      db, sql: "SELECT status FROM followUp WHERE incidentId = ? AND address = ?",
      arguments: [record.incidentID, record.address])
    try db.execute(
      sql: """
        INSERT INTO followUpTrail (incidentId, address, oldStatus, newStatus, note, changedBy, changedAt, source)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?)
        """,
      arguments: [
        record.incidentID, record.address, old, record.status.rawValue, record.note, actor.user, time,
        actor.source.rawValue,
      ])
  }

  /// A stored UTC time in `zone`; as stored when there is none or it does
  /// not parse.
  static func shown(_ stored: String, in zone: ReportTimeZone?) -> String {
    guard let zone, let date = ISO8601DateFormatter().date(from: stored) else { return stored }
    return zone.iso8601(Int64(date.timeIntervalSince1970))
  }
}
