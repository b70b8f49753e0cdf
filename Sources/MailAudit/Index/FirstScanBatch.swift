import GRDB
import MailParsing

/// A batch of a first scan (see ``AuditIndex/beginRun(paths:)``), its
/// message and location rows written ``chunk`` rows to a statement.
///
/// Each statement costs SQLite more than its rows: it opens its cursors,
/// reads the table's AUTOINCREMENT sequence and writes it back, and
/// allocates and frees its registers (the system's SQLite has no
/// lookaside memory). One statement a row made the two rows of each
/// message cost about 45,000 instructions; 16 to a statement, a first scan
/// of 3,000 messages took 4.8% fewer instructions in all (callgrind).
///
/// A first scan already decides on its own which keys are new
/// (``MessageKeyRows``), so a message row is written with the id
/// AUTOINCREMENT would have given it, and a later message with the same
/// key finds that row. A location's insert may still meet a location
/// already held (the same file read twice in one scan): the statement only
/// tells how many rows it inserted, so when that falls short, the rows
/// from the first one left out are taken back and placed one at a time
/// (see ``firstLeftOut(count:inserted:)``). Every row and id comes out as
/// one statement a row made them.
struct FirstScanBatch {
  /// Rows a statement writes at most.
  static let chunk = 16

  let db: Database
  let runId: Int64
  /// ``chunk``, unless a test asks for fewer.
  var rowsPerStatement = Self.chunk

  /// Stores `messages`, each key new to `keys` filed there with its row.
  func store(_ messages: [ScannedMessage], keys: inout MessageKeyRows) throws -> BatchOutcome {
    var outcome = BatchOutcome()
    let keyOfRow = try db.cachedStatement(sql: "SELECT key FROM message WHERE id = ?")
    let placing = try LocationPlacing(db: db, runId: runId)
    // Only full chunks and single rows have statements: one for each count
    // of rows would stay in GRDB's cache, and 16 rows make a large program.
    let insertMessages = try RawStatement(db, sql: ScannedRows.insertMessages(rows: rowsPerStatement, withIds: true))
    let insertMessage = try RawStatement(db, sql: ScannedRows.insertMessages(rows: 1, withIds: true))
    let insertLocations = try RawStatement(db, sql: ScannedRows.insertLocations(rows: rowsPerStatement))
    // AUTOINCREMENT's next id: past the sequence and past every row.
    var nextRow =
      try Int64.fetchOne(
        db,
        sql: """
          SELECT MAX(COALESCE((SELECT seq FROM sqlite_sequence WHERE name = 'message'), 0),
                     COALESCE((SELECT MAX(id) FROM message), 0)) + 1
          """) ?? 1
    try messages.withUnsafeBufferPointer { batch in
      // Messages given a row and not yet written, by their index in the batch.
      var unwritten: [(index: Int, row: Int64)] = []
      // Locations not yet written, with their message's row.
      var unplaced: [(index: Int, row: Int64, isNew: Bool)] = []
      unwritten.reserveCapacity(rowsPerStatement)
      unplaced.reserveCapacity(rowsPerStatement)

      func writeMessages() throws {
        if unwritten.count == rowsPerStatement {
          try insertMessages.run {
            for (index, row) in unwritten {
              $0.bind(row)
              $0.bindMessage(batch.baseAddress! + index, runId: runId)
            }
          }
          // The statement leaves out a row that breaks a constraint (see
          // `ScannedRows.manyRowsInsert`); none may: each id is new, and
          // no column it fills may be null.
          guard db.changesCount == unwritten.count else {
            throw DatabaseError(
              resultCode: .SQLITE_CONSTRAINT,
              message: "\(unwritten.count - db.changesCount) of \(unwritten.count) message rows were not written",
              sql: ScannedRows.insertMessages(rows: rowsPerStatement, withIds: true))
          }
        } else {
          for (index, row) in unwritten {
            try insertMessage.run {
              $0.bind(row)
              $0.bindMessage(batch.baseAddress! + index, runId: runId)
            }
          }
        }
        unwritten.removeAll(keepingCapacity: true)
      }

      func writeLocations() throws {
        // Each location's message row first: the row it names is written.
        try writeMessages()
        let identities = unplaced.map { (batch.baseAddress! + $0.index).pointee.location.identity }
        // Rows before `leftOut` are placed and that one is not; the rows
        // after it are placed one at a time (all of them, without a chunk).
        var leftOut = -1
        if unplaced.count == rowsPerStatement {
          try insertLocations.run {
            for (k, pending) in unplaced.enumerated() {
              $0.bindLocation(
                (batch.baseAddress! + pending.index).pointee.location, identity: identities[k], row: pending.row,
                runId: runId)
            }
          }
          leftOut = try firstLeftOut(count: rowsPerStatement, inserted: db.changesCount)
        }
        for (k, pending) in unplaced.enumerated() {
          let location = (batch.baseAddress! + pending.index).pointee.location
          if k > leftOut {
            try placing.place(
              location, identity: identities[k], row: pending.row, isNew: pending.isNew, outcome: &outcome)
          } else {
            try placing.settle(
              location, identity: identities[k], row: pending.row, isNew: pending.isNew, placed: k < leftOut,
              outcome: &outcome)
          }
        }
        unplaced.removeAll(keepingCapacity: true)
      }

      for i in batch.indices {
        let key = (batch.baseAddress! + i).pointee.message.key
        let hash = MessageKeyRows.hash(key)
        let storedBefore = try keys.row(of: key, hash: hash) { row in
          // The row may be among those not yet written.
          try writeMessages()
          return try String.fetchOne(keyOfRow, arguments: [row])
        }
        let row: Int64
        if let storedBefore {
          row = storedBefore
        } else {
          row = nextRow
          nextRow += 1
          keys.insert(hash: hash, row: row)
          unwritten.append((i, row))
          if unwritten.count == rowsPerStatement { try writeMessages() }
        }
        unplaced.append((i, row, storedBefore == nil))
        if unplaced.count == rowsPerStatement { try writeLocations() }
      }
      try writeLocations()
    }
    return outcome
  }

  /// The index of the first of the last statement's `count` location rows
  /// that it left out, given that it `inserted` rows in all (`count` when
  /// none was); the rows it inserted after that one are taken back.
  ///
  /// Each row took the next AUTOINCREMENT id, inserted or not (a row left
  /// out for a location already held burns its id, as a single insert
  /// does): row `k` had the id `sequence - count + 1 + k`. With the rows
  /// after the first left out taken back and the sequence set back to its
  /// id, placing them again one at a time gives each the id a statement a
  /// row would have; and a row left out for any other reason than a
  /// location already held fails there, as it would have alone.
  private func firstLeftOut(count: Int, inserted: Int) throws -> Int {
    if inserted == count { return count }
    let last = try Int64.fetchOne(db, sql: "SELECT seq FROM sqlite_sequence WHERE name = 'location'") ?? 0
    let first = last - Int64(count) + 1
    let present = Set(
      try Int64.fetchAll(db, sql: "SELECT id FROM location WHERE id BETWEEN ? AND ?", arguments: [first, last]))
    let leftOut = (0..<count).first { !present.contains(first + Int64($0)) } ?? count
    let burned = first + Int64(leftOut)
    try db.execute(sql: "DELETE FROM location WHERE id > ? AND id <= ?", arguments: [burned, last])
    try db.execute(sql: "UPDATE sqlite_sequence SET seq = ? WHERE name = 'location'", arguments: [burned])
    return leftOut
  }
}
