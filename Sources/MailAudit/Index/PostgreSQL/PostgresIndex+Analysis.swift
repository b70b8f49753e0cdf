import Foundation
import MailParsing
import PostgresNIO

extension PostgresIndex {
  /// Runs `body` on one analysis session: one transaction, and one analyser
  /// at a time for the whole organisation (an advisory lock the others wait
  /// on), so inferred domains and incidents are organisation-wide.
  public func withAnalysisSession<T>(_ body: (any AnalysisSession) throws -> T) throws -> T {
    try using { s in
      try s.transaction(during: "the analysis") {
        try s.rows("SELECT pg_advisory_xact_lock($1)", [PostgresData(int64: PostgresSchema.analysisLock)], during: "the analysis")
        let analysis = PostgresAnalysisSession(session: s)
        do {
          let result = try body(analysis)
          try analysis.drain()
          if analysis.wrote { try analysis.refreshStatistics() }
          return result
        } catch {
          try? analysis.drain()
          analysis.releaseFenceAfterFailure()
          throw error
        }
      }
    }
  }

  /// Registrable sender domains with message counts, personal-mail
  /// providers left out, over the whole organisation's mail.
  public func inferredInternalDomains(catalog: DomainCatalog) throws -> [String: Int] {
    try using { s in
      catalog.organisationCounts(try PostgresAnalysisSession(session: s).senderDomainCounts(after: 0, through: Int64.max))
    }
  }
}

extension PostgresSchema {
  /// The advisory lock one analysis holds for its transaction.
  static let analysisLock: Int64 = 0x6D61_696C_616E_616C  // "mailanal"
  /// The advisory lock every batch holds shared while it stores, and an
  /// analysis exclusively while it reads its high-water mark.
  static let highWaterFence: Int64 = 0x6D61_696C_6869_6768  // "mailhigh"
}

/// The analysis' reads and writes inside one PostgreSQL transaction, as
/// SQLiteAnalysisSession does them in SQLite.
///
/// Writes whose answer the analysis does not need (findings, exposures,
/// links, suppressions, incidents) are gathered into column arrays and
/// written a batch at a time, one statement per table (see
/// ``PostgresColumnArrays``); a batch is sent without waiting and awaited
/// before the next read, which then sees it. A finding thus costs a share
/// of a few statements, not a round trip, and the server plans each
/// statement once per batch, not once per row.
final class PostgresAnalysisSession: AnalysisSession {
  let session: PostgresSession
  /// Writes sent and not yet answered, in the order sent, with the rows
  /// each must write when that is known.
  private var pending: [(answer: EventLoopFuture<PostgresQueryResult>, rows: Int?)] = []
  /// Rows gathered and not yet sent.
  private var batch = PendingAnalysisRows()
  /// Addresses sent in this session: each is written once.
  private var addressesSent = Set<String>()
  /// True once this session has written or deleted anything.
  private(set) var wrote = false
  /// How many findings (or incidents) a batch gathers before it is sent.
  static let batchSize = 2000

  init(session: PostgresSession) { self.session = session }

  @discardableResult
  private func rows(_ sql: String, _ binds: [PostgresData] = []) throws -> [PostgresRow] {
    try drain()
    return try session.rows(sql, binds, during: "the analysis")
  }

  /// Sends a write without waiting (see ``drain()``); `rows`, when given,
  /// is how many rows it must write.
  private func write(_ sql: String, _ binds: [PostgresData], rows: Int? = nil) {
    pending.append((session.send(sql, binds), rows))
  }

  /// Sends the gathered rows, table by table in the order their foreign
  /// keys need (findings before their exposures and links, incidents before
  /// the findings point at them), without waiting.
  private func flush() {
    let b = batch
    batch = PendingAnalysisRows()
    if !b.findingRows.isEmpty || !b.suppressionRows.isEmpty || !b.incidentIDs.isEmpty { wrote = true }
    if !b.findingRows.isEmpty {
      write(
        """
        INSERT INTO finding (messageRowId, severity, reply, visibleRecipients, externalRecipients, parties,
          personalCount, incidentId)
        SELECT r, s, rp, v, e, p, pc, i FROM unnest($1::bigint[], $2::text[], $3::boolean[], $4::bigint[],
          $5::bigint[], $6::bigint[], $7::bigint[], $8::text[]) AS u(r, s, rp, v, e, p, pc, i)
        """,
        [
          .bigints(b.findingRows), .texts(b.severities), .bools(b.replies), .bigints(b.visibleRecipients),
          .bigints(b.externalRecipients), .bigints(b.parties), .bigints(b.personalCounts), .texts(b.incidentIds),
        ])
    }
    // An address's party changes only with the catalogue, which makes the
    // analysis a full one that clears the addresses first; the analysis
    // lock keeps any other analyser from adding one meanwhile.
    if !b.addresses.isEmpty {
      write(
        """
        INSERT INTO address (address, party, personal)
        SELECT a, p, s FROM unnest($1::text[], $2::text[], $3::boolean[]) WITH ORDINALITY AS u(a, p, s, n)
        ORDER BY n ON CONFLICT (address) DO NOTHING
        """, [.texts(b.addresses), .texts(b.addressParties), .bools(b.addressPersonal)])
    }
    if !b.exposureRows.isEmpty {
      write(
        """
        INSERT INTO exposure (messageRowId, recipientIndex, addressId, exposedTo)
        SELECT u.r, u.i, a.id, u.x FROM unnest($1::bigint[], $2::bigint[], $3::text[], $4::bigint[]) AS u(r, i, addr, x)
        JOIN address a ON a.address = u.addr
        """,
        [.bigints(b.exposureRows), .bigints(b.recipientIndexes), .texts(b.exposureAddresses), .bigints(b.exposedTo)],
        // An exposure whose address is missing would drop out of the join.
        rows: b.exposureRows.count)
    }
    if !b.links.isEmpty {
      write(
        """
        INSERT INTO findingLink (link, messageRowId) SELECT DISTINCT l, r FROM unnest($1::bigint[], $2::bigint[]) AS u(l, r)
        ON CONFLICT DO NOTHING
        """, [.bigints(b.links), .bigints(b.linkRows)])
    }
    if !b.suppressionRows.isEmpty {
      write(
        "INSERT INTO suppression (messageRowId, allowedGroup) SELECT * FROM unnest($1::bigint[], $2::text[])",
        [.bigints(b.suppressionRows), .texts(b.suppressionGroups)])
    }
    if !b.incidentIDs.isEmpty {
      write(
        """
        INSERT INTO incident (id, people, personalCount, parties, messages, firstSent, lastSent, severity)
        SELECT * FROM unnest($1::text[], $2::bigint[], $3::bigint[], $4::bigint[], $5::bigint[], $6::bigint[],
          $7::bigint[], $8::text[])
        """,
        [
          .texts(b.incidentIDs), .bigints(b.incidentPeople), .bigints(b.incidentPersonal), .bigints(b.incidentParties),
          .bigints(b.incidentMessages), .bigints(b.incidentFirstSent), .bigints(b.incidentLastSent),
          .texts(b.incidentSeverities),
        ])
    }
    if !b.memberRows.isEmpty {
      write(
        """
        UPDATE finding SET incidentId = u.id FROM unnest($1::text[], $2::bigint[]) AS u(id, r)
        WHERE finding.messageRowId = u.r
        """, [.texts(b.memberIncidents), .bigints(b.memberRows)])
    }
  }

  /// Brings the planner's statistics up to date with what the analysis
  /// wrote (and the scan before it). The reports run right after: with
  /// statistics taken while these tables were empty or half written, the
  /// planner chose a nested loop that made a 3-second report take over a
  /// minute (Benchmarks/org.py, 200,000 messages). A role that does not own
  /// the tables gets a warning and leaves it to autovacuum.
  ///
  /// A sample of 3,000 rows a table (statistics target 10) rather than
  /// 30,000 is enough to steer the reports' joins away from that: on
  /// 1,000,000 messages it takes 0.07 s instead of 0.64 s, after every
  /// analysis, and the reports took the same time either way (4.87 and
  /// 5.03 s against 5.20 and 4.72 s). Autovacuum later samples at the
  /// server's own target.
  func refreshStatistics() throws {
    try rows("SET LOCAL default_statistics_target = 10")
    try rows(
      """
      ANALYZE message, location, finding, exposure, address, findingLink, incident, findingFirstSeen,
        incidentFirstSeen, suppression
      """)
  }

  /// Sends what is gathered, then waits for every write sent; the first
  /// failure is thrown once all have answered, so none is left in flight.
  func drain() throws {
    flush()
    let waiting = pending
    pending = []
    if !waiting.isEmpty { session.awaitingAnswers() }
    var failure: (any Error)?
    for write in waiting {
      do {
        let result = try write.answer.wait()
        if let expected = write.rows, let written = result.metadata.rows, written != expected {
          failure = failure ?? PostgresIndexError.failed(
            session.address.description, during: "the analysis",
            reason: "\(result.metadata.command) wrote \(written) rows of \(expected)")
        }
      } catch { failure = failure ?? error }
    }
    if let failure = failure as? PostgresIndexError { throw failure }
    if let failure {
      throw PostgresIndexError.failed(
        session.address.description, during: "the analysis", reason: PostgresSession.describe(failure))
    }
  }

  func state() throws -> StoredAnalysisState? {
    guard
      let row = try rows(
        "SELECT internalDomains, inferred, senderCounts, suffixListSource, inputsDigest, messageHighWater FROM analysisState WHERE id = 1"
      ).first
    else { return nil }
    let (domainsJSON, inferred, countsJSON, source, digest, highWater) = try row.decode(
      (String, Bool, String, String, String, Int64).self)
    let decoder = JSONDecoder()
    // A state that cannot be read is no state: the next analysis is full.
    guard let domains = try? decoder.decode([String].self, from: Data(domainsJSON.utf8)),
      let counts = try? decoder.decode([String: Int].self, from: Data(countsJSON.utf8))
    else { return nil }
    return StoredAnalysisState(
      internalDomains: InternalDomainSet(domains: domains, inferred: inferred, senderCounts: counts),
      suffixListSource: source, inputsDigest: digest, messageHighWater: highWater)
  }

  /// The greatest message row id, with every message at or below it
  /// committed. A batch draws its ids when it inserts but is seen only when
  /// it commits, so `MAX(id)` alone could pass over another scanner's batch
  /// still storing; every later incremental analysis would start above it
  /// and never read it. Batches hold the fence shared for their transaction
  /// (``PostgresIndex/store(parts:problems:runId:progress:)``); taking it
  /// exclusively waits for those in flight, and a batch begun after draws
  /// ids above the mark. The fence is held only for this read, so scanners
  /// go on storing while the analysis works.
  func messageHighWater() throws -> Int64 {
    let fence = [PostgresData(int64: PostgresSchema.highWaterFence)]
    holdsFence = true
    try rows("SELECT pg_advisory_lock($1)", fence)
    let highWater = try rows("SELECT COALESCE(MAX(id), 0) FROM message").first?.decode(Int64.self) ?? 0
    try rows("SELECT pg_advisory_unlock($1)", fence)
    holdsFence = false
    return highWater
  }

  /// True between taking the high-water fence and releasing it.
  private(set) var holdsFence = false

  /// Releases the fence when the analysis failed while holding it. A
  /// session-level lock outlives the rollback, and scanners would wait on
  /// it for as long as this connection lives; the transaction is rolled
  /// back first, since an aborted one refuses the unlock.
  func releaseFenceAfterFailure() {
    guard holdsFence else { return }
    _ = try? session.rows("ROLLBACK", during: "the analysis")
    _ = try? session.rows(
      "SELECT pg_advisory_unlock($1)", [PostgresData(int64: PostgresSchema.highWaterFence)], during: "the analysis")
    holdsFence = false
  }

  func senderDomainCounts(after: Int64, through: Int64) throws -> [String: Int] {
    var counts: [String: Int] = [:]
    for row in try rows(
      """
      SELECT senderDomain, COUNT(*) FROM message WHERE senderDomain IS NOT NULL AND id > $1 AND id <= $2
      GROUP BY senderDomain
      """, [PostgresData(int64: after), PostgresData(int64: through)])
    {
      let (domain, count) = try row.decode((String, Int).self)
      counts[domain, default: 0] += count
    }
    return counts
  }

  /// Messages are read a page at a time, so memory does not grow with the
  /// index. The next page is asked for before this one is analysed, so the
  /// server reads it (and stores the findings sent meanwhile) while this
  /// process analyses: each waits less for the other.
  func forEachMessage(
    after: Int64, through: Int64, minimumVisible: Int, _ body: (Int64, StoredMessage) throws -> Void
  ) throws {
    let pageSize = 2000
    func request(after last: Int64) -> EventLoopFuture<PostgresQueryResult> {
      session.send(
        """
        SELECT id, key, messageID, dateEpoch, dateOffset, sender, senderName, subject, inReplyTo, referenceIDs,
          recipients FROM message WHERE id > $1 AND id <= $2 AND visibleCount >= $3 ORDER BY id LIMIT \(pageSize)
        """, [PostgresData(int64: last), PostgresData(int64: through), PostgresData(int: minimumVisible)])
    }
    try drain()
    var next: EventLoopFuture<PostgresQueryResult>? = request(after: after)
    // A page asked for and not read (the body threw) is still awaited, so
    // no answer is left in flight.
    defer { _ = try? next?.wait() }
    while let current = next {
      next = nil
      session.awaitingAnswers()
      let page: [PostgresRow]
      do {
        page = Array(try current.wait().rows)
      } catch {
        throw PostgresIndexError.failed(
          session.address.description, during: "the analysis", reason: PostgresSession.describe(error))
      }
      if page.count == pageSize, let last = try page.last?.makeRandomAccess()[0].decode(Int64.self) {
        next = request(after: last)
      }
      for row in page {
        let (id, message) = try Self.stored(row, recipients: true)
        try body(id, message)
      }
    }
  }

  /// A `message` row back as stored (its first eleven columns as
  /// forEachMessage selects them); without `recipients`, with none.
  static func stored(_ row: PostgresRow, recipients: Bool) throws -> (Int64, StoredMessage) {
    let (id, key, messageID, epoch, offset, sender, senderName, subject, inReplyTo, references, stored) = try row.decode(
      (Int64, String, String?, Int64?, Int?, String?, String?, String?, String, String, String).self)
    return (
      id,
      StoredMessage(
        key: key, messageID: messageID, dateEpoch: epoch, dateOffset: offset, sender: sender, senderName: senderName,
        subject: subject, inReplyTo: inReplyTo, references: references, recipients: recipients ? stored : "")
    )
  }

  func clearFindings() throws {
    wrote = true
    try rows("DELETE FROM finding")
    // Exposures went with their findings; their addresses are written anew,
    // with the party the current catalogue gives them.
    try rows("DELETE FROM address")
    try rows("DELETE FROM suppression")
    try rows("DELETE FROM incident")
  }

  func insertSuppression(rowId: Int64, group: String) throws {
    batch.suppressionRows.append(rowId)
    batch.suppressionGroups.append(group)
    if batch.suppressionRows.count >= Self.batchSize { flush() }
  }

  /// `addressRows` is ignored: the server numbers address rows itself.
  func insertFinding(
    rowId: Int64, _ f: ExposureFinding, incidentId: String, links: [Int64], addressRows: [Int64]
  ) throws {
    batch.findingRows.append(rowId)
    batch.incidentIds.append(incidentId)
    batch.severities.append(f.severity.rawValue)
    batch.replies.append(f.reply)
    batch.visibleRecipients.append(f.visibleRecipients)
    batch.externalRecipients.append(f.exposed.count)
    batch.parties.append(f.parties)
    batch.personalCounts.append(f.personalCount)
    for e in f.exposed {
      if addressesSent.insert(e.address).inserted {
        batch.addresses.append(e.address)
        batch.addressParties.append(e.party)
        batch.addressPersonal.append(e.personal)
      }
      batch.exposureRows.append(rowId)
      batch.recipientIndexes.append(e.recipientIndex)
      batch.exposureAddresses.append(e.address)
      batch.exposedTo.append(e.exposedTo)
    }
    for link in links {
      batch.links.append(link)
      batch.linkRows.append(rowId)
    }
    if batch.findingRows.count >= Self.batchSize || batch.exposureRows.count >= Self.batchSize * 16 { flush() }
  }

  func noteFindingsSeen(messageKeys: [String], runId: Int64?) throws -> Int {
    try noteSeen(table: "findingFirstSeen", column: "messageKey", values: messageKeys, runId: runId)
  }

  func noteIncidentsSeen(ids: [String], runId: Int64?) throws -> Int {
    try noteSeen(table: "incidentFirstSeen", column: "id", values: ids, runId: runId)
  }

  /// Nothing set aside: the server keeps its indexes while the analysis
  /// writes, and the writes already in flight are drained at the end.
  func finishBulkWrites() throws {}

  /// One statement for all `values`: with a run, those not yet recorded are
  /// added and counted; without, those not recorded are counted.
  private func noteSeen(table: String, column: String, values: [String], runId: Int64?) throws -> Int {
    guard !values.isEmpty else { return 0 }
    guard let runId else {
      return try rows(
        "SELECT COUNT(*) FROM unnest($1::text[]) AS u(v) WHERE NOT EXISTS (SELECT 1 FROM \(table) WHERE \(column) = u.v)",
        [.texts(values)]
      ).first?.decode(Int.self) ?? 0
    }
    return try rows(
      """
      WITH added AS (
        INSERT INTO \(table) (\(column), runId) SELECT v, $2 FROM unnest($1::text[]) WITH ORDINALITY AS u(v, n)
        ORDER BY n ON CONFLICT DO NOTHING RETURNING 1)
      SELECT COUNT(*) FROM added
      """, [.texts(values), PostgresData(int64: runId)]
    ).first?.decode(Int.self) ?? 0
  }

  func findingRows(withAnyLink links: Set<Int64>) throws -> Set<Int64> {
    guard !links.isEmpty else { return [] }
    return Set(
      try rows("SELECT messageRowId FROM findingLink WHERE link = ANY($1)", [.bigints(links.sorted())])
        .map { try $0.decode(Int64.self) })
  }

  func links(ofFindings rows: Set<Int64>) throws -> Set<Int64> {
    guard !rows.isEmpty else { return [] }
    return Set(
      try self.rows("SELECT link FROM findingLink WHERE messageRowId = ANY($1)", [.bigints(rows.sorted())])
        .map { try $0.decode(Int64.self) })
  }

  /// Two statements per chunk of rows, whatever the number of rows: the
  /// findings with their messages, then every exposure of them.
  func storedFindings(rows ids: Set<Int64>) throws -> [StoredFinding] {
    var found: [StoredFinding] = []
    let sorted = ids.sorted()
    for start in stride(from: 0, to: sorted.count, by: Self.batchSize * 5) {
      let chunk = Array(sorted[start..<min(start + Self.batchSize * 5, sorted.count)])
      var exposed: [Int64: [ExposedAddress]] = [:]
      for row in try rows(
        """
        SELECT e.messageRowId, a.address, a.party, a.personal FROM exposure e JOIN address a ON a.id = e.addressId
        WHERE e.messageRowId = ANY($1) ORDER BY e.messageRowId, e.recipientIndex
        """, [.bigints(chunk)])
      {
        let (rowId, address, party, personal) = try row.decode((Int64, String, String, Bool).self)
        exposed[rowId, default: []].append(
          ExposedAddress(address: address, displayName: nil, party: party, personal: personal, exposedTo: 0))
      }
      for row in try rows(
        """
        SELECT m.id, m.key, m.messageID, m.dateEpoch, m.dateOffset, m.sender, m.senderName, m.subject,
          m.inReplyTo, m.referenceIDs, '' AS recipients, f.severity, f.reply, f.visibleRecipients, f.parties
        FROM finding f JOIN message m ON m.id = f.messageRowId WHERE f.messageRowId = ANY($1) ORDER BY m.id
        """, [.bigints(chunk)])
      {
        let (rowId, stored) = try Self.stored(row, recipients: false)
        let message = stored.decodedForAnalysis()
        let columns = row.makeRandomAccess()
        let severityName = try columns[11].decode(String.self)
        guard let severity = Severity(rawValue: severityName) else {
          throw IndexError.corrupt(table: "finding", row: rowId, detail: "unknown severity")
        }
        let finding = ExposureFinding(
          messageKey: message.key, severity: severity, reply: try columns[12].decode(Bool.self),
          visibleRecipients: try columns[13].decode(Int.self), exposed: exposed[rowId] ?? [],
          parties: try columns[14].decode(Int.self))
        found.append(StoredFinding(rowId: rowId, message: message, finding: finding))
      }
    }
    return found
  }

  func incidentIDs(ofFindings rows: Set<Int64>) throws -> Set<String> {
    guard !rows.isEmpty else { return [] }
    return Set(
      try self.rows(
        "SELECT incidentId FROM finding WHERE messageRowId = ANY($1) AND incidentId != ''",
        [.bigints(rows.sorted())]
      ).map { try $0.decode(String.self) })
  }

  func deleteIncidents(_ ids: Set<String>) throws {
    guard !ids.isEmpty else { return }
    wrote = true
    // After whatever was gathered before, as the calls came.
    flush()
    write("DELETE FROM incident WHERE id = ANY($1)", [.texts(ids.sorted())])
  }

  func insertIncident(_ i: Incident, rows ids: [Int64]) throws {
    batch.incidentIDs.append(i.id)
    batch.incidentPeople.append(i.people)
    batch.incidentPersonal.append(i.personalCount)
    batch.incidentParties.append(i.parties)
    batch.incidentMessages.append(i.messageKeys.count)
    batch.incidentFirstSent.append(i.firstSent)
    batch.incidentLastSent.append(i.lastSent)
    batch.incidentSeverities.append(i.severity.rawValue)
    for id in ids {
      batch.memberIncidents.append(i.id)
      batch.memberRows.append(id)
    }
    if batch.incidentIDs.count >= Self.batchSize || batch.memberRows.count >= Self.batchSize * 16 { flush() }
  }

  func findingCounts() throws -> (findings: Int, incidents: Int, suppressed: [String: Int]) {
    var suppressed: [String: Int] = [:]
    for row in try rows("SELECT allowedGroup, COUNT(*) FROM suppression GROUP BY allowedGroup") {
      let (group, count) = try row.decode((String, Int).self)
      suppressed[group] = count
    }
    return (
      try rows("SELECT COUNT(*) FROM finding").first?.decode(Int.self) ?? 0,
      try rows("SELECT COUNT(*) FROM incident").first?.decode(Int.self) ?? 0, suppressed
    )
  }

  func saveState(_ state: StoredAnalysisState, runId: Int64?) throws {
    let domainsJSON = String(decoding: try JSONEncoder().encode(state.internalDomains.domains), as: UTF8.self)
    let countsJSON = String(decoding: try JSONEncoder().encode(state.internalDomains.senderCounts), as: UTF8.self)
    try rows(
      """
      INSERT INTO analysisState (id, internalDomains, inferred, senderCounts, suffixListSource, analyzedAt, runId,
        inputsDigest, messageHighWater)
      VALUES (1, $1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT (id) DO UPDATE SET
        internalDomains = excluded.internalDomains, inferred = excluded.inferred,
        senderCounts = excluded.senderCounts, suffixListSource = excluded.suffixListSource,
        analyzedAt = excluded.analyzedAt, runId = excluded.runId, inputsDigest = excluded.inputsDigest,
        messageHighWater = excluded.messageHighWater
      """,
      [
        PostgresData(string: domainsJSON), PostgresData(bool: state.internalDomains.inferred),
        PostgresData(string: countsJSON), PostgresData(string: state.suffixListSource),
        PostgresData(string: ISO8601.now()), .optional(runId), PostgresData(string: state.inputsDigest),
        PostgresData(int64: state.messageHighWater),
      ])
  }
}

/// The rows an analysis session has gathered for its next batch, one array
/// per column (see ``PostgresAnalysisSession/flush()``).
struct PendingAnalysisRows {
  var findingRows: [Int64] = []
  var severities: [String?] = []
  var replies: [Bool] = []
  var visibleRecipients: [Int] = []
  var externalRecipients: [Int] = []
  var parties: [Int] = []
  var personalCounts: [Int] = []
  var incidentIds: [String?] = []

  var addresses: [String?] = []
  var addressParties: [String?] = []
  var addressPersonal: [Bool] = []

  var exposureRows: [Int64] = []
  var recipientIndexes: [Int] = []
  var exposureAddresses: [String?] = []
  var exposedTo: [Int] = []

  var links: [Int64] = []
  var linkRows: [Int64] = []

  var suppressionRows: [Int64] = []
  var suppressionGroups: [String?] = []

  var incidentIDs: [String?] = []
  var incidentPeople: [Int] = []
  var incidentPersonal: [Int] = []
  var incidentParties: [Int] = []
  var incidentMessages: [Int] = []
  var incidentFirstSent: [Int64?] = []
  var incidentLastSent: [Int64?] = []
  var incidentSeverities: [String?] = []

  var memberIncidents: [String?] = []
  var memberRows: [Int64] = []
}
