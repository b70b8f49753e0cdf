import Foundation
import GRDB

extension AuditIndex {
  /// Reads the report data; with `newInRun`, findings and incidents are
  /// limited to those first seen by that run. With `zone`, every time is
  /// given in it; without, a message's time keeps its sender's offset and an
  /// incident's is in UTC.
  ///
  /// The findings are read on one connection while the rest is read on
  /// another, both in one snapshot of the index (``readSideBySide(_:_:_:)``);
  /// when that cannot be arranged, everything is read in one transaction.
  public func report(newInRun: Int64? = nil, zone: ReportTimeZone? = nil) throws -> AuditReport {
    try report(newInRun: newInRun, zone: zone, sideBySide: true)
  }

  /// ``report(newInRun:zone:)``, read in one transaction unless `sideBySide`.
  func report(newInRun: Int64?, zone: ReportTimeZone?, sideBySide: Bool) throws -> AuditReport {
    if sideBySide, let pool = writer as? DatabasePool,
      case (let found, var rest)? = try readSideBySide(
        pool,
        // The display names beside the findings: the other side, with
        // every exposure to fold, takes longer.
        { [self] db in
          (try fetchFindings(db, newInRun: newInRun, zone: zone), try firstDisplayNames(db, newInRun: newInRun))
        },
        { [self] db in
          try readReportRest(db, newInRun: newInRun, dates: try fetchFindingDates(db, newInRun: newInRun), zone: zone)
        })
    {
      Self.name(&rest.addresses, ids: rest.addressIds, found.1)
      return try rest.report(findings: found.0, newInRun: newInRun, zone: zone, indexPath: path)
    }
    return try writer.read { db in
      let findings = try fetchFindings(db, newInRun: newInRun, zone: zone)
      var rest = try readReportRest(db, newInRun: newInRun, dates: findings.dates, zone: zone)
      Self.name(&rest.addresses, ids: rest.addressIds, try firstDisplayNames(db, newInRun: newInRun))
      return try rest.report(findings: findings, newInRun: newInRun, zone: zone, indexPath: path)
    }
  }

  /// Runs `first` and `second` at once, each in a read transaction of its
  /// own connection, both seeing the same state of the index; nil when
  /// another connection (a scan's) holds the write lock, and the caller
  /// reads in one transaction instead.
  ///
  /// Why it holds: SQLite's write lock is taken (`BEGIN IMMEDIATE`, not
  /// waiting) while both transactions make their first read, which fixes
  /// what each sees; no commit can fall between the two. The lock is let go
  /// before the reads go on, so a scan waits for microseconds, not the report.
  func readSideBySide<A: Sendable, B: Sendable>(
    _ pool: DatabasePool, _ first: @escaping @Sendable (Database) throws -> A,
    _ second: @escaping @Sendable (Database) throws -> B
  ) throws -> (A, B)? {
    let began = DispatchSemaphore(value: 0)
    let firstDone = DispatchSemaphore(value: 0)
    let secondDone = DispatchSemaphore(value: 0)
    nonisolated(unsafe) var firstResult: Result<A, any Error>?
    nonisolated(unsafe) var secondResult: Result<B, any Error>?
    let locked = try pool.writeWithoutTransaction { db -> Bool in
      try db.execute(sql: "PRAGMA busy_timeout = 0")
      defer { try? db.execute(sql: "PRAGMA busy_timeout = \(Self.busyTimeoutMilliseconds)") }
      do {
        try db.execute(sql: "BEGIN IMMEDIATE TRANSACTION")
      } catch let error as DatabaseError where error.resultCode == .SQLITE_BUSY {
        return false
      }
      defer { try? db.execute(sql: "ROLLBACK") }
      // Each read signals once its transaction has read, or once it failed.
      // Each has a queue of its own, which always gets a thread: on the
      // shared global queue, a server whose threads all wait in reports
      // would leave the reads they wait for queued.
      func start<T>(_ body: @escaping @Sendable (Database) throws -> T, done: DispatchSemaphore,
                    into store: @escaping @Sendable (Result<T, any Error>) -> Void) {
        DispatchQueue(label: "mailaudit.report-read").async {
          var signalled = false
          let result = Result {
            try pool.read { db in
              _ = try Row.fetchOne(db, sql: "SELECT 1 FROM sqlite_master LIMIT 1")
              began.signal()
              signalled = true
              // The read's pages are not needed again: freed, the report's
              // files reuse their memory (two caches cost 2 MiB of peak).
              defer { db.releaseMemory() }
              return try body(db)
            }
          }
          if !signalled { began.signal() }
          store(result)
          done.signal()
        }
      }
      start(first, done: firstDone) { firstResult = $0 }
      start(second, done: secondDone) { secondResult = $0 }
      began.wait()
      began.wait()
      return true
    }
    guard locked else { return nil }
    firstDone.wait()
    secondDone.wait()
    return (try firstResult!.get(), try secondResult!.get())
  }

  /// The busy timeout every connection gets (``init(path:)``): a second scan
  /// waits for the first's batch to commit rather than failing.
  static let busyTimeoutMilliseconds = 10_000

  /// Everything in a report but its findings.
  struct ReportRest {
    var addresses: [ExposedAddressRow]
    /// The address row of each of ``addresses``, to name them by.
    var addressIds: [Int64]
    var incidents: [IncidentRow]
    var problems: [ProblemRow]
    var internalDomains: InternalDomainSet
    var suffixListSource: String
    var problemsByRun: [ProblemRunCount]
    var totals: IndexTotals

    /// The report, each finding's exposed addresses given from the address
    /// rows (by address row), not read a second time.
    func report(findings found: FoundFindings, newInRun: Int64?, zone: ReportTimeZone?, indexPath: String) throws
      -> AuditReport
    {
      var rowOf: [Int64: Int] = Dictionary(minimumCapacity: addressIds.count)
      for (row, id) in addressIds.enumerated() { rowOf[id] = row }
      var findings = found.rows
      for (i, ids) in found.exposedAddressIds.enumerated() {
        findings[i].exposedAddresses = try ids.map { id in
          guard let row = rowOf[id] else {
            throw IndexError.corrupt(table: "address", row: id, detail: "exposed by a reported finding, but not read")
          }
          return addresses[row].address
        }
      }
      return AuditReport(
        totals: totals, findings: findings, exposedAddresses: addresses, incidents: incidents,
        problems: problems, internalDomains: internalDomains, suffixListSource: suffixListSource,
        indexPath: indexPath, newSinceRun: newInRun, problemsByRun: problemsByRun, zone: zone)
    }
  }

  /// Everything in a report but its findings; `dates` are those of the
  /// findings reported, by message row. The exposed addresses are not yet
  /// named (``name(_:ids:_:)``).
  private func readReportRest(_ db: Database, newInRun: Int64?, dates: FindingDates, zone: ReportTimeZone?) throws
    -> ReportRest
  {
    let (addresses, addressIds) = try fetchExposedAddresses(db, newInRun: newInRun, dates: dates, zone: zone)
    var incidents = try fetchIncidents(db, zone: zone)
    if let newInRun { incidents = incidents.filter { $0.firstSeenRun == newInRun } }
    let problems = try Row.fetchAll(db, sql: "SELECT kind, file, offset, field, detail FROM problem ORDER BY id").map {
      row -> ProblemRow in
      let offset: Int64 = row["offset"]
      let field: String = row["field"]
      return ProblemRow(
        kind: row["kind"], file: row["file"], offset: offset < 0 ? nil : offset,
        field: field.isEmpty ? nil : field, detail: row["detail"])
    }
    let state = try Row.fetchOne(db, sql: "SELECT * FROM analysisState WHERE id = 1")
    let decoder = JSONDecoder()
    let internalDomains: InternalDomainSet
    if let state {
      let domains = try decoder.decode([String].self, from: Data((state["internalDomains"] as String).utf8))
      let counts = try decoder.decode([String: Int].self, from: Data((state["senderCounts"] as String).utf8))
      internalDomains = InternalDomainSet(domains: domains, inferred: state["inferred"], senderCounts: counts)
    } else {
      internalDomains = InternalDomainSet(domains: [], inferred: true)
    }
    let problemsByRun = try Row.fetchAll(
      db,
      sql: """
        SELECT p.firstRunId AS runId, r.startedAt, p.kind, COUNT(*) AS count
        FROM problem p JOIN scanRun r ON r.id = p.firstRunId
        GROUP BY p.firstRunId, p.kind ORDER BY p.firstRunId, p.kind
        """
    ).map { row in
      ProblemRunCount(runId: row["runId"], startedAt: row["startedAt"], kind: row["kind"], count: row["count"])
    }
    return ReportRest(
      addresses: addresses, addressIds: addressIds, incidents: incidents, problems: problems,
      internalDomains: internalDomains, suffixListSource: state?["suffixListSource"] ?? "",
      problemsByRun: problemsByRun, totals: try totals(db))
  }

  /// The mask under this index's own key, made when the index was created
  /// (migration `v2-reports`), so masked tokens never change for an index.
  public func addressMask() throws -> AddressMask {
    let key = try writer.read { db in try Data.fetchOne(db, sql: "SELECT key FROM maskingKey WHERE id = 1") }
    guard let key, !key.isEmpty else { throw IndexError.cannotOpen(path: path, reason: "the masking key is missing") }
    return AddressMask(key: key)
  }

  /// Totals over the whole index, without building a report.
  public func totals() throws -> IndexTotals {
    try writer.read { db in try totals(db) }
  }

  /// What scan run `runId` found first: findings, incidents and the worst
  /// severity among those findings, counted in SQL.
  public func newInRun(_ runId: Int64) throws -> (findings: Int, incidents: Int, worst: Severity?) {
    try writer.read { db in
      // The findings and their worst severity in one pass over the run's
      // first-seen keys: each pass took 27 ms after a first scan of the
      // 50,000-message benchmark.
      var findings = 0
      var worst: Severity?
      let bySeverity = try Row.fetchAll(
        db,
        sql: """
          SELECT f.severity, COUNT(*) FROM findingFirstSeen s CROSS JOIN message m ON m.key = s.messageKey
          CROSS JOIN finding f ON f.messageRowId = m.id WHERE s.runId = ? GROUP BY f.severity
          """, arguments: [runId])
      for row in bySeverity {
        let severity = try Severity.stored(row[0], table: "finding", row: 0)
        findings += row[1]
        worst = max(worst ?? severity, severity)
      }
      let incidents = try Int.fetchOne(
        db,
        sql: "SELECT COUNT(*) FROM incident i JOIN incidentFirstSeen s ON s.id = i.id WHERE s.runId = ?",
        arguments: [runId]) ?? 0
      return (findings, incidents, worst)
    }
  }

  private func totals(_ db: Database) throws -> IndexTotals {
    var bySeverity: [Severity: Int] = [:]
    for row in try Row.fetchAll(db, sql: "SELECT severity, COUNT(*) FROM finding GROUP BY severity") {
      bySeverity[try Severity.stored(row[0], table: "finding", row: 0)] = row[1]
    }
    var problemsByKind: [String: Int] = [:]
    for row in try Row.fetchAll(db, sql: "SELECT kind, COUNT(*) FROM problem GROUP BY kind") {
      problemsByKind[row[0]] = row[1]
    }
    var suppressed: [String: Int] = [:]
    for row in try Row.fetchAll(db, sql: "SELECT allowedGroup, COUNT(*) FROM suppression GROUP BY allowedGroup") {
      suppressed[row[0]] = row[1]
    }
    func count(_ sql: String) throws -> Int { try Int.fetchOne(db, sql: sql) ?? 0 }
    // The exposed addresses, the personal ones and their parties in one
    // pass: SQLite's COUNT(DISTINCT party) sorted every exposed address's
    // party in a temporary tree, most of the cost of a scan's summary.
    // The addresses exposed are read off the exposures' index by address,
    // in order, so DISTINCT needs no sort: probing that index once per
    // address (EXISTS) took 40 to 80% longer (30 against 18 ms on 55,000
    // addresses, 50 against 27 ms on 79,000).
    var exposed = 0
    var personal = 0
    var parties = DistinctTexts()
    try RawQuery(
      db,
      sql: """
        SELECT a.party, a.personal FROM (SELECT DISTINCT addressId FROM exposure) x
        CROSS JOIN address a ON a.id = x.addressId
        """
    ).forEachRow { row in
      exposed += 1
      if row.int64(1) != 0 { personal += 1 }
      parties.insert(row.utf8(0))
    }
    return IndexTotals(
      messages: try count("SELECT COUNT(*) FROM message"),
      locations: try count("SELECT COUNT(*) FROM location"),
      findings: try count("SELECT COUNT(*) FROM finding"),
      findingsBySeverity: bySeverity,
      incidents: try count("SELECT COUNT(*) FROM incident"),
      exposedAddresses: exposed, personalAddresses: personal, parties: parties.count,
      problems: try count("SELECT COUNT(*) FROM problem"),
      problemsByKind: problemsByKind, suppressedByGroup: suppressed)
  }

  /// The dates of the messages of the findings reported, by message row.
  typealias FindingDates = [Int64: (epoch: Int64?, offset: Int?)]

  /// The findings as read, before their exposed addresses are given.
  struct FoundFindings {
    /// With no exposed addresses yet.
    var rows: [FindingRow]
    /// Each row's exposed addresses, by address row, in recipient order.
    var exposedAddressIds: [[Int64]]
    var dates: FindingDates
  }

  // Queries over findings name the finding table first with CROSS JOIN:
  // without statistics SQLite would walk the whole message table (a million
  // rows) in key order to probe a few thousand findings.
  /// The findings reported, and their messages' dates.
  private func fetchFindings(_ db: Database, newInRun: Int64?, zone: ReportTimeZone?) throws -> FoundFindings {
    var sql = """
      SELECT m.key, m.messageID, m.dateEpoch, m.dateOffset, m.sender, m.senderName, m.subject,
        f.severity, f.reply, f.visibleRecipients, f.externalRecipients, f.parties, f.personalCount, f.incidentId,
        s.runId AS firstSeenRun, f.messageRowId,
        (SELECT GROUP_CONCAT(addressId) FROM (
          SELECT addressId FROM exposure WHERE messageRowId = f.messageRowId ORDER BY abs(recipientIndex))) AS exposed,
        l.format, l.mailbox, l.file, l.offset,
        (SELECT COUNT(*) FROM location WHERE messageRowId = m.id) AS locationCount
      FROM finding f
      CROSS JOIN message m ON m.id = f.messageRowId
      JOIN location l ON l.id = (SELECT MIN(id) FROM location WHERE messageRowId = m.id)
      LEFT JOIN findingFirstSeen s ON s.messageKey = m.key
      """
    var arguments: StatementArguments = []
    if let newInRun {
      sql += " WHERE s.runId = ?"
      arguments = [newInRun]
    }
    sql += " ORDER BY m.dateEpoch IS NULL, m.dateEpoch, m.key"
    // Columns by position (the SELECT above): looking a column up by name
    // lowercases it on every row, a tenth of a report's time.
    var findings: [FindingRow] = []
    var exposedIds: [[Int64]] = []
    var dates: FindingDates = [:]
    let rows = try Row.fetchCursor(db, sql: sql, arguments: arguments)
    while let row = try rows.next() {
      let epoch: Int64? = row[2]
      let offset: Int? = row[3]
      dates[row[15]] = (epoch, offset)
      let exposed: String? = row[16]
      let format: String = row[17]
      let mailbox: String = row[18]
      let file: String = row[19]
      let fileOffset: Int64 = row[20]
      let location: String
      switch format {
      case "mbox": location = "\(file)@\(fileOffset)"
      case "maildir": location = file.hasPrefix(mailbox + "/") ? String(file.dropFirst(mailbox.count + 1)) : file
      default: location = file
      }
      findings.append(
        FindingRow(
          messageKey: row[0], messageID: row[1],
          date: epoch.map { ReportTimeZone.stamp($0, offset: offset, in: zone) }, dateEpoch: epoch,
          sender: row[4], senderName: row[5], subject: row[6],
          severity: try Severity.stored(row[7], table: "finding", row: row[15]), reply: row[8],
          visibleRecipients: row[9], externalRecipients: row[10], parties: row[11], personal: row[12],
          // Given from the address rows, by exposedIds (ReportRest.report).
          exposedAddresses: [],
          mailbox: mailbox, location: location, locationCount: row[21], incidentID: row[13], firstSeenRun: row[14]))
      exposedIds.append(
        try exposed.map { list in
          try list.utf8.split(separator: UInt8(ascii: ",")).map { digits in
            guard let id = Int64(Substring(digits)) else {
              throw IndexError.corrupt(table: "exposure", row: row[15], detail: "an address row that is not a number")
            }
            return id
          }
        } ?? [])
    }
    return FoundFindings(rows: findings, exposedAddressIds: exposedIds, dates: dates)
  }

  /// The dates of the findings ``fetchFindings(_:newInRun:zone:)`` reads,
  /// read on their own: the same findings (those with a location), so the
  /// exposed addresses are folded over the same messages.
  private func fetchFindingDates(_ db: Database, newInRun: Int64?) throws -> FindingDates {
    var sql = """
      SELECT f.messageRowId, m.dateEpoch, m.dateOffset FROM finding f CROSS JOIN message m ON m.id = f.messageRowId
      """
    var arguments: StatementArguments = []
    if let newInRun {
      sql += " JOIN findingFirstSeen s ON s.messageKey = m.key AND s.runId = ?"
      arguments = [newInRun]
    }
    sql += " WHERE EXISTS (SELECT 1 FROM location WHERE messageRowId = m.id)"
    var dates: FindingDates = [:]
    let rows = try Row.fetchCursor(db, sql: sql, arguments: arguments)
    while let row = try rows.next() { dates[row[0]] = (row[1], row[2]) }
    return dates
  }

  /// The exposed addresses of the findings reported (those in `dates`),
  /// with their address rows.
  private func fetchExposedAddresses(
    _ db: Database, newInRun: Int64?, dates: FindingDates, zone: ReportTimeZone?
  ) throws -> ([ExposedAddressRow], [Int64]) {
    // Rows sorted once by address and folded in Swift (AddressTally): the
    // window functions that did this in SQL sorted the rows three times,
    // a third of a report's time; per-address subqueries before them built
    // a temporary table per address. The dates come from the findings
    // already read: joined here, every exposure read its message's row
    // again (on an index of 1,000,000 messages, mostly a page read each).
    let (filter, arguments) = Self.findingFilter(newInRun: newInRun)
    let sql = """
      SELECT a.address, a.party, a.personal, x.messageRowId, f.incidentId, x.exposedTo, a.id
      FROM finding f CROSS JOIN exposure x ON x.messageRowId = f.messageRowId
      CROSS JOIN address a ON a.id = x.addressId
      \(filter)
      ORDER BY a.address
      """
    var addresses: [ExposedAddressRow] = []
    var ids: [Int64] = []
    // Every address's first and last exposure is some finding's date, and
    // many addresses share a party: each is made once and the rows share
    // it (a string of over 15 bytes is an allocation of its own; 80,000
    // named addresses held 160,000 dates and 80,000 parties).
    var stamps: [ShownInstant: String] = [:]
    var parties: Set<ExactText> = []
    func stamp(_ date: (epoch: Int64, offset: Int?, messageRowId: Int64)) -> String {
      let key = ShownInstant(epoch: date.epoch, offset: date.offset)
      if let made = stamps[key] { return made }
      let made = ReportTimeZone.stamp(date.epoch, offset: date.offset, in: zone)
      stamps[key] = made
      return made
    }
    func add(_ tally: AddressTally) {
      // Named, and whether it identifies a person guessed, by name(_:ids:_:).
      ids.append(tally.id)
      addresses.append(
        ExposedAddressRow(
          address: tally.address, displayName: nil, party: tally.party, personal: tally.personal,
          messages: tally.messages.count, incidents: tally.incidents.count,
          firstExposed: tally.first.map(stamp), lastExposed: tally.last.map(stamp),
          maxExposedTo: tally.maxExposedTo, identifiesPerson: .unsure, identifiabilityReason: .noEvidence))
    }
    var tally: AddressTally?
    let rows = try Row.fetchCursor(db, sql: sql, arguments: arguments)
    while let row = try rows.next() {  // columns by position, as in fetchFindings
      let messageRowId: Int64 = row[3]
      guard let date = dates[messageRowId] else { continue }
      let address: String = row[0]
      if tally?.address != address {
        if let done = tally { add(done) }
        let party: String = row[1]
        tally = AddressTally(
          id: row[6], address: address, party: parties.insert(ExactText(party)).memberAfterInsert.text,
          personal: row[2])
      }
      tally?.add(
        messageRowId: messageRowId, incidentId: row[4], exposedTo: row[5], epoch: date.epoch, offset: date.offset)
    }
    if let done = tally { add(done) }
    return (addresses, ids)
  }

  /// The findings of one run (`newInRun`) or all, by their message rows (no
  /// join to `message`): a `WHERE` clause over `finding f`, and its arguments.
  private static func findingFilter(newInRun: Int64?) -> (String, StatementArguments) {
    guard let newInRun else { return ("", []) }
    return (
      """
      WHERE f.messageRowId IN (
        SELECT m.id FROM findingFirstSeen s CROSS JOIN message m ON m.key = s.messageKey WHERE s.runId = ?)
      """, [newInRun]
    )
  }

  /// Gives each row its display name from `names`, by its address row
  /// (`ids`, one per row), and fills in its
  /// ``IdentifiabilityGuess``, split across the cores: with display names
  /// the guesses were a third of reading the report's addresses (55,000
  /// named addresses), and by then the findings' side of the report
  /// (``readSideBySide(_:_:_:)``) has finished.
  static func name(_ rows: inout [ExposedAddressRow], ids: [Int64], _ names: [Int64: String]) {
    precondition(ids.count == rows.count, "an address row for every row")
    let count = rows.count
    let workers = max(1, min(ProcessInfo.processInfo.activeProcessorCount, count / 1024))
    rows.withUnsafeMutableBufferPointer { buffer in
      // Each worker writes only its own contiguous slice.
      nonisolated(unsafe) let slots = buffer
      DispatchQueue.concurrentPerform(iterations: workers) { worker in
        for i in (worker * count / workers)..<((worker + 1) * count / workers) {
          slots[i].displayName = names[ids[i]]
          let guess = IdentifiabilityGuess(
            address: slots[i].address, displayName: slots[i].displayName, personal: slots[i].personal)
          slots[i].identifiesPerson = guess.answer
          slots[i].identifiabilityReason = guess.reason
        }
      }
    }
  }

  /// Each exposed address's first display name (in message order), by its
  /// address row: names are stored once, with the message's recipients,
  /// not with every exposure. Keyed by row, not by address, so the report
  /// does not hold every named address a second time while it names them.
  private func firstDisplayNames(_ db: Database, newInRun: Int64?) throws -> [Int64: String] {
    let (filter, arguments) = Self.findingFilter(newInRun: newInRun)
    var names: [Int64: String] = [:]
    let exposures = try db.cachedStatement(
      sql: """
        SELECT e.addressId, e.recipientIndex, a.address FROM exposure e JOIN address a ON a.id = e.addressId
        WHERE e.messageRowId = ? ORDER BY abs(e.recipientIndex)
        """)
    let messages = try Row.fetchCursor(
      db,
      sql: """
        SELECT f.messageRowId, m.recipients FROM finding f CROSS JOIN message m ON m.id = f.messageRowId \(filter)
        ORDER BY f.messageRowId
        """, arguments: arguments)
    while let message = try messages.next() {
      let column: String = message[1]
      // Without a unit separator no recipient has a name: its exposures
      // need not be read (mail sent to bare addresses, the periodic
      // audit's benchmark: a tenth of the report's time).
      guard column.utf8.contains(0x1F) else { continue }
      var recipients: [VisibleRecipient]?
      let rows = try Row.fetchCursor(exposures, arguments: [message[0]])
      while let row = try rows.next() {
        let addressId: Int64 = row[0]
        if names[addressId] != nil { continue }
        if recipients == nil { recipients = RecipientsColumn.decode(column) }
        // The address is read only for an exposure migrated without its
        // recipient's place (a negative index): the place decides otherwise.
        let index: Int = row[1]
        let address: String = index < 0 ? row[2] : ""
        if let name = RecipientsColumn.displayName(at: index, address: address, in: recipients ?? []) {
          names[addressId] = name
        }
      }
    }
    return names
  }

  private func fetchIncidents(_ db: Database, zone: ReportTimeZone?) throws -> [IncidentRow] {
    try Row.fetchAll(
      db,
      sql: """
        SELECT i.*, s.runId AS firstSeenRun, first.subject AS firstSubject, first.sender AS firstSender
        FROM incident i LEFT JOIN incidentFirstSeen s ON s.id = i.id
        LEFT JOIN message first ON first.id = (
          SELECT m.id FROM finding f JOIN message m ON m.id = f.messageRowId WHERE f.incidentId = i.id
          ORDER BY m.dateEpoch IS NULL, m.dateEpoch, m.key LIMIT 1)
        ORDER BY i.people DESC, i.messages DESC, i.id
        """
    ).map { row in
      let first: Int64? = row["firstSent"]
      let last: Int64? = row["lastSent"]
      return IncidentRow(
        id: row["id"], people: row["people"], personal: row["personalCount"], parties: row["parties"],
        messages: row["messages"], firstSent: first.map { ReportTimeZone.stamp($0, offset: 0, in: zone) },
        lastSent: last.map { ReportTimeZone.stamp($0, offset: 0, in: zone) },
        severity: try Severity.stored(row["severity"], table: "incident", row: 0), firstSeenRun: row["firstSeenRun"],
        firstSubject: row["firstSubject"], firstSender: row["firstSender"])
    }
  }
}

/// Text equal only to the same bytes. Swift's `==` on strings is
/// canonical equivalence, the index's is bytes. Since local parts are
/// compared in NFC (StoreAnalysis.rulesVersions) an analysed index holds
/// one form of each address; interning by bytes keeps a report showing
/// rows exactly as stored all the same.
struct ExactText: Hashable {
  var text: String
  init(_ text: String) { self.text = text }
  static func == (a: ExactText, b: ExactText) -> Bool { a.text.utf8.elementsEqual(b.text.utf8) }
  // Equal bytes are canonically equivalent, so String's hash agrees.
  func hash(into hasher: inout Hasher) { hasher.combine(text) }
}

/// An instant with the offset it is shown in without a zone.
private struct ShownInstant: Hashable {
  var epoch: Int64
  var offset: Int?
}

/// One exposed address's exposures, folded in any order: the messages and
/// incidents that exposed it, the largest audience, and its first and last
/// dated exposure (earliest date, then lowest message row; latest date,
/// then lowest message row), each with its sender's UTC offset.
struct AddressTally {
  /// The address row.
  var id: Int64
  var address: String
  var party: String
  var personal: Bool
  var messages: Set<Int64> = []
  var incidents: Set<String> = []
  var maxExposedTo = 0
  var first: (epoch: Int64, offset: Int?, messageRowId: Int64)?
  var last: (epoch: Int64, offset: Int?, messageRowId: Int64)?

  init(id: Int64, address: String, party: String, personal: Bool) {
    self.id = id
    self.address = address
    self.party = party
    self.personal = personal
  }

  mutating func add(messageRowId: Int64, incidentId: String, exposedTo: Int, epoch: Int64?, offset: Int?) {
    messages.insert(messageRowId)
    incidents.insert(incidentId)
    maxExposedTo = max(maxExposedTo, exposedTo)
    guard let epoch else { return }
    if first.map({ (epoch, messageRowId) < ($0.epoch, $0.messageRowId) }) ?? true {
      first = (epoch, offset, messageRowId)
    }
    if last.map({ epoch > $0.epoch || (epoch == $0.epoch && messageRowId < $0.messageRowId) }) ?? true {
      last = (epoch, offset, messageRowId)
    }
  }
}
