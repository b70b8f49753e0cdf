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
          return result
        } catch {
          try? analysis.drain()
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
}

/// The analysis' reads and writes inside one PostgreSQL transaction, as
/// SQLiteAnalysisSession does them in SQLite.
///
/// Writes whose answer the analysis does not need (findings, exposures,
/// links, suppressions, incidents) are sent without waiting and awaited
/// before the next read, which then sees them: a finding costs one round
/// trip to the server, not one per row it writes.
final class PostgresAnalysisSession: AnalysisSession {
  let session: PostgresSession
  /// Writes sent and not yet answered, in the order sent.
  private var pending: [EventLoopFuture<PostgresQueryResult>] = []

  init(session: PostgresSession) { self.session = session }

  private func rows(_ sql: String, _ binds: [PostgresData] = []) throws -> [PostgresRow] {
    try drain()
    return try session.rows(sql, binds, during: "the analysis")
  }

  /// Sends a write without waiting (see ``drain()``).
  private func write(_ sql: String, _ binds: [PostgresData]) {
    pending.append(session.send(sql, binds))
  }

  /// Waits for every write sent; the first failure is thrown once all
  /// have answered, so none is left in flight.
  func drain() throws {
    let waiting = pending
    pending = []
    var failure: (any Error)?
    for write in waiting {
      do { _ = try write.wait() } catch { failure = failure ?? error }
    }
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

  func messageHighWater() throws -> Int64 {
    try rows("SELECT COALESCE(MAX(id), 0) FROM message").first?.decode(Int64.self) ?? 0
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

  /// Messages are read a page at a time, so memory does not grow with the index.
  func forEachMessage(
    after: Int64, through: Int64, minimumVisible: Int, _ body: (Int64, SentMessage) throws -> Void
  ) throws {
    var last = after
    while true {
      let page = try rows(
        """
        SELECT id, key, messageID, dateEpoch, dateOffset, sender, senderName, subject, inReplyTo, referenceIDs,
          recipients FROM message WHERE id > $1 AND id <= $2 AND visibleCount >= $3 ORDER BY id LIMIT 2000
        """, [PostgresData(int64: last), PostgresData(int64: through), PostgresData(int: minimumVisible)])
      for row in page {
        let (id, message) = try Self.message(row, recipients: true)
        try body(id, message)
        last = id
      }
      if page.count < 2000 { return }
    }
  }

  /// A `message` row back (its first eleven columns as forEachMessage selects them).
  static func message(_ row: PostgresRow, recipients: Bool) throws -> (Int64, SentMessage) {
    let (id, key, messageID, epoch, offset, sender, senderName, subject, inReplyTo, references, stored) = try row.decode(
      (Int64, String, String?, Int64?, Int?, String?, String?, String?, String, String, String).self)
    return (
      id,
      SentMessage(
        key: key, messageID: messageID, date: epoch.map { MessageDate(epochSeconds: $0, offsetSeconds: offset ?? 0) },
        sender: sender, senderName: senderName, subject: subject,
        inReplyTo: inReplyTo.split(separator: " ").map(String.init),
        references: references.split(separator: " ").map(String.init),
        recipients: recipients ? RecipientsColumn.decode(stored) : [])
    )
  }

  func clearFindings() throws {
    try rows("DELETE FROM finding")
    // Exposures went with their findings; their addresses are written anew,
    // with the party the current catalogue gives them.
    try rows("DELETE FROM address")
    try rows("DELETE FROM suppression")
    try rows("DELETE FROM incident")
  }

  func insertSuppression(rowId: Int64, group: String) throws {
    write(
      "INSERT INTO suppression (messageRowId, allowedGroup) VALUES ($1, $2)",
      [PostgresData(int64: rowId), PostgresData(string: group)])
  }

  func insertFinding(rowId: Int64, _ f: ExposureFinding, links: [Int64]) throws {
    write(
      """
      INSERT INTO finding (messageRowId, severity, reply, visibleRecipients, externalRecipients, parties,
        personalCount, incidentId) VALUES ($1, $2, $3, $4, $5, $6, $7, '')
      """,
      [
        PostgresData(int64: rowId), PostgresData(string: f.severity.rawValue), PostgresData(bool: f.reply),
        PostgresData(int: f.visibleRecipients), PostgresData(int: f.exposed.count), PostgresData(int: f.parties),
        PostgresData(int: f.personalCount),
      ])
    for e in f.exposed {
      // The address row is found or added by the same statement. An
      // address's party changes only with the catalogue, which makes the
      // analysis a full one that clears the addresses first; the analysis
      // lock keeps any other analyser from adding one meanwhile.
      write(
        """
        WITH added AS (
          INSERT INTO address (address, party, personal) VALUES ($3, $4, $5)
          ON CONFLICT (address) DO NOTHING RETURNING id)
        INSERT INTO exposure (messageRowId, recipientIndex, addressId, exposedTo)
        SELECT $1, $2, COALESCE((SELECT id FROM added), (SELECT id FROM address WHERE address = $3)), $6
        """,
        [
          PostgresData(int64: rowId), PostgresData(int: e.recipientIndex), PostgresData(string: e.address),
          PostgresData(string: e.party), PostgresData(bool: e.personal), PostgresData(int: e.exposedTo),
        ])
    }
    if !links.isEmpty {
      write(
        """
        INSERT INTO findingLink (link, messageRowId) SELECT DISTINCT unnest($1::bigint[]), $2
        ON CONFLICT DO NOTHING
        """,
        [PostgresData(array: links), PostgresData(int64: rowId)])
    }
  }

  func noteFindingSeen(messageKey: String, runId: Int64?) throws -> Bool {
    try noteSeen(table: "findingFirstSeen", column: "messageKey", value: messageKey, runId: runId)
  }

  func noteIncidentSeen(id: String, runId: Int64?) throws -> Bool {
    try noteSeen(table: "incidentFirstSeen", column: "id", value: id, runId: runId)
  }

  private func noteSeen(table: String, column: String, value: String, runId: Int64?) throws -> Bool {
    guard let runId else {
      return try rows("SELECT 1 FROM \(table) WHERE \(column) = $1", [PostgresData(string: value)]).isEmpty
    }
    return !(try rows(
      "INSERT INTO \(table) (\(column), runId) VALUES ($1, $2) ON CONFLICT DO NOTHING RETURNING 1",
      [PostgresData(string: value), PostgresData(int64: runId)])).isEmpty
  }

  func findingRows(withAnyLink links: Set<Int64>) throws -> Set<Int64> {
    guard !links.isEmpty else { return [] }
    return Set(
      try rows("SELECT messageRowId FROM findingLink WHERE link = ANY($1)", [PostgresData(array: links.sorted())])
        .map { try $0.decode(Int64.self) })
  }

  func links(ofFindings rows: Set<Int64>) throws -> Set<Int64> {
    guard !rows.isEmpty else { return [] }
    return Set(
      try self.rows("SELECT link FROM findingLink WHERE messageRowId = ANY($1)", [PostgresData(array: rows.sorted())])
        .map { try $0.decode(Int64.self) })
  }

  func groupingMembers(rows ids: Set<Int64>) throws -> [(rowId: Int64, member: IncidentGrouping.Member)] {
    var members: [(rowId: Int64, member: IncidentGrouping.Member)] = []
    for rowId in ids.sorted() {
      guard
        let row = try rows(
          """
          SELECT m.id, m.key, m.messageID, m.dateEpoch, m.dateOffset, m.sender, m.senderName, m.subject,
            m.inReplyTo, m.referenceIDs, '' AS recipients, f.severity, f.reply, f.visibleRecipients, f.parties
          FROM finding f JOIN message m ON m.id = f.messageRowId WHERE f.messageRowId = $1
          """, [PostgresData(int64: rowId)]
        ).first
      else { continue }
      let (_, message) = try Self.message(row, recipients: false)
      let columns = row.makeRandomAccess()
      let severityName = try columns[11].decode(String.self)
      guard let severity = Severity(rawValue: severityName) else {
        throw IndexError.corrupt(table: "finding", row: rowId, detail: "unknown severity")
      }
      let exposed = try rows(
        """
        SELECT a.address, a.party, a.personal FROM exposure e JOIN address a ON a.id = e.addressId
        WHERE e.messageRowId = $1 ORDER BY e.recipientIndex
        """, [PostgresData(int64: rowId)]
      ).map { row -> ExposedAddress in
        let (address, party, personal) = try row.decode((String, String, Bool).self)
        return ExposedAddress(address: address, displayName: nil, party: party, personal: personal, exposedTo: 0)
      }
      let finding = ExposureFinding(
        messageKey: message.key, severity: severity, reply: try columns[12].decode(Bool.self),
        visibleRecipients: try columns[13].decode(Int.self), exposed: exposed, parties: try columns[14].decode(Int.self))
      members.append((rowId, IncidentGrouping.Member(message: message, finding: finding)))
    }
    return members
  }

  func incidentIDs(ofFindings rows: Set<Int64>) throws -> Set<String> {
    guard !rows.isEmpty else { return [] }
    return Set(
      try self.rows(
        "SELECT incidentId FROM finding WHERE messageRowId = ANY($1) AND incidentId != ''",
        [PostgresData(array: rows.sorted())]
      ).map { try $0.decode(String.self) })
  }

  func deleteIncidents(_ ids: Set<String>) throws {
    guard !ids.isEmpty else { return }
    write("DELETE FROM incident WHERE id = ANY($1)", [PostgresData(array: ids.sorted())])
  }

  func insertIncident(_ i: Incident, rows ids: [Int64]) throws {
    write(
      """
      INSERT INTO incident (id, people, personalCount, parties, messages, firstSent, lastSent, severity)
      VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
      """,
      [
        PostgresData(string: i.id), PostgresData(int: i.people), PostgresData(int: i.personalCount),
        PostgresData(int: i.parties), PostgresData(int: i.messageKeys.count), .optional(i.firstSent),
        .optional(i.lastSent), PostgresData(string: i.severity.rawValue),
      ])
    write(
      "UPDATE finding SET incidentId = $1 WHERE messageRowId = ANY($2)",
      [PostgresData(string: i.id), PostgresData(array: ids)])
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
