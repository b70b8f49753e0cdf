import Crypto
import Foundation
import GRDB
import MailParsing

/// What one analysis of the index concluded.
public struct AnalysisOutcome: Sendable, Equatable {
  public var internalDomains: InternalDomainSet
  public var findings: Int
  public var incidents: Int
  /// Findings not seen by any earlier run.
  public var newFindings: Int
  public var newIncidents: Int
  /// Findings suppressed, by allowed group name.
  public var suppressed: [String: Int]
}

extension AuditIndex {
  /// Registrable sender domains with their message counts, personal-mail
  /// providers left out: what internal domains are inferred from.
  func senderDomainCounts(catalog: DomainCatalog, db: Database) throws -> [String: Int] {
    var counts: [String: Int] = [:]
    let rows = try Row.fetchCursor(
      db, sql: "SELECT senderDomain, COUNT(*) FROM message WHERE senderDomain IS NOT NULL GROUP BY senderDomain")
    while let row = try rows.next() {
      let domain: String = row[0]
      let count: Int = row[1]
      if domain.isEmpty || catalog.providers.contains(domain) { continue }
      counts[catalog.organisation(of: domain), default: 0] += count
    }
    return counts
  }

  /// Recomputes every finding and incident from the stored messages under
  /// `policy`, in one transaction. `runId` marks findings first seen now.
  @discardableResult
  public func analyze(policy: ExposurePolicy, catalog: DomainCatalog, runId: Int64?) throws -> AnalysisOutcome {
    let digest = Self.inputsDigest(policy: policy, catalog: catalog)
    return try writer.write { db in
      let highWater = try Int64.fetchOne(db, sql: "SELECT COALESCE(MAX(id), 0) FROM message") ?? 0
      if let state = try Row.fetchOne(db, sql: "SELECT * FROM analysisState WHERE id = 1"),
        state["inputsDigest"] == digest, state["messageHighWater"] == highWater,
        let stored = try storedOutcome(state, db: db)
      {
        // Nothing the analysis depends on changed: its rows stand.
        return stored
      }
      let internalDomains: InternalDomainSet
      if policy.internalDomains.isEmpty {
        let counts = try senderDomainCounts(catalog: catalog, db: db)
        internalDomains = InternalDomainSet(domains: Array(counts.keys), inferred: true, senderCounts: counts)
      } else {
        internalDomains = InternalDomainSet(domains: policy.internalDomains, inferred: false)
      }
      var analyzer = ExposureAnalyzer(policy: policy, internalDomains: internalDomains, catalog: catalog)

      try db.execute(sql: "DELETE FROM finding")
      try db.execute(sql: "DELETE FROM suppression")
      try db.execute(sql: "DELETE FROM incident")

      // Fewer visible recipients than parties needed cannot be an exposure.
      let minimum = max(policy.minParties, 1)
      var members: [IncidentGrouping.Member] = []
      var rowIds: [String: Int64] = [:]
      var suppressed: [String: Int] = [:]
      let insertSuppression = try db.cachedStatement(
        sql: "INSERT INTO suppression (messageRowId, allowedGroup) VALUES (?, ?)")
      let rows = try Row.fetchCursor(
        db,
        sql: """
          SELECT id, key, messageID, dateEpoch, dateOffset, sender, senderName, subject, inReplyTo, referenceIDs,
            recipients FROM message WHERE visibleCount >= ?
          """, arguments: [minimum])
      let previouslySeen = Set(try String.fetchAll(db, sql: "SELECT messageKey FROM findingFirstSeen"))
      let previousIncidents = Set(try String.fetchAll(db, sql: "SELECT id FROM incidentFirstSeen"))
      let insertFinding = try db.cachedStatement(
        sql: """
          INSERT INTO finding (messageRowId, severity, reply, visibleRecipients, externalRecipients,
            parties, personal, incidentId) VALUES (?, ?, ?, ?, ?, ?, ?, '')
          """)
      let insertExposure = try db.cachedStatement(
        sql: """
          INSERT INTO exposure (messageRowId, address, displayName, party, personal, exposedTo)
          VALUES (?, ?, ?, ?, ?, ?)
          """)
      let insertSeen = try db.cachedStatement(
        sql: "INSERT INTO findingFirstSeen (messageKey, runId) VALUES (?, ?) ON CONFLICT DO NOTHING")
      var newFindings = 0
      // Findings are written as they are found; grouping keeps only what it
      // needs, with each address and party string held once, so memory
      // follows the distinct people exposed, not every recipient of every
      // message.
      var interned: [String: String] = [:]
      func intern(_ s: String) -> String {
        if let known = interned[s] { return known }
        interned[s] = s
        return s
      }
      while let row = try rows.next() {
        var message = SentMessage(row: row)
        let rowId: Int64 = row["id"]
        switch analyzer.analyze(message) {
        case .noExposure: continue
        case .allowed(let group):
          suppressed[group, default: 0] += 1
          try insertSuppression.execute(arguments: [rowId, group])
        case .exposure(var f):
          try insertFinding.execute(arguments: [
            rowId, f.severity.rawValue, f.reply, f.visibleRecipients, f.exposed.count, f.parties, f.personal,
          ])
          for e in f.exposed {
            try insertExposure.execute(arguments: [rowId, e.address, e.displayName, e.party, e.personal, e.exposedTo])
          }
          if !previouslySeen.contains(f.messageKey) {
            newFindings += 1
            if let runId { try insertSeen.execute(arguments: [f.messageKey, runId]) }
          }
          message.recipients = []
          f.exposed = f.exposed.map {
            ExposedAddress(address: intern($0.address), displayName: nil, party: intern($0.party), personal: $0.personal, exposedTo: 0)
          }
          members.append(IncidentGrouping.Member(message: message, finding: f))
          rowIds[message.key] = rowId
        }
      }

      let incidents = IncidentGrouping(thresholds: policy.thresholds).group(members)
      let findingCount = members.count
      members = []
      let setIncident = try db.cachedStatement(sql: "UPDATE finding SET incidentId = ? WHERE messageRowId = ?")
      for incident in incidents {
        for key in incident.messageKeys {
          if let rowId = rowIds[key] { try setIncident.execute(arguments: [incident.id, rowId]) }
        }
      }

      let insertIncident = try db.cachedStatement(
        sql: """
          INSERT INTO incident (id, people, personal, parties, messages, firstSent, lastSent, severity)
          VALUES (?, ?, ?, ?, ?, ?, ?, ?)
          """)
      let insertIncidentSeen = try db.cachedStatement(
        sql: "INSERT INTO incidentFirstSeen (id, runId) VALUES (?, ?) ON CONFLICT DO NOTHING")
      var newIncidents = 0
      for i in incidents {
        try insertIncident.execute(arguments: [
          i.id, i.people, i.personal, i.parties, i.messageKeys.count, i.firstSent, i.lastSent, i.severity.rawValue,
        ])
        if !previousIncidents.contains(i.id) {
          newIncidents += 1
          if let runId { try insertIncidentSeen.execute(arguments: [i.id, runId]) }
        }
      }

      let domainsJSON = String(decoding: try JSONEncoder().encode(internalDomains.domains), as: UTF8.self)
      let countsJSON = String(decoding: try JSONEncoder().encode(internalDomains.senderCounts), as: UTF8.self)
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
          domainsJSON, internalDomains.inferred, countsJSON, catalog.suffixes.source, ISO8601.now(), runId, digest,
          highWater,
        ])

      return AnalysisOutcome(
        internalDomains: internalDomains, findings: findingCount, incidents: incidents.count,
        newFindings: newFindings, newIncidents: newIncidents, suppressed: suppressed)
    }
  }
}

extension AuditIndex {
  /// A digest of everything besides the mail that findings depend on.
  static func inputsDigest(policy: ExposurePolicy, catalog: DomainCatalog) -> String {
    let encoder = JSONEncoder()
    encoder.outputFormatting = .sortedKeys
    var bytes = (try? encoder.encode(policy)) ?? Data()
    bytes += Data(catalog.providers.entries.sorted().joined(separator: ",").utf8)
    bytes += Data(catalog.suffixes.source.utf8)
    bytes += Data("\(catalog.suffixes.ruleCount)".utf8)
    return SHA256.hash(data: bytes).hexString
  }

  /// The outcome of the stored analysis, when nothing needs redoing.
  func storedOutcome(_ state: Row, db: Database) throws -> AnalysisOutcome? {
    let decoder = JSONDecoder()
    guard
      let domains = try? decoder.decode([String].self, from: Data((state["internalDomains"] as String).utf8)),
      let counts = try? decoder.decode([String: Int].self, from: Data((state["senderCounts"] as String).utf8))
    else { return nil }
    var suppressed: [String: Int] = [:]
    for row in try Row.fetchAll(db, sql: "SELECT allowedGroup, COUNT(*) FROM suppression GROUP BY allowedGroup") {
      suppressed[row[0]] = row[1]
    }
    return AnalysisOutcome(
      internalDomains: InternalDomainSet(domains: domains, inferred: state["inferred"], senderCounts: counts),
      findings: try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM finding") ?? 0,
      incidents: try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM incident") ?? 0,
      newFindings: 0, newIncidents: 0, suppressed: suppressed)
  }
}

extension SentMessage {
  /// Reads a `message` row back.
  init(row: Row) {
    let epoch: Int64? = row["dateEpoch"]
    let offset: Int? = row["dateOffset"]
    let inReplyTo: String = row["inReplyTo"]
    let references: String = row["referenceIDs"]
    self.init(
      key: row["key"], messageID: row["messageID"],
      date: epoch.map { MessageDate(epochSeconds: $0, offsetSeconds: offset ?? 0) },
      sender: row["sender"], senderName: row["senderName"], subject: row["subject"],
      inReplyTo: inReplyTo.utf8.split(separator: 0x20).map { String(Substring($0)) },
      references: references.utf8.split(separator: 0x20).map { String(Substring($0)) },
      recipients: RecipientsColumn.decode(row["recipients"]))
  }
}
