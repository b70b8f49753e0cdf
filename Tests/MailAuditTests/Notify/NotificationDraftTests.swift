import Foundation
import MailParsing
import XCTest

@testable import MailAudit

/// The drafts' MIME: headers that any reader decodes back to what was
/// meant, and templates that cannot slip in headers or typos.
final class NotificationDraftTests: XCTestCase {
  func person(_ address: String, _ name: String?) -> IncidentPerson {
    IncidentPerson(
      address: address, displayName: name, party: "x", personal: false, messages: [], seenByParties: [], seenBy: 0,
      seenByUnconfirmed: 0, followUp: nil, identifiesPerson: .yes, identifiabilityReason: .personName)
  }

  func drafts(_ template: String, mode: NotificationDrafts.Mode = .each) throws -> NotificationDrafts {
    NotificationDrafts(
      template: try DraftTemplate(text: template),
      facts: DraftFacts(
        organisation: "株式会社サンプル商事 \"本社\"", contact: "03-0000-0000", sender: "info@corp.example",
        messageSubject: "春のセミナーのご案内", messageDate: "2025年3月17日 9時00分"),
      mode: mode, catalog: try MessageCatalog.load(.japanese), zone: try ReportTimeZone(identifier: "Asia/Tokyo"),
      now: Date(timeIntervalSince1970: 1_741_651_200))
  }

  func testHeadersAreEncodedWordsOfAtMost75AndDecodeBack() throws {
    let long = String(repeating: "お詫びと削除のお願い", count: 8)
    let d = try drafts("From: {{sender}}\nTo: {{recipient}}\nSubject: \(long) {{message_subject}}\n\n{{greeting}}\n")
    let draft = try XCTUnwrap(d.make(for: [person("taro.yamada@acme.example", "山田 \"太郎\"")]).first)
    let text = String(decoding: draft.bytes, as: UTF8.self)
    let head = text.components(separatedBy: "\r\n\r\n")[0]
    for line in head.components(separatedBy: "\r\n") {
      XCTAssertLessThanOrEqual(line.utf8.count, 78, line)
      XCTAssertTrue(line.unicodeScalars.allSatisfy { $0.value < 0x80 }, line)
    }
    for word in head.split(whereSeparator: { $0 == " " || $0 == "\r" || $0 == "\n" }) where word.hasPrefix("=?") {
      XCTAssertLessThanOrEqual(word.count, 75, String(word))
    }
    XCTAssertTrue(head.contains("Date: Tue, 11 Mar 2025 09:00:00 +0900"), head)
    XCTAssertTrue(head.contains("X-Unsent: 1"))
    XCTAssertTrue(head.contains("Content-Transfer-Encoding: base64"))
    let headers = MessageHeaders(
      parsing: RawMessage(
        location: MessageLocation(format: .single, mailbox: "m", file: "m"),
        header: NotificationDrafts.headerBlock(draft.bytes)))
    XCTAssertEqual(headers.subject, "\(long) 春のセミナーのご案内")
    XCTAssertEqual(headers.to.first?.displayName, "山田 \"太郎\"")
    XCTAssertEqual(headers.from.first?.displayName, "株式会社サンプル商事 \"本社\"")
    XCTAssertEqual(headers.problems.count, 0)
    let body = String(decoding: try XCTUnwrap(Data(base64Encoded: text.components(separatedBy: "\r\n\r\n")[1], options: .ignoreUnknownCharacters)), as: UTF8.self)
    XCTAssertEqual(body, "山田 \"太郎\" 様\r\n")
  }

  func testTemplatesRefuseOtherHeadersUnknownPlaceholdersAndNoSubject() {
    XCTAssertThrowsError(try DraftTemplate(text: "Subject: a\nContent-Type: text/html\n\nb"))
    XCTAssertThrowsError(try DraftTemplate(text: "Subject: a\n\nDear {{recipent_name}}"))
    XCTAssertThrowsError(try DraftTemplate(text: "To: {{recipient}}\n\nbody"))
    XCTAssertNoThrow(try DraftTemplate(text: try DraftTemplate.builtInText(.japanese)))
    XCTAssertNoThrow(try DraftTemplate(text: try DraftTemplate.builtInText(.english)))
  }

  func testTheAuditFlagsAnyOtherExternalAddressEvenAtTheSameParty() throws {
    let catalog = try testCatalog()
    let people = [person("a@acme.example", nil), person("b@acme.example", nil)]
    // Same organisation: not an exposure for the analyzer, still not safe.
    let sameParty = try drafts("To: {{recipient}}, b@acme.example\nSubject: x\n\nb")
    // (b's own draft lists b twice, which shows nobody else.)
    XCTAssertEqual(
      sameParty.audit(sameParty.make(for: people), domains: catalog).map(\.file),
      [NotificationDraft.fileName(for: "a@acme.example")])
    let safe = try drafts("To: {{recipient}}\nCc: colleague@corp.example\nSubject: x\n\nb")
    XCTAssertEqual(safe.audit(safe.make(for: people), domains: catalog).count, 0)
    let bcc = try drafts("To: {{recipient}}\nSubject: x\n\nb", mode: .singleBcc)
    let made = bcc.make(for: people)
    XCTAssertEqual(made.count, 1)
    XCTAssertEqual(bcc.audit(made, domains: catalog).count, 0)
  }

  func testDraftFileNamesAreSafeAndDistinct() {
    let a = NotificationDraft.fileName(for: "a.b@x.example")
    let b = NotificationDraft.fileName(for: "a_b@x.example")
    XCTAssertNotEqual(a, b)
    XCTAssertTrue(a.hasPrefix("a.b_at_x.example-") && a.hasSuffix(".eml"))
    // The first four bytes of the address's SHA-256, as earlier builds
    // named the file: notification lists written before name it so.
    XCTAssertEqual(a, "a.b_at_x.example-d03bd558.eml")
    XCTAssertFalse(NotificationDraft.fileName(for: "\"../../etc\"@x.example").contains("/"))
  }
}
