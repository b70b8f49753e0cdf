import Foundation
import GRDB
import MailParsing
import XCTest

@testable import MailAudit

/// Whose mail a mailbox is: from the IMAP login, `--owner`, or a path
/// pattern; stored per mailbox and used to count and filter the reports.
final class MailboxOwnersTests: XCTestCase {
  func testAPatternReadsTheOwnerFromItsLevelAndMatchesMailboxesBelowIt() throws {
    let pattern = try OwnerPattern("/srv/mail/{owner}/Maildir")
    XCTAssertEqual(pattern.owner(of: "/srv/mail/alice/Maildir"), "alice")
    XCTAssertEqual(pattern.owner(of: "/srv/mail/alice/Maildir/.Sent"), "alice")
    XCTAssertNil(pattern.owner(of: "/srv/mail/alice"))
    XCTAssertNil(pattern.owner(of: "/srv/mailx/alice/Maildir"))
    let mbox = try OwnerPattern("/backup/{owner}.mbox")
    XCTAssertEqual(mbox.owner(of: "/backup/bob.mbox"), "bob")
    XCTAssertNil(mbox.owner(of: "/backup/.mbox"))
    XCTAssertThrowsError(try OwnerPattern("srv/{owner}"))
    XCTAssertThrowsError(try OwnerPattern("/srv/mail/Maildir"))
    XCTAssertThrowsError(try OwnerPattern("/srv/{owner}/{owner}"))
  }

  func testTheLoginOwnsAnIMAPFolderAndOwnerOptionWinsOverPatternsForPaths() throws {
    let patterns = [try OwnerPattern("/srv/mail/{owner}/Maildir")]
    let byPattern = MailboxOwners(patterns: patterns)
    XCTAssertEqual(byPattern.owner(of: "imap://hanako@mail.example.com/Sent"), "hanako")
    XCTAssertEqual(byPattern.owner(of: "/srv/mail/alice/Maildir/.Sent"), "alice")
    XCTAssertEqual(byPattern.owner(of: "/srv/mail/alice/../bob/Maildir"), "bob")
    XCTAssertNil(byPattern.owner(of: "/home/x/Sent.mbox"))
    XCTAssertNil(byPattern.owner(of: "imap://mail.example.com"))
    let named = MailboxOwners(owner: "carol", patterns: patterns)
    XCTAssertEqual(named.owner(of: "/srv/mail/alice/Maildir"), "carol")
    XCTAssertEqual(named.owner(of: "imap://hanako@mail.example.com/Sent"), "hanako")
  }

  func testTheConfigurationFileGivesPatternsAndRefusesBadOnes() throws {
    let file = try AuditConfiguration(toml: #"owners = ["/srv/mail/{owner}/Maildir"]"#, source: "t.toml")
    XCTAssertEqual(try file.mailboxOwners().owner(of: "/srv/mail/dave/Maildir"), "dave")
    XCTAssertEqual(try file.mailboxOwners(owner: "eve").owner(of: "/srv/mail/dave/Maildir"), "eve")
    XCTAssertThrowsError(try AuditConfiguration(toml: #"owners = ["/srv/mail/Maildir"]"#, source: "t.toml")) {
      XCTAssertTrue(($0 as? ConfigurationError)?.errorDescription?.contains("{owner}") == true, "\($0)")
    }
  }

  static func mbox(sender: String, exposing count: Int, from first: Int = 0) -> String {
    (first..<(first + count)).map { n in
      """
      From \(sender) Mon Jan  1 00:00:00 2024
      From: \(sender)
      To: a\(n)@acme.example, b\(n)@globex.example
      Subject: Note \(n)
      Date: Mon, 1 Jan 2024 10:00:\(String(format: "%02d", n % 60)) +0900
      Message-ID: <\(sender.prefix { $0 != "@" })-\(n)@corp.example>

      Body.


      """
    }.joined()
  }

  /// Two people's mboxes under /…/mail/{owner}/Sent.mbox, and one unowned.
  func organisation() throws -> (Auditor, URL) {
    let folder = try temporaryFolder(self)
    for (owner, count) in [("alice", 3), ("bob", 2)] {
      let box = folder.appendingPathComponent("mail/\(owner)")
      try FileManager.default.createDirectory(at: box, withIntermediateDirectories: true)
      try Data(Self.mbox(sender: "\(owner)@corp.example", exposing: count).utf8)
        .write(to: box.appendingPathComponent("Sent.mbox"))
    }
    try Data(Self.mbox(sender: "shared@sub.corp.example", exposing: 1).utf8)
      .write(to: folder.appendingPathComponent("shared.mbox"))
    let auditor = Auditor(
      index: try AuditIndex(), policy: ExposurePolicy(internalDomains: ["corp.example"]), catalog: try testCatalog())
    return (auditor, folder)
  }

  func testAPatternOwnsEachScannedMailboxAndTheTotalsCountByOwnerAndSenderDomain() throws {
    let (auditor, folder) = try organisation()
    let owners = MailboxOwners(patterns: [try OwnerPattern(folder.path + "/mail/{owner}")])
    let (result, analysis) = try auditor.scan(paths: [folder.path], owners: owners)
    XCTAssertEqual(result.counts.newMessages, 6)
    XCTAssertEqual(
      try auditor.sqlite.mailboxOwners(),
      [folder.path + "/mail/alice/Sent.mbox": "alice", folder.path + "/mail/bob/Sent.mbox": "bob"])
    let totals = try XCTUnwrap(try auditor.index.organisationTotals())
    XCTAssertEqual(totals.owners.map(\.owner), ["alice", "bob"])
    XCTAssertEqual(totals.owners.map(\.findings), [3, 2])
    XCTAssertEqual(totals.owners.map(\.messages), [3, 2])
    XCTAssertEqual(totals.messagesWithoutOwner, 1)
    XCTAssertEqual(totals.senderDomains.map(\.domain), ["corp.example", "sub.corp.example"])
    XCTAssertEqual(totals.senderDomains.map(\.findings), [5, 1])
    let summary = try auditor.summary(scan: result, analysis: analysis, reports: [])
    XCTAssertEqual(summary.organisation, totals)
    let json = summary.jsonLine()
    XCTAssertTrue(json.contains(#""findings_by_owner":[{"findings":3,"incidents":"#), json)
    XCTAssertTrue(json.contains(#""messages_without_owner":1"#), json)
    let text = summary.text(try MessageCatalog.english())
    XCTAssertTrue(text.contains("Exposures by owner: alice 3, bob 2."), text)
    XCTAssertTrue(text.contains("Exposures by sender domain: corp.example 5, sub.corp.example 1."), text)
  }

  func testAnIndexWithoutOwnersKeepsItsSummaryAsItWas() throws {
    let (auditor, folder) = try organisation()
    let (result, analysis) = try auditor.scan(paths: [folder.path])
    XCTAssertNil(try auditor.index.organisationTotals())
    let summary = try auditor.summary(scan: result, analysis: analysis, reports: [])
    XCTAssertNil(summary.organisation)
    XCTAssertFalse(summary.jsonLine().contains("owner"))
    XCTAssertFalse(summary.text(try MessageCatalog.english()).contains("owner"))
  }

  func testAReportForOneOwnerHoldsOnlyTheirFindingsAddressesAndIncidents() throws {
    let (auditor, folder) = try organisation()
    _ = try auditor.scan(paths: [folder.appendingPathComponent("mail/alice").path], owners: MailboxOwners(owner: "alice"))
    _ = try auditor.scan(paths: [folder.appendingPathComponent("mail/bob").path], owners: MailboxOwners(owner: "bob"))
    let all = try auditor.index.report()
    let bob = try auditor.index.report(owner: "bob")
    XCTAssertEqual(bob.findings.map(\.messageKey), ["bob-0@corp.example", "bob-1@corp.example"])
    XCTAssertEqual(bob.exposedAddresses.map(\.address), ["a0@acme.example", "a1@acme.example", "b0@globex.example", "b1@globex.example"])
    XCTAssertTrue(bob.exposedAddresses.allSatisfy { $0.messages == 1 })
    XCTAssertEqual(Set(bob.incidents.map(\.id)), Set(bob.findings.map(\.incidentID)))
    XCTAssertEqual(bob.totals.findings, 2)
    XCTAssertEqual(bob.totals.messages, 2)
    XCTAssertEqual(all.totals.findings, 5)
    // a0@acme.example was exposed by alice and by bob: each counts their own.
    XCTAssertEqual(all.exposedAddresses.first { $0.address == "a0@acme.example" }?.messages, 2)
    XCTAssertEqual(try auditor.index.report(owner: nil).findings, all.findings)
    XCTAssertThrowsError(try auditor.index.report(owner: "mallory")) {
      XCTAssertEqual($0 as? OwnerFilterError, .unknownOwner("mallory", known: ["alice", "bob"]))
    }
  }
}
