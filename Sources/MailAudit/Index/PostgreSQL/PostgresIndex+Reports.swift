import Foundation
import NIOCore
import PostgresNIO

// What the reports, incidents and the console read from a PostgreSQL index:
// the queries of AuditIndex+Reports and AuditIndex+Incidents in PostgreSQL's
// words. Text is ordered `COLLATE "C"` (byte order, as SQLite orders it), so
// both stores list the same rows in the same order whatever collation the
// database was created with.

extension PostgresIndex {
  /// Everything a report shows, read in one repeatable-read transaction:
  /// scanners may be writing meanwhile, and a report must not mix two
  /// states of the index.
  public func report(newInRun: Int64?, zone: ReportTimeZone?) throws -> AuditReport {
    try reading("a report") { s in
      let findings = try Self.findings(s, newInRun: newInRun, zone: zone)
      let addresses = try Self.exposedAddresses(s, newInRun: newInRun, zone: zone)
      var incidents = try Self.incidents(s, zone: zone)
      if let newInRun { incidents = incidents.filter { $0.firstSeenRun == newInRun } }
      let problems = try Self.problems(s, whereClause: "", binds: [])
      let state = try s.table(
        "SELECT internalDomains, inferred, senderCounts, suffixListSource FROM analysisState WHERE id = 1",
        during: "a report"
      ).first
      let internalDomains: InternalDomainSet
      if let state {
        let decoder = JSONDecoder()
        let domains = try decoder.decode([String].self, from: Data(try state("internalDomains", as: String.self).utf8))
        let counts = try decoder.decode([String: Int].self, from: Data(try state("senderCounts", as: String.self).utf8))
        internalDomains = InternalDomainSet(domains: domains, inferred: try state("inferred"), senderCounts: counts)
      } else {
        internalDomains = InternalDomainSet(domains: [], inferred: true)
      }
      return AuditReport(
        totals: try Self.totals(s), findings: findings, exposedAddresses: addresses, incidents: incidents,
        problems: problems, internalDomains: internalDomains,
        suffixListSource: try state.map { try $0("suffixListSource", as: String.self) } ?? "", indexPath: location,
        newSinceRun: newInRun, problemsByRun: try Self.problemsByRun(s, whereClause: "", binds: []), zone: zone)
    }
  }

  /// Totals over the whole index.
  public func totals() throws -> IndexTotals {
    try reading("totals") { s in try Self.totals(s) }
  }

  /// What scan run `runId` found first: findings, incidents and the worst
  /// severity among those findings.
  public func newInRun(_ runId: Int64) throws -> (findings: Int, incidents: Int, worst: Severity?) {
    try reading("a run's new findings") { s in
      let run = [PostgresData(int64: runId)]
      let findings =
        try s.rows(
          """
          SELECT COUNT(*) FROM findingFirstSeen s JOIN message m ON m.key = s.messageKey
          JOIN finding f ON f.messageRowId = m.id WHERE s.runId = $1
          """, run, during: "a run's new findings"
        ).first?.decode(Int.self) ?? 0
      let incidents =
        try s.rows(
          "SELECT COUNT(*) FROM incident i JOIN incidentFirstSeen s ON s.id = i.id WHERE s.runId = $1", run,
          during: "a run's new findings"
        ).first?.decode(Int.self) ?? 0
      let severities = try s.rows(
        """
        SELECT DISTINCT f.severity FROM findingFirstSeen s JOIN message m ON m.key = s.messageKey
        JOIN finding f ON f.messageRowId = m.id WHERE s.runId = $1
        """, run, during: "a run's new findings"
      ).map { try Severity.stored(try $0.decode(String.self), table: "finding", row: 0) }
      return (findings, incidents, severities.max())
    }
  }

  /// The incidents, largest first; times in `zone` (UTC without one).
  public func incidents(zone: ReportTimeZone?) throws -> [IncidentRow] {
    try reading("the incidents") { s in try Self.incidents(s, zone: zone) }
  }

  /// The mask under this index's own key, made once by the migration that
  /// created the key's table, so masked tokens never change for an index.
  public func addressMask() throws -> AddressMask {
    let key = try using { s in
      try s.rows("SELECT key FROM maskingKey WHERE id = 1", during: "reading the masking key").first?
        .decode(ByteBuffer.self)
    }
    guard var key, key.readableBytes > 0, let bytes = key.readBytes(length: key.readableBytes) else {
      throw PostgresIndexError.failed(location, during: "reading the masking key", reason: "the masking key is missing")
    }
    return AddressMask(key: Data(bytes))
  }

  /// Every scan run, the latest first; times in `zone` (UTC without one).
  public func scanRuns(zone: ReportTimeZone?) throws -> [ScanRunRow] {
    try using { s in
      try s.table("SELECT * FROM scanRun ORDER BY id DESC", during: "listing scan runs").map { row in
        let paths: String = try row("paths")
        let finished: String? = try row("finishedAt")
        return ScanRunRow(
          id: try row("id"), startedAt: AuditIndex.shown(try row("startedAt"), in: zone),
          finishedAt: finished.map { AuditIndex.shown($0, in: zone) }, status: try row("status"),
          paths: paths.split(separator: "\n").map(String.init), messagesSeen: try row("messagesSeen"),
          newMessages: try row("newMessages"), duplicates: try row("duplicates"), bytesRead: try row("bytesRead"),
          problems: try row("problems"))
      }
    }
  }

  /// Runs `body` in a read-only transaction that sees one snapshot of the
  /// index (SQLite's WAL readers get the same for free).
  func reading<T>(_ what: String, _ body: (PostgresSession) throws -> T) throws -> T {
    try using { s in
      try s.transaction(during: what, mode: "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY") { try body(s) }
    }
  }

  // MARK: The report's parts

  static func totals(_ s: PostgresSession) throws -> IndexTotals {
    func counts(_ sql: String) throws -> [(String, Int)] {
      try s.rows(sql, during: "totals").map { try $0.decode((String, Int).self) }
    }
    func count(_ sql: String) throws -> Int { try s.rows(sql, during: "totals").first?.decode(Int.self) ?? 0 }
    var bySeverity: [Severity: Int] = [:]
    for (severity, n) in try counts("SELECT severity, COUNT(*) FROM finding GROUP BY severity") {
      bySeverity[try Severity.stored(severity, table: "finding", row: 0)] = n
    }
    return IndexTotals(
      messages: try count("SELECT COUNT(*) FROM message"),
      locations: try count("SELECT COUNT(*) FROM location"),
      findings: try count("SELECT COUNT(*) FROM finding"),
      findingsBySeverity: bySeverity,
      incidents: try count("SELECT COUNT(*) FROM incident"),
      exposedAddresses: try count("SELECT COUNT(DISTINCT addressId) FROM exposure"),
      personalAddresses: try count(
        "SELECT COUNT(*) FROM address a WHERE personal AND EXISTS (SELECT 1 FROM exposure e WHERE e.addressId = a.id)"),
      parties: try count(
        "SELECT COUNT(DISTINCT party) FROM address a WHERE EXISTS (SELECT 1 FROM exposure e WHERE e.addressId = a.id)"),
      problems: try count("SELECT COUNT(*) FROM problem"),
      problemsByKind: Dictionary(try counts("SELECT kind, COUNT(*) FROM problem GROUP BY kind")) { $1 },
      suppressedByGroup: Dictionary(
        try counts("SELECT allowedGroup, COUNT(*) FROM suppression GROUP BY allowedGroup")) { $1 })
  }

  /// Problems, optionally limited by `whereClause` over `problem p`.
  static func problems(_ s: PostgresSession, whereClause: String, binds: [PostgresData]) throws -> [ProblemRow] {
    try s.table(
      "SELECT kind, file, \"offset\", field, detail FROM problem p \(whereClause) ORDER BY id", binds,
      during: "listing problems"
    ).map { row in
      let offset: Int64 = try row("offset")
      let field: String = try row("field")
      return ProblemRow(
        kind: try row("kind"), file: try row("file"), offset: offset < 0 ? nil : offset,
        field: field.isEmpty ? nil : field, detail: try row("detail"))
    }
  }

  /// Problems counted by the run that first met them and kind.
  static func problemsByRun(_ s: PostgresSession, whereClause: String, binds: [PostgresData]) throws
    -> [ProblemRunCount]
  {
    try s.table(
      """
      SELECT p.firstRunId AS runId, r.startedAt, p.kind, COUNT(*) AS count
      FROM problem p JOIN scanRun r ON r.id = p.firstRunId \(whereClause)
      GROUP BY p.firstRunId, r.startedAt, p.kind ORDER BY p.firstRunId, p.kind COLLATE "C"
      """, binds, during: "counting problems"
    ).map { row in
      ProblemRunCount(runId: try row("runId"), startedAt: try row("startedAt"), kind: try row("kind"), count: try row("count"))
    }
  }

  static func findings(_ s: PostgresSession, newInRun: Int64?, zone: ReportTimeZone?) throws -> [FindingRow] {
    var sql = """
      SELECT m.key, m.messageID, m.dateEpoch, m.dateOffset, m.sender, m.senderName, m.subject,
        f.severity, f.reply, f.visibleRecipients, f.externalRecipients, f.parties, f.personalCount, f.incidentId,
        s.runId AS firstSeenRun, f.messageRowId,
        (SELECT string_agg(a.address, chr(31) ORDER BY abs(e.recipientIndex))
          FROM exposure e JOIN address a ON a.id = e.addressId WHERE e.messageRowId = f.messageRowId) AS exposed,
        l.format, l.mailbox, l.file, l."offset",
        (SELECT COUNT(*) FROM location WHERE messageRowId = m.id) AS locationCount
      FROM finding f
      JOIN message m ON m.id = f.messageRowId
      JOIN LATERAL (
        -- The first location, one index probe per message: as a join condition
        -- the subquery could be run for every pair of rows (a minute at 4,000
        -- findings and 200,000 locations, right after they were loaded).
        SELECT format, mailbox, file, "offset", length FROM location WHERE messageRowId = m.id ORDER BY id LIMIT 1
      ) l ON true
      LEFT JOIN findingFirstSeen s ON s.messageKey = m.key
      """
    var binds: [PostgresData] = []
    if let newInRun {
      sql += " WHERE s.runId = $1"
      binds = [PostgresData(int64: newInRun)]
    }
    sql += " ORDER BY m.dateEpoch IS NULL, m.dateEpoch, m.key COLLATE \"C\""
    return try s.table(sql, binds, during: "listing findings").map { row in
      let epoch: Int64? = try row("dateEpoch")
      let offset: Int? = try row("dateOffset")
      let exposed: String? = try row("exposed")
      let format: String = try row("format")
      let file: String = try row("file")
      let mailbox: String = try row("mailbox")
      let fileOffset: Int64 = try row("offset")
      let location: String
      switch format {
      case "mbox": location = "\(file)@\(fileOffset)"
      case "maildir": location = file.hasPrefix(mailbox + "/") ? String(file.dropFirst(mailbox.count + 1)) : file
      default: location = file
      }
      return FindingRow(
        messageKey: try row("key"), messageID: try row("messageID"),
        date: epoch.map { ReportTimeZone.stamp($0, offset: offset, in: zone) }, dateEpoch: epoch,
        sender: try row("sender"), senderName: try row("senderName"), subject: try row("subject"),
        severity: try Severity.stored(try row("severity"), table: "finding", row: try row("messageRowId")),
        reply: try row("reply"), visibleRecipients: try row("visibleRecipients"),
        externalRecipients: try row("externalRecipients"), parties: try row("parties"),
        personal: try row("personalCount"),
        // Joined with the unit separator, as in SQLite: a quoted local part
        // may hold `;`, and control bytes never survive into an address.
        exposedAddresses: exposed.map { $0.split(separator: "\u{1F}").map(String.init) } ?? [],
        mailbox: mailbox, location: location, locationCount: try row("locationCount"),
        incidentID: try row("incidentId"), firstSeenRun: try row("firstSeenRun"))
    }
  }

  static func exposedAddresses(_ s: PostgresSession, newInRun: Int64?, zone: ReportTimeZone?) throws
    -> [ExposedAddressRow]
  {
    var filter = ""
    var binds: [PostgresData] = []
    if let newInRun {
      filter = "WHERE m.key IN (SELECT messageKey FROM findingFirstSeen WHERE runId = $1)"
      binds = [PostgresData(int64: newInRun)]
    }
    // One pass with window functions, as in SQLite.
    let sql = """
      WITH e AS (
        SELECT x.messageRowId, x.recipientIndex, a.address, a.party, a.personal, x.exposedTo,
          f.incidentId, m.dateEpoch, m.dateOffset
        FROM exposure x JOIN address a ON a.id = x.addressId JOIN finding f ON f.messageRowId = x.messageRowId
        JOIN message m ON m.id = x.messageRowId
        \(filter)
      ), ranked AS (
        SELECT *,
          ROW_NUMBER() OVER (PARTITION BY address ORDER BY dateEpoch IS NULL, dateEpoch, messageRowId) AS firstRank,
          ROW_NUMBER() OVER (PARTITION BY address ORDER BY dateEpoch IS NULL, dateEpoch DESC, messageRowId) AS lastRank
        FROM e
      )
      SELECT address, MIN(party COLLATE "C") AS party, bool_or(personal) AS personal,
        COUNT(DISTINCT messageRowId) AS messages, COUNT(DISTINCT incidentId) AS incidents,
        MIN(dateEpoch) AS firstEpoch, MAX(dateEpoch) AS lastEpoch, MAX(exposedTo) AS maxExposedTo,
        MAX(CASE WHEN firstRank = 1 THEN dateOffset END) AS firstOffset,
        MAX(CASE WHEN lastRank = 1 THEN dateOffset END) AS lastOffset
      FROM ranked GROUP BY address ORDER BY address COLLATE "C"
      """
    let names = try firstDisplayNames(s, filter: filter, binds: binds)
    return try s.table(sql, binds, during: "listing exposed addresses").map { row in
      let first: Int64? = try row("firstEpoch")
      let last: Int64? = try row("lastEpoch")
      let firstOffset: Int? = try row("firstOffset")
      let lastOffset: Int? = try row("lastOffset")
      let address: String = try row("address")
      let displayName = names[address]
      let personal: Bool = try row("personal")
      let guess = IdentifiabilityGuess(address: address, displayName: displayName, personal: personal)
      return ExposedAddressRow(
        address: address, displayName: displayName, party: try row("party"), personal: personal,
        messages: try row("messages"), incidents: try row("incidents"),
        firstExposed: first.map { ReportTimeZone.stamp($0, offset: firstOffset, in: zone) },
        lastExposed: last.map { ReportTimeZone.stamp($0, offset: lastOffset, in: zone) },
        maxExposedTo: try row("maxExposedTo"), identifiesPerson: guess.answer, identifiabilityReason: guess.reason)
    }
  }

  /// Each exposed address's first display name (in message order), read
  /// from the recipients stored with the messages, as SQLite does. One
  /// query, not one per message: each is a round trip to the server. A
  /// message's recipients come with its first exposure only: a newsletter's
  /// hundred recipients are not sent a hundred times.
  static func firstDisplayNames(_ s: PostgresSession, filter: String, binds: [PostgresData]) throws -> [String: String] {
    var names: [String: String] = [:]
    var recipientsOf: (rowId: Int64, recipients: [VisibleRecipient])?
    let rows = try s.table(
      """
      SELECT f.messageRowId, a.address, e.recipientIndex,
        CASE WHEN ROW_NUMBER() OVER (PARTITION BY f.messageRowId ORDER BY abs(e.recipientIndex)) = 1
          THEN m.recipients END AS recipients
      FROM finding f JOIN message m ON m.id = f.messageRowId
      JOIN exposure e ON e.messageRowId = f.messageRowId JOIN address a ON a.id = e.addressId
      \(filter) ORDER BY f.messageRowId, abs(e.recipientIndex)
      """, binds, during: "reading display names")
    for row in rows {
      let rowId: Int64 = try row("messageRowId")
      if let stored = try row("recipients", as: String?.self) { recipientsOf = (rowId, RecipientsColumn.decode(stored)) }
      let address: String = try row("address")
      if names[address] != nil { continue }
      if let name = RecipientsColumn.displayName(
        at: try row("recipientIndex"), address: address, in: recipientsOf?.recipients ?? [])
      {
        names[address] = name
      }
    }
    return names
  }

  static func incidents(_ s: PostgresSession, zone: ReportTimeZone?) throws -> [IncidentRow] {
    try s.table(
      """
      SELECT i.*, s.runId AS firstSeenRun, first.subject AS firstSubject, first.sender AS firstSender
      FROM incident i LEFT JOIN incidentFirstSeen s ON s.id = i.id
      LEFT JOIN message first ON first.id = (
        SELECT m.id FROM finding f JOIN message m ON m.id = f.messageRowId WHERE f.incidentId = i.id
        ORDER BY m.dateEpoch IS NULL, m.dateEpoch, m.key COLLATE "C" LIMIT 1)
      ORDER BY i.people DESC, i.messages DESC, i.id COLLATE "C"
      """, during: "listing incidents"
    ).map { row in
      let first: Int64? = try row("firstSent")
      let last: Int64? = try row("lastSent")
      return IncidentRow(
        id: try row("id"), people: try row("people"), personal: try row("personalCount"), parties: try row("parties"),
        messages: try row("messages"), firstSent: first.map { ReportTimeZone.stamp($0, offset: 0, in: zone) },
        lastSent: last.map { ReportTimeZone.stamp($0, offset: 0, in: zone) },
        severity: try Severity.stored(try row("severity"), table: "incident", row: 0),
        firstSeenRun: try row("firstSeenRun"), firstSubject: try row("firstSubject"),
        firstSender: try row("firstSender"))
    }
  }
}
