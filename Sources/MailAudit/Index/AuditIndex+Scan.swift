import Foundation
import GRDB
import MailParsing

extension AuditIndex {
  /// Records the start of a scan run and returns its id.
  ///
  /// The first scan of an index (no message stored yet) drops the unique
  /// index of message keys, keeps its keys unique by ``MessageKeyRows``,
  /// and builds the index at its end (``finishRun(_:status:counts:)``), or
  /// before it holds more than ``MessageKeyRows/limit`` messages: see
  /// ``IndexSchema/messageKeyIndex``. A first scan killed before then
  /// leaves the index to whoever opens the file next.
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
      return runId
    }
  }

  /// Records how a run ended and its counts; after a first scan, builds
  /// the unique index of message keys (see ``beginRun(paths:)``).
  public func finishRun(_ runId: Int64, status: String, counts: ScanRunCounts) throws {
    try writer.write { db in
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
  public func store(
    _ messages: [ScannedMessage], problems: [Problem], runId: Int64, progress: SourceState? = nil
  ) throws -> BatchOutcome {
    try writer.write { db in
      var outcome = BatchOutcome()
      // A first scan's keys, while the unique index of keys is away; nil
      // in any other scan (see `beginRun`). Past the table's limit, the
      // index is built now and this batch stored as any other scan's.
      var firstScan = firstScanKeys.take()
      defer { firstScanKeys.restore(firstScan) }
      if let keys = firstScan, keys.count + messages.count > firstScanKeys.limit {
        try db.execute(sql: IndexSchema.createMessageKeyIndex)
        firstScan = nil
      }
      let insertMessage = try RawStatement(
        db,
        sql: """
          INSERT INTO message (key, messageID, headerSHA256, dateEpoch, dateOffset, sender, senderName,
            senderDomain, subject, inReplyTo, referenceIDs, recipients, visibleCount, bccCount, firstRunId, labels)
          VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
          """ + (firstScan == nil ? " ON CONFLICT(key) DO NOTHING" : ""))
      let findMessage = try db.cachedStatement(sql: "SELECT id FROM message WHERE key = ?")
      let keyOfRow = try db.cachedStatement(sql: "SELECT key FROM message WHERE id = ?")
      let insertLocation = try RawStatement(
        db,
        sql: """
          INSERT INTO location (messageRowId, format, mailbox, file, offset, length, firstRunId, identity)
          VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT(identity) DO NOTHING
          """)
      let findLocationHolder = try db.cachedStatement(sql: "SELECT messageRowId FROM location WHERE identity = ?")
      let retireLocation = try db.cachedStatement(
        sql: """
          UPDATE location SET identity = identity || '#before-run-' || ?, goneInRun = COALESCE(goneInRun, ?)
          WHERE identity = ?
          """)
      // A known location seen again: its current file name (Maildir flags
      // change it) and it is no longer gone.
      let refreshLocation = try db.cachedStatement(
        sql: """
          UPDATE location SET file = ?, goneInRun = NULL
          WHERE identity = ? AND (file != ? OR goneInRun IS NOT NULL)
          """)
      // Each message is read where it lies in the batch: iterating the
      // array copied every message, retaining and then releasing its dozen
      // strings and arrays.
      try messages.withUnsafeBufferPointer { batch in
        for i in batch.indices {
          let scanned = batch.baseAddress! + i
          var keyHash: UInt64 = 0
          var storedBefore: Int64?
          if firstScan != nil {
            keyHash = MessageKeyRows.hash(scanned.pointee.message.key)
            storedBefore = try firstScan?.row(of: scanned.pointee.message.key, hash: keyHash) {
              try String.fetchOne(keyOfRow, arguments: [$0])
            }
          }
          if storedBefore == nil {
            try insertMessage.run {
              $0.bind(scanned.pointee.message.key)
              $0.bind(scanned.pointee.message.messageID)
              $0.bind(scanned.pointee.headerSHA256)
              $0.bind(scanned.pointee.message.date?.epochSeconds)
              $0.bind(scanned.pointee.message.date?.offsetSeconds)
              $0.bind(scanned.pointee.message.sender)
              $0.bind(scanned.pointee.message.senderName)
              // Not `senderDomain`: a getter called on the message in place
              // made the compiler copy the whole message to call it.
              $0.bind(SentMessage.domain(ofSender: scanned.pointee.message.sender))
              $0.bind(scanned.pointee.message.subject)
              $0.bind(scanned.pointee.message.inReplyTo.joined(separator: " "))
              $0.bind(scanned.pointee.message.references.joined(separator: " "))
              $0.bind(utf8: RecipientsColumn.encodedUTF8(scanned.pointee.message.recipients))
              $0.bind(scanned.pointee.message.recipients.count)
              $0.bind(scanned.pointee.bccCount)
              $0.bind(runId)
              $0.bind(scanned.pointee.labels?.joined(separator: "\n"))
            }
          }
          let isNew = storedBefore == nil && db.changesCount > 0
          let rowId: Int64
          if isNew {
            rowId = db.lastInsertedRowID
            firstScan?.insert(hash: keyHash, row: rowId)
          } else if let storedBefore {
            rowId = storedBefore
          } else {
            guard let existing = try Int64.fetchOne(findMessage, arguments: [scanned.pointee.message.key]) else {
              continue
            }
            rowId = existing
          }
          let l = scanned.pointee.location
          let identity = l.identity
          func placeLocation() throws {
            try insertLocation.run {
              $0.bind(rowId)
              $0.bind(l.format.rawValue)
              $0.bind(l.mailbox)
              $0.bind(l.file)
              $0.bind(Int64(clamping: l.offset))
              $0.bind(l.length.map { Int64(clamping: $0) })
              $0.bind(runId)
              $0.bind(identity)
            }
          }
          try placeLocation()
          var placed = db.changesCount > 0
          if !placed, let holder = try Int64.fetchOne(findLocationHolder, arguments: [identity]), holder != rowId {
            // A rewritten mbox: another message used to start at this offset.
            // That location is history now; keep it, renamed, and place this one.
            try retireLocation.execute(arguments: [runId, runId, identity])
            try placeLocation()
            placed = true
          }
          if isNew {
            outcome.newMessages += 1
          } else if placed {
            outcome.duplicates += 1
          } else {
            outcome.alreadyIndexed += 1
            try refreshLocation.execute(arguments: [l.file, identity, l.file])
          }
        }
      }
      outcome.newProblems = try insert(problems, runId: runId, db: db)
      if let progress { try save(progress, runId: runId, db: db) }
      return outcome
    }
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
