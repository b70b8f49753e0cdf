import Foundation
import GRDB
import MailParsing
import XCTest

@testable import MailAudit

/// An Outlook store through the whole scan: discovery by content, Sent Items
/// by default, every mail folder on request, incremental rescans and
/// evidence hashes of its messages.
final class PSTScanTests: XCTestCase {
  let store = PackagePaths.fixtures.appendingPathComponent("outlook/pst/Outlook_1.pst").path

  func locations(_ index: AuditIndex) throws -> [EvidenceLocation] {
    try index.writer.read { db in
      try Row.fetchAll(db, sql: "SELECT format, mailbox, file, offset, length FROM location ORDER BY offset")
        .map { EvidenceLocation(format: $0["format"], mailbox: $0["mailbox"], file: $0["file"], offset: $0["offset"], length: $0["length"]) }
    }
  }

  func testAPSTScansItsSentItemsByDefaultAndEveryMailFolderWithAllFolders() throws {
    let sent = Auditor(index: try AuditIndex(), policy: ExposurePolicy(), catalog: try testCatalog())
    let (first, _) = try sent.scan(paths: [store])
    XCTAssertEqual(first.counts.newMessages, 6)
    let identities = try sent.index.writer.read { db in try String.fetchAll(db, sql: "SELECT identity FROM location") }
    XCTAssertTrue(identities.allSatisfy { $0.hasPrefix(store + "#Top of Personal Folders/Sent Items/") }, "\(identities)")
    // Unchanged: skipped whole on the next scan.
    let (second, _) = try sent.scan(paths: [store])
    XCTAssertEqual(second.counts.newMessages, 0)
    XCTAssertEqual(second.counts.messagesSeen, 0)

    let all = Auditor(index: try AuditIndex(), policy: ExposurePolicy(), catalog: try testCatalog())
    let (every, _) = try all.scan(paths: [store], outlookFolders: .allMailFolders)
    // Sent Items and Inbox hold the same 6 + 8 items; duplicates by
    // Message-ID are one message with two locations.
    XCTAssertEqual(try locations(all.index).count, 14)
    XCTAssertGreaterThanOrEqual(every.counts.newMessages, 6)
  }

  func testEvidenceHashesOfPSTMessagesAreStableAndDiffer() throws {
    let index = try AuditIndex()
    _ = try Auditor(index: index, policy: ExposurePolicy(), catalog: try testCatalog()).scan(paths: [store])
    let found = try locations(index)
    XCTAssertEqual(found.map(\.format), Array(repeating: "pst", count: 6))
    let digests = try found.map { try EvidenceReader().digest(of: $0).get().sha256 }
    XCTAssertEqual(Set(digests).count, 6, "each message hashes to its own digest")
    XCTAssertEqual(try found.map { try EvidenceReader().digest(of: $0).get().sha256 }, digests)
  }
}
