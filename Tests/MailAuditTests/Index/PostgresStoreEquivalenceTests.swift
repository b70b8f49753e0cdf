import Foundation
import XCTest

@testable import MailAudit

/// The same mail scanned and analysed into a SQLite and a PostgreSQL index
/// reads back the same through every AuditStore call a report, an incident,
/// a look-up or the console makes.
final class PostgresStoreEquivalenceTests: XCTestCase {
  /// The sample scanned (in batches of 10, so several transactions) and
  /// analysed into both stores by the scan driver and the analysis.
  func scanned() throws -> (sqlite: AuditIndex, postgres: PostgresIndex) {
    let cluster = try PostgresCluster.start(for: self)
    let postgres = try PostgresIndex(
      address: try PostgresIndexAddress(
        url: "postgresql://postgres@/postgres?host=\(cluster.socketFolder)&port=\(cluster.port)", environment: [:]))
    let sqlite = try AuditIndex()
    let catalog = try testCatalog()
    for store in [sqlite, postgres] as [any AuditStore] {
      let scan = try ScanDriver(index: store, catalog: catalog, batchSize: 10).scan(paths: [PackagePaths.sample.path])
      try StoreAnalysis(policy: ExposurePolicy(), catalog: catalog).run(on: store, runId: scan.runId)
      try store.recordOwner("alice", mailbox: PackagePaths.sample.path, runId: scan.runId)
    }
    return (sqlite, postgres)
  }

  func testTheSampleGivesTheSameReportIncidentDetailAndLookupOnBothStores() throws {
    let (sqlite, postgres) = try scanned()
    for zone in [nil, ReportTimeZone.utc] {
      let expected = try sqlite.report(zone: zone)
      let actual = try postgres.report(zone: zone)
      // The sample has findings, incidents and display names to compare.
      XCTAssertGreaterThan(expected.findings.count, 5)
      XCTAssertGreaterThan(expected.incidents.count, 1)
      XCTAssertTrue(expected.exposedAddresses.contains { $0.displayName != nil })
      XCTAssertEqual(actual.findings, expected.findings)
      XCTAssertEqual(actual.exposedAddresses, expected.exposedAddresses)
      XCTAssertEqual(actual.incidents, expected.incidents)
      XCTAssertEqual(actual.totals, expected.totals)
      XCTAssertEqual(actual.problems, expected.problems)
      XCTAssertEqual(actual.internalDomains, expected.internalDomains)
      XCTAssertEqual(actual.suffixListSource, expected.suffixListSource)
      // Run start times differ between the two scans; what was counted does not.
      XCTAssertEqual(
        actual.problemsByRun.map { "\($0.runId) \($0.kind) \($0.count)" },
        expected.problemsByRun.map { "\($0.runId) \($0.kind) \($0.count)" })
    }
    XCTAssertEqual(try postgres.totals(), try sqlite.totals())
    XCTAssertEqual(try postgres.incidents(), try sqlite.incidents())
    let run = try XCTUnwrap(try sqlite.latestRunId())
    XCTAssertEqual(try postgres.latestRunId(), run)
    let (pgNew, sqliteNew) = (try postgres.newInRun(run), try sqlite.newInRun(run))
    XCTAssertEqual([pgNew.findings, pgNew.incidents], [sqliteNew.findings, sqliteNew.incidents])
    XCTAssertEqual(pgNew.worst, sqliteNew.worst)
    XCTAssertEqual(try postgres.report(newInRun: run).findings, try sqlite.report(newInRun: run).findings)
    XCTAssertEqual(
      try postgres.report(newInRun: run).exposedAddresses, try sqlite.report(newInRun: run).exposedAddresses)

    let largest = try XCTUnwrap(try sqlite.incidents().first)
    let detail = try XCTUnwrap(try sqlite.incidentDetail(id: largest.id))
    XCTAssertEqual(try postgres.incidentDetail(id: largest.id), detail)
    XCTAssertEqual(try postgres.incidentDetail(id: largest.id, zone: .utc), try sqlite.incidentDetail(id: largest.id, zone: .utc))
    XCTAssertNil(try postgres.incidentDetail(id: "no-such-incident"))

    let named = try XCTUnwrap(try sqlite.report().exposedAddresses.first { $0.displayName != nil })
    let lookup = try sqlite.lookup(address: named.address)
    XCTAssertFalse(lookup.messages.isEmpty)
    XCTAssertEqual(lookup.displayName, named.displayName)
    XCTAssertEqual(try postgres.lookup(address: named.address), lookup)
    XCTAssertEqual(try postgres.lookup(address: "nobody@nowhere.example"), try sqlite.lookup(address: "nobody@nowhere.example"))
  }

  func testFollowUpsTheirTrailOwnersAndRunsReadBackAlikeOnBothStores() throws {
    let (sqlite, postgres) = try scanned()
    let incident = try XCTUnwrap(try sqlite.incidents().first)
    let person = try XCTUnwrap(try sqlite.incidentDetail(id: incident.id)?.persons.first)
    let actor = FollowUpActor(user: "officer", source: .console)
    let records = [
      FollowUpRecord(incidentID: incident.id, address: person.address, status: .asked, note: "mailed"),
      FollowUpRecord(incidentID: incident.id, address: person.address, status: .deleted),
    ]
    for store in [sqlite, postgres] as [any AuditStore] {
      for record in records { try store.recordFollowUps([record], by: actor) }
      // All or none: a stranger in the list leaves the trail as it was.
      XCTAssertThrowsError(
        try store.recordFollowUps(
          [
            FollowUpRecord(incidentID: incident.id, address: person.address, status: .noAnswer),
            FollowUpRecord(incidentID: incident.id, address: "stranger@nowhere.example", status: .asked),
          ], by: actor))
      XCTAssertThrowsError(
        try store.recordFollowUps([FollowUpRecord(incidentID: "no-such-incident", address: "a@b.example", status: .asked)]))
    }
    XCTAssertEqual(try postgres.incidentDetail(id: incident.id), try sqlite.incidentDetail(id: incident.id))
    XCTAssertEqual(try postgres.incidentDetail(id: incident.id)?.followUps.deleted, 1)
    func withoutTime(_ trail: [FollowUpChange]) -> [String] {
      trail.map { "\($0.id) \($0.address) \(String(describing: $0.oldStatus)) \($0.newStatus) \($0.note ?? "-") \($0.changedBy) \($0.source)" }
    }
    let trail = try sqlite.followUpTrail(incidentID: incident.id)
    XCTAssertEqual(trail.count, 2)
    XCTAssertEqual(withoutTime(try postgres.followUpTrail(incidentID: incident.id)), withoutTime(trail))

    XCTAssertEqual(try postgres.owners(), ["alice"])
    XCTAssertEqual(try postgres.organisationTotals(), try sqlite.organisationTotals())
    let (pgScope, sqliteScope) = (try postgres.ownerScope("alice"), try sqlite.ownerScope("alice"))
    XCTAssertEqual(pgScope.mailboxes, sqliteScope.mailboxes)
    XCTAssertEqual(pgScope.messageKeys, sqliteScope.messageKeys)
    XCTAssertEqual(pgScope.locations, sqliteScope.locations)
    XCTAssertEqual(pgScope.largestAudience, sqliteScope.largestAudience)
    XCTAssertEqual(pgScope.suppressedByGroup, sqliteScope.suppressedByGroup)
    XCTAssertEqual(pgScope.problems, sqliteScope.problems)
    XCTAssertEqual(try postgres.ownerScope("nobody").messageKeys, [])

    func withoutTimes(_ runs: [ScanRunRow]) -> [String] {
      runs.map { "\($0.id) \($0.status) \($0.paths) \($0.messagesSeen) \($0.newMessages) \($0.duplicates) \($0.bytesRead)" }
    }
    XCTAssertEqual(withoutTimes(try postgres.scanRuns()), withoutTimes(try sqlite.scanRuns()))
    let catalog = try testCatalog()
    XCTAssertEqual(try postgres.inferredInternalDomains(catalog: catalog), try sqlite.inferredInternalDomains(catalog: catalog))
  }

  func testTheMaskingKeyIsMadeOnceAndKeptAcrossConnections() throws {
    let cluster = try PostgresCluster.start(for: self)
    let url = "postgresql://postgres@/postgres?host=\(cluster.socketFolder)&port=\(cluster.port)"
    let first = try PostgresIndex(address: try PostgresIndexAddress(url: url, environment: [:]))
    let second = try PostgresIndex(address: try PostgresIndexAddress(url: url, environment: [:]))
    let token = try first.addressMask().mask("hanako@example.jp")
    XCTAssertEqual(try second.addressMask().mask("hanako@example.jp"), token)
    XCTAssertNotEqual(try AuditIndex().addressMask().mask("hanako@example.jp"), token)
  }

  func testAScanLeaseOnPostgreSQLLetsAnotherScannerIn() throws {
    let cluster = try PostgresCluster.start(for: self)
    let url = "postgresql://postgres@/postgres?host=\(cluster.socketFolder)&port=\(cluster.port)"
    let first = try PostgresIndex(address: try PostgresIndexAddress(url: url, environment: [:]))
    let second = try PostgresIndex(address: try PostgresIndexAddress(url: url, environment: [:]))
    let lease = try first.lockForScan()
    XCTAssertNoThrow(try withExtendedLifetime(lease) { try second.lockForScan() })
  }

  /// Real mail from other projects (the fixtures' copies and, when present,
  /// the shared corpora: broken headers, odd charsets, groups, duplicates)
  /// gives the same report, byte for byte in every format, on both stores.
  func testEveryCorpusGivesTheSameReportsByteForByteOnBothStores() throws {
    let cluster = try PostgresCluster.start(for: self)
    var roots = [PackagePaths.fixtures]
    if FileManager.default.fileExists(atPath: PackagePaths.corpora.path) {
      roots.append(PackagePaths.corpora)
    } else {
      print("PostgresStoreEquivalenceTests: ../shared/corpora is absent; comparing only Tests/Fixtures")
    }
    let catalog = try testCatalog()
    for (n, root) in roots.enumerated() {
      let database = "corpus\(n)"
      _ = try cluster.psql("CREATE DATABASE \(database)")
      let postgres = try PostgresIndex(
        address: try PostgresIndexAddress(
          url: "postgresql://postgres@/\(database)?host=\(cluster.socketFolder)&port=\(cluster.port)", environment: [:]))
      let sqlite = try AuditIndex()
      for store in [sqlite, postgres] as [any AuditStore] {
        let scan = try ScanDriver(index: store, catalog: catalog, batchSize: 50).scan(paths: [root.path])
        try StoreAnalysis(policy: ExposurePolicy(), catalog: catalog).run(on: store, runId: scan.runId)
      }
      let expected = try sqlite.report(zone: .utc)
      var actual = try postgres.report(zone: .utc)
      // The two scans started at different times; what they counted may not differ.
      XCTAssertEqual(
        actual.problemsByRun.map { "\($0.runId) \($0.kind) \($0.count)" },
        expected.problemsByRun.map { "\($0.runId) \($0.kind) \($0.count)" }, root.path)
      actual.problemsByRun = expected.problemsByRun
      XCTAssertGreaterThan(expected.totals.messages, 50, root.path)
      XCTAssertGreaterThan(expected.findings.count, 3, root.path)
      XCTAssertFalse(expected.problems.isEmpty, "\(root.path) has broken mail to record")
      XCTAssertEqual(actual.totals, expected.totals, root.path)
      let options = ReportOptions(generatedAt: "2026-01-01T00:00:00Z")
      for writer in Auditor.writers.values.joined() {
        // The summary names its index; everything else must match as is.
        func bytes(_ report: AuditReport) throws -> String {
          String(decoding: try writer.render(report, options: options), as: UTF8.self)
            .replacingOccurrences(of: HTMLText.escape(report.indexPath), with: "INDEX")
        }
        let (want, got) = (try bytes(expected), try bytes(actual))
        XCTAssertEqual(got, want, "\(writer.fileName) of \(root.path)")
      }
    }
  }
}

/// Scanners sharing a PostgreSQL index read each source one at a time.
final class PostgresSourceLockTests: XCTestCase {
  func open(_ cluster: PostgresCluster) throws -> PostgresIndex {
    try PostgresIndex(
      address: try PostgresIndexAddress(
        url: "postgresql://postgres@/postgres?host=\(cluster.socketFolder)&port=\(cluster.port)", environment: [:]))
  }

  func testASecondScannerWaitsForTheSourceUntilTheFirstLetsGo() throws {
    let cluster = try PostgresCluster.start(for: self)
    let (first, second) = (try open(cluster), try open(cluster))
    var held: ScanLease? = try first.lockSource("/srv/mail/alice/Sent")
    let otherSource = try second.lockSource("/srv/mail/bob/Sent")  // another source: no wait
    let acquired = expectation(description: "the second scanner holds alice's source")
    let releasedAt = Date().addingTimeInterval(0.5)
    let gotAt = ThreadSafeList()
    DispatchQueue.global().async {
      let lease = try? second.lockSource("/srv/mail/alice/Sent")
      gotAt.add(["\(Date().timeIntervalSince(releasedAt) >= 0) \(lease != nil)"])
      acquired.fulfill()
    }
    Thread.sleep(until: releasedAt)
    held = nil
    wait(for: [acquired], timeout: 10)
    XCTAssertNil(held)
    XCTAssertEqual(gotAt.all, ["true true"])
    withExtendedLifetime(otherSource) {}
  }

  func testTwoScannersOfTheSameMailboxAtOnceStoreItOnceAndTheSecondReadsNothingNew() throws {
    let cluster = try PostgresCluster.start(for: self)
    let scanners = [try open(cluster), try open(cluster)]
    let catalog = try testCatalog()
    let results = ThreadSafeList()
    DispatchQueue.concurrentPerform(iterations: 2) { n in
      do {
        let scan = try ScanDriver(index: scanners[n], catalog: catalog, batchSize: 5).scan(paths: [PackagePaths.sample.path])
        results.add(["\(scan.counts.messagesSeen) \(scan.counts.newMessages) \(scan.counts.duplicates)"])
      } catch {
        results.add(["error: \(error)"])
      }
    }
    // One scanner read the mailbox; the other waited, then found it read.
    XCTAssertEqual(results.all.sorted(), ["0 0 0", "34 33 1"])
    XCTAssertEqual(try cluster.psql("SELECT count(*) FROM message"), "33")
    XCTAssertEqual(try cluster.psql("SELECT count(*) FROM location"), "34")
    XCTAssertEqual(try cluster.psql("SELECT string_agg(status, ',') FROM scanRun"), "completed,completed")
  }
}

/// The README's least-rights set-up: an administrator makes the tables, a
/// scanner's role that may only read and write rows does everything else.
final class PostgresLeastRightsTests: XCTestCase {
  func testAScannerRoleWithRowRightsOnlyScansAnalysesAndReports() throws {
    let cluster = try PostgresCluster.start(for: self)
    func url(_ user: String) -> String {
      "postgresql://\(user)@/audit?host=\(cluster.socketFolder)&port=\(cluster.port)"
    }
    try cluster.psql("CREATE DATABASE audit")
    // PostgreSQL 15 lets no one but the owner create in `public`; say so for older servers.
    try cluster.psql("REVOKE CREATE ON SCHEMA public FROM PUBLIC", database: "audit")
    _ = try PostgresIndex(address: try PostgresIndexAddress(url: url("postgres"), environment: [:]))
    try cluster.psql(
      """
      CREATE ROLE scanner LOGIN;
      GRANT CONNECT ON DATABASE audit TO scanner;
      GRANT USAGE ON SCHEMA public TO scanner;
      GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO scanner;
      GRANT USAGE ON ALL SEQUENCES IN SCHEMA public TO scanner;
      """, database: "audit")
    let scanner = try PostgresIndex(address: try PostgresIndexAddress(url: url("scanner"), environment: [:]))
    let catalog = try testCatalog()
    let scan = try ScanDriver(index: scanner, catalog: catalog).scan(paths: [PackagePaths.sample.path])
    let outcome = try StoreAnalysis(policy: ExposurePolicy(), catalog: catalog).run(on: scanner, runId: scan.runId)
    XCTAssertGreaterThan(outcome.findings, 0)
    XCTAssertEqual(try scanner.report().findings.count, outcome.findings)
    XCTAssertThrowsError(try cluster.psql("DROP TABLE finding", user: "scanner", database: "audit"))
  }
}

/// Many scanners at once give what one scanner gives.
final class PostgresConcurrentScanTests: XCTestCase {
  /// The sample cut into `parts` mbox files, message by message in turn.
  static func splitSample(into parts: Int, in folder: URL) throws -> [String] {
    let text = try String(contentsOf: PackagePaths.sample, encoding: .utf8)
    var messages: [[Substring]] = []
    var previousBlank = true
    for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
      if line.hasPrefix("From ") && previousBlank { messages.append([]) }
      if !messages.isEmpty { messages[messages.count - 1].append(line) }
      previousBlank = line.isEmpty
    }
    var files = [String](repeating: "", count: parts)
    for (i, message) in messages.enumerated() { files[i % parts] += message.joined(separator: "\n") + "\n" }
    return try files.enumerated().map { n, content in
      let file = folder.appendingPathComponent("part\(n).mbox")
      try Data(content.utf8).write(to: file)
      return file.path
    }
  }

  func testFourScannersOverFourPartsAtOnceGiveWhatOneScannerGivesOverTheWhole() throws {
    let cluster = try PostgresCluster.start(for: self)
    let url = "postgresql://postgres@/postgres?host=\(cluster.socketFolder)&port=\(cluster.port)"
    let parts = try Self.splitSample(into: 4, in: try temporaryFolder(self))
    let catalog = try testCatalog()
    let scanners = try parts.map { _ in try PostgresIndex(address: try PostgresIndexAddress(url: url, environment: [:])) }
    let failures = ThreadSafeList()
    DispatchQueue.concurrentPerform(iterations: parts.count) { n in
      do {
        _ = try ScanDriver(index: scanners[n], catalog: catalog, batchSize: 3).scan(paths: [parts[n]])
      } catch {
        failures.add(["\(error)"])
      }
    }
    XCTAssertEqual(failures.all, [])
    let postgres = scanners[0]
    try StoreAnalysis(policy: ExposurePolicy(), catalog: catalog).run(on: postgres, runId: nil)
    let sqlite = try AuditIndex()
    _ = try ScanDriver(index: sqlite, catalog: catalog, batchSize: 3).scan(paths: parts)
    try StoreAnalysis(policy: ExposurePolicy(), catalog: catalog).run(on: sqlite, runId: nil)

    let (expected, actual) = (try sqlite.report(), try postgres.report())
    XCTAssertEqual(expected.totals.messages, 33)
    XCTAssertEqual(actual.totals, expected.totals)
    XCTAssertEqual(actual.findings, expected.findings)
    XCTAssertEqual(actual.exposedAddresses, expected.exposedAddresses)
    XCTAssertEqual(actual.incidents, expected.incidents)
    XCTAssertEqual(actual.problems, expected.problems)
    XCTAssertEqual(try cluster.psql("SELECT string_agg(status, ',') FROM scanRun"), "completed,completed,completed,completed")
  }
}
