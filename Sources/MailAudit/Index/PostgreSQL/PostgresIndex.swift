import Foundation
import MailParsing
import PostgresNIO

/// The PostgreSQL index, for many scanners on one or many hosts writing at
/// once: the whole ``AuditStore`` with the SQLite index's semantics and the
/// same logical schema (see ``PostgresSchema``), so the same mail gives the
/// same findings, incidents and reports in either.
///
/// One connection, used by one call at a time.
public final class PostgresIndex: AuditStore, @unchecked Sendable {
  /// The address, without password.
  public let location: String
  // Guarded by `lock`.
  private let lock = NSLock()
  private let session: PostgresSession

  /// Connects to `address` (the password as ``PostgresPassword`` finds it,
  /// or `password`) and brings the schema up to date.
  ///
  /// - Parameter creatingSchema: false for commands that only read: a
  ///   database without the index's tables is then
  ///   ``PostgresIndexError/notInitialised(_:)`` rather than one they
  ///   create (a reader's role should not have that right, and a mistyped
  ///   database name should not become an empty index).
  public init(address: PostgresIndexAddress, password: String? = nil, creatingSchema: Bool = true) throws {
    location = address.description
    session = try PostgresSession.open(address, password: password ?? PostgresPassword.find(for: address))
    do {
      if !creatingSchema, !(try PostgresSchema.exists(session)) {
        throw PostgresIndexError.notInitialised(address.description)
      }
      try PostgresSchema.migrate(session, location: address.description)
    } catch {
      session.close()
      throw error
    }
  }

  deinit { session.close() }

  @discardableResult
  func using<T>(_ body: (PostgresSession) throws -> T) throws -> T {
    lock.lock()
    defer { lock.unlock() }
    return try body(session)
  }

  // MARK: Scan runs

  /// A lease that excludes no one. SQLite allows one scan per index, so its
  /// lease is a file lock; a PostgreSQL index is there to be written by
  /// many scanners at once, on many hosts. What must not run twice is the
  /// reading of one source, which per-source advisory locks guard
  /// (``tryLockSource(_:)``), and the analysis, which takes its own
  /// transaction-scoped lock (``withAnalysisSession(_:)``). A killed
  /// scanner's runs are told apart by their run locks
  /// (``closeAbandonedRuns()``), not by this lease.
  public func lockForScan() throws -> ScanLease { SharedIndexLease() }

  /// Records the start of a scan run and returns its id. The run's
  /// advisory lock is held by this connection while the run lives, so
  /// other scanners can tell a running run from one whose scanner died.
  public func beginRun(paths: [String]) throws -> Int64 {
    try using { s in
      let runId =
        try s.rows(
          "INSERT INTO scanRun (startedAt, status, paths) VALUES ($1, 'running', $2) RETURNING id",
          [PostgresData(string: ISO8601.now()), PostgresData(string: paths.joined(separator: "\n"))],
          during: "beginRun"
        ).first?.decode(Int64.self) ?? 0
      try s.rows(
        "SELECT pg_advisory_lock(\(PostgresSchema.runLockSpace), $1)", [PostgresData(int32: Int32(truncatingIfNeeded: runId))],
        during: "beginRun")
      return runId
    }
  }

  /// Marks as interrupted the runs left `running` by a scanner that died:
  /// those whose run lock no connection holds. Runs of scanners still at
  /// work, here or on other hosts, stay running.
  public func closeAbandonedRuns() throws {
    try using { s in
      let running = try s.rows("SELECT id FROM scanRun WHERE status = 'running'", during: "closing abandoned runs")
        .map { try $0.decode(Int64.self) }
      for runId in running {
        let key = PostgresData(int32: Int32(truncatingIfNeeded: runId))
        let free =
          try s.rows(
            "SELECT pg_try_advisory_lock(\(PostgresSchema.runLockSpace), $1)", [key], during: "closing abandoned runs"
          ).first?.decode(Bool.self) ?? false
        guard free else { continue }
        try s.rows(
          "UPDATE scanRun SET status = 'interrupted' WHERE id = $1 AND status = 'running'", [PostgresData(int64: runId)],
          during: "closing abandoned runs")
        try s.rows(
          "SELECT pg_advisory_unlock(\(PostgresSchema.runLockSpace), $1)", [key], during: "closing abandoned runs")
      }
    }
  }

  /// Records how a run ended and its counts, and lets go of its lock.
  public func finishRun(_ runId: Int64, status: String, counts: ScanRunCounts) throws {
    try using { s in
      defer {
        _ = try? s.rows(
          "SELECT pg_advisory_unlock(\(PostgresSchema.runLockSpace), $1)",
          [PostgresData(int32: Int32(truncatingIfNeeded: runId))], during: "finishRun")
      }
      try s.rows(
        """
        UPDATE scanRun SET finishedAt = $1, status = $2, messagesSeen = $3, newMessages = $4,
          duplicates = $5, alreadyIndexed = $6, bytesRead = $7, problems = $8 WHERE id = $9
        """,
        [
          PostgresData(string: ISO8601.now()), PostgresData(string: status), PostgresData(int: counts.messagesSeen),
          PostgresData(int: counts.newMessages), PostgresData(int: counts.duplicates),
          PostgresData(int: counts.alreadyIndexed), PostgresData(int64: Int64(clamping: counts.bytesRead)),
          PostgresData(int: counts.problems), PostgresData(int64: runId),
        ], during: "finishRun")
    }
  }

  /// The id of the newest scan run, if any.
  public func latestRunId() throws -> Int64? {
    try using { s in try s.rows("SELECT MAX(id) FROM scanRun", during: "latestRunId").first?.decode(Int64?.self) }
  }

  // MARK: Batches

  /// The server stores one batch while this process reads the next.
  public var storesWhileReading: Bool { true }

  /// Stores a batch of messages and problems in one transaction, with how
  /// far the source has been read. Another scanner storing the same message
  /// at once waits on its key and then finds it: one message row, both
  /// locations.
  ///
  /// The batch's messages and locations are one statement over column
  /// arrays (``storeMessagesAndLocations``), or one per part (see
  /// ``store(parts:problems:runId:progress:)``), its problems another: a
  /// statement per message, even pipelined, left the server parsing and
  /// planning each one, which bounded the scan. What that statement cannot
  /// settle (a location already known, or a message another scanner stored
  /// after the statement's snapshot) is settled afterwards, one statement
  /// at a time, as before.
  public func store(
    _ messages: [ScannedMessage], problems: [Problem], runId: Int64, progress: SourceState? = nil
  ) throws -> BatchOutcome {
    try store(PreparedBatch(messages), problems: problems, runId: runId, progress: progress)
  }

  /// Stores a batch given in parts (see ``store(_:problems:runId:progress:)``):
  /// each part's statement is sent as soon as the part is made, without
  /// waiting for its answer, so the server stores it while the next part
  /// is parsed; the answers are read once every part is sent.
  public func store(
    parts nextPart: () throws -> [ScannedMessage]?, problems: () -> [Problem], runId: Int64, progress: SourceState?
  ) throws -> BatchOutcome {
    try store(
      encodedParts: { try nextPart().map { ($0, Self.batchValues($0, runId: runId)) } }, problems: problems, runId: runId,
      progress: progress)
  }

  /// Encodes the batch's columns (``batchValues(_:runId:)``) ahead of its turn.
  public func prepare(_ messages: [ScannedMessage], runId: Int64) -> PreparedBatch {
    PreparedBatch(messages, encoded: Self.batchValues(messages, runId: runId))
  }

  /// Stores a batch prepared by ``prepare(_:runId:)`` (or not prepared:
  /// then encoded now) as one part.
  public func store(_ batch: PreparedBatch, problems: [Problem], runId: Int64, progress: SourceState?) throws
    -> BatchOutcome
  {
    var given = false
    return try store(
      encodedParts: {
        defer { given = true }
        guard !given else { return nil }
        return (batch.messages, batch.encoded as? [PostgresData] ?? Self.batchValues(batch.messages, runId: runId))
      }, problems: { problems }, runId: runId, progress: progress)
  }

  /// ``store(parts:problems:runId:progress:)`` with each part's columns
  /// already encoded.
  private func store(
    encodedParts nextPart: () throws -> (messages: [ScannedMessage], values: [PostgresData])?,
    problems: () -> [Problem], runId: Int64, progress: SourceState?
  ) throws -> BatchOutcome {
    try using { s in
      // BEGIN, the fence, the parts, the problems and the source's state
      // go out one after the other without waiting: the server runs them
      // back to back, and the client waits once for all their answers
      // (then once more for COMMIT), not once for each. What the answers
      // leave to settle is settled before COMMIT, one statement at a time.
      var sent: [EventLoopFuture<PostgresQueryResult>] = []
      // The transaction begins once its first statement is ready to go, so
      // the server never waits inside it for a part to be encoded.
      func send(_ sql: String, _ values: [PostgresData]) {
        if sent.isEmpty {
          sent.append(s.send("BEGIN", []))
          // Row ids are drawn when a part is inserted but seen by others
          // only at commit; an analysis that read its high-water mark
          // meanwhile would take a later id as the mark and never read this
          // batch. The analysis takes this fence exclusively to read its
          // mark, so it waits for batches in flight, and batches begun
          // after draw ids above the mark
          // (PostgresAnalysisSession.messageHighWater).
          sent.append(
            s.send("SELECT pg_advisory_xact_lock_shared($1)", [PostgresData(int64: PostgresSchema.highWaterFence)]))
        }
        sent.append(s.send(sql, values))
      }
      let fixed = 2
      var messages: [ScannedMessage] = []
      var partSizes: [Int] = []
      var making: (any Error)?
      do {
        while let (part, values) = try nextPart() {
          guard !part.isEmpty else { continue }
          send(Self.storeMessagesAndLocations, values)
          messages += part
          partSizes.append(part.count)
        }
      } catch {
        making = error
      }
      let parts = max(0, sent.count - fixed)
      let batchProblems = making == nil ? problems() : []
      if !batchProblems.isEmpty { send(Self.insertProblems, Self.problemValues(batchProblems, runId: runId)) }
      if making == nil, let progress { send(Self.saveState, Self.stateValues(progress, runId: runId)) }
      if sent.isEmpty {
        if let making { throw making }
        return BatchOutcome()
      }
      // Every answer is awaited, even after a failure, so none is left in flight.
      s.awaitingAnswers()
      var answers: [[PostgresRow]] = []
      var failure: (any Error)?
      for future in sent {
        do { answers.append(Array(try future.wait().rows)) } catch {
          failure = failure ?? error
          answers.append([])
        }
      }
      do {
        if let making { throw making }
        if let failure {
          throw PostgresIndexError.failed(location, during: "storing messages", reason: PostgresSession.describe(failure))
        }
        // Each part answers only for its messages that are not simply new
        // in a new place; the rest are new messages.
        var outcome = BatchOutcome()
        var partStart = 0
        for (part, size) in zip(answers[fixed..<(fixed + parts)], partSizes) {
          var answered = 0
          for answer in part {
            let (n, rowId, isNew, placed) = try answer.decode((Int, Int64?, Bool, Bool).self)
            guard n >= 1, n <= size else {
              throw PostgresIndexError.failed(
                location, during: "storing messages", reason: "an answer for message \(n) of a part of \(size)")
            }
            answered += 1
            let scanned = messages[partStart + n - 1]
            if rowId != nil, placed {
              if isNew { outcome.newMessages += 1 } else { outcome.duplicates += 1 }
            } else if let rowId {
              try Self.settleLocation(scanned, rowId: rowId, isNew: isNew, runId: runId, session: s, into: &outcome)
            } else {
              try Self.store(scanned, runId: runId, session: s, into: &outcome)
            }
          }
          outcome.newMessages += size - answered
          partStart += size
        }
        if !batchProblems.isEmpty { outcome.newProblems = try answers[fixed + parts].first?.decode(Int.self) ?? 0 }
        try s.rows("COMMIT", during: "storing a batch")
        return outcome
      } catch {
        // After a failed statement the server refuses all but ROLLBACK;
        // if BEGIN itself failed, there is nothing to roll back.
        _ = try? s.rows("ROLLBACK", during: "storing a batch")
        throw error
      }
    }
  }

  /// Stores a batch of messages ($1-$15, one array per column, with the run
  /// $16) and their locations ($17-$22) and answers for each message that
  /// is not simply new in a new place, in batch order: its place in the
  /// batch (from 1), its row id (NULL when its key is held by a message
  /// this statement's snapshot cannot see: another scanner's, committed
  /// meanwhile), whether it is new (inserted now) and whether its location
  /// was added. A first scan's batch answers with no row at all: 2,000
  /// rows a batch, read and decoded while the server waited for COMMIT,
  /// told the client nothing it could not count.
  ///
  /// $23 marks a message whose key an earlier message of the same array
  /// holds (the same mail twice in one mailbox): it is not offered to the
  /// insert and takes the first one's row. Marking it here rather than
  /// ranking on the server, and looking a key up in `message` only when the
  /// insert did not take it, is a tenth less of the server's work per batch.
  ///
  /// Messages are inserted in batch order, so row ids grow as the messages
  /// were read, which incremental analysis relies on.
  static let storeMessagesAndLocations = """
    WITH input AS (
      SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::bigint[], $5::bigint[], $6::text[], $7::text[],
        $8::text[], $9::text[], $10::text[], $11::text[], $12::text[], $13::bigint[], $14::bigint[], $15::text[],
        $17::text[], $18::text[], $19::text[], $20::bigint[], $21::bigint[], $22::text[], $23::bool[])
      WITH ORDINALITY AS i(key, messageID, headerSHA256, dateEpoch, dateOffset, sender, senderName, senderDomain,
        subject, inReplyTo, referenceIDs, recipients, visibleCount, bccCount, labels, format, mailbox, file,
        "offset", length, identity, repeated, n)
    ), added AS (
      INSERT INTO message (key, messageID, headerSHA256, dateEpoch, dateOffset, sender, senderName,
        senderDomain, subject, inReplyTo, referenceIDs, recipients, visibleCount, bccCount, firstRunId, labels)
      SELECT key, messageID, headerSHA256, dateEpoch, dateOffset, sender, senderName, senderDomain, subject,
        inReplyTo, referenceIDs, recipients, visibleCount, bccCount, $16, labels FROM input WHERE NOT repeated ORDER BY n
      ON CONFLICT (key) DO NOTHING RETURNING id, key
    ), target AS (
      SELECT i.n, COALESCE(a.id, (SELECT m.id FROM message m WHERE m.key = i.key)) AS id,
        a.id IS NOT NULL AND NOT i.repeated AS isNew,
        i.format, i.mailbox, i.file, i."offset", i.length, i.identity
      FROM input i LEFT JOIN added a ON a.key = i.key
    ), placed AS (
      INSERT INTO location (messageRowId, format, mailbox, file, "offset", length, firstRunId, identity)
      SELECT id, format, mailbox, file, "offset", length, $16, identity FROM target WHERE id IS NOT NULL ORDER BY n
      ON CONFLICT (identity) DO NOTHING RETURNING messageRowId, identity
    )
    SELECT * FROM (
      SELECT t.n, t.id, t.isNew, p.identity IS NOT NULL AS placed
      FROM target t LEFT JOIN placed p ON p.identity = t.identity AND p.messageRowId = t.id
    ) answer WHERE id IS NULL OR NOT isNew OR NOT placed ORDER BY n
    """

  /// The batch's columns as arrays, in the order of ``storeMessagesAndLocations``.
  static func batchValues(_ batch: [ScannedMessage], runId: Int64) -> [PostgresData] {
    // One pass over the batch fills every column.
    let n = batch.count
    var keys = PostgresArrayColumn(of: .text, reservingBytes: n * 60)
    var messageIDs = PostgresArrayColumn(of: .text, reservingBytes: n * 60)
    var hashes = PostgresArrayColumn(of: .text, reservingBytes: n * 68)
    var epochs = PostgresArrayColumn(of: .int8, reservingBytes: n * 12)
    var offsets = PostgresArrayColumn(of: .int8, reservingBytes: n * 12)
    var senders = PostgresArrayColumn(of: .text, reservingBytes: n * 32)
    var senderNames = PostgresArrayColumn(of: .text, reservingBytes: n * 24)
    var senderDomains = PostgresArrayColumn(of: .text, reservingBytes: n * 20)
    var subjects = PostgresArrayColumn(of: .text, reservingBytes: n * 48)
    var inReplyTos = PostgresArrayColumn(of: .text, reservingBytes: n * 8)
    var references = PostgresArrayColumn(of: .text, reservingBytes: n * 8)
    var recipients = PostgresArrayColumn(of: .text, reservingBytes: n * 64)
    var visibleCounts = PostgresArrayColumn(of: .int8, reservingBytes: n * 12)
    var bccCounts = PostgresArrayColumn(of: .int8, reservingBytes: n * 12)
    var labels = PostgresArrayColumn(of: .text, reservingBytes: n * 4)
    var formats = PostgresArrayColumn(of: .text, reservingBytes: n * 8)
    var mailboxes = PostgresArrayColumn(of: .text, reservingBytes: n * 48)
    var files = PostgresArrayColumn(of: .text, reservingBytes: n * 48)
    var fileOffsets = PostgresArrayColumn(of: .int8, reservingBytes: n * 12)
    var lengths = PostgresArrayColumn(of: .int8, reservingBytes: n * 12)
    var identities = PostgresArrayColumn(of: .text, reservingBytes: n * 64)
    var repeated = PostgresArrayColumn(of: .bool, reservingBytes: n * 5)
    var seen = Set<String>(minimumCapacity: n)
    for scanned in batch {
      let m = scanned.message
      let l = scanned.location
      keys.append(m.key)
      messageIDs.append(m.messageID)
      hashes.append(scanned.headerSHA256)
      epochs.append(m.date.map { Int64($0.epochSeconds) })
      offsets.append(m.date.map { Int64($0.offsetSeconds) })
      senders.append(m.sender)
      senderNames.append(m.senderName)
      senderDomains.append(m.senderDomain)
      subjects.append(m.subject)
      inReplyTos.append(m.inReplyTo.joined(separator: " "))
      references.append(m.references.joined(separator: " "))
      recipients.append(RecipientsColumn.encode(m.recipients))
      visibleCounts.append(Int64(m.recipients.count))
      bccCounts.append(Int64(scanned.bccCount))
      labels.append(scanned.labels?.joined(separator: "\n"))
      formats.append(l.format.rawValue)
      mailboxes.append(l.mailbox)
      files.append(l.file)
      fileOffsets.append(Int64(clamping: l.offset))
      lengths.append(l.length.map { Int64(clamping: $0) })
      identities.append(l.identity)
      repeated.append(!seen.insert(m.key).inserted)
    }
    return [
      keys.data, messageIDs.data, hashes.data, epochs.data, offsets.data, senders.data, senderNames.data,
      senderDomains.data, subjects.data, inReplyTos.data, references.data, recipients.data, visibleCounts.data,
      bccCounts.data, labels.data, PostgresData(int64: runId), formats.data, mailboxes.data, files.data,
      fileOffsets.data, lengths.data, identities.data, repeated.data,
    ]
  }

  /// A message's columns, in the order of `INSERT INTO message`.
  static func messageValues(_ scanned: ScannedMessage, runId: Int64) -> [PostgresData] {
    let m = scanned.message
    return [
      PostgresData(string: m.key), .optional(m.messageID), PostgresData(string: scanned.headerSHA256),
      .optional(m.date.map { Int64($0.epochSeconds) }), .optional(m.date.map { Int64($0.offsetSeconds) }),
      .optional(m.sender), .optional(m.senderName), .optional(m.senderDomain), .optional(m.subject),
      PostgresData(string: m.inReplyTo.joined(separator: " ")),
      PostgresData(string: m.references.joined(separator: " ")),
      PostgresData(string: RecipientsColumn.encode(m.recipients)), PostgresData(int: m.recipients.count),
      PostgresData(int: scanned.bccCount), PostgresData(int64: runId),
      .optional(scanned.labels?.joined(separator: "\n")),
    ]
  }

  /// A location's columns other than its message and run.
  static func locationValues(_ scanned: ScannedMessage) -> [PostgresData] {
    let l = scanned.location
    return [
      PostgresData(string: l.format.rawValue), PostgresData(string: l.mailbox), PostgresData(string: l.file),
      PostgresData(int64: Int64(clamping: l.offset)), .optional(l.length.map { Int64(clamping: $0) }),
      PostgresData(string: l.identity),
    ]
  }

  /// One message, a statement at a time (each sees what committed before it).
  private static func store(
    _ scanned: ScannedMessage, runId: Int64, session s: PostgresSession, into outcome: inout BatchOutcome
  ) throws {
    let inserted = try s.rows(
      """
      INSERT INTO message (key, messageID, headerSHA256, dateEpoch, dateOffset, sender, senderName,
        senderDomain, subject, inReplyTo, referenceIDs, recipients, visibleCount, bccCount, firstRunId, labels)
      VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16)
      ON CONFLICT (key) DO NOTHING RETURNING id
      """, messageValues(scanned, runId: runId), during: "storing a message")
    let isNew = !inserted.isEmpty
    let found =
      isNew
      ? inserted
      : try s.rows(
        "SELECT id FROM message WHERE key = $1", [PostgresData(string: scanned.message.key)], during: "storing a message")
    guard let rowId = try found.first?.decode(Int64.self) else { return }
    try settleLocation(scanned, rowId: rowId, isNew: isNew, runId: runId, session: s, into: &outcome)
  }

  /// Adds the location of the message at `rowId` unless known, and counts
  /// the message as new, a duplicate (a new place of a known message) or
  /// already indexed.
  private static func settleLocation(
    _ scanned: ScannedMessage, rowId: Int64, isNew: Bool, runId: Int64, session s: PostgresSession,
    into outcome: inout BatchOutcome
  ) throws {
    let l = scanned.location
    var values = locationValues(scanned)
    values.insert(PostgresData(int64: rowId), at: 0)
    values.insert(PostgresData(int64: runId), at: 6)
    let insertLocation = """
      INSERT INTO location (messageRowId, format, mailbox, file, "offset", length, firstRunId, identity)
      VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT (identity) DO NOTHING RETURNING id
      """
    var placed = !(try s.rows(insertLocation, values, during: "storing a location")).isEmpty
    if !placed,
      let holder = try s.rows(
        "SELECT messageRowId FROM location WHERE identity = $1", [PostgresData(string: l.identity)],
        during: "storing a location"
      ).first?.decode(Int64.self), holder != rowId
    {
      // A rewritten mbox: another message used to start at this offset.
      try s.rows(
        """
        UPDATE location SET identity = identity || '#before-run-' || $1, goneInRun = COALESCE(goneInRun, $2)
        WHERE identity = $3
        """, [PostgresData(string: String(runId)), PostgresData(int64: runId), PostgresData(string: l.identity)],
        during: "storing a location")
      try s.rows(insertLocation, values, during: "storing a location")
      placed = true
    }
    if outcome.count(isNew: isNew, placed: placed) {
      try s.rows(
        "UPDATE location SET file = $1, goneInRun = NULL WHERE identity = $2 AND (file != $1 OR goneInRun IS NOT NULL)",
        [PostgresData(string: l.file), PostgresData(string: l.identity)], during: "storing a location")
    }
  }

  /// Records problems met outside any batch; returns how many were new.
  public func record(_ problems: [Problem], runId: Int64) throws -> Int {
    try using { s in try s.transaction(during: "recording problems") { try Self.insert(problems, runId: runId, session: s) } }
  }

  /// Problems in one statement; returns how many were new.
  private static func insert(_ problems: [Problem], runId: Int64, session s: PostgresSession) throws -> Int {
    guard !problems.isEmpty else { return 0 }
    return try s.rows(insertProblems, problemValues(problems, runId: runId), during: "recording problems")
      .first?.decode(Int.self) ?? 0
  }

  /// Inserts problems given as column arrays (``problemValues(_:runId:)``)
  /// and answers how many were new.
  static let insertProblems = """
    WITH added AS (
      INSERT INTO problem (kind, file, "offset", field, detail, firstRunId)
      SELECT k, f, o, fd, d, $6 FROM unnest($1::text[], $2::text[], $3::bigint[], $4::text[], $5::text[])
        WITH ORDINALITY AS u(k, f, o, fd, d, n) ORDER BY n
      ON CONFLICT (kind, file, "offset", field, detail) DO NOTHING RETURNING 1)
    SELECT COUNT(*) FROM added
    """

  static func problemValues(_ problems: [Problem], runId: Int64) -> [PostgresData] {
    [
      .texts(problems.map(\.kind.rawValue)), .texts(problems.map(\.file)),
      .bigints(problems.map { $0.offset.map { Int64(clamping: $0) } ?? -1 }), .texts(problems.map { $0.field ?? "" }),
      .texts(problems.map(\.detail)), PostgresData(int64: runId),
    ]
  }

  // MARK: Sources' progress

  /// What the file at `path` looked like when last read.
  public func sourceState(path: String) throws -> SourceState? {
    try using { s in
      guard
        let row = try s.rows(
          "SELECT device, inode, size, mtime, fingerprint, resumeOffset, complete FROM sourceState WHERE path = $1",
          [PostgresData(string: path)], during: "reading a source's state"
        ).first
      else { return nil }
      let (device, inode, size, mtime, fingerprint, resume, complete) = try row.decode(
        (Int64, Int64, Int64, Double, String, Int64, Bool).self)
      return SourceState(
        path: path, device: UInt64(bitPattern: device), inode: UInt64(bitPattern: inode),
        size: UInt64(clamping: size), mtime: mtime, fingerprint: fingerprint, resumeOffset: UInt64(clamping: resume),
        complete: complete)
    }
  }

  /// Records how far a source has been read.
  public func save(_ state: SourceState, runId: Int64) throws {
    try using { s in try Self.save(state, runId: runId, session: s) }
  }

  private static func save(_ state: SourceState, runId: Int64, session s: PostgresSession) throws {
    try s.rows(saveState, stateValues(state, runId: runId), during: "saving a source's state")
  }

  static let saveState = """
    INSERT INTO sourceState (path, device, inode, size, mtime, fingerprint, resumeOffset, complete, lastRunId)
    VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) ON CONFLICT (path) DO UPDATE SET device = excluded.device,
      inode = excluded.inode, size = excluded.size, mtime = excluded.mtime, fingerprint = excluded.fingerprint,
      resumeOffset = excluded.resumeOffset, complete = excluded.complete, lastRunId = excluded.lastRunId
    """

  static func stateValues(_ state: SourceState, runId: Int64) -> [PostgresData] {
    [
      PostgresData(string: state.path), PostgresData(int64: Int64(bitPattern: state.device)),
      PostgresData(int64: Int64(bitPattern: state.inode)), PostgresData(int64: Int64(clamping: state.size)),
      PostgresData(double: state.mtime), PostgresData(string: state.fingerprint),
      PostgresData(int64: Int64(clamping: state.resumeOffset)), PostgresData(bool: state.complete),
      PostgresData(int64: runId),
    ]
  }

  /// Marks every location in `file` gone (a rewritten mbox read again).
  public func markLocationsGone(inFile file: String, runId: Int64) throws {
    try using { s in
      try s.rows(
        "UPDATE location SET goneInRun = $1 WHERE file = $2 AND goneInRun IS NULL",
        [PostgresData(int64: runId), PostgresData(string: file)], during: "marking locations gone")
    }
  }

  /// The locations present in `mailbox`: identity to current file name.
  public func knownLocations(inMailbox mailbox: String) throws -> [String: String] {
    try using { s in
      var known: [String: String] = [:]
      for row in try s.rows(
        "SELECT identity, file FROM location WHERE mailbox = $1 AND goneInRun IS NULL", [PostgresData(string: mailbox)],
        during: "listing known locations")
      {
        let (identity, file) = try row.decode((String, String).self)
        known[identity] = file
      }
      return known
    }
  }

  /// Maildir files renamed (flags) and gone, in one transaction.
  public func updateMaildirLocations(renamed: [(identity: String, file: String)], gone: [String], runId: Int64) throws {
    guard !renamed.isEmpty || !gone.isEmpty else { return }
    try using { s in
      try s.transaction(during: "updating Maildir locations") {
        for r in renamed {
          try s.rows(
            "UPDATE location SET file = $1 WHERE identity = $2", [PostgresData(string: r.file), PostgresData(string: r.identity)],
            during: "updating Maildir locations")
        }
        for identity in gone {
          try s.rows(
            "UPDATE location SET goneInRun = $1 WHERE identity = $2", [PostgresData(int64: runId), PostgresData(string: identity)],
            during: "updating Maildir locations")
        }
      }
    }
  }

  // MARK: IMAP folders

  /// The folder was renumbered: its locations under other UIDVALIDITYs are gone.
  public func markIMAPLocationsGone(folderURL: String, keepingUIDValidity uidValidity: UInt32, runId: Int64) throws {
    try using { s in
      try s.rows(
        """
        UPDATE location SET goneInRun = $1
        WHERE mailbox = $2 AND format = 'imap' AND goneInRun IS NULL AND strpos(file, $3) = 0
        """,
        [PostgresData(int64: runId), PostgresData(string: folderURL), PostgresData(string: ";UIDVALIDITY=\(uidValidity)/")],
        during: "marking a renumbered folder gone")
    }
  }

  /// The highest UID indexed in `folder` of `account` under `uidValidity`.
  public func imapHighestUID(account: String, folder: String, uidValidity: UInt32) throws -> UInt32? {
    try using { s in
      try s.rows(
        "SELECT highestUID FROM imapFolderState WHERE account = $1 AND folder = $2 AND uidValidity = $3",
        [PostgresData(string: account), PostgresData(string: folder), PostgresData(int64: Int64(uidValidity))],
        during: "reading a folder's state"
      ).first.map { UInt32(clamping: try $0.decode(Int64.self)) }
    }
  }

  /// Records that every UID up to `highestUID` is indexed.
  public func saveIMAPHighestUID(
    _ highestUID: UInt32, account: String, folder: String, uidValidity: UInt32, runId: Int64
  ) throws {
    try using { s in
      try s.rows(
        """
        INSERT INTO imapFolderState (account, folder, uidValidity, highestUID, lastRunId) VALUES ($1, $2, $3, $4, $5)
        ON CONFLICT (account, folder, uidValidity) DO UPDATE SET
          highestUID = GREATEST(imapFolderState.highestUID, excluded.highestUID), lastRunId = excluded.lastRunId
        """,
        [
          PostgresData(string: account), PostgresData(string: folder), PostgresData(int64: Int64(uidValidity)),
          PostgresData(int64: Int64(highestUID)), PostgresData(int64: runId),
        ], during: "saving a folder's state")
    }
  }

  // MARK: Owners

  /// Records `owner` as whose mail `mailbox` is.
  public func recordOwner(_ owner: String, mailbox: String, runId: Int64) throws {
    try using { s in
      try s.rows(
        """
        INSERT INTO mailboxOwner (mailbox, owner, firstRunId) VALUES ($1, $2, $3)
        ON CONFLICT (mailbox) DO UPDATE SET owner = excluded.owner
        """, [PostgresData(string: mailbox), PostgresData(string: owner), PostgresData(int64: runId)],
        during: "recording an owner")
    }
  }

  /// Every mailbox with an owner: mailbox to owner.
  public func mailboxOwners() throws -> [String: String] {
    try using { s in
      var owners: [String: String] = [:]
      for row in try s.rows("SELECT mailbox, owner FROM mailboxOwner", during: "listing owners") {
        let (mailbox, owner) = try row.decode((String, String).self)
        owners[mailbox] = owner
      }
      return owners
    }
  }

  /// Waits until no other scanner holds `source`'s advisory lock, then
  /// holds it until the lease goes. It asks again every 100 ms rather than
  /// blocking in the server, so this process's other threads can use the
  /// connection meanwhile (the IMAP workers read folder states through it).
  public func lockSource(_ source: String) throws -> ScanLease {
    while !(try tryLockSource(source)) { Thread.sleep(forTimeInterval: 0.1) }
    return SourceLease(index: self, source: source)
  }

  /// Takes the lock of one source without waiting (see
  /// ``PostgresSession/tryLockSource(_:)``): false when another scanner reads it.
  public func tryLockSource(_ source: String) throws -> Bool {
    try using { s in try s.tryLockSource(source) }
  }

  /// Releases a source's lock.
  public func unlockSource(_ source: String) throws {
    try using { s in try s.unlockSource(source) }
  }
}

extension PostgresData {
  /// NULL for nil, else the value.
  static func optional(_ value: String?) -> PostgresData { value.map { PostgresData(string: $0) } ?? .null }
  static func optional(_ value: Int64?) -> PostgresData { value.map { PostgresData(int64: $0) } ?? .null }
}

/// The lease of a store many scanners share (see ``PostgresIndex/lockForScan()``).
final class SharedIndexLease: ScanLease {}

/// A source's advisory lock, released with the lease (or the connection).
final class SourceLease: ScanLease {
  private let index: PostgresIndex
  private let source: String

  init(index: PostgresIndex, source: String) {
    self.index = index
    self.source = source
  }

  // A failed unlock leaves the lock to the connection's end.
  deinit { try? index.unlockSource(source) }
}
