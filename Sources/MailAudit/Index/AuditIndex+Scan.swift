import Foundation
import GRDB
import MailParsing

extension AuditIndex {
  /// Records the start of a scan run and returns its id.
  ///
  /// The first scan of an index (no message stored yet) drops the unique
  /// index of message keys, keeps its keys unique by ``MessageKeyRows``
  /// (and so writes its rows many to a statement: ``FirstScanBatch``),
  /// and builds the index at its end (``finishRun(_:status:counts:)``), or
  /// before it holds more than ``MessageKeyRows/limit`` messages: see
  /// ``IndexSchema/messageKeyIndex``. A first scan killed before then
  /// leaves the index to whoever opens the file next.
  ///
  /// Until ``finishRun(_:status:counts:)``, the WAL checkpoints of the
  /// scan's batches run beside the writer (``ScanCheckpoints``).
  public func beginRun(paths: [String]) throws -> Int64 {
    try writer.write { db in
      try db.execute(
        sql: "INSERT INTO scanRun (startedAt, status, paths) VALUES (?, 'running', ?)",
        arguments: [ISO8601.now(), paths.joined(separator: "\n")])
      let runId = db.lastInsertedRowID
      let noMessage = try !Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM message)")!
      if try noMessage && IndexSchema.hasMessageKeyIndex(db) {
        try db.execute(sql: "DROP INDEX \(IndexSchema.messageKeyIndex)")
        firstScanKeys.restore(MessageKeyRows())
      }
      try scanCheckpoints?.begin(db)
      return runId
    }
  }

  /// Records how a run ended and its counts, once the last checkpoint of
  /// its batches is made; after a first scan, builds the unique index of
  /// message keys (see ``beginRun(paths:)``).
  public func finishRun(_ runId: Int64, status: String, counts: ScanRunCounts) throws {
    try writer.write { db in
      try scanCheckpoints?.end(db)
      if firstScanKeys.take() != nil { try db.execute(sql: IndexSchema.createMessageKeyIndex) }
      try db.execute(
        sql: """
          UPDATE scanRun SET finishedAt = ?, status = ?, messagesSeen = ?, newMessages = ?,
            duplicates = ?, alreadyIndexed = ?, bytesRead = ?, problems = ? WHERE id = ?
          """,
        arguments: [
          ISO8601.now(), status, counts.messagesSeen, counts.newMessages, counts.duplicates,
          counts.alreadyIndexed, Int64(clamping: counts.bytesRead), counts.problems, runId,
        ])
    }
  }

  /// Stores a batch of messages and problems in one transaction, with
  /// prepared statements, together with how far the source has been read:
  /// either all of it is indexed or none, so a killed scan resumes exactly
  /// where the last committed batch ended.
  ///
  /// A first scan's batch is written with foreign keys off, as the
  /// analysis is (see ``withAnalysisSession(_:)``): its rows name the run
  /// this scan began and message rows it writes itself, and a statement of
  /// many rows that checks a foreign key makes SQLite keep a statement
  /// journal (see ``ScannedRows/manyRowsInsert(_:)``).
  /// `FirstScanBatchTests` checks `PRAGMA foreign_key_check` after such
  /// batches. The pragma cannot change inside a transaction, so it is set
  /// around it.
  public func store(
    _ messages: [ScannedMessage], problems: [Problem], runId: Int64, progress: SourceState? = nil
  ) throws -> BatchOutcome {
    try writer.writeWithoutTransaction { db in
      // A first scan's keys, while the unique index of keys is away; nil
      // in any other scan (see `beginRun`).
      var firstScan = firstScanKeys.take()
      defer { firstScanKeys.restore(firstScan) }
      let checksForeignKeys = firstScan == nil
      if !checksForeignKeys { try db.execute(sql: "PRAGMA foreign_keys = OFF") }
      defer { if !checksForeignKeys { try? db.execute(sql: "PRAGMA foreign_keys = ON") } }
      var outcome = BatchOutcome()
      try db.inTransaction {
        // Past the table's limit, the index is built now and this batch
        // stored as any other scan's (foreign keys then stay off for it).
        if let keys = firstScan, keys.count + messages.count > firstScanKeys.limit {
          try db.execute(sql: IndexSchema.createMessageKeyIndex)
          firstScan = nil
        }
        if var keys = firstScan {
          // `keys` alone holds the table while the batch adds to it: shared,
          // its first insert copied every slot (4 MiB at the limit), each batch.
          firstScan = nil
          // Handed back whatever happens: a failed batch's rows are taken
          // back, and the table copes with rows that are gone.
          defer { firstScan = keys }
          outcome = try FirstScanBatch(db: db, runId: runId, rowsPerStatement: firstScanKeys.rowsPerStatement)
            .store(messages, keys: &keys)
        } else {
          outcome = try storeOneByOne(messages, runId: runId, db: db)
        }
        outcome.newProblems = try insert(problems, runId: runId, db: db)
        if let progress { try save(progress, runId: runId, db: db) }
        return .commit
      }
      return outcome
    }
  }

  /// Stores each message of a scan that is not the index's first: a key
  /// already stored is found by the unique index of keys.
  private func storeOneByOne(_ messages: [ScannedMessage], runId: Int64, db: Database) throws -> BatchOutcome {
    var outcome = BatchOutcome()
    let insertMessage = try RawStatement(
      db, sql: ScannedRows.insertMessages(rows: 1) + " ON CONFLICT(key) DO NOTHING")
    let findMessage = try db.cachedStatement(sql: "SELECT id FROM message WHERE key = ?")
    let placing = try LocationPlacing(db: db, runId: runId)
    // Each message is read where it lies in the batch: iterating the
    // array copied every message, retaining and then releasing its dozen
    // strings and arrays.
    try messages.withUnsafeBufferPointer { batch in
      for i in batch.indices {
        let scanned = batch.baseAddress! + i
        try insertMessage.run { $0.bindMessage(scanned, runId: runId) }
        let isNew = db.changesCount > 0
        let rowId: Int64
        if isNew {
          rowId = db.lastInsertedRowID
        } else {
          guard let existing = try Int64.fetchOne(findMessage, arguments: [scanned.pointee.message.key]) else {
            continue
          }
          rowId = existing
        }
        try placing.place(
          scanned.pointee.location, identity: scanned.pointee.location.identity, row: rowId, isNew: isNew,
          outcome: &outcome)
      }
    }
    return outcome
  }

  /// Records problems met outside any batch (a folder that cannot be read).
  public func record(_ problems: [Problem], runId: Int64) throws -> Int {
    try writer.write { db in try insert(problems, runId: runId, db: db) }
  }

  private func insert(_ problems: [Problem], runId: Int64, db: Database) throws -> Int {
    let statement = try db.cachedStatement(
      sql: """
        INSERT INTO problem (kind, file, offset, field, detail, firstRunId) VALUES (?, ?, ?, ?, ?, ?)
        ON CONFLICT(kind, file, offset, field, detail) DO NOTHING
        """)
    var added = 0
    for p in problems {
      try statement.execute(arguments: [
        p.kind.rawValue, p.file, p.offset.map { Int64(clamping: $0) } ?? -1, p.field ?? "", p.detail, runId,
      ])
      added += db.changesCount
    }
    return added
  }
}

/// ISO 8601 timestamps as the index and reports write them (one formatter:
/// MessageDate's, the same that dates messages).
enum ISO8601 {
  static func now() -> String { string(epochSeconds: Int64(Date().timeIntervalSince1970), offsetSeconds: 0) }

  /// `2024-03-01T09:15:00+09:00` for the instant and the writer's offset.
  static func string(epochSeconds: Int64, offsetSeconds: Int) -> String {
    MessageDate(epochSeconds: epochSeconds, offsetSeconds: offsetSeconds).iso8601
  }
}
