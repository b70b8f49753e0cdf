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
    let identities = try sent.sqlite.writer.read { db in try String.fetchAll(db, sql: "SELECT identity FROM location") }
    XCTAssertTrue(identities.allSatisfy { $0.hasPrefix(store + "#Top of Personal Folders/Sent Items/") }, "\(identities)")
    // Unchanged: skipped whole on the next scan.
    let (second, _) = try sent.scan(paths: [store])
    XCTAssertEqual(second.counts.newMessages, 0)
    XCTAssertEqual(second.counts.messagesSeen, 0)

    let all = Auditor(index: try AuditIndex(), policy: ExposurePolicy(), catalog: try testCatalog())
    let (every, _) = try all.scan(paths: [store], outlookFolders: .allMailFolders)
    // Sent Items and Inbox hold the same 6 + 8 items; duplicates by
    // Message-ID are one message with two locations.
    XCTAssertEqual(try locations(all.sqlite).count, 14)
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

  func testAGraftedPSTMessageExposingTwoDomainsIsAnIncidentWithVerifiableEvidence() throws {
    // passwordprotectedPST.pst with its To/Cc/Bcc given three domains by
    // derive.py (Tests/Fixtures/README.md).
    let grafted = PackagePaths.fixtures.appendingPathComponent("outlook/pst/graft-three-domains.pst").path
    func auditor() throws -> Auditor {
      Auditor(index: try AuditIndex(), policy: ExposurePolicy(internalDomains: ["sender.com"]), catalog: try testCatalog())
    }
    // Not in Sent Items: only --all-folders reads it. (An unchanged store
    // is skipped on a rescan into the same index, so each mode gets its own.)
    XCTAssertEqual(try auditor().scan(paths: [grafted]).1.findings, 0)
    let auditor = try auditor()
    let (_, analysis) = try auditor.scan(paths: [grafted], outlookFolders: .allMailFolders)
    XCTAssertEqual(analysis.findings, 1)
    let incident = try XCTUnwrap(try auditor.index.incidents().first)
    XCTAssertEqual(incident.people, 2, "the Bcc recipient is not exposed")
    let detail = try XCTUnwrap(try auditor.index.incidentDetail(id: incident.id))
    let folder = try temporaryFolder(self).appendingPathComponent("evidence")
    let manifest = try EvidenceSetWriter().write(detail, into: folder)
    XCTAssertEqual(manifest.messages.count, 1)
    XCTAssertTrue(manifest.messages[0].file.hasSuffix(".pstnode"), manifest.messages[0].file)
    XCTAssertTrue(try EvidenceVerifier().verify(folder, sources: true).allMatch)
  }
  // The same message as .msg and as .eml: OutlookFormsTests.
}
