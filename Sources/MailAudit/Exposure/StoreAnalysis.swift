import Crypto
import Foundation
import MailParsing

/// How an analysis went about its work.
public enum AnalysisMode: Sendable, Equatable, Codable {
  /// Nothing it depends on changed since the last analysis: its rows stand.
  case unchanged
  /// Only the messages added since the last analysis were read, and only
  /// the incidents they touch were regrouped.
  case incremental(newMessages: Int64, regrouped: Int)
  /// Every message was read again, for `reason`.
  case full(FullAnalysisReason)
}

/// Why an analysis read every message again.
public enum FullAnalysisReason: String, Sendable, Equatable, Codable {
  /// The store had no analysis yet (or one made before incremental analysis).
  case first
  /// The policy, the allowed groups or the domain catalogue changed.
  case inputsChanged = "inputs-changed"
  /// The inferred internal domains changed: a new sending domain appeared.
  case internalDomainsChanged = "internal-domains-changed"
  /// The index was last analysed by a version of mailaudit whose rules
  /// read messages differently (see ``StoreAnalysis/rulesVersions``).
  case rulesChanged = "rules-changed"
}

/// What one analysis of the store concluded.
public struct AnalysisOutcome: Sendable, Equatable {
  public var internalDomains: InternalDomainSet
  public var findings: Int
  public var incidents: Int
  /// Findings not seen by any earlier run.
  public var newFindings: Int
  public var newIncidents: Int
  /// Findings suppressed, by allowed group name.
  public var suppressed: [String: Int]
  public var mode: AnalysisMode = .unchanged
}

/// The exposure analysis of a whole store: every stored message through the
/// ``ExposureAnalyzer``, findings grouped into incidents.
///
/// Incremental: when the policy, the catalogue and the internal domains are
/// those of the last analysis, only messages added since are analysed, and
/// only findings linked to them (by thread ids, base subject, or sender and
/// subject) are regrouped. Grouping joins only findings that share such a
/// link, so the closure of the new findings under shared links is a union
/// of whole incidents of the full grouping: regrouping it alone gives the
/// same incidents, ids and first-seen runs as a full analysis.
public struct StoreAnalysis: Sendable {
  public var policy: ExposurePolicy
  public var catalog: DomainCatalog
  /// Messages handed to the analyser's thread at a time (see
  /// ``AnalysisPipeline``); tests vary it to move the chunks' ends.
  var chunkSize = AnalysisPipeline.chunkSize

  public init(policy: ExposurePolicy, catalog: DomainCatalog) {
    self.policy = policy
    self.catalog = catalog
  }

  /// Analyses `store`; `runId` marks findings and incidents first seen now.
  /// `full` reads every message whatever changed.
  @discardableResult
  public func run(on store: any AuditStore, runId: Int64?, full forceFull: Bool = false) throws -> AnalysisOutcome {
    let digest = Self.inputsDigest(policy: policy, catalog: catalog)
    return try store.withAnalysisSession { session in
      let highWater = try session.messageHighWater()
      let state = try session.state()
      let usable = state.flatMap { $0.inputsDigest == digest && $0.messageHighWater <= highWater ? $0 : nil }
      if !forceFull, let usable, usable.messageHighWater == highWater {
        let counts = try session.findingCounts()
        return AnalysisOutcome(
          internalDomains: usable.internalDomains, findings: counts.findings, incidents: counts.incidents,
          newFindings: 0, newIncidents: 0, suppressed: counts.suppressed, mode: .unchanged)
      }

      let internalDomains: InternalDomainSet
      if policy.internalDomains.isEmpty {
        var counts: [String: Int]
        if let usable, usable.internalDomains.inferred {
          counts = usable.internalDomains.senderCounts
          let added = catalog.organisationCounts(
            try session.senderDomainCounts(after: usable.messageHighWater, through: highWater))
          counts.merge(added, uniquingKeysWith: +)
        } else {
          counts = catalog.organisationCounts(try session.senderDomainCounts(after: 0, through: highWater))
        }
        internalDomains = InternalDomainSet(domains: Array(counts.keys), inferred: true, senderCounts: counts)
      } else {
        internalDomains = InternalDomainSet(domains: policy.internalDomains, inferred: false)
      }

      let mode: AnalysisMode
      if forceFull || state == nil || state?.inputsDigest == "" {
        mode = .full(.first)
      } else if usable == nil {
        let olderRules = Self.olderRulesDigests(policy: policy, catalog: catalog)
        mode = .full(olderRules.contains(state?.inputsDigest ?? "") ? .rulesChanged : .inputsChanged)
      } else if usable?.internalDomains.domains != internalDomains.domains {
        mode = .full(.internalDomainsChanged)
      } else {
        mode = .incremental(newMessages: highWater - (usable?.messageHighWater ?? 0), regrouped: 0)
      }

      var outcome: AnalysisOutcome
      if case .incremental = mode, let usable {
        outcome = try incremental(
          session, after: usable.messageHighWater, through: highWater, internalDomains: internalDomains, runId: runId)
      } else {
        outcome = try full(session, through: highWater, internalDomains: internalDomains, runId: runId)
        outcome.mode = mode
      }
      try session.saveState(
        StoredAnalysisState(
          internalDomains: internalDomains, suffixListSource: catalog.suffixes.source, inputsDigest: digest,
          messageHighWater: highWater), runId: runId)
      let counts = try session.findingCounts()
      outcome.internalDomains = internalDomains
      outcome.findings = counts.findings
      outcome.incidents = counts.incidents
      outcome.suppressed = counts.suppressed
      return outcome
    }
  }

  /// Every finding and incident recomputed from the stored messages.
  private func full(
    _ session: any AnalysisSession, through highWater: Int64, internalDomains: InternalDomainSet, runId: Int64?
  ) throws -> AnalysisOutcome {
    try session.clearFindings()
    let analyzer = ExposureAnalyzer(policy: policy, internalDomains: internalDomains, catalog: catalog)
    // The grouping keeps numbers for addresses and parties, so memory
    // follows the findings' size, not every recipient's strings.
    let pipeline = AnalysisPipeline(analyzer: analyzer, keepsMembers: true, chunkSize: chunkSize)
    var rowIds: [String: Int64] = [:]
    var newFindings = 0
    var seen = SeenBatch()
    try analyzeMessages(session, after: 0, through: highWater, pipeline: pipeline) { rowId, f, _ in
      if let keys = seen.add(f.messageKey) {
        newFindings += try session.noteFindingsSeen(messageKeys: keys, runId: runId)
      }
      rowIds[f.messageKey] = rowId
    }
    // The grouping needs no store: it runs while the session finishes
    // writing, and is waited for whatever happens there. The chunks' freed
    // memory goes back first: the grouping's tables and SQLite's sorter
    // are held at once, and on top of that memory the scan of the
    // 50,000-message mbox peaked at 65 MiB in one run of 12.
    ProcessMemory.returnFreedMemory()
    pipeline.startGrouping(IncidentGrouping(thresholds: policy.thresholds))
    let written = Result { () throws -> Int in
      let seenFirst = try session.noteFindingsSeen(messageKeys: seen.rest(), runId: runId)
      try session.finishBulkWrites()
      return seenFirst
    }
    let incidents = pipeline.takeIncidents()
    newFindings += try written.get()
    // Every finding went in with the incident it would form alone, which
    // is its incident's id when it is the earliest (or only) message.
    let newIncidents = try store(incidents, rowOf: rowIds, earliestPlaced: true, session: session, runId: runId)
    return AnalysisOutcome(
      internalDomains: InternalDomainSet(domains: [], inferred: true), findings: 0, incidents: 0,
      newFindings: newFindings, newIncidents: newIncidents, suppressed: [:])
  }

  /// Reads the messages `after < row id <= through` and analyses them in
  /// `pipeline` while reading on, storing each suppression and finding in
  /// row order; `found` sees every finding once stored.
  private func analyzeMessages(
    _ session: any AnalysisSession, after: Int64, through highWater: Int64, pipeline: AnalysisPipeline,
    found: (_ rowId: Int64, ExposureFinding, _ links: [Int64]) throws -> Void
  ) throws {
    func write(_ analysed: [AnalysisPipeline.Analysed]) throws {
      for a in analysed {
        switch a.outcome {
        case .noExposure: continue
        case .allowed(let group): try session.insertSuppression(rowId: a.rowId, group: group)
        case .exposure(let f):
          try session.insertFinding(
            rowId: a.rowId, f, incidentId: a.ownIncident, links: a.links, addressRows: a.addressRows)
          try found(a.rowId, f, a.links)
        }
      }
    }
    // Whatever happens here, every chunk in flight is waited for: nothing of
    // this analysis runs on after it returns.
    defer { _ = pipeline.take() }
    try session.forEachMessage(after: after, through: highWater, minimumVisible: max(policy.minParties, 1)) {
      rowId, message in
      try write(pipeline.add(rowId: rowId, message))
    }
    try write(pipeline.finish())
  }

  /// Only the messages after `after`, and the incidents linked to them.
  private func incremental(
    _ session: any AnalysisSession, after: Int64, through highWater: Int64, internalDomains: InternalDomainSet,
    runId: Int64?
  ) throws -> AnalysisOutcome {
    let analyzer = ExposureAnalyzer(policy: policy, internalDomains: internalDomains, catalog: catalog)
    let pipeline = AnalysisPipeline(analyzer: analyzer, keepsMembers: false, chunkSize: chunkSize)
    var rows = Set<Int64>()
    var links = Set<Int64>()
    var newFindings = 0
    var seen = SeenBatch()
    try analyzeMessages(session, after: after, through: highWater, pipeline: pipeline) { rowId, f, messageLinks in
      if let keys = seen.add(f.messageKey) {
        newFindings += try session.noteFindingsSeen(messageKeys: keys, runId: runId)
      }
      rows.insert(rowId)
      links.formUnion(messageLinks)
    }
    newFindings += try session.noteFindingsSeen(messageKeys: seen.rest(), runId: runId)
    // The closure of the new findings under shared links.
    var frontier = links
    while !frontier.isEmpty {
      let reached = try session.findingRows(withAnyLink: frontier).subtracting(rows)
      rows.formUnion(reached)
      frontier = try session.links(ofFindings: reached).subtracting(links)
      links.formUnion(frontier)
    }
    try session.deleteIncidents(try session.incidentIDs(ofFindings: rows))
    let stored = try session.storedFindings(rows: rows)
    var rowOf: [String: Int64] = [:]
    for found in stored { rowOf[found.message.key] = found.rowId }
    let incidents = IncidentGrouping(thresholds: policy.thresholds)
      .group(stored.map { IncidentGrouping.Member(message: $0.message, finding: $0.finding) })
    let newIncidents = try store(incidents, rowOf: rowOf, earliestPlaced: false, session: session, runId: runId)
    return AnalysisOutcome(
      internalDomains: InternalDomainSet(domains: [], inferred: true), findings: 0, incidents: 0,
      newFindings: newFindings, newIncidents: newIncidents, suppressed: [:],
      mode: .incremental(newMessages: highWater - after, regrouped: rows.count))
  }

  /// Stores `incidents` with their findings (by message key); returns how
  /// many were never seen before. `earliestPlaced`: each incident's
  /// earliest finding already names it, so only the others are pointed at
  /// it: most incidents are one message (10,306 findings made 10,056
  /// incidents on the 50,000-message benchmark), and each pointing is an
  /// update of a finding's row.
  private func store(
    _ incidents: [Incident], rowOf: [String: Int64], earliestPlaced: Bool, session: any AnalysisSession,
    runId: Int64?
  ) throws -> Int {
    var new = 0
    var seen = SeenBatch()
    // In byte order of their ids (hashes): each row then goes in beside the
    // one before in SQLite's indexes by id (the incidents' and the
    // first-seen table's), not at a random page of them; after a full
    // analysis the incidents' is written from empty, at its end. Sorted
    // by position, not copied: the incidents are held once. Their order
    // in the table is nothing a query reads.
    let order = incidents.indices.sorted { incidents[$0].id.utf8.lexicographicallyPrecedes(incidents[$1].id.utf8) }
    for incident in order.lazy.map({ incidents[$0] }) {
      let keys = earliestPlaced ? incident.messageKeys.dropFirst() : incident.messageKeys[...]
      try session.insertIncident(incident, rows: keys.compactMap { rowOf[$0] })
      if let ids = seen.add(incident.id) { new += try session.noteIncidentsSeen(ids: ids, runId: runId) }
    }
    return new + (try session.noteIncidentsSeen(ids: seen.rest(), runId: runId))
  }

  /// First-seen keys gathered for one ``AnalysisSession`` call per
  /// `capacity`: a server store then pays a round trip per batch, not per
  /// finding, and memory stays bounded on a large index. Each batch comes
  /// in byte order, so that its keys go in beside one another in SQLite's
  /// index of the first-seen table, not at random pages of it (batches
  /// are sorted each on its own).
  struct SeenBatch {
    static let capacity = 5000
    private var keys: [String] = []

    /// Adds `key`; gives the full batch to record when it is full.
    mutating func add(_ key: String) -> [String]? {
      keys.append(key)
      guard keys.count >= Self.capacity else { return nil }
      return rest()
    }

    /// What is left to record (maybe nothing).
    mutating func rest() -> [String] {
      defer { keys = [] }
      return keys.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
    }
  }

  /// What can join a message's finding to another's in ``IncidentGrouping``:
  /// its own, replied-to and referenced message ids; its base subject; its
  /// sender with its subject (a batch). Two findings that share none are
  /// never in one incident.
  ///
  /// Each link is a 64-bit FNV-1a hash of its kind and text, stable across
  /// runs and machines (Swift's own hashing is seeded per process): stored
  /// as an integer, and a collision only makes the regrouped set larger.
  static func groupingLinks(of m: SentMessage, threadKeys: ThreadKeys? = nil) -> [Int64] {
    let keys = threadKeys ?? ThreadKeys(m)
    var links: [Int64] = []
    if let id = m.messageID { links.append(stableHash("id", id)) }
    for id in m.inReplyTo { links.append(stableHash("id", id)) }
    for id in m.references { links.append(stableHash("id", id)) }
    if !keys.subjectBase.isEmpty { links.append(stableHash("subject", keys.subjectBase)) }
    if let batch = keys.batch { links.append(stableHash("batch", batch)) }
    return links
  }

  /// FNV-1a over `kind`, a unit separator and the UTF-8 of `text`.
  static func stableHash(_ kind: String, _ text: String) -> Int64 {
    var hash: UInt64 = 0xcbf2_9ce4_8422_2325
    func mix(_ byte: UInt8) {
      hash ^= UInt64(byte)
      hash = hash &* 0x0000_0100_0000_01b3
    }
    for byte in kind.utf8 { mix(byte) }
    mix(0x1F)
    for byte in text.utf8 { mix(byte) }
    return Int64(bitPattern: hash)
  }

  /// The versions of the analysis' own rules, oldest first, the one in
  /// force last. A change in how messages become findings (not in the
  /// policy or the catalogue) adds one: every index analysed under an
  /// older one is then analysed in full once, and its incremental analyses
  /// agree with a full one again. `""`: before versions were kept.
  /// `local-part-nfc`: a Unicode local part compared in NFC.
  static let rulesVersions = ["", "local-part-nfc"]

  /// A digest of everything besides the mail that findings depend on,
  /// under the rules `version` (today's by default).
  static func inputsDigest(
    policy: ExposurePolicy, catalog: DomainCatalog, rules version: String = rulesVersions.last ?? ""
  ) -> String {
    let encoder = JSONEncoder()
    encoder.outputFormatting = .sortedKeys
    var bytes = (try? encoder.encode(policy)) ?? Data()
    bytes += Data(catalog.providers.entries.sorted().joined(separator: ",").utf8)
    bytes += Data(catalog.suffixes.source.utf8)
    bytes += Data("\(catalog.suffixes.ruleCount)".utf8)
    // Left out for the first version, so indexes analysed before versions
    // were kept keep their digest under it.
    if !version.isEmpty { bytes += Data("\u{1F}rules \(version)".utf8) }
    return SHA256.hash(data: bytes).hexString
  }

  /// The digests the same policy and catalogue had under older rules.
  static func olderRulesDigests(policy: ExposurePolicy, catalog: DomainCatalog) -> [String] {
    rulesVersions.dropLast().map { inputsDigest(policy: policy, catalog: catalog, rules: $0) }
  }
}
