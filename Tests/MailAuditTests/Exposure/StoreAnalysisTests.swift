import Foundation
import GRDB
import MailParsing
import XCTest

@testable import MailAudit

/// Incremental analysis reads only new messages and regroups only the
/// incidents they touch, and ends exactly where a full analysis would.
final class StoreAnalysisTests: XCTestCase {
  /// The messages of an mbox, each with its `From ` line.
  static func messages(of mbox: URL) throws -> [String] {
    let text = try String(contentsOf: mbox, encoding: .utf8)
    var messages: [String] = []
    var current = ""
    for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
      if line.hasPrefix("From "), !current.isEmpty {
        messages.append(current)
        current = ""
      }
      current += line + "\n"
    }
    if !current.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty { messages.append(current) }
    return messages
  }

  /// A deterministic shuffle (a linear congruential generator), so a failure
  /// can be replayed.
  static func shuffled<T>(_ items: [T], seed: UInt64) -> [T] {
    var items = items
    var state = seed
    for i in stride(from: items.count - 1, to: 0, by: -1) {
      state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
      items.swapAt(i, Int((state >> 33) % UInt64(i + 1)))
    }
    return items
  }

  /// Everything the analysis writes, in a comparable form: each finding with
  /// its incident, each incident, and the runs that first saw them.
  static func analysisRows(_ index: AuditIndex) throws -> [String] {
    try index.writer.read { db in
      let findings = try String.fetchAll(
        db,
        sql: """
          SELECT m.key || '|' || f.severity || '|' || f.reply || '|' || f.externalRecipients || '|' || f.parties
            || '|' || f.personalCount || '|' || f.incidentId || '|' || COALESCE(s.runId, '-')
          FROM finding f JOIN message m ON m.id = f.messageRowId
          LEFT JOIN findingFirstSeen s ON s.messageKey = m.key ORDER BY m.key
          """)
      let exposures = try String.fetchAll(
        db,
        sql: """
          SELECT m.key || '|' || e.recipientIndex || '|' || a.address || '|' || a.party || '|' || a.personal
            || '|' || e.exposedTo
          FROM exposure e JOIN message m ON m.id = e.messageRowId JOIN address a ON a.id = e.addressId
          ORDER BY m.key, e.recipientIndex
          """)
      let incidents = try String.fetchAll(
        db,
        sql: """
          SELECT i.id || '|' || i.people || '|' || i.personalCount || '|' || i.parties || '|' || i.messages || '|'
            || COALESCE(i.firstSent, '') || '|' || COALESCE(i.lastSent, '') || '|' || i.severity || '|'
            || COALESCE(s.runId, '-')
          FROM incident i LEFT JOIN incidentFirstSeen s ON s.id = i.id ORDER BY i.id
          """)
      let suppressed = try String.fetchAll(
        db,
        sql: "SELECT m.key || '|' || s.allowedGroup FROM suppression s JOIN message m ON m.id = s.messageRowId ORDER BY 1")
      return findings + ["--"] + exposures + ["--"] + incidents + ["--"] + suppressed
    }
  }

  /// Scans `chunks` one run after another into two indexes: one analysed
  /// incrementally (as `scan` does), one with a full analysis after every
  /// run. Returns both auditors and the incremental analyses' outcomes.
  func scanInRuns(_ chunks: [[String]], policy: ExposurePolicy = ExposurePolicy()) throws
    -> (incremental: Auditor, full: Auditor, outcomes: [AnalysisOutcome], runs: [Int64])
  {
    let folder = try temporaryFolder(self)
    let incremental = Auditor(
      index: try AuditIndex(path: folder.appendingPathComponent("incremental.sqlite").path), policy: policy,
      catalog: try testCatalog())
    let full = Auditor(
      index: try AuditIndex(path: folder.appendingPathComponent("full.sqlite").path), policy: policy,
      catalog: try testCatalog())
    var outcomes: [AnalysisOutcome] = []
    var runs: [Int64] = []
    var paths: [String] = []
    for (n, chunk) in chunks.enumerated() {
      let mbox = folder.appendingPathComponent("part-\(n).mbox")
      try Data(chunk.joined().utf8).write(to: mbox)
      paths.append(mbox.path)
      let (scan, outcome) = try incremental.scan(paths: paths)
      outcomes.append(outcome)
      runs.append(scan.runId)
      let fullScan = try ScanDriver(index: full.index, catalog: full.catalog).scan(paths: paths)
      XCTAssertEqual(fullScan.runId, scan.runId)
      let fullOutcome = try StoreAnalysis(policy: policy, catalog: full.catalog).run(
        on: full.index, runId: fullScan.runId, full: true)
      XCTAssertEqual(outcome.newFindings, fullOutcome.newFindings, "new findings of run \(n + 1)")
      XCTAssertEqual(outcome.newIncidents, fullOutcome.newIncidents, "new incidents of run \(n + 1)")
      XCTAssertEqual(outcome.findings, fullOutcome.findings)
      XCTAssertEqual(outcome.incidents, fullOutcome.incidents)
      XCTAssertEqual(outcome.internalDomains, fullOutcome.internalDomains)
      XCTAssertEqual(
        try Self.analysisRows(incremental.sqlite), try Self.analysisRows(full.sqlite),
        "run \(n + 1): incremental and full analyses differ")
    }
    return (incremental, full, outcomes, runs)
  }

  /// First-seen keys are handed over in full batches, each in byte order,
  /// and the rest at the end: every key once.
  func testFirstSeenKeysComeInByteOrderedBatchesOfTheirCapacity() {
    var batch = StoreAnalysis.SeenBatch()
    let keys = (0..<(StoreAnalysis.SeenBatch.capacity + 7)).map { "k\(($0 * 7_919) % 10_007)@x" }
    var handed: [[String]] = []
    for key in keys {
      if let full = batch.add(key) { handed.append(full) }
    }
    handed.append(batch.rest())
    XCTAssertEqual(handed.map(\.count), [StoreAnalysis.SeenBatch.capacity, 7])
    for batch in handed { XCTAssertEqual(batch, batch.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }) }
    XCTAssertEqual(Set(handed.joined()), Set(keys))
    XCTAssertEqual(batch.rest(), [])
  }

  /// The analyser runs on a second thread a chunk of messages at a time
  /// (``AnalysisPipeline``): where the chunks end changes nothing written,
  /// not even the order rows are written in (addresses are numbered as
  /// they are first met).
  func testChunksOfAnySizeWriteTheSameRowsInTheSameOrder() throws {
    var written: [[String]] = []
    for size in [1, 2, 5, 33, 34, 256] {
      let index = try AuditIndex()
      let catalog = try testCatalog()
      let scan = try ScanDriver(index: index, catalog: catalog).scan(paths: [PackagePaths.sample.path])
      var analysis = StoreAnalysis(policy: ExposurePolicy(), catalog: catalog)
      analysis.chunkSize = size
      let outcome = try analysis.run(on: index, runId: scan.runId)
      XCTAssertEqual(outcome.findings, 27, "chunks of \(size)")
      XCTAssertEqual(outcome.incidents, 24, "chunks of \(size)")
      XCTAssertEqual(outcome.newFindings, 27, "chunks of \(size)")
      let addresses = try index.writer.read { db in
        try String.fetchAll(db, sql: "SELECT id || ' ' || address FROM address ORDER BY id")
      }
      written.append(try Self.analysisRows(index) + ["--"] + addresses)
    }
    XCTAssertGreaterThan(written[0].count, 100)
    for (n, rows) in written.enumerated().dropFirst() { XCTAssertEqual(rows, written[0], "run \(n)") }
  }

  /// The sample scanned into a new index and analysed, with the analysis
  /// (chunks of `chunkSize`), the scan's run and the rows it wrote.
  func analysedSample(chunkSize: Int = AnalysisPipeline.chunkSize) throws
    -> (index: AuditIndex, analysis: StoreAnalysis, runId: Int64, rows: [String])
  {
    let index = try AuditIndex()
    let catalog = try testCatalog()
    let scan = try ScanDriver(index: index, catalog: catalog).scan(paths: [PackagePaths.sample.path])
    var analysis = StoreAnalysis(policy: ExposurePolicy(), catalog: catalog)
    analysis.chunkSize = chunkSize
    try analysis.run(on: index, runId: scan.runId)
    return (index, analysis, scan.runId, try Self.analysisRows(index))
  }

  /// A write that fails while the analyser's thread holds a chunk stops
  /// the analysis with that error, after the chunk is done: the index keeps
  /// the last analysis' rows, and the next analysis gives them again.
  func testAWriteFailingWithAChunkInFlightLeavesTheLastAnalysis() throws {
    let (index, analysis, _, rows) = try analysedSample(chunkSize: 2)
    // The tenth finding's insert fails: by then chunks have gone back and
    // forth, and one is being analysed.
    let tenth = try index.writer.read { db in
      try Int64.fetchOne(db, sql: "SELECT messageRowId FROM finding ORDER BY messageRowId LIMIT 1 OFFSET 9")
    }
    try index.writer.writeWithoutTransaction { db in
      try db.execute(
        sql: """
          CREATE TEMP TRIGGER failTenth BEFORE INSERT ON finding WHEN NEW.messageRowId = \(try XCTUnwrap(tenth))
          BEGIN SELECT RAISE(ABORT, 'injected'); END
          """)
    }
    XCTAssertThrowsError(try analysis.run(on: index, runId: nil, full: true)) { error in
      XCTAssertTrue("\(error)".contains("injected"), "\(error)")
    }
    XCTAssertEqual(try Self.analysisRows(index), rows)
    try AuditIndexAnalysisTests.assertAsTheMigrationsLeftIt(index, "after a failed pipelined analysis")
    try index.writer.writeWithoutTransaction { db in try db.execute(sql: "DROP TRIGGER failTenth") }
    XCTAssertEqual(try analysis.run(on: index, runId: nil, full: true).findings, 27)
    XCTAssertEqual(try Self.analysisRows(index), rows)
  }

  /// A full analysis groups its incidents on the analyser's thread while
  /// the store records the findings first seen and builds its indexes. A
  /// write failing there stops the analysis once the grouping is done,
  /// and the index keeps the last analysis' rows.
  func testAWriteFailingWhileTheIncidentsAreGroupedLeavesTheLastAnalysis() throws {
    let (index, analysis, runId, rows) = try analysedSample()
    // The sample's 27 findings are recorded as first seen in one batch,
    // after the grouping has started.
    try index.writer.writeWithoutTransaction { db in
      try db.execute(sql: "DELETE FROM findingFirstSeen")
      try db.execute(
        sql: """
          CREATE TEMP TRIGGER failSeen BEFORE INSERT ON findingFirstSeen BEGIN SELECT RAISE(ABORT, 'injected'); END
          """)
    }
    let unseen = try Self.analysisRows(index)
    XCTAssertThrowsError(try analysis.run(on: index, runId: runId, full: true)) { error in
      XCTAssertTrue("\(error)".contains("injected"), "\(error)")
    }
    XCTAssertEqual(try Self.analysisRows(index), unseen)
    try index.writer.writeWithoutTransaction { db in
      try db.execute(sql: "DROP TRIGGER failSeen")
      XCTAssertEqual(try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM findingFirstSeen"), 0)
    }
    try AuditIndexAnalysisTests.assertAsTheMigrationsLeftIt(index, "after a failure while grouping")
    XCTAssertEqual(try analysis.run(on: index, runId: runId, full: true).newFindings, 27)
    XCTAssertEqual(try Self.analysisRows(index), rows)
  }

  func testShuffledSampleInFiveRunsGivesTheFullAnalysisAfterEveryRun() throws {
    let messages = Self.shuffled(try Self.messages(of: PackagePaths.sample), seed: 20_261_130)
    XCTAssertEqual(messages.count, 34)
    let chunks = stride(from: 0, to: messages.count, by: 7).map { Array(messages[$0..<min($0 + 7, messages.count)]) }
    let (incremental, _, outcomes, runs) = try scanInRuns(chunks)

    XCTAssertEqual(outcomes.last?.findings, 27)
    XCTAssertEqual(outcomes.last?.incidents, 24)
    XCTAssertEqual(outcomes.first?.mode, .full(.first))
    // Later runs read only their own messages unless a new sending
    // organisation changed the inferred internal domains.
    for outcome in outcomes.dropFirst() {
      switch outcome.mode {
      case .incremental(let newMessages, _): XCTAssertLessThanOrEqual(newMessages, 7)
      case .full(let reason): XCTAssertEqual(reason, .internalDomainsChanged)
      case .unchanged: XCTFail("every run added messages")
      }
    }
    XCTAssertTrue(outcomes.contains { if case .incremental = $0.mode { true } else { false } })
    // `--new` of every run matches the full analysis' (checked above via the
    // first-seen runs) and adds up to the whole.
    let perRun = try runs.map { try incremental.index.newInRun($0).findings }
    XCTAssertEqual(perRun.reduce(0, +), 27)
  }

  /// One address written decomposed in one run and precomposed in the
  /// next is one address row, in an incremental analysis (which looks
  /// addresses up by their bytes) as in a full one (which numbered them
  /// in a Swift dictionary, where the two spellings are equal): the
  /// incremental one used to add the second spelling as a second person.
  func testAnAddressDecomposedInOneRunAndPrecomposedInTheNextIsOnePerson() throws {
    func message(_ n: Int, to: String) -> String {
      """
      From sender@corp.example Mon Jan  1 00:00:00 2024
      From: sender@corp.example
      To: \(to)
      Subject: Notice \(n)
      Date: Mon, 1 Jan 2024 0\(n):00:00 +0000
      Message-ID: <n\(n)@corp.example>

      Body.


      """
    }
    let decomposed = message(1, to: "Jose\u{301} <jose\u{301}@acme.example>, bob@globex.example")
    let precomposed = message(2, to: "jos\u{E9}@acme.example, carol@initech.example")
    let (incremental, full, outcomes, _) = try scanInRuns(
      [[decomposed], [precomposed]], policy: ExposurePolicy(internalDomains: ["corp.example"]))
    guard case .incremental = outcomes.last?.mode else { return XCTFail("the second run reads only its message") }
    for auditor in [incremental, full] {
      let addresses = try auditor.sqlite.writer.read { db in
        try String.fetchAll(db, sql: "SELECT hex(address) FROM address ORDER BY id")
      }
      XCTAssertEqual(
        addresses,
        ["jos\u{E9}@acme.example", "bob@globex.example", "carol@initech.example"].map {
          $0.utf8.map { String(format: "%02X", $0) }.joined()
        })
      XCTAssertEqual(try auditor.index.totals().exposedAddresses, 3)
    }
  }

  func testThreadsAndBatchesSplitAcrossRunsJoinTheSameIncidents() throws {
    // One thread whose reply arrives two runs later, a batch sent in three
    // chunks across runs, and an earlier message of a thread found last
    // (the incident's id follows its earliest message).
    func message(_ id: String, to: String, subject: String, date: String, replyTo: String? = nil) -> String {
      """
      From sender@corp.example Mon Jan  1 00:00:00 2024
      From: sender@corp.example
      To: \(to)
      Subject: \(subject)
      Date: \(date)
      Message-ID: <\(id)@corp.example>
      \(replyTo.map { "In-Reply-To: <\($0)@corp.example>\n" } ?? "")
      Body.


      """
    }
    let a = message("a", to: "x@acme.example, y@globex.example", subject: "Plan", date: "Mon, 1 Jan 2024 10:00:00 +0000")
    let b = message(
      "b", to: "x@acme.example, z@initech.example", subject: "Re: Plan", date: "Tue, 2 Jan 2024 10:00:00 +0000",
      replyTo: "a")
    let c1 = message("c1", to: "p1@acme.example, q1@globex.example", subject: "Invite", date: "Wed, 3 Jan 2024 09:00:00 +0000")
    let c2 = message("c2", to: "p2@acme.example, q2@globex.example", subject: "Invite", date: "Wed, 3 Jan 2024 12:00:00 +0000")
    let c3 = message("c3", to: "p3@acme.example, q3@globex.example", subject: "Invite", date: "Thu, 4 Jan 2024 08:00:00 +0000")
    let early = message("e0", to: "m@acme.example, n@globex.example", subject: "Notes", date: "Sun, 31 Dec 2023 10:00:00 +0000")
    let late = message(
      "e1", to: "m@acme.example, o@initech.example", subject: "Re: Notes", date: "Mon, 1 Jan 2024 11:00:00 +0000",
      replyTo: "e0")
    let policy = ExposurePolicy(internalDomains: ["corp.example"])
    let (incremental, _, outcomes, _) = try scanInRuns([[a, c1, late], [c3], [b, c2], [early]], policy: policy)
    for outcome in outcomes.dropFirst() {
      guard case .incremental = outcome.mode else { return XCTFail("configured domains: every later run is incremental") }
    }
    let incidents = try incremental.index.incidents()
    XCTAssertEqual(incidents.count, 3)
    XCTAssertEqual(Set(incidents.map(\.messages)), [2, 3])
    XCTAssertTrue(incidents.contains { $0.id == IncidentGrouping.incidentID(forEarliestKey: "e0@corp.example") })
  }

  func testAnUnchangedStoreIsNotAnalysedAgainAndAChangedPolicyIsAnalysedInFull() throws {
    let auditor = Auditor(index: try AuditIndex(), policy: ExposurePolicy(), catalog: try testCatalog())
    let (_, first) = try auditor.scan(paths: [PackagePaths.sample.path])
    XCTAssertEqual(first.mode, .full(.first))
    XCTAssertEqual(try auditor.analyze().mode, .unchanged)
    var stricter = auditor
    stricter.policy = ExposurePolicy(minParties: 3)
    let changed = try stricter.analyze()
    XCTAssertEqual(changed.mode, .full(.inputsChanged))
    XCTAssertLessThan(changed.findings, first.findings)
  }

  /// An index last analysed under older rules (before local parts were
  /// compared in NFC) is analysed in full once, and says why.
  func testAnIndexAnalysedUnderOlderRulesIsAnalysedInFullOnce() throws {
    let index = try AuditIndex()
    let auditor = Auditor(index: index, policy: ExposurePolicy(), catalog: try testCatalog())
    let (_, first) = try auditor.scan(paths: [PackagePaths.sample.path])
    let rows = try Self.analysisRows(index)
    let older = StoreAnalysis.inputsDigest(policy: auditor.policy, catalog: auditor.catalog, rules: "")
    XCTAssertNotEqual(older, StoreAnalysis.inputsDigest(policy: auditor.policy, catalog: auditor.catalog))
    try index.writer.write { db in
      try db.execute(sql: "UPDATE analysisState SET inputsDigest = ?", arguments: [older])
    }
    let again = try auditor.analyze()
    XCTAssertEqual(again.mode, .full(.rulesChanged))
    XCTAssertEqual(again.findings, first.findings)
    XCTAssertEqual(try Self.analysisRows(index), rows)
    XCTAssertEqual(try auditor.analyze().mode, .unchanged)
    var summary = try auditor.summary(scan: nil, analysis: again, reports: [URL]())
    summary.runId = 2  // as after a scan, which prints how it analysed
    XCTAssertTrue(summary.text(try MessageCatalog.english()).contains("reads addresses differently"))
    XCTAssertTrue(summary.jsonLine().contains(#""analysis_reason":"rules-changed""#))
  }

  func testAnIndexFromBeforeIncrementalAnalysisIsAnalysedInFullOnce() throws {
    let folder = try temporaryFolder(self)
    let copy = folder.appendingPathComponent("old.sqlite")
    try FileManager.default.copyItem(
      at: PackagePaths.fixtures.appendingPathComponent("index/main-dc56180.sqlite"), to: copy)
    let auditor = Auditor(index: try AuditIndex(path: copy.path), policy: ExposurePolicy(), catalog: try testCatalog())
    let before = try auditor.index.report().findings.map(\.incidentID)
    let first = try auditor.analyze()
    XCTAssertEqual(first.mode, .full(.first), "old findings have no grouping links")
    XCTAssertEqual(first.findings, 27)
    XCTAssertEqual(try auditor.index.report().findings.map(\.incidentID), before)
    XCTAssertEqual(try auditor.analyze().mode, .unchanged)
  }
}
