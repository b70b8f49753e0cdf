import Foundation
import GRDB
import MailParsing

extension AuditIndex {
  /// The stored state of `path`, if it was scanned before.
  public func sourceState(path: String) throws -> SourceState? {
    try writer.read { db in
      try Row.fetchOne(db, sql: "SELECT * FROM sourceState WHERE path = ?", arguments: [path]).map { row in
        SourceState(
          path: row["path"], device: UInt64(bitPattern: row["device"]), inode: UInt64(bitPattern: row["inode"]),
          size: UInt64(clamping: row["size"] as Int64), mtime: row["mtime"], fingerprint: row["fingerprint"],
          resumeOffset: UInt64(clamping: row["resumeOffset"] as Int64), complete: row["complete"])
      }
    }
  }

  func save(_ state: SourceState, runId: Int64, db: Database) throws {
    try db.cachedStatement(
      sql: """
        INSERT INTO sourceState (path, device, inode, size, mtime, fingerprint, resumeOffset, complete, lastRunId)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT(path) DO UPDATE SET device = excluded.device,
          inode = excluded.inode, size = excluded.size, mtime = excluded.mtime, fingerprint = excluded.fingerprint,
          resumeOffset = excluded.resumeOffset, complete = excluded.complete, lastRunId = excluded.lastRunId
        """
    ).execute(arguments: [
      state.path, Int64(bitPattern: state.device), Int64(bitPattern: state.inode), Int64(clamping: state.size),
      state.mtime, state.fingerprint, Int64(clamping: state.resumeOffset), state.complete, runId,
    ])
  }

  /// Records a file's state outside a batch (a file found unchanged, or
  /// read to its end with nothing new).
  public func save(_ state: SourceState, runId: Int64) throws {
    try writer.write { db in try save(state, runId: runId, db: db) }
  }

  /// A file was rewritten (compacted, messages deleted): every location in
  /// it is marked gone until the rescan finds the message again. Messages
  /// are never deleted: they are evidence.
  public func markLocationsGone(inFile file: String, runId: Int64) throws {
    try writer.write { db in
      try db.execute(
        sql: "UPDATE location SET goneInRun = ? WHERE file = ? AND goneInRun IS NULL", arguments: [runId, file])
    }
  }

  /// The Maildir locations known for `mailbox`: identity to current file.
  public func knownLocations(inMailbox mailbox: String) throws -> [String: String] {
    try writer.read { db in
      var known: [String: String] = [:]
      let rows = try Row.fetchCursor(
        db, sql: "SELECT identity, file FROM location WHERE mailbox = ? AND goneInRun IS NULL", arguments: [mailbox])
      while let row = try rows.next() { known[row[0]] = row[1] }
      return known
    }
  }

  /// Maildir files renamed since the last scan (flags changed, moved from
  /// new/ to cur/) get their current name; files no longer there are gone.
  public func updateMaildirLocations(renamed: [(identity: String, file: String)], gone: [String], runId: Int64) throws {
    guard !renamed.isEmpty || !gone.isEmpty else { return }
    try writer.write { db in
      let rename = try db.cachedStatement(sql: "UPDATE location SET file = ? WHERE identity = ?")
      for r in renamed { try rename.execute(arguments: [r.file, r.identity]) }
      let markGone = try db.cachedStatement(sql: "UPDATE location SET goneInRun = ? WHERE identity = ?")
      for identity in gone { try markGone.execute(arguments: [runId, identity]) }
    }
  }

  /// Marks runs left `running` by a killed process as interrupted. Called
  /// while holding the scan lock, so no other scan is running.
  public func closeAbandonedRuns() throws {
    try writer.write { db in
      try db.execute(sql: "UPDATE scanRun SET status = 'interrupted' WHERE status = 'running'")
    }
  }

  /// The id of the newest scan run, if any.
  public func latestRunId() throws -> Int64? {
    try writer.read { db in try Int64.fetchOne(db, sql: "SELECT MAX(id) FROM scanRun") }
  }
}
