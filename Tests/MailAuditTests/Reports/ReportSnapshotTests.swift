import Foundation
import XCTest

@testable import MailAudit

/// Every report of the sample and the hostile mailbox, byte for byte against
/// Tests/Fixtures/reports/. A change in output shows in review as a diff of
/// those files: re-record with `RECORD_SNAPSHOTS=1 swift test --filter
/// ReportSnapshotTests` (the run then fails, so a re-record is never silent).
final class ReportSnapshotTests: XCTestCase {
  static let folder = PackagePaths.fixtures.appendingPathComponent("reports")
  let options = ReportOptions(generatedAt: "2025-04-01T00:00:00+00:00")

  /// The report with its run times fixed (they are the wall clock).
  func report(_ mailbox: URL) throws -> AuditReport {
    let (index, _) = try auditedIndex(mailbox)
    var report = try index.report()
    report.problemsByRun = report.problemsByRun.map { var p = $0; p.startedAt = "2025-04-01T00:00:00+00:00"; return p }
    return report
  }

  func assertSnapshot(_ bytes: [UInt8], _ name: String, file: StaticString = #filePath, line: UInt = #line) throws {
    let url = Self.folder.appendingPathComponent(name)
    let actual = portable(bytes)
    if ProcessInfo.processInfo.environment["RECORD_SNAPSHOTS"] != nil {
      try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
      try Data(actual.utf8).write(to: url)
      XCTFail("recorded \(name); run again without RECORD_SNAPSHOTS", file: file, line: line)
      return
    }
    guard let expected = try? String(contentsOf: url, encoding: .utf8) else {
      XCTFail("no snapshot \(name); record it with RECORD_SNAPSHOTS=1", file: file, line: line)
      return
    }
    if expected != actual {
      let failed = url.appendingPathExtension("actual")
      try? Data(actual.utf8).write(to: failed)
      XCTFail("\(name) differs from its snapshot; the output is in \(failed.path)", file: file, line: line)
    }
  }

  func testSampleReportsMatchTheirSnapshots() throws {
    let report = try report(PackagePaths.sample)
    try assertSnapshot(try FindingsCSV().render(report, options: options), "sample/findings.csv")
    try assertSnapshot(try ExposedAddressesCSV().render(report, options: options), "sample/exposed-addresses.csv")
    try assertSnapshot(try FindingsJSONL().render(report, options: options), "sample/findings.jsonl")
    try assertSnapshot(try IncidentsJSONL().render(report, options: options), "sample/incidents.jsonl")
    try assertSnapshot(try SummaryHTML().render(report, options: options), "sample/summary.html")
  }

  func testMaskedSampleReportsMatchTheirSnapshots() throws {
    let report = try report(PackagePaths.sample).masked(by: AddressMask(key: Array(0..<32)))
    try assertSnapshot(try FindingsCSV().render(report, options: options), "sample-masked/findings.csv")
    try assertSnapshot(try SummaryHTML().render(report, options: options), "sample-masked/summary.html")
  }

  func testHostileReportsMatchTheirSnapshots() throws {
    let report = try report(hostileMailbox)
    try assertSnapshot(try FindingsCSV().render(report, options: options), "hostile/findings.csv")
    try assertSnapshot(try ExposedAddressesCSV().render(report, options: options), "hostile/exposed-addresses.csv")
    try assertSnapshot(try FindingsJSONL().render(report, options: options), "hostile/findings.jsonl")
    try assertSnapshot(try SummaryHTML().render(report, options: options), "hostile/summary.html")
  }
}
