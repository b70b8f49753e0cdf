import GRDB

extension AuditIndex {
  /// The highest UID indexed in `folder` of `account` under `uidValidity`,
  /// or nil when that folder (or that numbering of it) was never read.
  public func imapHighestUID(account: String, folder: String, uidValidity: UInt32) throws -> UInt32? {
    try writer.read { db in
      try Int64.fetchOne(
        db, sql: "SELECT highestUID FROM imapFolderState WHERE account = ? AND folder = ? AND uidValidity = ?",
        arguments: [account, folder, Int64(uidValidity)]
      ).map { UInt32(clamping: $0) }
    }
  }

  /// Records that every UID up to `highestUID` is indexed. Called after the
  /// batch holding them is committed: a scan killed in between asks for
  /// those UIDs again, and storing them again changes nothing.
  public func saveIMAPHighestUID(
    _ highestUID: UInt32, account: String, folder: String, uidValidity: UInt32, runId: Int64
  ) throws {
    try writer.write { db in
      try db.execute(
        sql: """
          INSERT INTO imapFolderState (account, folder, uidValidity, highestUID, lastRunId) VALUES (?, ?, ?, ?, ?)
          ON CONFLICT(account, folder, uidValidity) DO UPDATE SET
            highestUID = max(highestUID, excluded.highestUID), lastRunId = excluded.lastRunId
          """,
        arguments: [account, folder, Int64(uidValidity), Int64(highestUID), runId])
    }
  }

  /// The folder was renumbered (a new UIDVALIDITY): its locations under
  /// other numberings are gone until the rescan finds the messages again.
  public func markIMAPLocationsGone(folderURL: String, keepingUIDValidity uidValidity: UInt32, runId: Int64) throws {
    try writer.write { db in
      try db.execute(
        sql: """
          UPDATE location SET goneInRun = ?
          WHERE mailbox = ? AND format = 'imap' AND goneInRun IS NULL AND instr(file, ?) = 0
          """,
        arguments: [runId, folderURL, ";UIDVALIDITY=\(uidValidity)/"])
    }
  }
}
