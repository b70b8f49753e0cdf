import MailParsing
import XCTest

@testable import MailAudit

/// Parsing split across cores gives exactly what one thread gives, in order.
final class ParallelParsingTests: XCTestCase {
  func describe(_ messages: [ScannedMessage]) -> [String] {
    messages.map { scanned in
      let m = scanned.message
      return [
        m.key, scanned.location.identity, scanned.headerSHA256, m.subject ?? "", m.sender ?? "",
        m.recipients.map { "\($0.address)|\($0.displayName ?? "")" }.joined(separator: ","),
      ].joined(separator: "\t")
    }
  }

  func describe(_ problems: [Problem]) -> [String] {
    problems.map { "\($0.kind)|\($0.file)|\($0.offset.map(String.init) ?? "-")|\($0.detail)" }
  }

  func testParallelParsingMatchesOneThreadOnTheSampleAndHostileMailboxes() throws {
    for mailbox in [PackagePaths.sample, PackagePaths.fixtures.appendingPathComponent("hostile/hostile.mbox")] {
      var raws: [RawMessage] = []
      try MboxReader(path: mailbox.path).forEachEvent { event in
        if case .message(let raw) = event { raws.append(raw) }
      }
      // Repeat the messages so every worker gets a share, each copy at
      // offsets of its own, so that results out of order would differ.
      let many = (0..<8).flatMap { copy in
        raws.map { raw in
          var raw = raw
          raw.location.offset += UInt64(copy) << 32
          return raw
        }
      }
      XCTAssertGreaterThan(many.count, 64)
      let parallel = ScanDriver.readAll(many)
      let serial = many.map(ScanDriver.read)
      XCTAssertEqual(describe(parallel.messages), describe(serial.map(\.0)), mailbox.lastPathComponent)
      // The problems come in the order of their messages, whichever core
      // read each (the hostile mailbox has some in every copy).
      if mailbox.lastPathComponent == "hostile.mbox" { XCTAssertFalse(parallel.problems.isEmpty) }
      XCTAssertEqual(describe(parallel.problems), describe(serial.flatMap(\.1)), mailbox.lastPathComponent)
    }
  }
}
