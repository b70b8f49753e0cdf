import GRDB
import MailParsing

/// The rows a scanned message is stored as: its `message` row and its
/// `location` row, as both ways of storing a batch write them (one row a
/// statement in ``AuditIndex/store(_:problems:runId:progress:)``, many in
/// ``FirstScanBatch``).
enum ScannedRows {
  /// The `message` columns a scan writes, in binding order
  /// (``RawStatement/Parameters/bindMessage(_:runId:)``).
  static let messageColumns = """
    key, messageID, headerSHA256, dateEpoch, dateOffset, sender, senderName, senderDomain, subject,
    inReplyTo, referenceIDs, recipients, visibleCount, bccCount, firstRunId, labels
    """
  static let messageColumnCount = 16

  /// `INSERT INTO message` of `rows` rows, each its id first when `withIds`.
  ///
  /// A statement of more than one row leaves out, not fails on, a row that
  /// breaks a constraint (`OR IGNORE`): see ``manyRowsInsert``. Its caller
  /// checks that every row went in.
  static func insertMessages(rows: Int, withIds: Bool = false) -> String {
    let count = messageColumnCount + (withIds ? 1 : 0)
    return "INSERT\(manyRowsInsert(rows)) INTO message (\(withIds ? "id, " : "")\(messageColumns)) VALUES "
      + values(rows: rows, columns: count)
  }

  /// `INSERT INTO location` of `rows` rows; a location already held by
  /// another row is left as it is (see ``LocationPlacing``). A statement of
  /// more than one row leaves out any row that breaks a constraint (see
  /// ``manyRowsInsert``); its caller places each row left out again alone,
  /// which fails on anything but a location already held.
  static func insertLocations(rows: Int) -> String {
    rows > 1
      ? "INSERT\(manyRowsInsert(rows)) INTO location (\(locationColumns)) VALUES " + values(rows: rows, columns: 8)
      : "INSERT INTO location (\(locationColumns)) VALUES " + values(rows: 1, columns: 8)
        + " ON CONFLICT(identity) DO NOTHING"
  }

  private static let locationColumns = "messageRowId, format, mailbox, file, offset, length, firstRunId, identity"

  /// The conflict clause of an insert of `rows` rows: ` OR IGNORE` for
  /// more than one.
  ///
  /// A statement that writes several rows and may fail part way (a
  /// constraint that aborts it, a foreign key) makes SQLite keep a
  /// statement journal: the first time the statement changes a page, the
  /// page's old content is copied there, so the statement alone can be
  /// undone. A first scan's 16-row statements (``FirstScanBatch``) copied
  /// about 8 MiB a batch into a temporary file, 160 MiB for the
  /// 50,000-message benchmark. A statement that can neither abort nor
  /// check a foreign key (the batch runs with foreign keys off) needs no
  /// such journal: its conflicts leave rows out, and its caller finds them.
  static func manyRowsInsert(_ rows: Int) -> String { rows > 1 ? " OR IGNORE" : "" }

  private static func values(rows: Int, columns: Int) -> String {
    let row = "(" + Array(repeating: "?", count: columns).joined(separator: ", ") + ")"
    return Array(repeating: row, count: rows).joined(separator: ", ")
  }
}

extension RawStatement.Parameters {
  /// Binds a message's ``ScannedRows/messageColumns``; the message is read
  /// where it lies (copying a `ScannedMessage` retains and releases its
  /// dozen strings and arrays).
  mutating func bindMessage(_ scanned: UnsafePointer<ScannedMessage>, runId: Int64) {
    bind(scanned.pointee.message.key)
    bind(scanned.pointee.message.messageID)
    bind(scanned.pointee.headerSHA256)
    bind(scanned.pointee.message.date?.epochSeconds)
    bind(scanned.pointee.message.date?.offsetSeconds)
    bind(scanned.pointee.message.sender)
    bind(scanned.pointee.message.senderName)
    // Not `senderDomain`: a getter called on the message in place made the
    // compiler copy the whole message to call it.
    bind(SentMessage.domain(ofSender: scanned.pointee.message.sender))
    bind(scanned.pointee.message.subject)
    bind(scanned.pointee.message.inReplyTo.joined(separator: " "))
    bind(scanned.pointee.message.references.joined(separator: " "))
    bind(utf8: RecipientsColumn.encodedUTF8(scanned.pointee.message.recipients))
    bind(scanned.pointee.message.recipients.count)
    bind(scanned.pointee.bccCount)
    bind(runId)
    bind(scanned.pointee.labels?.joined(separator: "\n"))
  }

  /// Binds one row of ``ScannedRows/insertLocations(rows:)``.
  mutating func bindLocation(_ location: MessageLocation, identity: String, row: Int64, runId: Int64) {
    bind(row)
    bind(location.format.rawValue)
    bind(location.mailbox)
    bind(location.file)
    bind(Int64(clamping: location.offset))
    bind(location.length.map { Int64(clamping: $0) })
    bind(runId)
    bind(identity)
  }
}

/// A message's location placed: inserted alone (``place(_:identity:row:isNew:outcome:)``), or settled
/// after a statement of many rows inserted it or left it out
/// (``settle(_:identity:row:isNew:placed:outcome:)``), with a location another message holds taken over, and
/// what the message counts as in the batch's outcome.
struct LocationPlacing {
  private let db: Database
  private let runId: Int64
  private let insertLocation: RawStatement
  private let findHolder: Statement
  private let retire: Statement
  private let refresh: Statement

  init(db: Database, runId: Int64) throws {
    self.db = db
    self.runId = runId
    insertLocation = try RawStatement(db, sql: ScannedRows.insertLocations(rows: 1))
    findHolder = try db.cachedStatement(sql: "SELECT messageRowId FROM location WHERE identity = ?")
    retire = try db.cachedStatement(
      sql: """
        UPDATE location SET identity = identity || '#before-run-' || ?, goneInRun = COALESCE(goneInRun, ?)
        WHERE identity = ?
        """)
    // A known location seen again: its current file name (Maildir flags
    // change it) and it is no longer gone.
    refresh = try db.cachedStatement(
      sql: """
        UPDATE location SET file = ?, goneInRun = NULL
        WHERE identity = ? AND (file != ? OR goneInRun IS NOT NULL)
        """)
  }

  /// Inserts a message's location alone and settles it.
  func place(
    _ location: MessageLocation, identity: String, row: Int64, isNew: Bool, outcome: inout BatchOutcome
  ) throws {
    try insertLocation.run { $0.bindLocation(location, identity: identity, row: row, runId: runId) }
    try settle(location, identity: identity, row: row, isNew: isNew, placed: db.changesCount > 0, outcome: &outcome)
  }

  /// Counts the message at `row` whose location was `placed` or not by its
  /// insert; one not placed because another message holds it is placed now.
  func settle(
    _ location: MessageLocation, identity: String, row: Int64, isNew: Bool, placed: Bool, outcome: inout BatchOutcome
  ) throws {
    var placed = placed
    if !placed, let holder = try Int64.fetchOne(findHolder, arguments: [identity]), holder != row {
      // A rewritten mbox: another message used to start at this offset.
      // That location is history now; keep it, renamed, and place this one.
      try retire.execute(arguments: [runId, runId, identity])
      try insertLocation.run { $0.bindLocation(location, identity: identity, row: row, runId: runId) }
      placed = true
    }
    if outcome.count(isNew: isNew, placed: placed) {
      try refresh.execute(arguments: [location.file, identity, location.file])
    }
  }
}
