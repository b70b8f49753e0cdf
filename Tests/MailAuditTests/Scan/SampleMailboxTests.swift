import Foundation
import XCTest

@testable import MailAudit

/// The sample mailbox the README audits gives exactly the findings its
/// generator computed independently (Samples/expected.json).
final class SampleMailboxTests: XCTestCase {
  struct Expected: Decodable {
    struct Finding: Decodable {
      var message_id: String?
      var subject: String
      var severity: String
      var reply: Bool
      var visible_recipients: Int
      var external_recipients: Int
      var parties: Int
      var personal: Int
      var exposed_addresses: [String]
      var date: String?
      var sender: String
    }
    struct Incident: Decodable {
      var message_ids: [String?]
      var exposed_addresses: Int
      var personal: Int
      var parties: Int
    }
    var messages_total: Int
    var locations_total: Int
    var inferred_internal_domains: [String]
    var unparseable_addresses: Int
    var findings: [Finding]
    var incidents: [Incident]
  }

  func audit(_ path: URL) throws -> AuditReport {
    let index = try AuditIndex()
    let auditor = Auditor(index: index, policy: ExposurePolicy(), catalog: try testCatalog())
    _ = try auditor.scan(paths: [path.path])
    return try index.report()
  }

  func expected() throws -> Expected {
    try JSONDecoder().decode(Expected.self, from: Data(contentsOf: PackagePaths.sampleExpected))
  }

  func testSampleFindingsMatchTheIndependentModel() throws {
    let report = try audit(PackagePaths.sample)
    let expected = try expected()
    XCTAssertEqual(report.totals.messages, expected.messages_total)
    XCTAssertEqual(report.totals.locations, expected.locations_total)
    XCTAssertEqual(report.internalDomains.domains, expected.inferred_internal_domains)
    XCTAssertTrue(report.internalDomains.inferred)
    XCTAssertEqual(report.findings.count, expected.findings.count)
    for e in expected.findings {
      guard let f = report.findings.first(where: { e.message_id != nil ? $0.messageID == e.message_id : $0.subject == e.subject }) else {
        XCTFail("missing finding \(e.message_id ?? e.subject)")
        continue
      }
      let id = e.message_id ?? e.subject
      XCTAssertEqual(f.severity.rawValue, e.severity, id)
      XCTAssertEqual(f.reply, e.reply, id)
      XCTAssertEqual(f.visibleRecipients, e.visible_recipients, id)
      XCTAssertEqual(f.externalRecipients, e.external_recipients, id)
      XCTAssertEqual(f.parties, e.parties, id)
      XCTAssertEqual(f.personal, e.personal, id)
      XCTAssertEqual(f.exposedAddresses.sorted(), e.exposed_addresses.sorted(), id)
      XCTAssertEqual(f.date, e.date, id)
      XCTAssertEqual(f.sender, e.sender, id)
    }
  }

  func testSampleIncidentsMatchTheIndependentModel() throws {
    let report = try audit(PackagePaths.sample)
    let expected = try expected()
    let keyOfSubjectOnly = report.findings.first { $0.messageID == nil }?.messageKey
    let got = Set(report.incidents.map { incident in
      Set(report.findings.filter { $0.incidentID == incident.id }.map { $0.messageID ?? "nil" })
    })
    let want = Set(expected.incidents.map { Set($0.message_ids.map { $0 ?? "nil" }) })
    XCTAssertNotNil(keyOfSubjectOnly)
    XCTAssertEqual(got, want)
    for e in expected.incidents {
      let ids = Set(e.message_ids.map { $0 ?? "nil" })
      guard let incident = report.incidents.first(where: { incident in
        Set(report.findings.filter { $0.incidentID == incident.id }.map { $0.messageID ?? "nil" }) == ids
      }) else { continue }
      XCTAssertEqual(incident.people, e.exposed_addresses)
      XCTAssertEqual(incident.personal, e.personal)
      XCTAssertEqual(incident.parties, e.parties)
    }
  }

  func testUnreadableAddressIsCountedNotDropped() throws {
    let report = try audit(PackagePaths.sample)
    let unreadable = report.problems.filter { $0.kind == "unparseableAddress" }
    XCTAssertEqual(unreadable.count, try expected().unparseable_addresses)
    XCTAssertTrue(unreadable.allSatisfy { $0.offset != nil && $0.file.hasSuffix("Sent.mbox") })
  }

  func testMboxAndMaildirGiveIdenticalFindings() throws {
    let folder = try temporaryFolder(self).appendingPathComponent("Sent")
    try writeMaildir(from: PackagePaths.sample, to: folder)
    let fromMbox = try audit(PackagePaths.sample)
    let fromMaildir = try audit(folder)
    func comparable(_ r: AuditReport) -> [String] {
      r.findings.map {
        [$0.messageKey, $0.date ?? "", $0.severity.rawValue, "\($0.reply)", "\($0.externalRecipients)", "\($0.parties)",
          "\($0.personal)", $0.exposedAddresses.joined(separator: ";"), $0.incidentID].joined(separator: "|")
      }.sorted()
    }
    XCTAssertEqual(fromMaildir.findings.count, fromMbox.findings.count)
    XCTAssertEqual(comparable(fromMaildir), comparable(fromMbox))
  }

  func testScanningChangesNoMailboxByte() throws {
    let folder = try temporaryFolder(self)
    let mbox = folder.appendingPathComponent("Sent.mbox")
    try FileManager.default.copyItem(at: PackagePaths.sample, to: mbox)
    let maildir = folder.appendingPathComponent("Maildir")
    try writeMaildir(from: PackagePaths.sample, to: maildir)
    let before = try checksums(of: folder)
    _ = try audit(folder)
    _ = try audit(mbox)
    _ = try audit(maildir)
    XCTAssertEqual(try checksums(of: folder), before)
  }

  func testRescanAddsNothingAndAnotherPathIsOnlyNewLocations() throws {
    let folder = try temporaryFolder(self)
    let copy = folder.appendingPathComponent("Copy.mbox")
    try FileManager.default.copyItem(at: PackagePaths.sample, to: copy)
    let index = try AuditIndex()
    let auditor = Auditor(index: index, policy: ExposurePolicy(), catalog: try testCatalog())
    let (first, _) = try auditor.scan(paths: [PackagePaths.sample.path])
    let idsBefore = try index.report().incidents.map(\.id)
    let (again, analysis) = try auditor.scan(paths: [PackagePaths.sample.path])
    XCTAssertEqual(first.counts.messagesSeen, 34)
    XCTAssertEqual(again.counts.newMessages, 0)
    XCTAssertEqual(again.counts.messagesSeen, 0, "an unchanged mbox is not read again")
    XCTAssertEqual(again.counts.bytesRead, 0)
    XCTAssertEqual(analysis.newFindings, 0)
    let (elsewhere, _) = try auditor.scan(paths: [copy.path])
    XCTAssertEqual(elsewhere.counts.newMessages, 0)
    XCTAssertEqual(elsewhere.counts.duplicates, elsewhere.counts.messagesSeen)
    XCTAssertEqual(try index.report().incidents.map(\.id), idsBefore)
    XCTAssertEqual(try index.integrityCheck(), "ok")
  }
}
