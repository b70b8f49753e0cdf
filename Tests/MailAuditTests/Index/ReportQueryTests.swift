import Foundation
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
}
