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
        try FollowUpChange.stored(
          id: row["id"], incidentID: row["incidentId"], address: row["address"], oldStatus: row["oldStatus"],
          newStatus: row["newStatus"], note: row["note"], changedBy: row["changedBy"],
          changedAt: Self.shown(row["changedAt"], in: zone), source: row["source"])
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

extension FollowUpChange {
  /// A trail row as any store reads it back: a state or source the code
  /// does not know is corruption (``IndexError/corrupt(table:row:detail:)``),
  /// not some default.
  static func stored(
    id: Int64, incidentID: String, address: String, oldStatus: String?, newStatus: String, note: String?,
    changedBy: String, changedAt: String, source: String
  ) throws -> FollowUpChange {
    func corrupt(_ detail: String) -> IndexError { .corrupt(table: "followUpTrail", row: id, detail: detail) }
    let old = try oldStatus.map {
      guard let status = FollowUpStatus(rawValue: $0) else { throw corrupt("unknown status '\($0)'") }
      return status
    }
    guard let new = FollowUpStatus(rawValue: newStatus) else { throw corrupt("unknown status '\(newStatus)'") }
    guard let from = FollowUpSource(rawValue: source) else { throw corrupt("unknown source '\(source)'") }
    return FollowUpChange(
      id: id, incidentID: incidentID, address: address, oldStatus: old, newStatus: new, note: note,
      changedBy: changedBy, changedAt: changedAt, source: from)
  }
}
