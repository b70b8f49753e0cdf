import MailParsing
import XCTest

@testable import MailAudit

/// Parsing split across cores gives exactly what one thread gives, in order.
final class ParallelParsingTests: XCTestCase {
  func describe(_ results: [(ScannedMessage, [Problem])]) -> [String] {
    results.map { scanned, problems in
      let m = scanned.message
      return [
        m.key, scanned.location.identity, scanned.headerSHA256, m.subject ?? "", m.sender ?? "",
        m.recipients.map { "\($0.address)|\($0.displayName ?? "")" }.joined(separator: ","),
        problems.map { "\($0.kind)|\($0.detail)" }.joined(separator: ","),
      ].joined(separator: "\t")
    }
  }

  func testParallelParsingMatchesOneThreadOnTheSampleAndHostileMailboxes() throws {
    for mailbox in [PackagePaths.sample, PackagePaths.fixtures.appendingPathComponent("hostile/hostile.mbox")] {
      var raws: [RawMessage] = []
      try MboxReader(path: mailbox.path).forEachEvent { event in
        if case .message(let raw) = event { raws.append(raw) }
      }
      // Repeat the messages so every worker gets a share.
      let many = Array(repeating: raws, count: 8).flatMap { $0 }
      XCTAssertGreaterThan(many.count, 64)
      XCTAssertEqual(describe(ScanDriver.readAll(many)), describe(many.map(ScanDriver.read)), mailbox.lastPathComponent)
    }
  }
}
