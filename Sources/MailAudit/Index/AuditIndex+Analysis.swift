import Foundation
import GRDB
import MailParsing

extension AuditIndex {
  /// One write transaction in which SQLite does not enforce foreign keys.
  ///
  /// The analysis writes findings, exposures, links and addresses from rows
  /// it has just read in the same transaction, under the write lock, so
  /// the checks guarded nothing, and they were a lookup in another table
  /// for every row written (0.15 s of an analysis of 140,000 exposures).
  /// What the cascades did, the session does by hand (see
  /// ``SQLiteAnalysisSession/clearFindings()``);
  /// `AuditIndexAnalysisTests` checks `PRAGMA foreign_key_check` after every
  /// kind of analysis. The pragma cannot change inside a transaction, so it
  /// is set around it, on this connection only: every other write keeps
  /// the checks.
  ///
  /// The commit does not checkpoint the WAL, which after a full analysis
  /// holds every row it wrote: the checkpoint is left to the writer's queue
  /// once the transaction is over, so that what a run does next (its
  /// summary's reads, its reports) goes on while SQLite copies the pages
  /// and waits for the disk. Any later write waits for it, as it waited
  /// for the commit, and so does closing the index.
  public func withAnalysisSession<T>(_ body: (any AnalysisSession) throws -> T) throws -> T {
    defer {
      writer.asyncWriteWithoutTransaction { db in
        // A checkpoint that cannot run now (readers in the way, a busy
        // disk) is the next one's work: closing the index checkpoints too.
        _ = try? db.checkpoint(.passive)
      }
    }
    return try writer.writeWithoutTransaction { db in
      try db.execute(sql: "PRAGMA foreign_keys = OFF")
      defer { try? db.execute(sql: "PRAGMA foreign_keys = ON") }
      let autocheckpoint = try Int.fetchOne(db, sql: "PRAGMA wal_autocheckpoint") ?? 1000
      try db.execute(sql: "PRAGMA wal_autocheckpoint = 0")
      defer { try? db.execute(sql: "PRAGMA wal_autocheckpoint = \(autocheckpoint)") }
      // A page cache of 512 KiB for the analysis: it reads the messages
      // once in order and appends its rows, so a larger cache holds pages
      // it never reads again, at the scan's peak. On the 50,000-message
      // benchmark's first scan, 1 to 2 MiB less peak at 0.99-1.01 of the
      // time (11 pairs each, mbox and Maildir).
      let cacheSize = try Int.fetchOne(db, sql: "PRAGMA cache_size") ?? -2000
      try db.execute(sql: "PRAGMA cache_size = -512")
      defer { try? db.execute(sql: "PRAGMA cache_size = \(cacheSize)") }
      var result: T?
      try db.inTransaction(.immediate) {
        let session = SQLiteAnalysisSession(db: db)
        result = try body(session)
        try session.rebuildIndexes()
        return .commit
      }
      return result!
    }
  }

  public func inferredInternalDomains(catalog: DomainCatalog) throws -> [String: Int] {
    try writer.read { db in
      catalog.organisationCounts(try SQLiteAnalysisSession(db: db).senderDomainCounts(after: 0, through: Int64.max))
    }
  }
}

/// The analysis' reads and writes inside one SQLite write transaction.
final class SQLiteAnalysisSession: AnalysisSession {
  let db: Database
  /// Address row ids met in this session (an incremental analysis).
  private var addressIds: [String: Int64] = [:]
  /// True once every address row was deleted in this session: rows are
  /// then numbered by the analysis (``addNumberedAddress(_:row:)``).
  private var addressesCleared = false
  /// After ``clearFindings()``, the id the next new address row takes.
  private var nextAddressRow: Int64 = 1
  /// New address rows of a full analysis not yet written: they go
  /// ``exposureChunk`` to a statement, as exposures do (one statement per
  /// address was a fifth of the analysis' writing thread on the
  /// 50,000-message benchmark, under `perf`). No row of the session reads
  /// them before its end, and foreign keys are not checked in it.
  private var newAddresses: [(row: Int64, address: ExposedAddress)] = []

  /// The indexes dropped for a full analysis, by their `CREATE` statements.
  private var droppedIndexes: [String] = []

  init(db: Database) { self.db = db }

  /// The tables a full analysis writes whole: their secondary indexes are
  /// dropped while it writes and built again once at the end, so that
  /// SQLite sorts each once instead of inserting every row at a random
  /// place (the index of exposures by address took 0.35 s of 1.9 s
  /// analysing 50,000 messages; built at the end, 0.05 s). The address
  /// index also keeps addresses unique: while it is away the session's
  /// cache does, knowing every row (see ``addressId(_:)``).
  static let rebuiltTables = ["exposure", "findingLink", "finding", "address"]

  /// Drops the secondary indexes of ``rebuiltTables``, remembering each as
  /// the schema wrote it, so ``rebuildIndexes()`` restores it exactly. The
  /// transaction restores them too if the analysis fails.
  private func dropIndexes() throws {
    let tables = Self.rebuiltTables.map { "'\($0)'" }.joined(separator: ", ")
    let indexes = try Row.fetchAll(
      db,
      sql: """
        SELECT name, sql FROM sqlite_master
        WHERE type = 'index' AND sql IS NOT NULL AND tbl_name IN (\(tables)) ORDER BY name
        """)
    for index in indexes {
      try db.execute(sql: "DROP INDEX \((index["name"] as String).quotedDatabaseIdentifier)")
      droppedIndexes.append(index["sql"])
    }
  }

  func finishBulkWrites() throws { try rebuildIndexes() }

  /// Builds again what ``dropIndexes()`` dropped: at
  /// ``finishBulkWrites()``, else at the session's end.
  func rebuildIndexes() throws {
    try writeNewAddresses()
    for sql in droppedIndexes { try db.execute(sql: sql) }
    droppedIndexes = []
  }

  func state() throws -> StoredAnalysisState? {
    guard let row = try Row.fetchOne(db, sql: "SELECT * FROM analysisState WHERE id = 1") else { return nil }
    let decoder = JSONDecoder()
    // A state that cannot be read is no state: the next analysis is full.
    guard
      let domains = try? decoder.decode([String].self, from: Data((row["internalDomains"] as String).utf8)),
      let counts = try? decoder.decode([String: Int].self, from: Data((row["senderCounts"] as String).utf8))
    else { return nil }
    return StoredAnalysisState(
      internalDomains: InternalDomainSet(domains: domains, inferred: row["inferred"], senderCounts: counts),
      suffixListSource: row["suffixListSource"], inputsDigest: row["inputsDigest"],
      messageHighWater: row["messageHighWater"])
  }

  func messageHighWater() throws -> Int64 {
    try Int64.fetchOne(db, sql: "SELECT COALESCE(MAX(id), 0) FROM message") ?? 0
  }

  func senderDomainCounts(after: Int64, through: Int64) throws -> [String: Int] {
    var counts: [String: Int] = [:]
    let rows = try Row.fetchCursor(
      db,
      sql: """
        SELECT senderDomain, COUNT(*) FROM message WHERE senderDomain IS NOT NULL AND id > ? AND id <= ?
        GROUP BY senderDomain
        """, arguments: [after, through])
    while let row = try rows.next() { counts[row[0], default: 0] += row[1] }
    return counts
  }

  func forEachMessage(
    after: Int64, through: Int64, minimumVisible: Int, _ body: (Int64, StoredMessage) throws -> Void
  ) throws {
    let rows = try Row.fetchCursor(
      db,
      sql: """
        SELECT id, key, messageID, dateEpoch, dateOffset, sender, senderName, subject, inReplyTo, referenceIDs,
          recipients FROM message WHERE id > ? AND id <= ? AND visibleCount >= ? ORDER BY id
        """, arguments: [after, through, minimumVisible])
    while let row = try rows.next() { try body(row[0], StoredMessage(row: row)) }
  }

  func clearFindings() throws {
    // Foreign keys are off in the session (see
    // AuditIndex.withAnalysisSession), so a finding's exposures and links
    // go by hand, as their cascades took them.
    try dropIndexes()
    try db.execute(sql: "DELETE FROM exposure")
    try db.execute(sql: "DELETE FROM findingLink")
    try db.execute(sql: "DELETE FROM finding")
    // Addresses are written anew, with the party the current catalogue
    // gives them.
    try db.execute(sql: "DELETE FROM address")
    addressIds = [:]
    addressesCleared = true
    nextAddressRow = 1
    try db.execute(sql: "DELETE FROM suppression")
    try db.execute(sql: "DELETE FROM incident")
  }

  func insertSuppression(rowId: Int64, group: String) throws {
    try db.cachedStatement(sql: "INSERT INTO suppression (messageRowId, allowedGroup) VALUES (?, ?)")
      .execute(arguments: [rowId, group])
  }

  func insertFinding(
    rowId: Int64, _ f: ExposureFinding, incidentId: String, links: [Int64], addressRows: [Int64]
  ) throws {
    try RawStatement(
      db,
      sql: """
        INSERT INTO finding (messageRowId, severity, reply, visibleRecipients, externalRecipients,
          parties, personalCount, incidentId) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
        """
    ).run {
      $0.bind(rowId)
      $0.bind(f.severity.rawValue)
      $0.bind(f.reply)
      $0.bind(f.visibleRecipients)
      $0.bind(f.exposed.count)
      $0.bind(f.parties)
      $0.bind(f.personalCount)
      $0.bind(incidentId)
    }
    // Exposures go in rows of up to `exposureChunk` per statement: one
    // statement per exposure made its overhead a large part of the analysis.
    // They are read where they lie in the finding: iterating them copied
    // each, retaining and releasing its strings.
    try f.exposed.withUnsafeBufferPointer { exposed in
      var ids: [Int64] = []
      var start = 0
      while start < exposed.count {
        let end = min(start + Self.exposureChunk, exposed.count)
        ids.removeAll(keepingCapacity: true)
        for j in start..<end {
          if addressRows.isEmpty {
            ids.append(try addressId(exposed[j]))
          } else {
            // An address numbered before needs nothing more.
            let row = addressRows[j]
            ids.append(row < nextAddressRow ? row : try addNumberedAddress(exposed[j], row: row))
          }
        }
        try RawStatement(db, sql: Self.exposureInserts[end - start]).run {
          for j in start..<end {
            $0.bind(rowId)
            $0.bind(exposed[j].recipientIndex)
            $0.bind(ids[j - start])
            $0.bind(exposed[j].exposedTo)
          }
        }
        start = end
      }
    }
    let insertLink = try RawStatement(
      db, sql: "INSERT INTO findingLink (link, messageRowId) VALUES (?, ?) ON CONFLICT DO NOTHING")
    for link in links {
      try insertLink.run {
        $0.bind(link)
        $0.bind(rowId)
      }
    }
  }

  static let exposureChunk = 32

  /// `INSERT INTO exposure ... VALUES` for every row count up to ``exposureChunk``.
  static let exposureInserts = multiRowInserts(
    "INSERT INTO exposure (messageRowId, recipientIndex, addressId, exposedTo) VALUES ")
  /// `INSERT INTO address ... VALUES` for every row count up to ``exposureChunk``.
  static let addressInserts = multiRowInserts("INSERT INTO address (id, address, party, personal) VALUES ")

  /// `head` followed by 0 to ``exposureChunk`` rows of four placeholders,
  /// by row count: written once, not per statement run.
  static func multiRowInserts(_ head: String) -> [String] {
    (0...exposureChunk).map { head + Array(repeating: "(?, ?, ?, ?)", count: $0).joined(separator: ", ") }
  }

  /// The row of `e`'s address, added when new, in an incremental
  /// analysis. An address's party changes only with the catalogue, which
  /// makes the analysis a full one that clears the addresses first; an
  /// incremental one finds them as stored. A full one numbers its
  /// addresses (``addNumberedAddress(_:row:)``): a row added here beside
  /// those, with the unique index away, could repeat an address.
  private func addressId(_ e: ExposedAddress) throws -> Int64 {
    if let known = addressIds[e.address] { return known }
    guard !addressesCleared else {
      throw IndexError.corrupt(table: "address", row: 0, detail: "an address without its number in a full analysis")
    }
    if let id = try Int64.fetchOne(
      db.cachedStatement(sql: "SELECT id FROM address WHERE address = ?"), arguments: [e.address])
    {
      addressIds[e.address] = id
      return id
    }
    try RawStatement(db, sql: "INSERT INTO address (address, party, personal) VALUES (?, ?, ?)").run {
      $0.bind(e.address)
      $0.bind(e.party)
      $0.bind(e.personal)
    }
    let id = db.lastInsertedRowID
    addressIds[e.address] = id
    return id
  }

  /// Adds the row of `e`'s address under `row`, the number the analysis
  /// gave it, beyond the rows added so far (a number below them needs no
  /// row and is used as it is). Numbers come in the order addresses are
  /// first exposed, so a new address is always the next row; any other
  /// number means the numbering and the rows went apart, and the analysis
  /// stops rather than write exposures to the wrong address (the unique
  /// index is away in a full analysis).
  private func addNumberedAddress(_ e: ExposedAddress, row: Int64) throws -> Int64 {
    guard addressesCleared, row == nextAddressRow else {
      throw IndexError.corrupt(
        table: "address", row: row, detail: "numbered out of order (next new row \(nextAddressRow))")
    }
    newAddresses.append((row, e))
    if newAddresses.count == Self.exposureChunk { try writeNewAddresses() }
    nextAddressRow += 1
    return row
  }

  /// Writes the address rows ``addNumberedAddress(_:row:)`` added.
  private func writeNewAddresses() throws {
    guard !newAddresses.isEmpty else { return }
    try RawStatement(db, sql: Self.addressInserts[newAddresses.count]).run {
      for (row, e) in newAddresses {
        $0.bind(row)
        $0.bind(e.address)
        $0.bind(e.party)
        $0.bind(e.personal)
      }
    }
    newAddresses.removeAll(keepingCapacity: true)
  }

  func noteFindingsSeen(messageKeys: [String], runId: Int64?) throws -> Int {
    try noteSeen(table: "findingFirstSeen", column: "messageKey", values: messageKeys, runId: runId)
  }

  func noteIncidentsSeen(ids: [String], runId: Int64?) throws -> Int {
    try noteSeen(table: "incidentFirstSeen", column: "id", values: ids, runId: runId)
  }

  /// One cached statement per value: in process, a statement costs no
  /// round trip, so batching would not make SQLite faster. Inserts go
  /// through ``RawStatement``, like the findings'.
  private func noteSeen(table: String, column: String, values: [String], runId: Int64?) throws -> Int {
    var new = 0
    guard let runId else {
      let statement = try db.cachedStatement(sql: "SELECT 1 FROM \(table) WHERE \(column) = ?")
      for value in values {
        if try Bool.fetchOne(statement, arguments: [value]) != true { new += 1 }
      }
      return new
    }
    let insert = try RawStatement(db, sql: "INSERT INTO \(table) (\(column), runId) VALUES (?, ?) ON CONFLICT DO NOTHING")
    for value in values {
      try insert.run {
        $0.bind(value)
        $0.bind(runId)
      }
      if db.changesCount > 0 { new += 1 }
    }
    return new
  }

  func findingRows(withAnyLink links: Set<Int64>) throws -> Set<Int64> {
    var rows = Set<Int64>()
    let statement = try db.cachedStatement(sql: "SELECT messageRowId FROM findingLink WHERE link = ?")
    for link in links {
      let cursor = try Int64.fetchCursor(statement, arguments: [link])
      while let row = try cursor.next() { rows.insert(row) }
    }
    return rows
  }

  func links(ofFindings rows: Set<Int64>) throws -> Set<Int64> {
    var links = Set<Int64>()
    let statement = try db.cachedStatement(sql: "SELECT link FROM findingLink WHERE messageRowId = ?")
    for row in rows {
      let cursor = try Int64.fetchCursor(statement, arguments: [row])
      while let link = try cursor.next() { links.insert(link) }
    }
    return links
  }

  func storedFindings(rows: Set<Int64>) throws -> [StoredFinding] {
    let messageStatement = try db.cachedStatement(
      sql: """
        SELECT m.id, m.key, m.messageID, m.dateEpoch, m.dateOffset, m.sender, m.senderName, m.subject,
          m.inReplyTo, m.referenceIDs, '' AS recipients, f.severity, f.reply, f.visibleRecipients, f.parties
        FROM finding f JOIN message m ON m.id = f.messageRowId WHERE f.messageRowId = ?
        """)
    let exposureStatement = try db.cachedStatement(
      sql: """
        SELECT a.address, a.party, a.personal FROM exposure e JOIN address a ON a.id = e.addressId
        WHERE e.messageRowId = ? ORDER BY e.recipientIndex
        """)
    var found: [StoredFinding] = []
    for rowId in rows.sorted() {
      guard let row = try Row.fetchOne(messageStatement, arguments: [rowId]) else { continue }
      let message = StoredMessage(row: row).decodedForAnalysis()
      guard let severity = Severity(rawValue: row["severity"]) else {
        throw IndexError.corrupt(table: "finding", row: rowId, detail: "unknown severity")
      }
      let exposed = try Row.fetchAll(exposureStatement, arguments: [rowId]).map {
        ExposedAddress(address: $0["address"], displayName: nil, party: $0["party"], personal: $0["personal"], exposedTo: 0)
      }
      let finding = ExposureFinding(
        messageKey: message.key, severity: severity, reply: row["reply"], visibleRecipients: row["visibleRecipients"],
        exposed: exposed, parties: row["parties"])
      found.append(StoredFinding(rowId: rowId, message: message, finding: finding))
    }
    return found
  }

  func incidentIDs(ofFindings rows: Set<Int64>) throws -> Set<String> {
    var ids = Set<String>()
    let statement = try db.cachedStatement(sql: "SELECT incidentId FROM finding WHERE messageRowId = ?")
    for row in rows {
      if let id = try String.fetchOne(statement, arguments: [row]), !id.isEmpty { ids.insert(id) }
    }
    return ids
  }

  func deleteIncidents(_ ids: Set<String>) throws {
    let statement = try db.cachedStatement(sql: "DELETE FROM incident WHERE id = ?")
    for id in ids { try statement.execute(arguments: [id]) }
  }

  /// Through ``RawStatement``: GRDB's boxing of arguments was half the cost
  /// of storing 10,000 incidents.
  func insertIncident(_ i: Incident, rows: [Int64]) throws {
    try RawStatement(
      db,
      sql: """
        INSERT INTO incident (id, people, personalCount, parties, messages, firstSent, lastSent, severity)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?)
        """
    ).run {
      $0.bind(i.id)
      $0.bind(i.people)
      $0.bind(i.personalCount)
      $0.bind(i.parties)
      $0.bind(i.messageKeys.count)
      $0.bind(i.firstSent)
      $0.bind(i.lastSent)
      $0.bind(i.severity.rawValue)
    }
    let setIncident = try RawStatement(db, sql: "UPDATE finding SET incidentId = ? WHERE messageRowId = ?")
    for row in rows {
      try setIncident.run {
        $0.bind(i.id)
        $0.bind(row)
      }
    }
  }

  func findingCounts() throws -> (findings: Int, incidents: Int, suppressed: [String: Int]) {
    var suppressed: [String: Int] = [:]
    for row in try Row.fetchAll(db, sql: "SELECT allowedGroup, COUNT(*) FROM suppression GROUP BY allowedGroup") {
      suppressed[row[0]] = row[1]
    }
    return (
      try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM finding") ?? 0,
      try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM incident") ?? 0, suppressed
    )
  }

  func saveState(_ state: StoredAnalysisState, runId: Int64?) throws {
    let domainsJSON = String(decoding: try JSONEncoder().encode(state.internalDomains.domains), as: UTF8.self)
    let countsJSON = String(decoding: try JSONEncoder().encode(state.internalDomains.senderCounts), as: UTF8.self)
    try db.execute(
      sql: """
        INSERT INTO analysisState (id, internalDomains, inferred, senderCounts, suffixListSource, analyzedAt, runId,
          inputsDigest, messageHighWater)
        VALUES (1, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT(id) DO UPDATE SET internalDomains = excluded.internalDomains,
          inferred = excluded.inferred, senderCounts = excluded.senderCounts,
          suffixListSource = excluded.suffixListSource, analyzedAt = excluded.analyzedAt, runId = excluded.runId,
          inputsDigest = excluded.inputsDigest, messageHighWater = excluded.messageHighWater
        """,
      arguments: [
        domainsJSON, state.internalDomains.inferred, countsJSON, state.suffixListSource, ISO8601.now(), runId,
        state.inputsDigest, state.messageHighWater,
      ])
  }
}

extension StoredMessage {
  /// Reads a `message` row back, by position: `id, key, messageID,
  /// dateEpoch, dateOffset, sender, senderName, subject, inReplyTo,
  /// referenceIDs, recipients` (looking columns up by name cost more than
  /// decoding them, once per message the analysis reads).
  init(row: Row) {
    self.init(
      key: row[1], messageID: row[2], dateEpoch: row[3], dateOffset: row[4], sender: row[5], senderName: row[6],
      subject: row[7], inReplyTo: row[8], references: row[9], recipients: row[10])
  }
}
