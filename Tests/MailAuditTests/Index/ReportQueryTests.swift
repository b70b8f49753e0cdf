import Foundation
import GRDB
import XCTest

@testable import MailAudit

/// What the report queries read back is what was stored.
final class ReportQueryTests: XCTestCase {
  func testAQuotedLocalPartHoldingASemicolonSurvivesTheIndex() throws {
    let folder = try temporaryFolder(self)
    let mbox = folder.appendingPathComponent("Sent.mbox")
    try Data("""
      From s@corp.example Mon Mar  3 00:00:00 2025
      From: s@corp.example
      To: "sales;tokyo"@acme.example, buyer@wonka.example
      Subject: Prices
      Message-ID: <semicolon@corp.example>

      Body.

      """.utf8).write(to: mbox)
    let index = try AuditIndex()
    _ = try Auditor(index: index, policy: ExposurePolicy(), catalog: try testCatalog()).scan(paths: [mbox.path])
    let finding = try XCTUnwrap(try index.report().findings.first)
    XCTAssertEqual(finding.exposedAddresses.sorted(), ["\"sales;tokyo\"@acme.example", "buyer@wonka.example"])
  }

  /// An index on disk holding the sample (run 1) and the hostile mailbox (run 2).
  func indexOnDisk() throws -> AuditIndex {
    let index = try AuditIndex(path: try temporaryFolder(self).appendingPathComponent("index.sqlite").path)
    let auditor = Auditor(index: index, policy: ExposurePolicy(), catalog: try testCatalog())
    _ = try auditor.scan(paths: [PackagePaths.sample.path])
    _ = try auditor.scan(paths: [hostileMailbox.path])
    return index
  }

  func assertSame(_ a: AuditReport, _ b: AuditReport, _ label: String, line: UInt = #line) {
    XCTAssertEqual(a.totals, b.totals, label, line: line)
    XCTAssertEqual(a.findings, b.findings, label, line: line)
    XCTAssertEqual(a.exposedAddresses, b.exposedAddresses, label, line: line)
    XCTAssertEqual(a.incidents, b.incidents, label, line: line)
    XCTAssertEqual(a.problems, b.problems, label, line: line)
    XCTAssertEqual(a.problemsByRun, b.problemsByRun, label, line: line)
    XCTAssertEqual(a.internalDomains.domains, b.internalDomains.domains, label, line: line)
    XCTAssertEqual(a.suffixListSource, b.suffixListSource, label, line: line)
  }

  func testAReportReadOnTwoConnectionsIsTheReportReadInOne() throws {
    let index = try indexOnDisk()
    let zone = try ReportTimeZone(identifier: "Asia/Tokyo")
    for (run, zone) in [(nil, nil), (Int64(2), nil), (nil, zone), (Int64(1), zone)] as [(Int64?, ReportTimeZone?)] {
      let sideBySide = try index.report(newInRun: run, zone: zone, sideBySide: true)
      let inOne = try index.report(newInRun: run, zone: zone, sideBySide: false)
      assertSame(sideBySide, inOne, "run \(run.map(String.init) ?? "all")")
      XCTAssertFalse(inOne.findings.isEmpty)
      XCTAssertFalse(inOne.exposedAddresses.isEmpty)
      if run != 1 { XCTAssertTrue(inOne.exposedAddresses.contains { $0.displayName != nil }, "named addresses") }
    }
  }

  func testBothReadsSeeTheIndexAsItWasWhenTheyBegan() throws {
    let index = try indexOnDisk()
    let pool = try XCTUnwrap(index.writer as? DatabasePool)
    var configuration = Configuration()
    configuration.busyMode = .timeout(10)
    let scan = try DatabaseQueue(path: index.path, configuration: configuration)
    let committed = DispatchSemaphore(value: 0)
    let runs = try XCTUnwrap(
      try index.readSideBySide(
        pool,
        { db -> [Int] in
          let before = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM scanRun") ?? -1
          // Another process commits once both reads have begun.
          try scan.write {
            try $0.execute(sql: "INSERT INTO scanRun (startedAt, status, paths) VALUES ('x', 'running', '')")
          }
          committed.signal()
          return [before, try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM scanRun") ?? -1]
        },
        { db -> Int in
          committed.wait()
          return try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM scanRun") ?? -1
        }))
    XCTAssertEqual(runs.0, [2, 2])
    XCTAssertEqual(runs.1, 2, "the second read began before the commit, so it does not see it")
    XCTAssertEqual(try scan.read { try Int.fetchOne($0, sql: "SELECT COUNT(*) FROM scanRun") }, 3)
  }

  func testWhileAScanHoldsTheWriteLockTheReportIsReadInOneTransaction() throws {
    let index = try indexOnDisk()
    let pool = try XCTUnwrap(index.writer as? DatabasePool)
    let expected = try index.report(newInRun: nil, zone: nil, sideBySide: false)
    let scan = try DatabaseQueue(path: index.path)
    try scan.inDatabase { db in
      try db.execute(sql: "BEGIN IMMEDIATE TRANSACTION")
      defer { try? db.execute(sql: "ROLLBACK") }
      let attempt = try index.readSideBySide(pool, { _ in 1 }, { _ in 2 })
      XCTAssertNil(attempt, "the lock is not waited for")
      assertSame(try index.report(), expected, "while locked")
    }
    // The writer waits for a scan's batch again, as before the attempt.
    XCTAssertEqual(
      try pool.write { try Int.fetchOne($0, sql: "PRAGMA busy_timeout") }, AuditIndex.busyTimeoutMilliseconds)
  }

  func testAddressesNamedOnEveryCoreGetTheirOwnNameAndGuess() {
    // Enough rows for several workers, each case many times in every slice;
    // the guess reads the local part, so a number after the domain makes
    // each address distinct without changing its answer.
    let cases = IdentifiabilityGuessTests.cases
    // Address rows numbered backwards, so a row named by its position
    // instead of its address row gets another row's name.
    var names: [Int64: String] = [:]
    let ids = (0..<6000).map { Int64(6000 - $0) }
    var rows = (0..<6000).map { n -> ExposedAddressRow in
      let c = cases[n % cases.count]
      let address = "\(c.address)\(n)"
      names[ids[n]] = c.name
      return ExposedAddressRow(
        address: address, displayName: nil, party: "p", personal: c.personal, messages: 1, incidents: 1,
        firstExposed: nil, lastExposed: nil, maxExposedTo: 2, identifiesPerson: .unsure,
        identifiabilityReason: .noEvidence)
    }
    AuditIndex.name(&rows, ids: ids, names)
    XCTAssertEqual(rows.count, 6000)
    for (n, row) in rows.enumerated() {
      let c = cases[n % cases.count]
      XCTAssertEqual(row.address, "\(c.address)\(n)")
      XCTAssertEqual(row.displayName, c.name, "row \(n)")
      XCTAssertEqual(row.identifiesPerson, c.answer, "row \(n): \(c.address)")
      XCTAssertEqual(row.identifiabilityReason, c.reason, "row \(n): \(c.address)")
    }
  }

  func testTextThatIsCanonicallyEqualButWrittenDifferentlyStaysTwoEntries() {
    // A local part precomposed and decomposed: one string to Swift's ==,
    // two addresses (or parties) in the index, each reported as stored.
    let precomposed = "jos\u{E9}@example.com"
    let decomposed = "jose\u{301}@example.com"
    XCTAssertEqual(precomposed, decomposed)
    var seen: Set<ExactText> = []
    XCTAssertTrue(seen.insert(ExactText(precomposed)).inserted)
    XCTAssertTrue(seen.insert(ExactText(decomposed)).inserted)
    XCTAssertFalse(seen.insert(ExactText(decomposed)).inserted)
    XCTAssertEqual(Set(seen.map { Array($0.text.utf8) }).count, 2)
  }
}
