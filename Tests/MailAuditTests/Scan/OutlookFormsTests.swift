import Foundation
import XCTest

@testable import MailAudit
@testable import MailParsing

/// One message in Outlook's forms and as an `.eml` gives one finding.
final class OutlookFormsTests: XCTestCase {
  func findings(_ path: URL) throws -> [String] {
    let index = try AuditIndex()
    let auditor = Auditor(index: index, policy: ExposurePolicy(internalDomains: ["corp.example"]), catalog: try testCatalog())
    _ = try auditor.scan(paths: [path.path])
    return try index.report().findings.map {
      [
        // The same instant: Outlook keeps it in UTC, the header in the sender's zone.
        $0.messageID ?? "", String($0.dateEpoch ?? 0), $0.severity.rawValue, String($0.parties), String($0.personal),
        String($0.externalRecipients), $0.exposedAddresses.sorted().joined(separator: ";"),
      ].joined(separator: "|")
    }
  }

  func testAMsgFileAndItsOwnInternetHeadersAsAnEmlGiveTheSameFinding() throws {
    // A received copy that kept the headers it was sent with: saved from
    // Outlook as .eml, those headers are the message.
    let msg = PackagePaths.fixtures.appendingPathComponent(
      "outlook/msg/bbottema-outlook-message-parser/to-and-cc-multiple.msg")
    guard case .message(let item) = MsgReader.read(MemoryBytes(Array(try Data(contentsOf: msg))), path: msg.path) else {
      return XCTFail("the fixture is not read as a message")
    }
    let headers = try XCTUnwrap(item.message.transportHeaders)
    let folder = try temporaryFolder(self)
    let eml = folder.appendingPathComponent("exported.eml")
    try Data((headers.trimmingCharacters(in: .newlines) + "\r\n\r\nBody.\r\n").utf8).write(to: eml)

    let fromMsg = try findings(msg)
    XCTAssertEqual(fromMsg.count, 1)
    XCTAssertEqual(fromMsg, try findings(eml))
  }

  func testScanningAndCopyingEvidenceFromOutlookFilesChangesNoByteOfThem() throws {
    let folder = try temporaryFolder(self)
    let outlook = folder.appendingPathComponent("Outlook")
    try FileManager.default.copyItem(at: PackagePaths.fixtures.appendingPathComponent("outlook"), to: outlook)
    let before = try checksums(of: outlook)
    XCTAssertGreaterThan(before.count, 20)
    let index = try AuditIndex()
    let auditor = Auditor(index: index, policy: ExposurePolicy(internalDomains: ["sender.com"]), catalog: try testCatalog())
    let (_, analysis) = try auditor.scan(paths: [outlook.path], outlookFolders: .allMailFolders)
    XCTAssertGreaterThan(analysis.findings, 0)
    for incident in try index.incidents() {
      let detail = try XCTUnwrap(try index.incidentDetail(id: incident.id))
      let set = folder.appendingPathComponent("evidence-\(incident.id)")
      try EvidenceSetWriter().write(detail, into: set)
      XCTAssertTrue(try EvidenceVerifier().verify(set, sources: true).allMatch, incident.id)
    }
    XCTAssertEqual(try checksums(of: outlook), before, "an Outlook file was changed")
  }

  func testAPSTMessageTheSameMessageAsMsgAndAsEmlGiveTheSameIncident() throws {
    // The PST message is a real store's message grafted to three domains;
    // the .msg is its twin made by make_msg.py from the same properties
    // (read the same by extract-msg); the .eml is what its header says.
    let pst = PackagePaths.fixtures.appendingPathComponent("outlook/pst/graft-three-domains.pst")
    let msg = PackagePaths.fixtures.appendingPathComponent("outlook/msg-derived/graft-three-domains.msg")
    let eml = try temporaryFolder(self).appendingPathComponent("same.eml")
    try Data("""
      From: sender@sender.com
      To: receiver1@acme-corp.jp
      Cc: receiver2@globex.co.jp
      Bcc: receiver3@initech.info
      Subject: test mail(Aspose.Email Evaluation)
      Date: Mon, 06 Mar 2006 00:00:00 +0000

      Body.

      """.utf8).write(to: eml)
    func audited(_ path: URL) throws -> (findings: [String], incidents: [IncidentRow]) {
      let index = try AuditIndex()
      let auditor = Auditor(index: index, policy: ExposurePolicy(internalDomains: ["sender.com"]), catalog: try testCatalog())
      _ = try auditor.scan(paths: [path.path], outlookFolders: .allMailFolders)
      let findings = try index.report().findings.map {
        [
          String($0.dateEpoch ?? 0), $0.sender ?? "", $0.subject ?? "", $0.severity.rawValue, String($0.parties),
          String($0.visibleRecipients), $0.exposedAddresses.sorted().joined(separator: ";"),
        ].joined(separator: "|")
      }
      // Without a Message-ID the key (and so the incident id) is a hash of
      // the header block, which differs by form.
      return (findings, try index.incidents().map { var row = $0; row.id = ""; row.firstSeenRun = nil; return row })
    }
    let fromPST = try audited(pst)
    XCTAssertEqual(fromPST.findings.count, 1)
    XCTAssertEqual(fromPST.incidents.first?.people, 2, "Bcc is never exposed")
    XCTAssertEqual(try audited(msg).findings, fromPST.findings)
    XCTAssertEqual(try audited(msg).incidents, fromPST.incidents)
    XCTAssertEqual(try audited(eml).findings, fromPST.findings)
    XCTAssertEqual(try audited(eml).incidents, fromPST.incidents)
  }
}
